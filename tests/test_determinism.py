"""The same case, seed and version give byte-identical JSON results.

Checked in-process (two runs in one interpreter) and across two interpreters with different hash
seeds, so no result depends on set or dict ordering that changes between processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lcacompare import compare, load_case, prepare
from lcacompare.analysis.document import result_json

TESTS = Path(__file__).resolve().parent
DATASETS = TESTS / "data" / "datasets"
CASE = TESTS / "data" / "clamp.yaml"
CASE_ID = "test-clamp"
TIMEOUT = 120


def _run_in_child(hash_seed: str, out: Path, home: Path, seed: int = 7) -> bytes:
    env = {**os.environ, "LCACOMPARE_DATASETS": str(DATASETS), "PYTHONHASHSEED": hash_seed}
    env.pop("LCACOMPARE_DEBUG", None)
    done = subprocess.run(
        [
            *(sys.executable, "-m", "lcacompare.cli", "run", str(CASE), "--output", str(out), "--home", str(home)),
            *("--seed", str(seed), "--samples", "300"),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return (out / CASE_ID / "result.json").read_bytes()


def test_two_comparisons_in_one_process_give_identical_json(test_datasets, home) -> None:
    first = result_json(compare(load_case(CASE), datasets=test_datasets, home=home))
    second = result_json(compare(load_case(CASE), datasets=test_datasets, home=home))
    assert first.encode() == second.encode()


def test_runs_with_the_same_seed_in_two_processes_give_identical_json(
    test_datasets, home: Path, tmp_path: Path
) -> None:
    compare(load_case(CASE), datasets=test_datasets, home=home)  # build the cache once, outside the children
    first = _run_in_child("1", tmp_path / "a", home)
    second = _run_in_child("2", tmp_path / "b", home)
    assert first == second


def test_result_json_is_independent_of_the_case_file_location(test_datasets, home, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "clamp.yaml"
    copy.parent.mkdir()
    copy.write_bytes(CASE.read_bytes())
    here = result_json(compare(load_case(CASE), datasets=test_datasets, home=home))
    there = result_json(compare(load_case(copy), datasets=test_datasets, home=home))
    assert here == there


def _sampled(test_datasets, home: Path, seed: int) -> str:
    uncertainty = pytest.importorskip("lcacompare.uncertainty")
    if not hasattr(uncertainty, "run_uncertainty"):
        pytest.skip("lcacompare.uncertainty has no run_uncertainty yet")
    prepared = prepare(load_case(CASE), datasets=test_datasets, home=home)
    return json.dumps(uncertainty.run_uncertainty(prepared, 200, seed), sort_keys=True, default=str)


def test_sampled_results_with_the_same_seed_are_identical(test_datasets, home) -> None:
    assert _sampled(test_datasets, home, 7) == _sampled(test_datasets, home, 7)


def test_sampled_results_with_another_seed_differ(test_datasets, home) -> None:
    assert _sampled(test_datasets, home, 7) != _sampled(test_datasets, home, 8)


def test_excel_workbook_bytes_are_identical_for_the_same_result(test_datasets, home) -> None:
    import time

    from lcacompare.analysis.document import result_document
    from lcacompare.report.xlsx import render_xlsx

    doc = result_document(compare(load_case(CASE), datasets=test_datasets, home=home))
    first = render_xlsx(doc)
    time.sleep(1.1)  # zip entries and document properties would otherwise carry the save time
    assert render_xlsx(doc) == first
