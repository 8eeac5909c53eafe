"""Wall time of `lcacompare run` on a shipped case: cold (empty LCACOMPARE_HOME) and warm.

Targets (DESIGN.md section 8): warm under 1.5 s, cold under 10 s, reports included (the run
writes result.json, report.html and report.xlsx, as ``lcacompare run`` does by default). Run with
``pytest tests/benchmarks/test_bench_run.py --benchmark-enable``; both figures are recorded side
by side in one run, and the targets go into ``extra_info`` rather than assertions.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

CASE = "kocher-clamp"
TIMEOUT_S = 300
WARM_TARGET_S = 1.5
COLD_TARGET_S = 10.0


def lcacompare_run(home: Path, output: Path) -> None:
    env = dict(os.environ, LCACOMPARE_HOME=str(home))
    subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", "run", CASE, "-o", str(output)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT_S,
        env=env,
    )


@pytest.fixture
def tmp_homes(tmp_path: Path):
    counter = itertools.count()

    def fresh() -> tuple[tuple[Path, Path], dict]:
        k = next(counter)
        return (tmp_path / f"home-{k}", tmp_path / f"reports-{k}"), {}

    return fresh


def test_cold_run_builds_the_cache_from_an_empty_home(benchmark, tmp_homes):
    benchmark.extra_info["target_s"] = COLD_TARGET_S
    benchmark.pedantic(lcacompare_run, setup=tmp_homes, rounds=3, iterations=1)


def test_warm_run_reuses_the_cache(benchmark, tmp_path):
    home, output = tmp_path / "home", tmp_path / "reports"
    lcacompare_run(home, output)  # build once
    benchmark.extra_info["target_s"] = WARM_TARGET_S
    benchmark.pedantic(lcacompare_run, args=(home, output), rounds=7, iterations=1, warmup_rounds=1)
