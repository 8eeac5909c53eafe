"""Portfolios: 15,000 product lines deterministic and with 1,000 paired draws; Dask 2 workers vs 1.

The portfolio is synthetic (:func:`lcacompare.portfolios.synthetic.write_synthetic_portfolio`,
seed 2026) over the five shipped cases. Each benchmark prints its ratio against a reference
measured in the same run, never asserted:

* deterministic: rows per second, and the ratio of one ``compare`` per row (the row's case with
  its overrides written in, compiled and compared; timed on 100 rows and scaled to 15,000) to
  the portfolio run;
* 1,000 paired draws per row: seconds, and the ratio to the deterministic run;
* Dask: a ``LocalCluster`` of 2 workers against 1 worker (speed-up), and the overhead per
  partition of Dask against the in-process run ((one-worker run - in-process run) / partitions,
  the cluster's start included).
"""

from __future__ import annotations

import time

import pytest

ROWS = 15_000
DRAWS = 1_000
DASK_DRAWS = 400
REFERENCE_ROWS = 100
_SECONDS: dict[str, float] = {}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory):
    from lcacompare.portfolios.load import load_portfolio
    from lcacompare.portfolios.synthetic import write_synthetic_portfolio

    path = write_synthetic_portfolio(tmp_path_factory.mktemp("bench-portfolio"), ROWS, seed=2026)
    clock = time.perf_counter()
    found = load_portfolio(path)
    _SECONDS["load"] = time.perf_counter() - clock
    return found


def _one_compare_per_row(loaded, rows: int) -> float:
    """Seconds of one ``compare`` per row (the row's overrides written into its case) for ``rows`` rows."""
    from lcacompare import compare, load_case
    from lcacompare.data import shipped_case

    cases = {}
    for name in loaded.prepared:
        with shipped_case(name) as file:
            cases[name] = load_case(file)
    clock = time.perf_counter()
    for row in loaded.portfolio.rows[:rows]:
        case = cases[row.current.case].model_copy(deep=True)
        for name, quantity in row.overrides.items():
            if name in case.parameters:
                case.parameters[name] = case.parameters[name].model_copy(update={"value": f"{quantity:~}"})
        compare(case)
    return time.perf_counter() - clock


def test_bench_portfolio_15000_rows_deterministic(benchmark, loaded) -> None:
    from lcacompare.portfolios.runner import run_portfolio

    benchmark.pedantic(run_portfolio, args=(loaded,), kwargs={"samples": 0}, rounds=3, iterations=1)
    seconds = benchmark.stats.stats.min
    _SECONDS["deterministic"] = seconds
    per_row = _one_compare_per_row(loaded, REFERENCE_ROWS) / REFERENCE_ROWS
    ratio = per_row * ROWS / seconds
    benchmark.extra_info.update(rows_per_second=ROWS / seconds, ratio_compare_per_row=ratio)
    print(
        f"\nportfolio {ROWS:,} rows deterministic: {seconds:.2f} s (+ {_SECONDS['load']:.2f} s loading and "
        f"compiling), {ROWS / seconds:,.0f} rows/s; one compare per row: {per_row * 1e3:.1f} ms/row, "
        f"{per_row * ROWS:.0f} s for {ROWS:,} rows = {ratio:.0f}x the portfolio run"
    )


def test_bench_portfolio_15000_rows_with_1000_paired_draws(benchmark, loaded) -> None:
    from lcacompare.portfolios.runner import run_portfolio

    benchmark.pedantic(run_portfolio, args=(loaded,), kwargs={"samples": DRAWS}, rounds=1, iterations=1)
    seconds = benchmark.stats.stats.min
    deterministic = _SECONDS.get("deterministic")
    ratio = f", {seconds / deterministic:.0f}x the deterministic run" if deterministic else ""
    benchmark.extra_info["seconds"] = seconds
    print(
        f"\nportfolio {ROWS:,} rows x {DRAWS:,} paired draws: {seconds:.1f} s "
        f"({ROWS * DRAWS / seconds / 1e6:.2f} M row-draws/s){ratio}"
    )


def test_bench_portfolio_dask_two_workers_against_one(benchmark, loaded) -> None:
    pytest.importorskip("dask.distributed")
    from lcacompare.portfolios.runner import partitions, run_portfolio

    def timed(**kwargs) -> float:
        clock = time.perf_counter()
        run_portfolio(loaded, samples=DASK_DRAWS, **kwargs)
        return time.perf_counter() - clock

    in_process = timed()
    one = timed(workers=1)
    benchmark.pedantic(run_portfolio, args=(loaded,), kwargs={"samples": DASK_DRAWS, "workers": 2}, rounds=1)
    two = benchmark.stats.stats.min
    count = len(partitions(loaded.portfolio.rows, loaded.portfolio.settings.partition_rows))
    overhead = (one - in_process) / (2 * count)  # two passes (deterministic, draws) over the partitions
    benchmark.extra_info.update(speedup_2_vs_1=one / two, overhead_per_partition_s=overhead)
    print(
        f"\nportfolio {ROWS:,} rows x {DASK_DRAWS} draws: in process {in_process:.1f} s, Dask 1 worker {one:.1f} s, "
        f"2 workers {two:.1f} s: speed-up {one / two:.2f}x; overhead {overhead * 1e3:.0f} ms per partition task "
        f"({count} partitions of {loaded.portfolio.settings.partition_rows} rows, cluster start included)"
    )
