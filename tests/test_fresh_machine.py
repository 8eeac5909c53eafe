"""What a fresh clone needs: the demo writes only ignored files, rankings do not depend on last digits."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lcacompare.ranking import descending

ROOT = Path(__file__).resolve().parent.parent


def test_demo_output_folder_is_ignored_by_git() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    probe = subprocess.run(
        ["git", "check-ignore", "-q", "reports/kocher-clamp/result.json"], cwd=ROOT, check=False, timeout=30
    )
    assert probe.returncode == 0, "make demo writes into reports/, which must not be under version control"


def test_every_shipped_case_has_committed_example_reports() -> None:
    cases = sorted(p.stem for p in (ROOT / "lcacompare" / "data" / "cases").glob("*.yaml"))
    assert cases
    for case in cases:
        for name in ("result.json", "report.html", "report.xlsx"):
            assert (ROOT / "examples" / case / name).is_file(), f"examples/{case}/{name} missing"


def test_near_ties_rank_by_name_whatever_the_last_digits() -> None:
    swings = {"b": 0.3, "a": 0.1 + 0.2, "c": 0.5}  # 0.1 + 0.2 differs from 0.3 in the last bit
    order = sorted(swings, key=lambda name: descending(swings[name], name))
    assert order == ["c", "a", "b"]
    flipped = {"b": 0.1 + 0.2, "a": 0.3, "c": 0.5}
    assert sorted(flipped, key=lambda name: descending(flipped[name], name)) == order
