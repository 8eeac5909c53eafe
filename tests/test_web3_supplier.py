"""The supplier-workbook pages: request download, import of a filled workbook, its problems by cell, the check."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from fastapi.testclient import TestClient

from lcacompare.exchange.answers import DeclaredFootprint, Supplier, answers_from_case
from lcacompare.exchange.check import check_supplier_data
from lcacompare.exchange.importer import import_workbook
from lcacompare.exchange.read import open_workbook, read_request
from lcacompare.exchange.request import build_request
from lcacompare.exchange.template import template_digest
from lcacompare.web.app import create_app
from lcacompare.web.cases import parse_text, shipped_text
from lcacompare.web.uploads import MAX_WORKBOOK_BYTES

CASE, OPTION = "kocher-clamp", "reusable-cssd"
SUPPLIER = Supplier(company="Acme Surgical NV", contact="An Peeters", email="an@acme.example", date=dt.date(2026, 3, 2))
TOTAL = ("A1-A3", "A4", "B", "C")


def filled(name: str = CASE, option: str = OPTION, declared: DeclaredFootprint | None = None) -> bytes:
    """A request workbook filled with the case's own figures, as a supplier would return it."""
    text = shipped_text(name) or ""
    case = parse_text(text).case
    answers = answers_from_case(case, option, SUPPLIER, request_digest=template_digest(text, option))
    if declared is not None:
        answers = answers.model_copy(update={"declared": declared})
    return build_request(text, case, option, answers=answers)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("workspace"))) as c:
        c.get("/")
        yield c


def upload(client, content: bytes, name: str = "filled.xlsx", case: str = CASE, csrf: bool = True):
    data = {"csrf_token": client.cookies.get("lcacompare_csrf")} if csrf else {}
    return client.post(
        f"/cases/{case}/supplier/import", data=data, files={"file": (name, content)}, follow_redirects=False
    )


def test_case_page_links_the_supplier_page_with_a_request_form_per_option(client):
    assert 'href="/cases/kocher-clamp/supplier?lang=en"' in client.get(f"/cases/{CASE}").text
    page = client.get(f"/cases/{CASE}/supplier").text
    assert 'action="/cases/kocher-clamp/request.xlsx"' in page and f'<option value="{OPTION}">' in page
    assert 'action="/cases/kocher-clamp/supplier/import?lang=en"' in page and 'name="csrf_token"' in page


def test_request_workbook_is_the_one_lcacompare_request_writes(tmp_path, client):
    answer = client.get(f"/cases/{CASE}/request.xlsx", params={"option": OPTION, "lang": "nl"})
    assert answer.status_code == 200 and answer.content[:2] == b"PK"
    path = tmp_path / "request.xlsx"
    path.write_bytes(answer.content)
    stamp = read_request(open_workbook(path, data_only=True), path.name)
    assert (stamp.case_id, stamp.option_id, stamp.language) == ("kocher-clamp", OPTION, "nl")
    assert stamp.digest == template_digest(shipped_text(CASE) or "", OPTION)


@pytest.mark.parametrize("option", ["no-such-option", "../../etc/passwd"])
def test_request_for_an_unknown_option_is_404(client, option):
    assert client.get(f"/cases/{CASE}/request.xlsx", params={"option": option}).status_code == 404


def test_filled_workbook_becomes_a_workspace_case_with_the_imported_yaml(tmp_path, client):
    content = filled()
    answer = upload(client, content)
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert re.fullmatch(r"/workspace/\d+\?lang=en", location)
    page = client.get(location).text
    assert 'id="declared-link"' in page and "problem-count" not in page
    path = tmp_path / "filled.xlsx"
    path.write_bytes(content)
    expected = import_workbook(path, expected_digest=template_digest(shipped_text(CASE) or "", OPTION))
    stored = client.get(location.split("?")[0] + "/case.yaml").text
    assert stored == expected.case_yaml
    assert "supplier declaration: Acme Surgical NV" in stored


def test_empty_request_shows_every_missing_answer_by_sheet_and_cell(client):
    blank = client.get(f"/cases/{CASE}/request.xlsx", params={"option": OPTION}).content
    answer = upload(client, blank)
    assert answer.status_code == 422
    cells = re.findall(r'data-sheet="([^"]*)" data-cell="([^"]*)" data-rule="([^"]*)"', answer.text)
    assert ("Supplier", "C4", "required") in cells  # Company is the first required answer
    assert len(cells) >= 3 and all(sheet for sheet, _, _ in cells)


def test_workbook_answering_another_case_is_refused(client):
    answer = upload(client, filled("suture-set", "reusable-external"))
    assert answer.status_code == 422
    assert 'data-rule="request-digest"' in answer.text


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"id,title\n1,x\n", "not a zip file"),
        (b"PK\x03\x04 damaged", "damaged"),
        (_zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}), "not an Excel workbook"),
        (
            _zip({"xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"\x00", "[Content_Types].xml": b"<Types/>"}),
            "macros",
        ),
        (b"PK\x03\x04" + b"0" * MAX_WORKBOOK_BYTES, "bytes, over"),
    ],
)
def test_uploads_that_are_not_a_macro_free_xlsx_are_refused_before_reading(client, content, why):
    answer = upload(client, content)
    assert answer.status_code == 422
    assert 'data-rule="workbook"' in answer.text and why in answer.text


def test_import_form_without_csrf_token_is_refused(client):
    assert upload(client, filled(), csrf=False).status_code == 403


def test_declared_versus_computed_page_shows_the_check_declared_figures(client):
    text = shipped_text(CASE) or ""
    case = parse_text(text).case
    declared = DeclaredFootprint(kg_co2e=0.05, per="use", modules=TOTAL)
    answer = upload(client, filled(declared=declared))
    assert answer.status_code == 303, answer.text
    path = answer.headers["location"].split("?")[0]
    page = client.get(f"{path}/declared").text
    row = re.search(r'<tr data-option="([^"]+)" data-declared="([^"]+)" data-computed="([^"]+)"', page)
    assert row is not None
    imported = parse_text(client.get(f"{path}/case.yaml").text).case
    (check,) = check_supplier_data(imported, footprints={OPTION: declared}).declared
    assert row.group(1) == OPTION
    assert float(row.group(2)) == 0.05 and float(row.group(3)) == pytest.approx(check.computed_kg_co2e, rel=1e-12)
    assert case.id == imported.id


def test_shipped_case_has_no_declaration_to_check(client):
    assert 'id="no-declaration"' in client.get(f"/cases/{CASE}/declared").text


def test_supplier_pages_in_dutch(client):
    page = client.get(f"/cases/{CASE}/supplier?lang=nl").text
    assert "<h2>1. Stuur een uitvraagwerkmap</h2>" in page and "Send a request workbook" not in page
    blank = client.get(f"/cases/{CASE}/request.xlsx", params={"option": OPTION}).content
    answer = client.post(
        f"/cases/{CASE}/supplier/import?lang=nl",
        data={"csrf_token": client.cookies.get("lcacompare_csrf")},
        files={"file": ("x.xlsx", blank)},
    )
    assert "<th>blad</th><th>cel</th>" in answer.text
