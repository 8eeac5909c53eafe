"""The request, import, export-pact and check-declared commands as a buyer uses them."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from lcacompare import load_case
from lcacompare.data import shipped_case
from lcacompare.exchange.answers import Supplier, answers_from_case
from lcacompare.exchange.request import REQUEST_SHEET, build_request
from lcacompare.exchange.template import sheet, template_digest


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env
    )


def test_request_writes_one_workbook_per_option_or_the_one_asked_for(tmp_path):
    every = _cli("request", "kocher-clamp", "-o", "req.xlsx", "--lang", "nl", cwd=tmp_path)
    assert every.returncode == 0, every.stderr
    assert sorted(p.name for p in tmp_path.glob("req.*.xlsx")) == [
        "req.reusable-cssd.xlsx",
        "req.reusable-external.xlsx",
        "req.single-use.xlsx",
    ]
    one = _cli("request", "kocher-clamp", "--option", "single-use", "-o", "one.xlsx", cwd=tmp_path)
    assert one.returncode == 0 and load_workbook(tmp_path / "one.xlsx")[REQUEST_SHEET]["B4"].value == "single-use"
    bad = _cli("request", "kocher-clamp", "--option", "nope", "-o", "x.xlsx", cwd=tmp_path)
    assert bad.returncode == 2 and "--option" in bad.stderr and not (tmp_path / "x.xlsx").exists()


def _filled(tmp_path: Path) -> Path:
    with shipped_case("kocher-clamp") as path:
        text, case = Path(path).read_text(encoding="utf-8"), load_case(path)
    supplier = Supplier(company="Acme", contact="An", email="an@acme.example", date=dt.date(2026, 3, 2))
    answers = answers_from_case(case, "single-use", supplier, request_digest=template_digest(text, "single-use"))
    out = tmp_path / "filled.xlsx"
    out.write_bytes(build_request(text, case, "single-use", answers=answers))
    return out


def test_import_writes_the_case_and_its_declaration_and_check_declared_reads_them(tmp_path):
    filled = _filled(tmp_path)
    wb = load_workbook(filled)
    declared = sheet("declared")
    wb[declared.en]["C4"].value = 0.3
    wb[declared.en]["C5"].value = "use"
    wb[declared.en]["C6"].value = "A1-A3, A4, B, C"
    wb.save(filled)
    made = _cli("import", str(filled), "-o", "acme.yaml", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "acme.yaml").is_file() and (tmp_path / "acme.supplier.yaml").is_file()
    assert _cli("validate", "acme.yaml", cwd=tmp_path).returncode == 0
    checked = _cli("check-declared", "acme.yaml", "--format", "json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    document = json.loads(checked.stdout)
    (check,) = document["declared"]
    assert check["option_id"] == "single-use" and check["declared_kg_co2e"] == 0.3 and not check["within_tolerance"]
    assert document["claims"]["single-use"]


def test_a_bad_workbook_exits_2_naming_the_cell_and_writes_nothing(tmp_path):
    filled = _filled(tmp_path)
    wb = load_workbook(filled)
    wb[sheet("transport").en]["D5"].value = "ca. 500"
    wb.save(filled)
    made = _cli("import", str(filled), "-o", "acme.yaml", cwd=tmp_path)
    assert made.returncode == 2
    assert 'filled.xlsx, sheet Transport, cell D5: expected a distance in km, got "ca. 500"' in made.stderr
    assert not (tmp_path / "acme.yaml").exists() and not (tmp_path / "acme.supplier.yaml").exists()


def test_import_with_the_request_refuses_an_answer_to_another_request(tmp_path):
    assert _cli("request", "kocher-clamp", "--option", "reusable-cssd", "-o", "sent.xlsx", cwd=tmp_path).returncode == 0
    made = _cli("import", str(_filled(tmp_path)), "-o", "acme.yaml", "--request", "sent.xlsx", cwd=tmp_path)
    assert made.returncode == 2 and "answers another request" in made.stderr


def test_export_pact_then_check_declared_against_it_is_within_tolerance(tmp_path):
    made = _cli("export-pact", "kocher-clamp", "-o", "fp.json", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert len(json.loads((tmp_path / "fp.json").read_text())["data"]) == 3
    checked = _cli("check-declared", "kocher-clamp", "--pact", "fp.json", "--option", "reusable-cssd", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "within the tolerance" in checked.stdout
