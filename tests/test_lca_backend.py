"""The cached Brightway backend: every number equals a plain bw2calc LCA on the same project."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lcacompare import compare, prepare
from lcacompare.lca.backend import BrightwayBackend
from lcacompare.lca.session import use_project
from lcacompare.method import load_method

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def backend(test_datasets, home) -> BrightwayBackend:
    built = BrightwayBackend(test_datasets, load_method(), home)
    built.ensure()
    return built


@pytest.fixture(scope="module")
def prepared(clamp_case, test_datasets, home):
    return prepare(clamp_case, datasets=test_datasets, home=home)


def plain_lca(backend: BrightwayBackend, demand: dict[int, float]) -> float:
    """A bw2calc LCA written out in full, independent of lcacompare's calculation helpers."""
    _, bc = use_project(backend.base_dir, backend.project)
    lca = bc.LCA(demand, method=backend.method_key)
    lca.lci()
    lca.lcia()
    return float(lca.score)


def option_demands(prepared, backend, modules) -> dict[str, dict[int, float]]:
    compiled = prepared.compiled
    amounts = compiled.inventory_per_use(compiled.parameter_values())
    demands: dict[str, dict[int, float]] = {}
    for option_id, lines in compiled.lines.items():
        demand: dict[int, float] = {}
        for info, amount in zip(lines, amounts[option_id], strict=True):
            if info.module in modules:
                node = backend.activity_id(info.activity_key)
                demand[node] = demand.get(node, 0.0) + float(amount)
        demands[option_id] = demand
    return demands


def test_option_totals_equal_plain_bw2calc_lca_of_the_same_demand(clamp_case, test_datasets, home, backend, prepared):
    result = compare(clamp_case, datasets=test_datasets, home=home)
    method = load_method()
    for option_id, demand in option_demands(prepared, backend, method.total_modules).items():
        assert result.option(option_id).kg_co2e_per_use == pytest.approx(plain_lca(backend, demand), rel=1e-6)


def test_module_and_line_contributions_equal_bw2calc(clamp_case, test_datasets, home, backend, prepared):
    result = compare(clamp_case, datasets=test_datasets, home=home, prepared=prepared)
    for option in result.options:
        for module, kg in option.kg_co2e_by_module.items():
            demand = option_demands(prepared, backend, {module})[option.id]
            expected = plain_lca(backend, demand) if demand else 0.0
            assert kg == pytest.approx(expected, rel=1e-6, abs=1e-12)
        for line, info in zip(option.lines, prepared.compiled.lines[option.id], strict=True):
            expected = plain_lca(backend, {backend.activity_id(info.activity_key): line.amount_per_use})
            assert line.kg_co2e_per_use == pytest.approx(expected, rel=1e-6, abs=1e-12)


def test_cached_unit_impacts_of_every_background_activity_equal_live_bw2calc(backend, test_datasets):
    codes = sorted(factor.code for factor in test_datasets.factors.values())
    cached = backend.unit_impacts(codes)
    for code in codes:
        # Brightway stores float32 amounts; the cache keeps the float64 dataset value it checked.
        assert cached[code] == pytest.approx(plain_lca(backend, {backend.activity_id(code): 1.0}), rel=1e-6)
    assert cached["electricity-grid|BE"] == 0.138  # exactly the dataset figure, no float32 noise


def test_backend_score_is_the_bw2calc_score_of_a_mixed_demand(backend, test_datasets):
    codes = sorted(factor.code for factor in test_datasets.factors.values())[:3]
    demand = {code: 0.5 + k for k, code in enumerate(codes)}
    expected = plain_lca(backend, {backend.activity_id(c): a for c, a in demand.items()})
    assert backend.score(demand) == pytest.approx(expected, rel=1e-9)
    impacts = backend.unit_impacts(codes)
    assert sum(impacts[c] * a for c, a in demand.items()) == pytest.approx(expected, rel=1e-6)


def test_warm_run_reads_cached_impacts_and_distributions_without_importing_brightway(backend, home):
    script = (
        "import sys, json\n"
        "from lcacompare import compare, load_case, prepare\n"
        "from lcacompare.datasets import load_datasets\n"
        "from lcacompare.uncertainty import paired_monte_carlo\n"
        f"case = load_case({str(ROOT / 'tests/data/clamp.yaml')!r})\n"
        f"prepared = prepare(case, datasets=load_datasets({str(ROOT / 'tests/data/datasets')!r}), home={str(home)!r})\n"
        "result = compare(case, prepared=prepared)\n"
        "sampled = paired_monte_carlo(prepared, 50, 1, breakeven=False)\n"
        "print(json.dumps({'bw': sorted(m for m in sys.modules if m.startswith(('bw2data', 'bw2calc'))),"
        " 'kg': [o.kg_co2e_per_use for o in result.options], 'background': sampled.background}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["bw"] == []
    assert all(kg > 0 for kg in report["kg"])
    assert report["background"] == "exchanges"


def test_monte_carlo_draws_equal_bw2calc_lci_of_each_activity_in_the_same_draw(backend, test_datasets):
    codes = sorted(factor.code for factor in test_datasets.factors.values())[:4]
    draws = backend.sample_unit_impacts(codes, 5, seed=7)
    _, bc = use_project(backend.base_dir, backend.project)
    first = {backend.activity_id(codes[0]): 1.0}
    lca = bc.LCA(first, method=backend.method_key, use_distributions=True, seed_override=7)
    lca.lci()
    lca.lcia()
    for s in range(5):
        if s:
            next(lca)
        for k, code in enumerate(codes):
            lca.lci(demand={backend.activity_id(code): 1.0})
            lca.lcia()
            assert draws[k, s] == pytest.approx(lca.score, rel=1e-9)


def test_monte_carlo_draws_repeat_with_the_seed_and_are_read_back_from_the_cache(backend, test_datasets, monkeypatch):
    codes = sorted(factor.code for factor in test_datasets.factors.values())[:3]
    first = backend.sample_unit_impacts(codes, 20, seed=11)
    assert backend.samples_file(codes, 20, seed=11).is_file()

    def no_sampling(*args, **kwargs):
        raise AssertionError("sampled again instead of reading the cache")

    monkeypatch.setattr("lcacompare.lca.calculate.sampled_unit_scores", no_sampling)
    again = backend.sample_unit_impacts(codes, 20, seed=11)
    np.testing.assert_array_equal(first, again)
    monkeypatch.undo()
    assert not np.allclose(backend.sample_unit_impacts(codes, 20, seed=12), first)


def test_monte_carlo_spread_follows_the_pedigree_lognormal(backend, test_datasets):
    from lcacompare.pedigree import pedigree_sigma

    factor = next(f for f in test_datasets.factors.values() if len(f.kg_per_unit) == 1 and f.category != "transport")
    sigma = pedigree_sigma(factor.provenance.pedigree, load_method(), "default")
    draws = backend.sample_unit_impacts([factor.code], 300, seed=3)[0]
    deterministic = backend.unit_impacts([factor.code])[factor.code]
    logs = np.log(draws / deterministic)
    assert abs(np.mean(logs)) < 4 * sigma / np.sqrt(300)
    assert np.std(logs) == pytest.approx(sigma, rel=0.15)
