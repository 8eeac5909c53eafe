"""Faults while writing reports: a killed run, unwritable output folders, two runs at once.

Subprocesses are bounded in time (``TIMEOUT``); the killed run is paused at a known point inside
:func:`lcacompare.report.writer.write_atomically` and then killed with SIGKILL, so the test does
not depend on timing.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import queue
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from lcacompare import cli
from lcacompare.report import writer

TESTS = Path(__file__).resolve().parent
DATASETS = TESTS / "data" / "datasets"
CASE = TESTS / "data" / "clamp.yaml"
CASE_ID = "test-clamp"
TIMEOUT = 120

# Runs the CLI with one step of the report writer paused, announcing the pause on stdout.
# "mkstemp" pauses right after a temporary report file is created in the output folder, "replace"
# right before the first finished file is moved over an old one.
PAUSED_CHILD = """
import os, sys, tempfile, time
step, output = sys.argv[1], sys.argv[2]
module = tempfile if step == "mkstemp" else os
real = getattr(module, step)
def paused(*args, **kwargs):
    inside = str(kwargs.get("dir") if step == "mkstemp" else args[1]).startswith(output)
    result = real(*args, **kwargs) if step == "mkstemp" else None
    if inside:
        print("PAUSED", flush=True)
        time.sleep(600)
    return result if step == "mkstemp" else real(*args, **kwargs)
setattr(module, step, paused)
from lcacompare.cli import main
sys.argv = ["lcacompare", *sys.argv[3:]]
main()
"""


def run_cli(*args: str) -> tuple[int, str]:
    """Call the CLI entry point in-process; return exit code and stderr."""
    err = io.StringIO()
    saved = sys.argv
    sys.argv = ["lcacompare", *args]
    code = 0
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = saved
    return code, err.getvalue()


def child_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "LCACOMPARE_DATASETS": str(DATASETS), "LCACOMPARE_HOME": str(home)}
    env.pop("LCACOMPARE_DEBUG", None)
    return env


def kill_when_paused(step: str, out: Path, case: Path, home: Path) -> tuple[str, str]:
    """Run the CLI with ``os.<step>`` paused inside the report folder, SIGKILL it once it pauses.

    Returns what the child announced (``PAUSED`` when it reached the writer) and its stderr.
    """
    argv = [sys.executable, "-c", PAUSED_CHILD, step, str(out), "run", str(case), "--output", str(out)]
    argv += ["--home", str(home)]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(home))
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(child.stdout.readline()), daemon=True).start()
    try:
        announced = lines.get(timeout=TIMEOUT)
    except queue.Empty:
        announced = ""
    child.kill()
    _, stderr = child.communicate(timeout=TIMEOUT)
    return announced.strip(), stderr


def _flatten(node: object, path: str = "") -> dict[str, object]:
    """A JSON document as ``{path: leaf}``, for comparing numbers with a tolerance."""
    if isinstance(node, dict):
        return {k: v for key, value in node.items() for k, v in _flatten(value, f"{path}.{key}").items()}
    if isinstance(node, list):
        return {k: v for i, value in enumerate(node) for k, v in _flatten(value, f"{path}[{i}]").items()}
    return {path: node}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Visible files of a report folder and their bytes (temporary ``.*.part`` files are hidden)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(autouse=True)
def _test_datasets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
    monkeypatch.delenv("LCACOMPARE_DEBUG", raising=False)


@pytest.fixture(scope="module")
def warm_home(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session home with the test datasets' Brightway project built (one in-process run)."""
    out = tmp_path_factory.mktemp("warm-up")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
        code, stderr = run_cli("run", str(CASE), "--output", str(out), "--home", str(home))
    assert code == 0, stderr
    return home


@pytest.mark.parametrize("step", ["mkstemp", "replace"], ids=["while-writing-temp-file", "before-moving-into-place"])
def test_run_killed_while_writing_reports_leaves_earlier_reports_intact(
    step: str, warm_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    code, stderr = run_cli("run", str(CASE), "--output", str(out), "--home", str(warm_home))
    assert code == 0, stderr
    before = snapshot(out / CASE_ID)
    assert "result.json" in before
    changed = tmp_path / "changed.yaml"  # same case id, different figures: a finished run would change the reports
    changed.write_text(CASE.read_text(encoding="utf-8").replace("amount: 30 g", "amount: 31 g"), encoding="utf-8")
    announced, child_err = kill_when_paused(step, out, changed, warm_home)
    assert announced == "PAUSED", f"the child never reached the report writer: {child_err}"
    assert snapshot(out / CASE_ID) == before


def test_killed_run_leaves_only_hidden_temporary_files(warm_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    announced, child_err = kill_when_paused("replace", out, CASE, warm_home)
    assert announced == "PAUSED", f"the child never reached the report writer: {child_err}"
    assert snapshot(out / CASE_ID) == {}, "a killed first run must not leave a visible (half) report"


def test_read_only_output_folder_gives_clear_error(warm_home: Path, tmp_path: Path) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root (or a non-POSIX system) ignores folder permissions")
    out = tmp_path / "reports"
    (out / CASE_ID).mkdir(parents=True)
    (out / CASE_ID).chmod(0o555)
    try:
        code, stderr = run_cli("run", str(CASE), "--output", str(out), "--home", str(warm_home))
    finally:
        (out / CASE_ID).chmod(0o755)
    assert code == 2
    assert str(out / CASE_ID) in stderr and "permission denied" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    "error",
    [errno.EACCES, errno.EROFS, errno.ENOSPC],
    ids=["permission-denied", "read-only-file-system", "disk-full"],
)
def test_unwritable_output_folder_gives_clear_error(
    error: int, warm_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise (PermissionError if error == errno.EACCES else OSError)(error, os.strerror(error))

    monkeypatch.setattr(writer.tempfile, "mkstemp", refuse)
    out = tmp_path / "reports"
    code, stderr = run_cli("run", str(CASE), "--output", str(out), "--home", str(warm_home))
    assert code == 2, stderr
    assert str(out / CASE_ID) in stderr and "expected: a writable folder" in stderr
    assert "Traceback" not in stderr and "internal error" not in stderr


def test_output_folder_that_cannot_be_created_gives_clear_error(
    warm_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "reports"
    real_mkdir = writer.Path.mkdir

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if str(self).startswith(str(out)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(writer.Path, "mkdir", refuse)
    code, stderr = run_cli("run", str(CASE), "--output", str(out), "--home", str(warm_home))
    assert code == 2, stderr
    assert "cannot create the folder" in stderr and "Read-only file system" in stderr


def test_output_path_that_is_a_file_gives_clear_error(warm_home: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder", encoding="utf-8")
    code, stderr = run_cli("run", str(CASE), "--output", str(blocker), "--home", str(warm_home))
    assert code == 2, stderr
    assert "is a file, not a folder" in stderr


def test_report_name_taken_by_a_folder_gives_clear_error(warm_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    (out / CASE_ID / "result.json").mkdir(parents=True)
    code, stderr = run_cli("run", str(CASE), "--output", str(out), "--home", str(warm_home))
    assert code == 2, stderr
    assert "result.json" in stderr and "cannot replace it" in stderr
    assert not [p for p in (out / CASE_ID).iterdir() if p.name.endswith(".part")]


def test_two_runs_at_once_on_the_same_case_and_output_both_succeed(warm_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    argv = [sys.executable, "-m", "lcacompare.cli", "run", str(CASE), "--output", str(out), "--home", str(warm_home)]
    children = [
        subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(warm_home))
        for _ in range(2)
    ]
    results = [child.communicate(timeout=TIMEOUT) for child in children]
    assert [child.returncode for child in children] == [0, 0], [err for _, err in results]
    solo = tmp_path / "solo"
    code, stderr = run_cli("run", str(CASE), "--output", str(solo), "--home", str(warm_home))
    assert code == 0, stderr
    written = snapshot(out / CASE_ID)
    # Same figures as a run on its own; compared to 1e-12 because Sobol indices may differ in the last
    # bits between a fresh process and this one (byte identity across processes: test_determinism).
    alone = _flatten(json.loads(snapshot(solo / CASE_ID)["result.json"]))
    together = _flatten(json.loads(written["result.json"]))
    assert together.keys() == alone.keys()
    numbers = [key for key, value in alone.items() if isinstance(value, float)]
    other = alone.keys() - set(numbers)
    assert {k: together[k] for k in other} == {k: alone[k] for k in other}
    assert [together[k] for k in numbers] == pytest.approx([alone[k] for k in numbers], rel=1e-12, abs=1e-15)
    if "report.html" in written:  # whole, not interleaved: it ends where a report ends
        assert written["report.html"].rstrip().endswith(b"</html>")
    if "report.xlsx" in written:
        assert zipfile.ZipFile(io.BytesIO(written["report.xlsx"])).testzip() is None
