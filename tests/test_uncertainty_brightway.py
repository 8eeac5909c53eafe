"""The fast path agrees with Brightway: deterministic scores and Monte Carlo statistics."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lcacompare import prepare
from lcacompare.lca.sampling import monte_carlo_unit_impacts, read_exchange_distributions
from lcacompare.lca.session import quiet_progress
from lcacompare.uncertainty import build_model, paired_monte_carlo
from lcacompare.uncertainty.brightway_mirror import write_brightway_mirror

BRIGHTWAY_DRAWS = 600
OUR_DRAWS = 20_000


@pytest.fixture(scope="module")
def model(clamp_case, test_datasets, home):
    # Every uncertain input acts on one exchange, so Brightway can hold the same distributions.
    case = clamp_case.model_copy(deep=True)
    case.options[1].inventory[1].amount = "0.085 kg * 200 km"
    return build_model(prepare(case, datasets=test_datasets, home=home))


@pytest.fixture(scope="module")
def mirror(model):
    with quiet_progress():
        return write_brightway_mirror(model)


@pytest.fixture(scope="module")
def brightway_samples(mirror):
    bd, bc = mirror.modules()
    demands = {oid: {node: 1.0} for oid, node in mirror.activity_ids.items()}
    config = {"impact_categories": [mirror.method_key]}
    lca = bc.MultiLCA(
        demands, config, bd.get_multilca_data_objs(demands, config), use_distributions=True, seed_override=42
    )
    lca.lci()
    lca.lcia()
    out = {oid: np.empty(BRIGHTWAY_DRAWS) for oid in demands}
    for draw in range(BRIGHTWAY_DRAWS):
        if draw:
            next(lca)
        scores = lca.scores
        for oid in demands:
            out[oid][draw] = scores[(mirror.method_key, oid)]
    return out


def _order_statistic_interval(sample: np.ndarray, percent: float, z: float = 3.3) -> tuple[float, float]:
    """Distribution-free confidence interval of a percentile from order statistics."""
    ordered = np.sort(sample)
    m, p = len(ordered), percent / 100.0
    half = z * math.sqrt(m * p * (1 - p))
    low, high = max(int(m * p - half), 0), min(math.ceil(m * p + half), m - 1)
    return float(ordered[low]), float(ordered[high])


def _assert_same_distribution(ours: np.ndarray, theirs: np.ndarray) -> None:
    error = math.sqrt(np.var(ours) / len(ours) + np.var(theirs) / len(theirs))
    assert abs(np.mean(ours) - np.mean(theirs)) < 4 * error
    for percent in (2.5, 50.0, 97.5):
        low, high = _order_statistic_interval(theirs, percent)
        assert low <= np.percentile(ours, percent) <= high, percent


def test_mirror_holds_exact_distributions(mirror):
    assert all(mirror.exact.values())


def test_deterministic_result_equals_bw2calc_score(model, mirror):
    _, bc = mirror.modules()
    ours = model.evaluate({}, 1).kg_co2e_per_use
    for oid, node in mirror.activity_ids.items():
        lca = bc.LCA({node: 1.0}, method=mirror.method_key)
        lca.lci()
        lca.lcia()
        assert float(ours[oid][0]) == pytest.approx(lca.score, rel=1e-6)


def test_sampled_statistics_agree_with_brightway_monte_carlo(model, brightway_samples):
    result = paired_monte_carlo(model, OUR_DRAWS, 7, breakeven=False)
    for oid, theirs in brightway_samples.items():
        _assert_same_distribution(result.arrays["options"][oid]["kg_co2e_per_use"], theirs)


def test_sampled_difference_agrees_with_brightway_monte_carlo(model, brightway_samples):
    result = paired_monte_carlo(model, OUR_DRAWS, 8, breakeven=False)
    ours = result.arrays["differences"]["reusable-vs-single-use"]["kg_co2e_per_use"]
    _assert_same_distribution(ours, brightway_samples["reusable"] - brightway_samples["single-use"])


def test_stored_exchange_distributions_reproduce_deterministic_unit_impacts(model):
    backend = model.prepared.backend
    stored = read_exchange_distributions(backend, model.codes)
    expected = [model.prepared.unit_impacts[code] for code in stored.codes]
    assert stored.deterministic() == pytest.approx(expected, rel=1e-6)


def test_cached_exchange_distributions_equal_what_brightway_stores(model, test_datasets):
    backend = model.prepared.backend
    every = sorted(factor.code for factor in test_datasets.factors.values())
    for codes in (model.codes, every, list(reversed(every[:5]))):
        cached = backend.exchange_distributions(codes)
        stored = read_exchange_distributions(backend, codes)  # opens the project with bw2data
        assert cached.codes == stored.codes
        np.testing.assert_array_equal(cached.fixed, stored.fixed)
        assert len(cached.terms) == len(stored.terms) > 0
        for ours, theirs in zip(cached.terms, stored.terms, strict=True):
            assert ours.to_dict() == theirs.to_dict()


def test_uncertainty_model_samples_the_cached_brightway_distributions(model):
    stored = read_exchange_distributions(model.prepared.backend, model.codes)
    assert model.background_mode == "exchanges"
    assert [t.to_dict() for t in model.exchanges.terms] == [t.to_dict() for t in stored.terms]


def test_fast_pool_equals_backend_sampling_draw_by_draw(model):
    backend = model.prepared.backend
    codes = model.codes[:3]
    assert monte_carlo_unit_impacts(backend, codes, 20, 5) == pytest.approx(
        backend.sample_unit_impacts(codes, 20, 5), rel=1e-6
    )


def test_direct_unit_impact_draws_agree_with_bw2calc_sampling(model):
    backend = model.prepared.backend
    theirs = monte_carlo_unit_impacts(backend, model.codes, 600, 3)
    draws = model.sample(OUR_DRAWS, 4)
    ours = model.unit_impacts({k: v for k, v in draws.items() if k.startswith("background:")}, OUR_DRAWS)
    for row in range(len(model.codes)):
        _assert_same_distribution(ours[row], theirs[row])
