"""End to end in a real browser: Playwright driving Debian's Chromium against a live server.

Fails (never skips) when /usr/bin/chromium is missing: ``make test`` and ``.ci/run`` install it.
Screenshots of every step go to a temporary folder (printed; kept as test artefacts, not committed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from web_live import live_server

from lcacompare.report.formatting import eur, significant
from lcacompare.web.cases import shipped_text

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SAMPLES, SEED = "300", "5"


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("LCACOMPARE_SCREENSHOTS") or tempfile.mkdtemp(prefix="lcacompare-web-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "the browser test needs Debian's chromium at /usr/bin/chromium (make browser)"
    with live_server(tmp_path_factory.mktemp("workspace")) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(120_000)
        yield base, page
        browser.close()


def cli_result(case_file: Path, output: Path) -> dict:
    code = "from lcacompare.cli import main; main()"
    args = ["run", str(case_file), "--samples", SAMPLES, "--seed", SEED, "-o", str(output), "--format", "json"]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, check=True)
    return json.loads(done.stdout)


def test_edit_run_and_download_show_the_command_line_numbers(browser_page, shots, tmp_path):
    base, page = browser_page
    page.goto(base + "/")
    page.screenshot(path=shots / "1-home.png", full_page=True)
    page.click("#shipped-cases a[href^='/cases/kocher-clamp']")
    assert "Kocher" in page.inner_text("#case-title")
    page.screenshot(path=shots / "2-case.png", full_page=True)

    page.fill("#param-su_clamp_mass", "70 g")
    page.click("#save")
    page.wait_for_url("**/workspace/*")
    assert page.input_value("#param-su_clamp_mass") == "70 g"
    with page.expect_download() as yaml_download:
        page.click("#download-yaml")
    case_file = tmp_path / "edited.yaml"
    yaml_download.value.save_as(case_file)

    page.fill("#samples", SAMPLES)
    page.fill("#seed", SEED)
    page.click("#run")
    page.wait_for_url("**/jobs/*")
    page.screenshot(path=shots / "3-progress.png", full_page=True)
    page.wait_for_url("**/runs/*", timeout=300_000)
    page.wait_for_selector("#per-use")
    page.screenshot(path=shots / "4-results.png", full_page=True)

    expected = cli_result(case_file, tmp_path / "reports")
    for option in expected["options"]:
        row = page.locator(f"#per-use tr[data-option='{option['id']}']")
        co2e, cost = row.locator("td.co2e"), row.locator("td.cost")
        assert float(co2e.get_attribute("data-value")) == option["kg_co2e_per_use"]
        assert float(cost.get_attribute("data-value")) == option["eur_per_use"]
        assert co2e.inner_text() == significant(option["kg_co2e_per_use"])
        assert cost.inner_text() == eur(option["eur_per_use"])

    with page.expect_download() as xlsx_download:
        page.click("#download-xlsx")
    workbook_file = tmp_path / "report.xlsx"
    xlsx_download.value.save_as(workbook_file)
    workbook = openpyxl.load_workbook(workbook_file)
    assert workbook.sheetnames
    cells = {str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {o["id"] for o in expected["options"]} <= cells


def test_broken_upload_shows_the_problem_next_to_its_field(browser_page, shots, tmp_path):
    base, page = browser_page
    broken = tmp_path / "broken.yaml"
    broken.write_text(shipped_text("kocher-clamp").replace("value: 85 g", "value: -85 g"), encoding="utf-8")
    page.goto(base + "/")
    page.set_input_files("#file", str(broken))
    page.click("form.upload button[type=submit]")
    page.wait_for_url("**/workspace/*")
    page.screenshot(path=shots / "5-broken-upload.png", full_page=True)
    field = page.locator("#field-parameters-reusable_clamp_mass")
    problem = field.locator("li.problem")
    assert problem.count() >= 1
    assert problem.first.get_attribute("data-field") == "parameters.reusable_clamp_mass.value"
    assert page.locator("#run").is_disabled()


def test_language_choice_is_passed_through(browser_page, shots):
    base, page = browser_page
    page.goto(base + "/")
    page.select_option("#lang", "nl")
    page.click("form.lang button")
    page.wait_for_url("**lang=nl**")
    assert page.get_attribute("html", "lang") == "nl"
    assert "lang=nl" in (page.get_attribute("#shipped-cases a", "href") or "")
    page.screenshot(path=shots / "6-lang-nl.png", full_page=True)


def _filled_workbook(path: Path) -> Path:
    """A request for the Kocher clamp's reusable option, filled with the case's own figures."""
    import datetime as dt

    from lcacompare.exchange.answers import DeclaredFootprint, Supplier, answers_from_case
    from lcacompare.exchange.request import build_request
    from lcacompare.exchange.template import template_digest
    from lcacompare.web.cases import parse_text

    text = shipped_text("kocher-clamp") or ""
    case = parse_text(text).case
    supplier = Supplier(
        company="Acme Surgical NV", contact="An Peeters", email="an@acme.example", date=dt.date(2026, 3, 2)
    )
    answers = answers_from_case(case, "reusable-cssd", supplier, request_digest=template_digest(text, "reusable-cssd"))
    answers = answers.model_copy(
        update={"declared": DeclaredFootprint(kg_co2e=0.05, per="use", modules=("A1-A3", "A4", "B", "C"))}
    )
    path.write_bytes(build_request(text, case, "reusable-cssd", answers=answers))
    return path


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_supplier_workbook_round_trip_in_the_browser(browser_page, shots, tmp_path, lang):
    base, page = browser_page
    page.goto(f"{base}/cases/kocher-clamp?lang={lang}")
    page.click("#supplier-link")
    page.wait_for_url("**/cases/kocher-clamp/supplier**")
    with page.expect_download() as request_download:
        page.click("#download-request")
    blank = tmp_path / "request.xlsx"
    request_download.value.save_as(blank)
    page.set_input_files("#workbook", str(blank))
    page.click("#import")
    page.wait_for_selector("#import-problems")
    first = page.locator("#import-problems tr.problem").first
    sheet = "Leverancier" if lang == "nl" else "Supplier"  # the request is in the page's language
    assert (first.get_attribute("data-sheet"), first.get_attribute("data-cell")) == (sheet, "C4")
    page.screenshot(path=shots / f"7-supplier-problems-{lang}.png", full_page=True)

    page.set_input_files("#workbook", str(_filled_workbook(tmp_path / "filled.xlsx")))
    page.click("#import")
    page.wait_for_url("**/workspace/*")
    assert "Kocher" in page.inner_text("#case-title")
    page.screenshot(path=shots / f"8-imported-case-{lang}.png", full_page=True)
    page.click("#declared-link")
    page.wait_for_selector("#declared")
    assert page.locator("#declared tr[data-option='reusable-cssd']").count() == 1
    page.screenshot(path=shots / f"9-declared-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_portfolio_run_follows_its_progress_to_the_targets(browser_page, shots, lang):
    base, page = browser_page
    page.goto(f"{base}/?lang={lang}")
    page.click("#portfolios-link")
    page.wait_for_selector("#shipped-portfolios")
    page.screenshot(path=shots / f"10-portfolios-{lang}.png", full_page=True)
    page.click("#shipped-portfolios tr[data-portfolio='example-hospital'] button")
    page.wait_for_url("**/portfolio-runs/*", timeout=300_000)  # progress.js follows the job's location
    page.wait_for_selector("#targets")
    assert page.locator("#targets tr[data-target='reusable-2026-lines']").count() == 1
    assert page.locator("#lines tr[data-line]").count() == 200
    page.screenshot(path=shots / f"11-portfolio-run-{lang}.png", full_page=False)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_award_runs_as_a_job_and_shows_the_statement_in_the_page_language(browser_page, shots, lang):
    base, page = browser_page
    page.goto(f"{base}/tenders?lang={lang}")
    page.click("#tenders tr[data-tender='kocher-clamp-tender'] button")
    page.wait_for_url("**/awards/*", timeout=300_000)
    statement = page.inner_text("#robustness")
    assert statement.startswith("De gunning aan" if lang == "nl" else "The award to")
    page.screenshot(path=shots / f"12-award-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["nl"])
def test_results_page_in_dutch(browser_page, shots, lang):
    base, page = browser_page
    page.goto(f"{base}/cases/kocher-clamp?lang={lang}")
    page.fill("#samples", SAMPLES)
    page.fill("#seed", SEED)
    page.click("#run")
    page.wait_for_url("**/runs/*", timeout=300_000)
    row = page.locator("#per-use tr").nth(1)
    value = float(row.locator("td.cost").get_attribute("data-value"))
    assert row.locator("td.cost").inner_text() == eur(value, lang="nl")
    page.screenshot(path=shots / f"13-results-{lang}.png", full_page=False)
