"""The Dutch LCAC-HC/2 report: locale numbers, lines counted from 1, no English left in the labels; award 404.

The reviewer's run: ``lcacompare run kocher-clamp --method LCAC-HC/2 --lang nl``. The expected
values are worked by hand from the shipped case: the single-use option's inventory lists the
stainless steel first (line 1) and the forming electricity second (line 2, DQR 4.00 above the
method's 3.0).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lcacompare import load_case
from lcacompare.data import shipped_case
from lcacompare.report.circularity_view import detail_text, formula_text
from lcacompare.report.data_quality_view import data_quality_warnings, line_numbers
from lcacompare.result.document import Result
from lcacompare.run import analyse

DOT_DECIMAL = re.compile(r"\d\.\d")


@pytest.fixture(scope="module")
def kocher_v2(home: Path) -> Result:
    with shipped_case("kocher-clamp") as path:
        assert path is not None
        return analyse(load_case(path), samples=0, home=home, method="LCAC-HC/2").result


@pytest.fixture(scope="module")
def dutch_page(kocher_v2: Result) -> str:
    from lcacompare.report.html import render_html

    return render_html(kocher_v2, {}, lang="nl")


def section(page: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}".*?</section>', page, re.S)
    assert found, section_id
    return found.group(0)


def tables(html: str) -> str:
    return " ".join(re.findall(r"<table>.*?</table>", html, re.S))


def test_the_dutch_dqr_tables_have_no_dot_decimals(dutch_page: str) -> None:
    dq = tables(section(dutch_page, "data-quality"))
    assert not DOT_DECIMAL.findall(re.sub(r"<[^>]+>", " ", dq))
    assert "2,50" in dq and "44,8 %" in dq  # the steel line: DQR (3+3+2+2)/4, share of the CO2e


def test_the_dutch_dqr_summary_names_line_2_above_dqr_3_00(dutch_page: str) -> None:
    dq = section(dutch_page, "data-quality")
    assert "regel 2 boven DQR 3,00" in dq
    assert "DQR 3.0" not in dq and "regels 1 " not in dq


def test_dqr_inputs_are_numbered_from_1_in_the_html(dutch_page: str) -> None:
    dq = section(dutch_page, "data-quality")
    first_row = re.search(r'<tr class="most-relevant"><td class="num">(\d+)</td><td>A1-A3</td><td>([a-z-]+)</td>', dq)
    assert first_row and first_row.groups() == ("1", "stainless-steel-average")
    assert not re.search(r'<td class="num">0</td><td>A1-A3</td>', dq)


def test_the_terminal_warning_numbers_lines_from_1(kocher_v2: Result) -> None:
    single_use = data_quality_warnings(kocher_v2, "nl")[0]
    assert "regel 2 (A1-A3 electricity-grid, DQR 4,00)" in single_use
    assert line_numbers([0, 4]) == "1, 5"


def test_the_excel_dqr_sheet_numbers_lines_from_1(kocher_v2: Result) -> None:
    from openpyxl import load_workbook

    from lcacompare.report.xlsx import render_xlsx

    wb = load_workbook(io.BytesIO(render_xlsx(kocher_v2, lang="nl")))
    ws = next(ws for ws in wb.worksheets if ws.title == "Datakwaliteit")
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[:2] == ["Optie", "Regel"])
    single_use = [row for row in rows[header + 1 :] if row[0] == "single-use"]
    assert (single_use[0][1], single_use[0][3]) == (1, "stainless-steel-average")
    assert any(row[0] == "single-use" and row[3] == "2" for row in rows[:header])


def test_the_supply_section_is_dutch(dutch_page: str) -> None:
    supply = section(dutch_page, "supply")
    assert "<h2>Leveringszekerheid</h2>" in supply
    assert "hoger is beter" in supply and "lager is beter" in supply
    for english in ("Supply security", "higher is better", "lower is better", "Better option", ">not stated<"):
        assert english not in supply


def test_the_extractor_reads_the_supply_template() -> None:
    from lcacompare.i18n.extract import extract_messages

    assert "higher is better" in set(extract_messages())


def test_the_excel_supply_sheet_is_dutch(kocher_v2: Result) -> None:
    from lcacompare.report.xlsx_supply import supply_table

    header, rows = supply_table(kocher_v2, "nl")
    assert header[:3] == ["Indicator", "Eenheid", "Richting"] and header[-1] == "Betere optie"
    assert {row[2] for row in rows} == {"hoger is beter", "lager is beter"}


def test_the_circularity_detail_is_dutch_with_locale_numbers() -> None:
    english = "0.01 kg to recycling + 0 kg back in service of 0.079 kg leaving per use"
    assert detail_text(english, "nl") == (
        "0,0100 kg naar recyclage + 0 kg terug in dienst van 0,0790 kg die het systeem per gebruik verlaat"
    )
    assert detail_text("a detail this view does not know", "nl") == "a detail this view does not know"


def test_a_refined_formula_shows_its_own_english_not_a_stale_translation() -> None:
    assert formula_text("total_material_kg", "sum of A1-A3 material lines in kg", "nl").startswith("som van")
    assert formula_text("total_material_kg", "a refined rule", "nl") == "a refined rule"


def test_the_dutch_circularity_table_has_dutch_formulas_and_details(dutch_page: str) -> None:
    circ = section(dutch_page, "circularity")
    assert "kg naar recyclage" in circ and "som van de materiaalregels van A1-A3 in kg" in circ
    assert "kg to recycling" not in circ and "sum of A1-A3" not in circ
    assert 'class="num wrap"' in circ  # the long details wrap in their column (_style.html.j2: td.wrap)


def test_the_method_wording_is_quoted_under_a_dutch_lead(dutch_page: str) -> None:
    steril = section(dutch_page, "sterilisation")
    lead = re.search(r"</h2>\s*<p>(.*?)</p>", steril, re.S)
    assert lead and lead.group(1).startswith("Volgens deze methode")
    assert 'De formulering van de methode (Engels):</span> <q lang="en">steam-steriliser' in steril
    assert '<q lang="en">electricity reported' in section(dutch_page, "electricity")


def test_the_dutch_iso_section_says_its_item_texts_stay_english(dutch_page: str) -> None:
    assert "in het Engels gegenereerd" in section(dutch_page, "iso14044")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    from lcacompare.web.app import create_app

    with TestClient(create_app(tmp_path_factory.mktemp("workspace"))) as c:
        yield c


@pytest.mark.parametrize("path", ["/api/v1/awards/nope", "/api/v1/awards/999999", "/api/v1/awards/nope/result"])
def test_an_unknown_award_id_answers_404_as_an_unknown_job_does(client: TestClient, path: str) -> None:
    assert client.get("/api/v1/jobs/nope").status_code == 404
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/runs/nope", "/api/v1/runs/-1", "/api/v1/runs/nope/result"])
def test_an_unknown_run_id_answers_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
