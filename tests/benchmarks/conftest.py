"""Benchmark fixtures: the shipped Kocher clamp case (two options), or the test clamp case.

The speed-up line is printed at the end of ``make bench`` from the timings the benchmarks
record in the pytest stash (both sides measured in the same run, on the same model).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_CASE = ROOT / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml"
TEST_DATA = ROOT / "tests" / "data"
TIMINGS = pytest.StashKey[dict]()
RUN_TIMINGS = pytest.StashKey[dict]()
"""``{name: (min_s, median_s)}`` of the whole-run benchmarks, printed against the import floor."""


def _load_bench_case():
    from lcacompare import load_case
    from lcacompare.datasets import load_datasets
    from lcacompare.errors import CaseError

    try:
        case = load_case(SHIPPED_CASE)
        case.options = [case.options[0], next(o for o in case.options[1:] if o.kind == "reusable")]
        return case, None, "shipped kocher-clamp (first two options)"
    except (CaseError, OSError, StopIteration):
        return load_case(TEST_DATA / "clamp.yaml"), load_datasets(TEST_DATA / "datasets"), "tests/data/clamp.yaml"


@pytest.fixture(scope="session")
def bench_model(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest):
    from lcacompare import prepare
    from lcacompare.errors import CaseError
    from lcacompare.uncertainty import build_model

    case, datasets, label = _load_bench_case()
    home = tmp_path_factory.mktemp("bench-home")
    try:
        prepared = prepare(case, datasets=datasets, home=home)
    except CaseError:  # the shipped case is still being written: fall back to the test case
        from lcacompare import load_case
        from lcacompare.datasets import load_datasets

        case, label = load_case(TEST_DATA / "clamp.yaml"), "tests/data/clamp.yaml"
        prepared = prepare(case, datasets=load_datasets(TEST_DATA / "datasets"), home=home)
    request.config.stash.setdefault(TIMINGS, {})["case"] = label
    return build_model(prepared)


@pytest.fixture(scope="session")
def bench_mirror(bench_model):
    from lcacompare.lca.session import quiet_progress
    from lcacompare.uncertainty.brightway_mirror import write_brightway_mirror

    with quiet_progress():
        return write_brightway_mirror(bench_model)


@pytest.fixture
def timings(request: pytest.FixtureRequest) -> dict:
    return request.config.stash.setdefault(TIMINGS, {})


@pytest.fixture
def run_timings(request: pytest.FixtureRequest) -> dict:
    return request.config.stash.setdefault(RUN_TIMINGS, {})


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    _summarise_runs(terminalreporter.write_line, config.stash.get(RUN_TIMINGS, {}))
    found = config.stash.get(TIMINGS, {})
    if "ours_per_sample" not in found or "brightway_per_sample" not in found:
        return
    ours, theirs = found["ours_per_sample"], found["brightway_per_sample"]
    write = terminalreporter.write_line
    write(f"case: {found.get('case')}; inputs: {found.get('inputs')}")
    write(
        f"paired Monte Carlo, {found['samples']:,} samples: {found['ours_seconds']:.3f} s "
        f"({ours * 1e6:.2f} us per paired sample)"
    )
    write(
        f"brightway MultiLCA use_distributions, {found['brightway_draws']} draws: {theirs * 1e3:.3f} ms per paired draw"
    )
    write(f"speedup vs brightway MonteCarloLCA: {theirs / ours:.0f}x")


def _summarise_runs(write, runs: dict) -> None:
    """One line per whole-run benchmark: min and median seconds, and as a multiple of the floor."""
    if not runs:
        return
    floor = runs.get("import floor", (None, None))[0]
    for name, (least, median) in runs.items():
        ratio = f", {least / floor:.1f}x the import floor" if floor and name != "import floor" else ""
        write(f"lcacompare {name}: min {least:.2f} s, median {median:.2f} s{ratio}")
