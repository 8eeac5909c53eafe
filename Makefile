# lcacompare: the two README commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)

.PHONY: demo test lint bench reports screenshot serve browser clean-cache

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,dask]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## demo: create the environment if needed and compare the shipped Kocher clamp case (writes reports/kocher-clamp/)
demo: $(STAMP)
	$(VENV)/bin/lcacompare run kocher-clamp --sobol --output reports

## browser: install Debian's Chromium when missing (the web app's browser test drives /usr/bin/chromium)
browser:
	test -x /usr/bin/chromium || apt-get install -y chromium || (apt-get update && apt-get install -y chromium)

## serve: start the web app at http://127.0.0.1:8765
serve: $(STAMP)
	$(VENV)/bin/lcacompare serve

## test: install what the tests need (the browser too), then ruff, mypy and the tests with the package's doctests (benchmarks excluded)
test: $(STAMP) browser
	$(PY) -m ruff check lcacompare tests
	$(PY) -m mypy
	$(PY) -m pytest -q

## bench: run the benchmarks (pytest-benchmark) and print the speed-up ratios
bench: $(STAMP)
	$(PY) -m pytest tests/benchmarks -q -s -o addopts="" --benchmark-only -p no:randomly

## reports: regenerate the committed example reports of every shipped case into examples/ (make demo writes
## into reports/, which git ignores, so a demo never rewrites committed files)
reports: $(STAMP)
	for case in lcacompare/data/cases/*.yaml; do $(VENV)/bin/lcacompare run $$case --sobol --output examples || exit 1; done

lint: $(STAMP)
	$(PY) -m ruff check lcacompare tests
	$(PY) -m ruff format --check lcacompare tests

## screenshot: render reports/$(CASE)/report.html in headless Chromium (installed if missing) -> reports/$(CASE)/screenshot.png
CASE ?= kocher-clamp
screenshot: $(STAMP)
	$(VENV)/bin/lcacompare run $(CASE) --sobol --output reports
	$(MAKE) browser
	profile=$$(mktemp -d) && /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	  --disable-component-update --disable-sync --no-first-run --user-data-dir=$$profile \
	  --screenshot=$(CURDIR)/reports/$(CASE)/screenshot.png --window-size=1280,4000 \
	  file://$(CURDIR)/reports/$(CASE)/report.html 2>/dev/null; status=$$?; rm -rf $$profile; exit $$status
