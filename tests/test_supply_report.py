"""The supply-security table in every report: HTML, Excel and JSON, with "not stated" where nothing is given."""

from __future__ import annotations

import io
import json
import re

import pytest

from lcacompare import load_case
from lcacompare.data import shipped_case
from lcacompare.report.html import render_html
from lcacompare.report.json_result import render_json
from lcacompare.report.xlsx import SHEETS, render_xlsx
from lcacompare.report.xlsx_supply import supply_table
from lcacompare.result import as_result
from lcacompare.run import analyse


@pytest.fixture(scope="module")
def suture(home):
    with shipped_case("suture-set") as path:
        case = load_case(path)
    return analyse(case, samples=0, home=home).result


@pytest.fixture(scope="module")
def no_supply(home):
    with shipped_case("replication-rizan-lap-chole") as path:
        case = load_case(path)
    return analyse(case, samples=0, home=home).result


def _row(html: str, indicator_id: str) -> str:
    match = re.search(rf'<tr id="supply-{indicator_id}">(.*?)</tr>', html, flags=re.S)
    assert match, indicator_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))


def test_html_report_has_a_supply_table_with_unit_direction_values_and_better_option(suture):
    html = render_html(suture)
    assert 'id="supply"' in html
    row = _row(html, "lead_time_days")
    assert "days" in row and "lower is better" in row
    assert "42" in row and "2" in row
    assert row.strip().endswith("reusable-external")


def test_html_report_shows_not_stated_and_not_applicable_instead_of_a_number(suture):
    html = render_html(suture)
    # The suture set's reusable option states no stock and no OTIF on purpose.
    assert "not stated" in _row(html, "stock_cover_days")
    assert "not comparable" in _row(html, "stock_cover_days")
    assert "not applicable" in _row(html, "pool_buffer_days")


def test_html_report_marks_assumed_supply_figures(suture):
    assert "assumption" in _row(render_html(suture), "country_hhi")


def test_excel_report_has_a_supply_sheet_with_the_same_rows(suture):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_xlsx(suture)))
    sheet = book[SHEETS["supply"]]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Indicator", "Unit", "Direction", "single-use", "reusable-external", "Better option"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, max_row=14, values_only=True)}
    hhi = rows["Concentration of country of manufacture (HHI)"]
    assert hhi[3] == pytest.approx(5000.0) and hhi[4] == pytest.approx(10_000.0) and hhi[5] == "single-use"
    assert rows["Stock cover"][4] == "not stated"
    assert rows["Second source contracted"][3] == "no"


def test_supply_table_gives_one_row_per_indicator(suture):
    header, rows = supply_table(suture)
    assert len(rows) == len(suture.supply.indicators) == 13
    assert all(len(row) == len(header) for row in rows)


def test_json_result_carries_the_supply_section_and_reads_back(suture):
    data = json.loads(render_json(suture))
    lead = next(i for i in data["supply"]["indicators"] if i["id"] == "lead_time_days")
    assert lead["direction"] == "lower" and lead["better"] == ["reusable-external"]
    stock = next(i for i in data["supply"]["indicators"] if i["id"] == "stock_cover_days")
    assert stock["values"]["reusable-external"] == {"status": "not stated"}
    assert as_result(data).supply == suture.supply


def test_a_case_without_supply_blocks_shows_every_indicator_not_stated(no_supply):
    from openpyxl import load_workbook

    html = render_html(no_supply)
    assert 'id="supply-none"' in html
    assert "not stated" in _row(html, "lead_time_days")
    sheet = load_workbook(io.BytesIO(render_xlsx(no_supply)))[SHEETS["supply"]]
    values = {
        cell for row in sheet.iter_rows(min_row=2, max_row=14, min_col=4, max_col=5, values_only=True) for cell in row
    }
    assert values <= {"not stated", "not applicable"}


def test_a_case_that_states_figures_has_no_nothing_stated_note(suture):
    assert 'id="supply-none"' not in render_html(suture)


def test_a_result_read_from_before_the_supply_section_renders_without_the_table(no_supply):
    from openpyxl import load_workbook

    older = {k: v for k, v in no_supply.to_dict().items() if k != "supply"}
    assert 'id="supply"' not in render_html(older)
    sheet = load_workbook(io.BytesIO(render_xlsx(older)))[SHEETS["supply"]]
    assert "no supply section" in sheet["A2"].value
