"""Wall time of a whole run (result.json, report.html, report.xlsx) of 30 and of 300 options.

The cases are the test clamp case (tests/data/clamp.yaml) with its reusable option repeated
(tests/test_hardening_scale.py builds them), run in-process against the test datasets with
2,000 paired samples and the tornado. Time proportional to size means the 300-option run
takes about 10 times the 30-option run; the ratio is printed (and kept in ``extra_info``),
never asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the case builders of the scale tests
from test_hardening_scale import DATASETS, many_options, write_case

SAMPLES = 2000
SIZES = (30, 300)
_SECONDS: dict[int, float] = {}


def _run(path: Path, output: Path, home: Path) -> None:
    from lcacompare import load_case
    from lcacompare.datasets import load_datasets
    from lcacompare.run import run_case

    run_case(load_case(path), output, datasets=load_datasets(DATASETS), home=home, samples=SAMPLES)


@pytest.mark.parametrize("options", SIZES)
def test_bench_run_of_many_options(benchmark, tmp_path: Path, options: int) -> None:
    path = write_case(tmp_path, many_options(options))
    home = tmp_path / "home"
    _run(path, tmp_path / "warm", home)  # builds the Brightway project once
    benchmark.pedantic(_run, args=(path, tmp_path / "out", home), rounds=1, iterations=1)
    _SECONDS[options] = benchmark.stats.stats.min
    if len(_SECONDS) == len(SIZES):
        ratio = _SECONDS[SIZES[1]] / _SECONDS[SIZES[0]]
        benchmark.extra_info["ratio_300_vs_30"] = ratio
        big, small = _SECONDS[SIZES[1]], _SECONDS[SIZES[0]]
        print(f"\n{SIZES[1]} vs {SIZES[0]} options: {big:.1f} s / {small:.1f} s = {ratio:.1f}x")
