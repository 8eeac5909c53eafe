"""A filled workbook with typical mistakes: each is named with its sheet and cell, all at once, nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from lcacompare import load_case
from lcacompare.data import shipped_case
from lcacompare.errors import CaseError
from lcacompare.exchange.answers import Supplier, answers_from_case
from lcacompare.exchange.importer import import_workbook
from lcacompare.exchange.request import REQUEST_SHEET, build_request
from lcacompare.exchange.template import FORM_FIRST_ROW, TABLE_FIRST_ROW, sheet, template_digest

SUPPLIER = Supplier(company="Acme Surgical NV", contact="An Peeters", email="an@acme.example", date=dt.date(2026, 3, 2))


def _request(tmp_path: Path, option_id: str, *, filled: bool = True, name: str = "request.xlsx") -> Path:
    with shipped_case("kocher-clamp") as path:
        text, case = Path(path).read_text(encoding="utf-8"), load_case(path)
    answers = answers_from_case(case, option_id, SUPPLIER, request_digest=template_digest(text, option_id))
    out = tmp_path / name
    out.write_bytes(build_request(text, case, option_id, answers=answers if filled else None))
    return out


def _cell(sheet_key: str, column: str, row: int = 0) -> tuple[str, str]:
    """The sheet title and cell of a table column (row-th answer row) or a form question."""
    s = sheet(sheet_key)
    if s.shape == "form":
        return s.en, f"C{FORM_FIRST_ROW + s.index(column) - 1}"
    return s.en, f"{chr(64 + s.index(column))}{TABLE_FIRST_ROW + row}"


MISTAKES = {
    "text in a number cell": (("transport", "distance", 0), "ca. 500"),
    "a unit typed into a number cell": (("materials", "mass", 0), "60 g"),
    "a negative mass": (("materials", "mass", 1), -0.005),
    "recycled content above 100 %": (("materials", "recycled", 0), 150),
    "a material not in the list": (("materials", "material", 2), "unobtainium"),
    "a basis not in the list": (("end_of_life", "per", 0), "month"),
    "a missing required cell in a used row": (("transport", "mass", 1), None),
    "a missing company": (("supplier", "company", 0), None),
    "a date written as text": (("supplier", "date", 0), "next week"),
    "yes/no in another language": (("substances", "dehp", 0), "ja"),
    "a country name instead of a code": (("manufacture", "country", 0), "Germany"),
    "declared modules that do not exist": (("declared", "modules", 0), "A1-A5"),
}


def _set(wb, sheet_key: str, column: str, row: int, value) -> tuple[str, str]:
    title, coordinate = _cell(sheet_key, column, row)
    wb[title][coordinate].value = value
    return title, coordinate


def test_a_dozen_typical_mistakes_are_each_named_with_their_sheet_and_cell(tmp_path):
    path = _request(tmp_path, "single-use")
    wb = load_workbook(path)
    expected = {}
    _set(wb, "declared", "kg_co2e", 0, 0.5)  # so that the declared modules are read
    for mistake, ((key, column, row), value) in MISTAKES.items():
        expected[mistake] = _set(wb, key, column, row, value)
    wb.save(path)
    with pytest.raises(CaseError) as caught:
        import_workbook(path)
    rendered = str(caught.value)
    for mistake, (title, coordinate) in expected.items():
        assert f"request.xlsx, sheet {title}, cell {coordinate}: " in rendered, mistake
    assert 'request.xlsx, sheet Transport, cell D5: expected a distance in km, got "ca. 500"' in rendered


def test_a_wrong_unit_for_an_input_is_named_with_its_cell(tmp_path):
    path = _request(tmp_path, "reusable-cssd")
    wb = load_workbook(path)
    s = sheet("reprocessing")
    ws = wb[s.en]
    row = next(
        r for r in range(TABLE_FIRST_ROW, ws.max_row + 1) if ws.cell(r, s.index("input")).value == "electricity-grid"
    )
    ws.cell(row, s.index("unit")).value = "kg"
    wb.save(path)
    with pytest.raises(CaseError) as caught:
        import_workbook(path)
    assert f"sheet Reprocessing, cell {chr(64 + s.index('unit'))}{row}: electricity-grid is counted in kWh" in str(
        caught.value
    )


def test_a_reusable_option_without_uses_per_life_is_refused_with_the_cell(tmp_path):
    path = _request(tmp_path, "reusable-cssd")
    wb = load_workbook(path)
    title, coordinate = _set(wb, "use", "uses_per_life", 0, None)
    wb.save(path)
    with pytest.raises(CaseError) as caught:
        import_workbook(path)
    assert f"sheet {title}, cell {coordinate}: missing: Uses per life" in str(caught.value)


def test_a_workbook_answering_another_request_is_refused(tmp_path):
    ours = _request(tmp_path, "single-use", name="ours.xlsx")
    other = _request(tmp_path, "reusable-cssd", name="other.xlsx")
    expected = load_workbook(ours)[REQUEST_SHEET]["B2"].value
    with pytest.raises(CaseError) as caught:
        import_workbook(other, expected_digest=expected)
    assert caught.value.rules == ["request-digest"]
    assert "option reusable-cssd" in str(caught.value)


def test_a_stamp_copied_from_another_request_does_not_match_the_workbook(tmp_path):
    ours = _request(tmp_path, "single-use", name="ours.xlsx")
    other = load_workbook(_request(tmp_path, "reusable-cssd", name="other.xlsx"))
    wb = load_workbook(ours)
    wb[REQUEST_SHEET]["B2"].value = other[REQUEST_SHEET]["B2"].value
    wb.save(ours)
    with pytest.raises(CaseError) as caught:
        import_workbook(ours)
    assert caught.value.rules == ["request-digest"]


def test_a_workbook_that_is_not_a_request_is_refused(tmp_path):
    path = tmp_path / "quote.xlsx"
    Workbook().save(path)
    with pytest.raises(CaseError) as caught:
        import_workbook(path)
    assert caught.value.rules == ["request-stamp"]


def test_a_blank_request_lists_every_required_answer_missing(tmp_path):
    with pytest.raises(CaseError) as caught:
        import_workbook(_request(tmp_path, "single-use", filled=False))
    rendered = str(caught.value)
    for key, column in (
        ("supplier", "company"),
        ("supplier", "date"),
        ("manufacture", "country"),
        ("take_back", "route"),
        ("substances", "dehp"),
    ):
        title, coordinate = _cell(key, column)
        assert f"sheet {title}, cell {coordinate}: missing" in rendered
