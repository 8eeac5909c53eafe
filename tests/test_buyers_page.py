"""The buyer's first page, the one formatting rule, readable labels and units, and the workbook for buyers."""

from __future__ import annotations

import copy
import io
import json
import math
import re
from pathlib import Path

import pytest

from lcacompare.report.buyers_page import buyers_page, data_quality
from lcacompare.report.formatting import eur, excel_number_format, probability, significant, uses
from lcacompare.report.labels import input_title, pretty_unit, readable_key
from lcacompare.result import as_result

EXPECTED = Path(__file__).parent / "data" / "expected"


@pytest.fixture(scope="module")
def kocher() -> dict:
    """The stored result of the shipped Kocher clamp case (the numbers ``test_numbers_unchanged`` guards)."""
    doc = json.loads((EXPECTED / "kocher-clamp.json").read_text(encoding="utf-8"))
    doc["schema"] = "lcacompare.result/2"  # the stored copy predates the schema id; its numbers are the same
    as_result(doc)
    return doc


def _line(doc: dict, option: str, lang: str = "en"):
    return next(line for line in buyers_page(doc, 0.95, lang).lines if line.option == option)


def test_first_page_sentence_in_english_carries_the_result_json_numbers(kocher):
    options = {o["id"]: o for o in kocher["options"]}
    base, cssd = options["single-use"], options["reusable-cssd"]
    annual = kocher["annual"]["options"]["reusable-cssd"]
    sentence = _line(kocher, "reusable-cssd").sentence
    assert sentence.startswith(f"{cssd['title']} instead of {base['title']}: ")
    assert f"EUR {eur(base['eur_per_use'] - cssd['eur_per_use'])[4:]} less" in sentence
    assert f"{significant(base['kg_co2e_per_use'] - cssd['kg_co2e_per_use'])} kg CO2e less per use" in sentence
    assert "at 10,000 uses a year" in sentence
    assert f"{eur(annual['eur_saving_per_year_vs_baseline'])} less" in sentence
    assert f"{significant(annual['kg_co2e_saving_per_year_vs_baseline'] / 1000)} t CO2e less a year" in sentence
    n_cost = math.ceil(kocher["breakeven"]["reusable-cssd"]["uses_cost"])
    assert f"cost break-even after {n_cost} uses per item" in sentence
    diff = kocher["uncertainty"]["differences"]["reusable-cssd-vs-single-use"]
    assert f"lower CO2e (P = {probability(diff['probability_lower_co2e'])})" in sentence
    assert f"cheaper (P = {probability(diff['probability_lower_cost'])})" in sentence


def test_first_page_sentence_in_dutch_uses_dutch_words_and_number_formats(kocher):
    sentence = _line(kocher, "reusable-cssd", "nl").sentence
    annual = kocher["annual"]["options"]["reusable-cssd"]
    assert " in plaats van " in sentence
    assert "EUR 1,01 minder" in sentence and "per gebruik" in sentence
    assert "bij 10.000 gebruiken per jaar" in sentence
    assert f"{eur(annual['eur_saving_per_year_vs_baseline'], 'nl')} minder" in sentence
    assert "terugverdienpunt kosten na 28 gebruiken per stuk" in sentence
    assert "goedkoper (P = 99 %)" in sentence


@pytest.mark.parametrize(
    ("p_cheaper", "expected"),
    [
        (0.33, "probably dearer (P = 67 %), not significant at the method's 95 %"),
        (0.79, "probably cheaper (P = 79 %), not significant at the method's 95 %"),
        (0.06, "probably dearer (P = 94 %), not significant at the method's 95 %"),
    ],
)
def test_uncertain_cases_are_worded_honestly_between_the_thresholds(kocher, p_cheaper, expected):
    doc = copy.deepcopy(kocher)
    diff = doc["uncertainty"]["differences"]["reusable-cssd-vs-single-use"]
    diff["probability_lower_cost"] = p_cheaper
    diff["verdict_cost"] = "no significant difference"
    sentence = _line(doc, "reusable-cssd").sentence
    assert expected in sentence
    assert "cheaper (P = 99 %)" not in sentence


def test_dutch_honest_wording_says_probably_dearer(kocher):
    doc = copy.deepcopy(kocher)
    diff = doc["uncertainty"]["differences"]["reusable-cssd-vs-single-use"]
    diff["probability_lower_cost"], diff["verdict_cost"] = 0.33, "no significant difference"
    assert "waarschijnlijk duurder (P = 67 %), niet significant" in _line(doc, "reusable-cssd", "nl").sentence


def test_without_uncertainty_the_page_claims_nothing(kocher):
    doc = {k: v for k, v in kocher.items() if k not in ("uncertainty", "sensitivity")}
    sentence = _line(doc, "reusable-cssd").sentence
    assert "not tested for significance" in sentence
    assert "(P =" not in sentence


def test_data_quality_box_counts_inputs_and_shares_by_contribution(kocher):
    quality = data_quality(kocher)
    rows = kocher["inputs"]
    assumed = sum(1 for r in rows if r["assumption"] and not r["source"])
    assert (quality.inputs_sourced, quality.inputs_assumed) == (len(rows) - assumed, assumed)
    for option in kocher["options"]:
        total = sum(abs(line["kg_co2e_per_use"]) for line in option["lines"])
        weak = sum(abs(line["kg_co2e_per_use"]) for line in option["lines"] if not line["source"])
        assert quality.assumed_share_by_option[option["id"]] == pytest.approx(weak / total)
    assumed_names = {readable_key(r["name"]) for r in rows if r["kind"] == "parameter" and not r["source"]}
    assert quality.weakest and all(w.title in assumed_names for w in quality.weakest)
    assert [w.swing_share for w in quality.weakest] == sorted((w.swing_share for w in quality.weakest), reverse=True)
    assert all(w.ask for w in quality.weakest)
    assert quality.warning  # 72 of 123 inputs are assumptions


def test_data_quality_warning_disappears_when_inputs_are_sourced(kocher):
    doc = copy.deepcopy(kocher)
    for row in doc["inputs"]:
        row["source"] = row["source"] or "supplier data sheet 2025"
    quality = data_quality(doc)
    assert quality.inputs_assumed == 0 and not quality.warning and not quality.weakest


def test_locale_number_formats():
    assert significant(1234.56, lang="nl") == "1.230"
    assert significant(1234.56) == "1,230"
    assert eur(1234.56, "nl") == "EUR 1.230"
    assert eur(0.337, "nl") == "EUR 0,34"
    assert uses(12000.0, "nl") == "12.000"
    assert significant(0.0000123) == "1.23E-5"


def test_probabilities_never_round_to_certainty():
    assert probability(0.9987) == "> 99 %" and probability(1.0) == "100 %"
    assert probability(0.0004) == "< 1 %" and probability(0.0) == "0 %"


def test_units_print_with_superscripts_and_symbols():
    assert pretty_unit("m**3") == "m³"
    assert pretty_unit("meter ** 3") == "m³"
    assert pretty_unit("kilowatt_hour / kilogram") == "kWh/kg"
    assert pretty_unit("tonne * kilometer") == "t·km"
    assert pretty_unit("gram") == "g"


def test_input_ids_read_as_titles():
    assert input_title("parameter:manufacture_kwh_per_kg") == "Manufacture kWh per kg"
    assert input_title("cost:reusable-cssd:1") == "Cost line 2 of reusable-cssd"
    assert readable_key("washer_kwh_per_cycle") == "Washer kWh per cycle"


@pytest.fixture(scope="module")
def html_en(kocher) -> str:
    from lcacompare.report.html import render_html

    return render_html(kocher)


def test_report_opens_with_the_buyers_page_then_the_appendix(html_en):
    assert html_en.index('id="summary"') < html_en.index('id="appendix"') < html_en.index('id="results"')
    assert html_en.count('class="buyer-line"') == 2


def test_every_chart_has_a_legend(html_en):
    charts = re.findall(r'<svg class="chart-svg".*?</svg>', html_en, flags=re.S)
    assert len(charts) >= 4
    for svg in charts:
        name = re.search(r'data-chart="([^"]+)"', svg).group(1)
        assert "legend_" in svg, f"chart {name} has no legend"


def test_chart_and_table_labels_are_titles_not_internal_keys(html_en):
    charts = "".join(re.findall(r'<svg class="chart-svg".*?</svg>', html_en, flags=re.S))
    assert "Load fill rate" in charts
    assert "parameter load_fill_rate" not in html_en and "parameter:" not in charts
    assert "kilowatt_hour" not in html_en and "**" not in html_en


def test_sobol_table_shows_top_contributors_and_others(kocher, html_en):
    from lcacompare.report.sensitivity_view import SOBOL_SHOWN

    if not kocher["sensitivity"].get("sobol"):
        pytest.skip("the stored result has no Sobol indices")
    section = html_en.split('id="sensitivity"')[1]
    assert "other inputs" in section
    rows = re.findall(
        r"<tr(?: class=\"others\")?><td>reusable-cssd-vs-single-use</td><td>kg CO2e per use</td>", section
    )
    assert len(rows) <= SOBOL_SHOWN + 1


def test_summary_alone_is_one_page_without_charts(kocher):
    from lcacompare.report.html import render_summary_html

    page = render_summary_html(kocher, lang="nl")
    assert 'id="summary"' in page and 'id="appendix"' not in page and "<svg" not in page
    assert '<html lang="nl">' in page and "Datakwaliteit" in page


@pytest.fixture(scope="module")
def workbook_nl(kocher):
    from openpyxl import load_workbook

    from lcacompare.report.xlsx import render_xlsx

    return load_workbook(io.BytesIO(render_xlsx(kocher, lang="nl")))


@pytest.fixture(scope="module")
def workbook_en(kocher):
    from openpyxl import load_workbook

    from lcacompare.report.xlsx import render_xlsx

    return load_workbook(io.BytesIO(render_xlsx(kocher)))


def test_workbook_opens_with_the_summary_sheet(workbook_en, workbook_nl):
    assert workbook_en.sheetnames[0] == "Summary"
    assert workbook_nl.sheetnames[0] == "Samenvatting"
    first = [c.value for row in workbook_nl["Samenvatting"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(" in plaats van " in text for text in first)


def _decimals(number_format: str) -> int | None:
    match = re.fullmatch(r"(?:#,##)?0(?:\.(0+))?", number_format)
    if match is None:
        return None
    return len(match.group(1) or "")


def test_workbook_never_shows_a_non_zero_value_as_zero(workbook_en):
    checked = 0
    for ws in workbook_en.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, bool) or not isinstance(value, int | float) or value == 0:
                    continue
                checked += 1
                fmt = cell.number_format
                decimals = _decimals(fmt)
                if decimals is not None:
                    assert round(abs(value), decimals) != 0, f"{ws.title}!{cell.coordinate} {value} shows as 0"
    assert checked > 100


def test_workbook_formats_probabilities_as_percentages(workbook_en):
    for ws in workbook_en.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                header = str(cell.value or "")
                if cell.font is not None and cell.font.b and ("Probability" in header or header.startswith("P(")):
                    below = [ws.cell(row=r, column=cell.column) for r in range(cell.row + 1, ws.max_row + 1)]
                    numbers = [c for c in below if isinstance(c.value, int | float) and not isinstance(c.value, bool)]
                    assert numbers, f"{ws.title}: no probabilities under {header}"
                    assert all("%" in c.number_format for c in numbers)


def test_workbook_freezes_header_rows_and_fits_columns(workbook_en):
    for ws in workbook_en.worksheets:
        assert ws.freeze_panes is not None, ws.title
        widths = [d.width for d in ws.column_dimensions.values() if d.width]
        assert widths and max(widths) <= 140


def test_excel_number_format_keeps_three_significant_digits():
    assert excel_number_format(0.000349) == "0.000000"
    assert excel_number_format(0.0824) == "0.0000"
    assert excel_number_format(316.2) == "0"
    assert excel_number_format(3.1e-7).endswith("E+00")
