"""``import`` refuses a filled workbook or a ``--request`` that is no workbook with exit 2 naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_bad_inputs import run_cli


@pytest.mark.parametrize("kind", ["json", "missing", "folder", "zip-of-nothing"])
def test_a_request_that_is_no_workbook_exits_2_naming_it(tmp_path: Path, kind: str) -> None:
    request = tmp_path / "request.xlsx"
    if kind == "json":
        request.write_text('{"not": "a workbook"}', encoding="utf-8")
    elif kind == "folder":
        request.mkdir()
    elif kind == "zip-of-nothing":
        request.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(b"not a workbook either")
    outcome = run_cli("import", str(filled), "-o", str(tmp_path / "case.yaml"), "--request", str(request))
    assert outcome.code == 2, outcome.stderr
    assert "Traceback" not in outcome.stderr and "internal error" not in outcome.stderr
    assert "request.xlsx" in outcome.stderr
    assert not (tmp_path / "case.yaml").exists()


def test_a_missing_filled_workbook_says_file_not_found(tmp_path: Path) -> None:
    outcome = run_cli("import", str(tmp_path / "nowhere.xlsx"), "-o", str(tmp_path / "case.yaml"))
    assert outcome.code == 2
    assert "file not found" in outcome.stderr
