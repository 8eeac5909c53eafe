"""HTML and Excel reports: self-contained, complete, equal to the JSON, and written all or nothing."""

from __future__ import annotations

import copy
import io
import json
import re
from html.parser import HTMLParser

import numpy as np
import pytest

from lcacompare.analysis.document import result_document
from lcacompare.i18n import translator
from lcacompare.report.render import render_reports
from lcacompare.report.vocabulary import vocabulary
from lcacompare.report.xlsx import SHEETS
from lcacompare.result.transparency import TRANSPARENCY_ITEMS

ALL_CHARTS = {"co2e-by-module", "cost-by-category", "breakeven", "uncertainty", "tornado-reusable-vs-single-use"}


def _summary(a) -> dict:
    return {
        "mean": float(np.mean(a)),
        "sd": float(np.std(a)),
        "median": float(np.median(a)),
        "p2_5": float(np.percentile(a, 2.5)),
        "p97_5": float(np.percentile(a, 97.5)),
    }


def _tornado_entry(name: str, low: float, high: float, base: float = 0.0) -> dict:
    return {
        "input": name,
        "label": f"parameter {name}",
        "unit": "",
        "input_low": 0.9,
        "input_high": 1.1,
        "output_base": base,
        "output_low": low,
        "output_high": high,
        "swing": abs(high - low),
    }


def sensitivity_section(targets: dict) -> dict:
    """A ``sensitivity`` section in the schema's shape, ``targets`` giving each target's tornado entries."""
    empty = {"kg_co2e_per_use": [], "eur_per_use": []}
    return {
        "seed": 11,
        "inputs": 2,
        "percentiles": [5.0, 95.0],
        "sobol_samples": 512,
        "sobol_inputs": None,
        "sobol_screening": "all inputs varied",
        "evaluations": {"tornado": 5},
        "tornado": {t: {**empty, **outputs} for t, outputs in targets.items()},
        "sobol": {},
        "top_contributors": {
            t: {m: [e["label"] for e in entries] for m, entries in {**empty, **outputs}.items()}
            for t, outputs in targets.items()
        },
        "top_contributors_by": "tornado swing",
    }


def add_optional_sections(doc: dict) -> tuple[dict, dict]:
    """Synthetic break-even, annual, uncertainty and sensitivity sections in the schema's shapes."""
    doc = copy.deepcopy(doc)
    base = next(o for o in doc["options"] if o["id"] == doc["baseline"])
    alt = next(o for o in doc["options"] if o["id"] != doc["baseline"])
    ns = [1.0, 2.0, 5.0, 10.0, 50.0, 100.0, 500.0, 1000.0]
    doc["breakeven"] = {
        alt["id"]: {
            "baseline": base["id"],
            "uses_per_life_case": 500.0,
            "uses_cost": 3.2,
            "uses_co2e": 12.5,
            "status_cost": "breaks-even",
            "status_co2e": "breaks-even",
            "baseline_eur_per_use": base["eur_per_use"],
            "baseline_kg_co2e_per_use": base["kg_co2e_per_use"],
            "uses_per_life_searched_max": 1e6,
            "curve": [
                {"uses_per_life": n, "eur_per_use": alt["eur_per_use"] + 5 / n, "kg_co2e_per_use": 0.02 + 0.6 / n}
                for n in ns
            ],
        }
    }
    doc["annual"] = {
        "annual_uses": 1000.0,
        "baseline": base["id"],
        "basis": "eur_per_year = levelised eur_per_use x annual_uses",
        "options": {
            o["id"]: {
                "eur_per_year": o["eur_per_use"] * 1000,
                "kg_co2e_per_year": o["kg_co2e_per_use"] * 1000,
                "eur_saving_per_year_vs_baseline": (base["eur_per_use"] - o["eur_per_use"]) * 1000,
                "kg_co2e_saving_per_year_vs_baseline": (base["kg_co2e_per_use"] - o["kg_co2e_per_use"]) * 1000,
            }
            for o in doc["options"]
        },
    }
    rng = np.random.default_rng(5)
    key = f"{alt['id']}-vs-{base['id']}"
    co2e = alt["kg_co2e_per_use"] - base["kg_co2e_per_use"] + 0.01 * rng.standard_normal(2000)
    eur = alt["eur_per_use"] - base["eur_per_use"] + 0.3 * rng.standard_normal(2000)
    doc["uncertainty"] = {
        "method": doc["method"],
        "seed": 11,
        "samples": 2000,
        "baseline": base["id"],
        "assertion_threshold": 0.95,
        "assertion_min_samples": 0,
        "background": "fixed",
        "inputs": [],
        "options": {
            o["id"]: {
                "kg_co2e_per_use": _summary(np.full(3, o["kg_co2e_per_use"])),
                "eur_per_use": _summary(np.full(3, o["eur_per_use"])),
            }
            for o in doc["options"]
        },
        "differences": {
            key: {
                "alternative": alt["id"],
                "baseline": base["id"],
                "kg_co2e_per_use": _summary(co2e),
                "eur_per_use": _summary(eur),
                "probability_lower_co2e": 0.97,
                "probability_lower_cost": 0.80,
                "verdict_co2e": "lower",
                "verdict_cost": "no significant difference",
            }
        },
    }
    doc["sensitivity"] = sensitivity_section(
        {
            key: {
                "kg_co2e_per_use": [
                    _tornado_entry("steriliser_kwh_per_cycle", 0.01, 0.02),
                    _tornado_entry("clamp_mass", 0.014, 0.016),
                ]
            }
        }
    )
    return doc, {key: {"kg_co2e_per_use": co2e, "eur_per_use": eur}}


@pytest.fixture(scope="module")
def compiled_and_doc(clamp_case, test_datasets, home):
    from lcacompare.analysis.inputs import inputs_section
    from lcacompare.engine import compare, prepare

    prepared = prepare(clamp_case, datasets=test_datasets, home=home)
    doc = result_document(compare(clamp_case, prepared=prepared))
    doc["inputs"] = inputs_section(prepared.compiled)
    return prepared.compiled, doc


@pytest.fixture(scope="module")
def full(compiled_and_doc):
    from lcacompare.analysis.transparency import transparency_section

    compiled, plain = compiled_and_doc
    doc, samples = add_optional_sections(plain)
    doc["transparency"] = transparency_section(compiled, doc)
    return doc, render_reports(doc, samples)


@pytest.fixture(scope="module")
def minimal(compiled_and_doc):
    _, plain = compiled_and_doc
    doc = {k: v for k, v in plain.items() if k != "inputs"}
    return doc, render_reports(doc)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def parse(files) -> _Collector:
    parser = _Collector()
    parser.feed(files["report.html"].decode("utf-8"))
    return parser


def test_html_loads_no_external_resource(full):
    page = parse(full[1])
    remote = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
    for tag, attrs in page.tags:
        assert tag not in {"link", "script", "iframe", "object", "embed", "img", "base"}, tag
        for name in ("src", "href", "xlink:href", "data", "action", "poster", "srcset"):
            value = attrs.get(name) or ""
            if remote.match(value):
                assert (tag, name) == ("a", "href"), f"<{tag} {name}={value!r}> loads a remote resource"
    css = " ".join(page.styles)
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_html_cites_source_urls_as_plain_links_only(full):
    links = [attrs["href"] for tag, attrs in parse(full[1]).tags if tag == "a" and attrs.get("href")]
    assert all(link.startswith(("http://", "https://", "#")) for link in links)


def test_html_draws_every_chart_when_the_result_has_the_sections(full):
    charts = {attrs["data-chart"] for tag, attrs in parse(full[1]).tags if tag == "svg" and "data-chart" in attrs}
    assert charts == ALL_CHARTS


def test_html_leaves_out_sections_the_result_does_not_have(minimal):
    page = parse(minimal[1])
    charts = {attrs["data-chart"] for tag, attrs in page.tags if tag == "svg" and "data-chart" in attrs}
    assert charts == {"co2e-by-module", "cost-by-category"}
    sections = {attrs.get("id") for tag, attrs in page.tags if tag == "section"}
    assert sections.isdisjoint({"breakeven", "uncertainty", "sensitivity", "inputs", "transparency"})
    assert "not tested for significance (no uncertainty analysis)" in minimal[1]["report.html"].decode()


def test_html_ids_are_unique_across_inline_charts(full):
    ids = [attrs["id"] for _, attrs in parse(full[1]).tags if attrs.get("id")]
    assert len(ids) == len(set(ids))


def test_html_has_every_transparency_item(full):
    page = parse(full[1])
    ids = {attrs.get("id") for tag, attrs in page.tags if tag == "dt"}
    assert ids == {f"iso-{key}" for key in TRANSPARENCY_ITEMS}
    text = full[1]["report.html"].decode()
    for title in TRANSPARENCY_ITEMS.values():
        assert f">{title}</dt>" in text


def test_html_flags_every_assumption_in_the_inputs_table(full):
    doc, files = full
    section = files["report.html"].decode().split('<section id="inputs">')[1].split("</section>")[0]
    flagged = section.count('class="assumption"')
    expected = sum(1 for r in doc["inputs"] if r.get("assumption") and not r.get("source"))
    assert expected > 0 and flagged == expected


def test_html_verdict_uses_the_method_wording(full, minimal):
    text = full[1]["report.html"].decode()
    verdict = text.split('<li class="buyer-line"')[1].split("</li>")[0]
    assert "lower CO2e (P = 97 %)" in verdict
    assert "probably cheaper (P = 80 %), not significant at the method&#39;s 95 %" in verdict
    plain = minimal[1]["report.html"].decode().split('<li class="buyer-line"')[1].split("</li>")[0]
    assert "lower CO2e (P" not in plain and "no claim that either is lower" in plain


def test_histogram_is_drawn_from_the_samples_when_given(full, compiled_and_doc):
    from lcacompare.report.charts import difference_svg
    from lcacompare.result import Result

    doc, samples = add_optional_sections(compiled_and_doc[1])
    differences = Result.model_validate(doc).uncertainty.differences
    assert ">samples<" in difference_svg("u", differences, samples, "with samples")
    assert ">samples<" not in difference_svg("u", differences, None, "intervals only")
    assert ">samples<" in full[1]["report.html"].decode()


def excel(value: float):
    """Excel keeps 15 significant digits: the workbook equals the JSON to that precision."""
    return pytest.approx(value, rel=1e-14, abs=1e-300)


def _sheet_records(ws, header_row: int = 1) -> list[dict]:
    header = [c.value for c in ws[header_row]]
    records = []
    for row in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if row[0] is None:
            break
        records.append(dict(zip(header, row, strict=False)))
    return records


@pytest.fixture(scope="module")
def workbook(full):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(full[1]["report.xlsx"]))


def test_workbook_has_a_sheet_per_view(workbook):
    assert set(workbook.sheetnames) == set(SHEETS.values())


def test_workbook_numbers_equal_the_json(full, workbook):
    doc = json.loads(json.dumps(full[0]))
    options = {o["id"]: o for o in doc["options"]}
    ws = workbook[SHEETS["summary"]]
    header_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Option")
    summary = {r["Option"]: r for r in _sheet_records(ws, header_row)}
    assert set(summary) == set(options)
    for oid, option in options.items():
        assert summary[oid]["CO2e (kg CO2e per use)"] == excel(option["kg_co2e_per_use"])
        assert summary[oid]["Cost (EUR per use)"] == excel(option["eur_per_use"])
        assert summary[oid]["Expected uses per item (uses)"] == excel(option["expected_uses"])
    modules = {r["Option"]: r for r in _sheet_records(workbook[SHEETS["modules"]])}
    categories = {r["Option"]: r for r in _sheet_records(workbook[SHEETS["categories"]])}
    for oid, option in options.items():
        for module, value in option["kg_co2e_by_module"].items():
            column = next(k for k in modules[oid] if k.startswith(f"{module} (kg CO2e per use"))
            assert modules[oid][column] == excel(value)
        for category, value in option["eur_by_category"].items():
            title = vocabulary(translator("en")).categories[category]
            assert categories[oid][f"{title} (EUR per use)"] == excel(value)
        assert categories[oid]["Total (EUR per use)"] == excel(option["eur_per_use"])
    breakeven = {r["Option"]: r for r in _sheet_records(workbook[SHEETS["breakeven"]])}
    for oid, entry in doc["breakeven"].items():
        assert breakeven[oid]["Break-even on cost (uses per item)"] == excel(entry["uses_cost"])
        assert breakeven[oid]["Break-even on CO2e (uses per item)"] == excel(entry["uses_co2e"])
    uncertainty = _sheet_records(workbook[SHEETS["uncertainty"]], header_row=4)
    for key, diff in doc["uncertainty"]["differences"].items():
        row = next(
            r for r in uncertainty if r["Option or difference"] == key and r["Quantity (unit)"].startswith("kg_co2e")
        )
        assert row["Median"] == excel(diff["kg_co2e_per_use"]["median"])
        assert row["Probability lower"] == excel(diff["probability_lower_co2e"])
    inputs = _sheet_records(workbook[SHEETS["inputs"]])
    assert [r["Value"] for r in inputs] == [excel(r["value"]) for r in doc["inputs"]]


def test_workbook_stores_numbers_as_numbers_with_units_in_headers(workbook):
    ws = workbook[SHEETS["modules"]]
    header = [c.value for c in ws[1]]
    assert all("(" in h and "kg CO2e per use" in h for h in header[1:])
    cells = [c.value for row in ws.iter_rows(min_row=2, min_col=2) for c in row]
    assert cells and all(isinstance(v, int | float) and not isinstance(v, bool) for v in cells)


def test_failed_render_leaves_previous_reports_untouched(tmp_path, full, monkeypatch):
    from lcacompare.report import charts
    from lcacompare.report.writer import write_atomically

    doc, files = full
    folder = tmp_path / doc["case"]["id"]
    write_atomically(folder, {**files, "result.json": b"{}"})
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken(*args, **kwargs):
        raise RuntimeError("chart failed")

    monkeypatch.setattr(charts, "stacked_bars_svg", broken)
    with pytest.raises(RuntimeError, match="chart failed"):
        write_atomically(folder, {**render_reports(doc), "result.json": b'{"new": true}'})
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_sensitivity_of_the_uncertainty_module_shape_gives_one_tornado_per_difference(compiled_and_doc):
    from lcacompare.report.html import render_html
    from lcacompare.report.sensitivity_view import sobol_rows, tornado_tables

    doc = copy.deepcopy(compiled_and_doc[1])
    key = "reusable-vs-single-use"

    doc["sensitivity"] = sensitivity_section(
        {
            "single-use": {"kg_co2e_per_use": [_tornado_entry("clamp_mass", 0.1, 0.2)]},
            key: {
                "kg_co2e_per_use": [_tornado_entry("clamp_mass", -0.3, -0.1)],
                "eur_per_use": [_tornado_entry("price", -1.0, 0.5)],
            },
        }
    )
    sobol = {"input": "clamp_mass", "label": "parameter clamp_mass", "S1": 0.9, "S1_conf": 0.01, "ST": 0.95}
    doc["sensitivity"]["sobol"] = {key: {"kg_co2e_per_use": [{**sobol, "ST_conf": 0.01}], "eur_per_use": []}}
    tables = tornado_tables(doc["sensitivity"])
    assert list(tables) == [key]
    assert {r["input"] for r in tables[key]} == {"parameter clamp_mass", "parameter price"}
    assert sobol_rows(doc["sensitivity"], main_targets=True)[0]["ST"] == 0.95
    page = _Collector()
    page.feed(render_html(doc))
    charts = {attrs["data-chart"] for tag, attrs in page.tags if tag == "svg" and "data-chart" in attrs}
    assert f"tornado-{key}" in charts and "tornado-single-use" not in charts


def test_the_report_rendered_from_a_prepared_context_is_the_report(home) -> None:
    from lcacompare import load_case
    from lcacompare.data import shipped_case
    from lcacompare.report.html import render_html, render_report_page, report_context
    from lcacompare.run import analyse

    with shipped_case("kocher-clamp") as path:
        analysis = analyse(load_case(path), samples=1000, seed=3, home=home)
    context = report_context(analysis.result, analysis.samples)
    assert render_report_page(context) == render_html(analysis.result, analysis.samples)
