"""The request workbook opens cleanly: validation, protection, stamp, strings never formulas, both languages."""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from lcacompare import load_case
from lcacompare.data import shipped_case
from lcacompare.exchange.answers import Supplier, answers_from_case
from lcacompare.exchange.engine_inputs import factor_catalogue
from lcacompare.exchange.importer import import_workbook
from lcacompare.exchange.request import LISTS_SHEET, REQUEST_SHEET, build_request
from lcacompare.exchange.template import FORMAT, SHEETS, TABLE_FIRST_ROW, sheet, template_digest


def _kocher() -> tuple[str, object]:
    with shipped_case("kocher-clamp") as path:
        return Path(path).read_text(encoding="utf-8"), load_case(path)


@pytest.fixture(scope="module")
def request_file(tmp_path_factory) -> Path:
    text, case = _kocher()
    path = tmp_path_factory.mktemp("request") / "request.xlsx"
    path.write_bytes(build_request(text, case, "reusable-cssd", lang="en"))
    return path


def test_the_workbook_loads_without_warnings_and_its_xml_parts_are_well_formed(request_file):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_workbook(request_file)
    with zipfile.ZipFile(request_file) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ElementTree.fromstring(archive.read(name))


def test_there_is_an_instructions_sheet_and_one_sheet_per_block(request_file):
    wb = load_workbook(request_file)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible == ["Instructions", *[s.en for s in SHEETS]]
    assert {
        "Materials",
        "Transport",
        "Use",
        "Reprocessing",
        "End of life",
        "Prices",
        "Declared footprint",
        "Claims",
        "Substances",
        "Sources",
        "Take-back",
        "Manufacture",
    } <= set(visible)
    assert all(len(title) <= 31 for title in wb.sheetnames)


def test_answer_cells_are_unlocked_and_everything_else_is_protected(request_file):
    wb = load_workbook(request_file)
    assert wb.security.lockStructure
    materials = wb[sheet("materials").en]
    assert materials.protection.sheet
    assert materials.cell(TABLE_FIRST_ROW, 3).protection.locked is False
    assert materials.cell(3, 3).protection.locked is True  # the header
    supplier = wb[sheet("supplier").en]
    assert supplier["C4"].protection.locked is False and supplier["A4"].protection.locked is True


def test_data_validation_lists_the_shipped_factor_ids_and_checks_number_ranges(request_file):
    wb = load_workbook(request_file)
    materials = wb[sheet("materials").en]
    rules = materials.data_validations.dataValidation
    mass_column = chr(64 + sheet("materials").index("mass"))
    mass = next(r for r in rules if str(r.sqref).startswith(mass_column))
    assert mass.type == "decimal" and float(mass.formula1) == 0
    material_column = chr(64 + sheet("materials").index("material"))
    listed = next(r for r in rules if str(r.sqref).startswith(material_column))
    assert listed.type == "list" and listed.formula1.startswith(f"'{LISTS_SHEET}'!")
    lists = wb[LISTS_SHEET]
    column = next(c for c in lists[1] if c.value == "factors:material")
    ids = {lists.cell(r, column.column).value for r in range(2, lists.max_row + 1)} - {None}
    shipped = {f.id for f in factor_catalogue() if f.unit == "kg" and f.category in ("material", "chemical")}
    assert ids == shipped and "stainless-steel-average" in ids
    assert all(len(r.formula1 or "") <= 255 for ws in wb.worksheets for r in ws.data_validations.dataValidation)


def test_the_stamp_names_the_format_the_digest_the_case_and_the_option(request_file):
    wb = load_workbook(request_file)
    stamp = wb[REQUEST_SHEET]
    assert stamp.sheet_state == "veryHidden"
    text, _ = _kocher()
    digest = template_digest(text, "reusable-cssd")
    assert (stamp["B1"].value, stamp["B2"].value, stamp["B3"].value, stamp["B4"].value) == (
        FORMAT,
        digest,
        "kocher-clamp",
        "reusable-cssd",
    )
    assert wb.defined_names["lcacompare_request_digest"].attr_text == f'"{digest}"'


def test_the_digest_differs_by_option_and_by_case_text():
    text, _ = _kocher()
    assert template_digest(text, "single-use") != template_digest(text, "reusable-cssd")
    assert template_digest(text, "single-use") != template_digest(text + "\n", "single-use")


def test_a_dutch_request_has_dutch_sheets_and_imports_like_the_english_one(tmp_path):
    text, case = _kocher()
    supplier = Supplier(company="Acme", contact="An", email="an@acme.example", date=dt.date(2026, 3, 2))
    answers = answers_from_case(case, "single-use", supplier, request_digest=template_digest(text, "single-use"))
    nl = tmp_path / "nl.xlsx"
    nl.write_bytes(build_request(text, case, "single-use", lang="nl", answers=answers))
    wb = load_workbook(nl)
    assert "Materialen" in wb.sheetnames and "Instructies" in wb.sheetnames
    assert wb[REQUEST_SHEET]["B2"].value == template_digest(text, "single-use")  # same request as in English
    assert import_workbook(nl).case.option("single-use") is not None


def test_text_that_looks_like_a_formula_is_written_and_read_as_text(tmp_path):
    text, case = _kocher()
    supplier = Supplier(
        company='=HYPERLINK("http://x.example","Acme")', contact="An", email="a@b.example", date=dt.date(2026, 3, 2)
    )
    answers = answers_from_case(case, "single-use", supplier, request_digest=template_digest(text, "single-use"))
    path = tmp_path / "request.xlsx"
    path.write_bytes(build_request(text, case, "single-use", answers=answers))
    wb = load_workbook(path)
    assert all(cell.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for cell in row)
    assert wb[sheet("supplier").en]["C4"].value.startswith("=HYPERLINK")
    imported = import_workbook(path).case
    assert imported.option("single-use").inventory[0].source.startswith("supplier declaration: =HYPERLINK(")
