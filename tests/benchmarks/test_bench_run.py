"""Wall time of `lcacompare run` on a shipped case: cold (empty LCACOMPARE_HOME) and warm.

Targets (DESIGN.md section 8 and issue 6): warm under 1.5 s, cold under 10 s. The warm run is
measured as a user runs it (a new process each time, the Brightway cache and the unit-definition
cache already built) in three forms: the default run (result.json, report.html and report.xlsx,
10,000 paired samples, tornado), the same with ``--sobol``, and ``--report json`` (the result
document only, what another tool reads). As a reference measured in the same session, the
*import floor* is a process that only imports the libraries a default run with reports needs
(numpy, pint, pydantic, PyYAML, typer, rich, Jinja2, matplotlib's Figure and SVG backend,
openpyxl) and does nothing else; ``make bench`` prints each run's time as a multiple of it.
The targets go into ``extra_info``, never into assertions.
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
WARM_VARIANTS = {
    "default": (),
    "sobol": ("--sobol",),
    "json-only": ("--report", "json"),
}
IMPORT_FLOOR = (
    "import numpy, pint, pydantic, yaml, typer, rich.console, jinja2, openpyxl, matplotlib.figure, "
    "matplotlib.backends.backend_svg"
)


def lcacompare_run(home: Path, output: Path, *extra: str) -> None:
    env = dict(os.environ, LCACOMPARE_HOME=str(home))
    subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", "run", CASE, "-o", str(output), *extra],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT_S,
        env=env,
    )


def _record(run_timings: dict, benchmark, name: str) -> None:
    stats = benchmark.stats.stats
    run_timings[name] = (stats.min, stats.median)


@pytest.fixture
def tmp_homes(tmp_path: Path):
    counter = itertools.count()

    def fresh() -> tuple[tuple[Path, Path], dict]:
        k = next(counter)
        return (tmp_path / f"home-{k}", tmp_path / f"reports-{k}"), {}

    return fresh


def test_import_floor_of_the_libraries_a_run_needs(benchmark, run_timings):
    def floor() -> None:
        subprocess.run([sys.executable, "-c", IMPORT_FLOOR], check=True, timeout=TIMEOUT_S)

    benchmark.pedantic(floor, rounds=7, iterations=1, warmup_rounds=1)
    _record(run_timings, benchmark, "import floor")


def test_cold_run_builds_the_cache_from_an_empty_home(benchmark, tmp_homes, run_timings):
    benchmark.extra_info["target_s"] = COLD_TARGET_S
    benchmark.pedantic(lcacompare_run, setup=tmp_homes, rounds=3, iterations=1)
    _record(run_timings, benchmark, "cold run (default)")


@pytest.mark.parametrize("variant", list(WARM_VARIANTS))
def test_warm_run_reuses_the_cache(benchmark, tmp_path, run_timings, variant):
    home, output = tmp_path / "home", tmp_path / "reports"
    extra = WARM_VARIANTS[variant]
    lcacompare_run(home, output, *extra)  # build the caches once
    benchmark.extra_info["target_s"] = WARM_TARGET_S
    benchmark.pedantic(lcacompare_run, args=(home, output, *extra), rounds=7, iterations=1, warmup_rounds=1)
    _record(run_timings, benchmark, f"warm run ({variant})")
