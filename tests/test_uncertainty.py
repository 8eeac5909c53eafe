"""Paired Monte Carlo: reproducibility, pairing, verdicts, break-even, agreement with Brightway."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from lcacompare import load_case, prepare
from lcacompare.pedigree import pedigree_sigma
from lcacompare.uncertainty import build_model, paired_monte_carlo, run_uncertainty
from lcacompare.uncertainty.paired import _breakeven_co2e, verdict

# Test fixture factors (tests/data/datasets/factors/test.csv), kg CO2e per unit.
PP, STEEL, ELEC_BE, WATER, HGV = 2.578, 6.15, 0.138, 0.191, 0.1016
INCIN = 3.14 + 0.0001 * 29.8 + 0.0002 * 273

PAIRED_CASE = """
id: paired-test
title: Two options sharing an uncertain input
method: LCAC-HC/1
functional_unit: one use
context: {country: BE, price_year: 2025, discount_rate: 0.0, horizon_years: 1, annual_uses: 1000}
parameters:
  item_mass: {value: 100 g, assumption: test, distribution: {type: lognormal, gsd: 2.0}}
  extra: {value: 10 g, assumption: test, distribution: {type: normal, sd: 0 g}}
  fee: {value: 1 EUR, assumption: test, distribution: {type: normal, sd: 0 EUR}}
  price_per_kg:
    value: 10 EUR/kg
    assumption: test
    distribution: {type: triangular, min: 5 EUR/kg, mode: 10 EUR/kg, max: 20 EUR/kg}
options:
  - id: plain
    kind: single-use
    zero_modules: {A4: none, B: none, C: none, D: none}
    inventory:
      - {module: A1-A3, activity: steel, amount: item_mass, per: use, assumption: test}
    costs:
      - {category: acquisition, amount: "item_mass * price_per_kg", per: use, assumption: test}
  - id: plus-extra
    kind: single-use
    zero_modules: {A4: none, B: none, C: none, D: none}
    inventory:
      - {module: A1-A3, activity: steel, amount: item_mass, per: use, assumption: test}
      - {module: A1-A3, activity: polypropylene, amount: extra, per: use, assumption: test}
    costs:
      - {category: acquisition, amount: "item_mass * price_per_kg", per: use, assumption: test}
      - {category: consumables, amount: fee, per: use, assumption: test}
"""


@pytest.fixture(scope="module")
def clamp_prepared(clamp_case, test_datasets, home):
    return prepare(clamp_case, datasets=test_datasets, home=home)


@pytest.fixture(scope="module")
def clamp_model(clamp_prepared):
    return build_model(clamp_prepared)


@pytest.fixture(scope="module")
def paired_prepared(tmp_path_factory, test_datasets, home):
    path = Path(tmp_path_factory.mktemp("paired")) / "paired.yaml"
    path.write_text(PAIRED_CASE)
    return prepare(load_case(path), datasets=test_datasets, home=home)


def test_same_seed_gives_same_numbers_and_reports_the_seed(clamp_model):
    first = run_uncertainty(clamp_model, 2000, 11)
    second = run_uncertainty(clamp_model, 2000, 11)
    assert first == second
    assert first["seed"] == 11 and first["samples"] == 2000


def test_another_seed_gives_other_draws(clamp_model):
    a = paired_monte_carlo(clamp_model, 2000, 1, breakeven=False).arrays["options"]["reusable"]["kg_co2e_per_use"]
    b = paired_monte_carlo(clamp_model, 2000, 2, breakeven=False).arrays["options"]["reusable"]["kg_co2e_per_use"]
    assert not np.allclose(a, b)


def test_result_is_json_ready_with_units_in_keys(clamp_model):
    result = run_uncertainty(clamp_model, 1000, 3)
    json.dumps(result, allow_nan=False)
    difference = result["differences"]["reusable-vs-single-use"]
    assert set(difference["kg_co2e_per_use"]) >= {"mean", "median", "p2_5", "p97_5"}
    assert 0.0 <= difference["probability_lower_co2e"] <= 1.0
    assert difference["verdict_co2e"] in ("lower", "higher", "no significant difference")
    assert set(result["breakeven_uses"]["reusable"]) == {"kg_co2e", "eur"}


def test_shared_input_cancels_in_the_paired_difference(paired_prepared):
    model = build_model(paired_prepared, background="fixed")
    result = paired_monte_carlo(model, 20_000, 5, breakeven=False)
    options, differences = result.arrays["options"], result.arrays["differences"]["plus-extra-vs-plain"]
    assert np.std(options["plain"]["kg_co2e_per_use"]) > 0.1
    assert np.std(differences["kg_co2e_per_use"]) < 1e-9
    assert np.allclose(differences["kg_co2e_per_use"], 0.010 * PP)
    assert np.std(options["plain"]["eur_per_use"]) > 0.1
    assert np.allclose(differences["eur_per_use"], 1.0)


def test_shared_background_draw_cancels_too(paired_prepared):
    model = build_model(paired_prepared)
    assert model.background_mode == "exchanges"
    result = paired_monte_carlo(model, 20_000, 5, breakeven=False)
    difference = result.arrays["differences"]["plus-extra-vs-plain"]["kg_co2e_per_use"]
    plain = result.arrays["options"]["plain"]["kg_co2e_per_use"]
    # Only the polypropylene line (fixed amount, its own background factor) is left.
    assert np.std(difference) < 0.01 * np.std(plain)
    assert np.median(difference) == pytest.approx(0.010 * PP, rel=0.01)


def test_verdict_needs_the_method_threshold():
    assert verdict(0.96, 0.04, 0.95) == "lower"
    assert verdict(0.94, 0.06, 0.95) == "no significant difference"
    assert verdict(0.01, 0.99, 0.95) == "higher"


def test_verdict_in_result_follows_probability(clamp_model):
    result = run_uncertainty(clamp_model, 5000, 9)
    difference = result["differences"]["reusable-vs-single-use"]
    for kind, p_lower in (
        ("co2e", difference["probability_lower_co2e"]),
        ("cost", difference["probability_lower_cost"]),
    ):
        # Continuous outputs: P(higher) = 1 - P(lower).
        expected = "lower" if p_lower >= 0.95 else "higher" if 1 - p_lower >= 0.95 else "no significant difference"
        assert difference[f"verdict_{kind}"] == expected
    assert result["assertion_threshold"] == 0.95
    assert result["assertion_min_samples"] == 1000


def test_parameter_without_distribution_gets_its_pedigree_spread(clamp_model):
    item_mass = clamp_model.input("parameter:clamp_mass")
    assert item_mass.origin == "pedigree" and item_mass.marginal.kind == "lognormal"
    assert item_mass.marginal.center == pytest.approx(85.0) and item_mass.unit == "gram"
    assert item_mass.marginal.spread == pytest.approx(pedigree_sigma(None, clamp_model.method))
    kwh = clamp_model.input("parameter:steriliser_kwh_per_cycle")
    assert kwh.origin == "distribution" and math.exp(kwh.marginal.spread) == pytest.approx(1.2)


def test_distribution_bounds_are_converted_to_the_parameter_unit(paired_prepared):
    model = build_model(paired_prepared, background="fixed")
    price = model.input("parameter:price_per_kg").marginal
    assert (price.low, price.center, price.high) == pytest.approx((5.0, 10.0, 20.0))
    samples = price.sample(np.random.default_rng(0), 50_000)
    assert samples.min() >= 5.0 and samples.max() <= 20.0
    assert samples.mean() == pytest.approx((5 + 10 + 20) / 3, rel=0.01)


def test_literal_lines_get_their_pedigree_factor(clamp_model):
    line = clamp_model.input("inventory:single-use:1")  # hgv, a transport activity
    assert line.kind == "inventory-line" and line.marginal.center == 1.0
    assert line.marginal.spread == pytest.approx(pedigree_sigma(None, clamp_model.method, "transport"))
    assert not any(name.startswith("inventory:reusable:0") for name in (i.name for i in clamp_model.inputs))


def test_co2e_breakeven_matches_the_closed_form(clamp_model):
    outcome = clamp_model.evaluate({}, 1)
    found = _breakeven_co2e(outcome, "reusable", outcome.kg_co2e_per_use["single-use"])
    single = 0.030 * PP + 0.03 * 0.2 * HGV + 0.03 * INCIN
    variable = (18.7 * ELEC_BE + 0.838 * WATER) / 320
    fixed = 0.085 * STEEL + 0.085 * 0.2 * HGV
    assert float(found[0]) == pytest.approx(fixed / (single - variable), rel=1e-5)


def test_deterministic_evaluation_matches_compare_hand_figures(clamp_model):
    outcome = clamp_model.evaluate({}, 1)
    single = 0.030 * PP + 0.03 * 0.2 * HGV + 0.03 * INCIN
    assert float(outcome.kg_co2e_per_use["single-use"][0]) == pytest.approx(single, rel=1e-6)
    assert float(outcome.eur_per_use["reusable"][0]) == pytest.approx(40 / 500 + 20 / 320, rel=1e-9)


def test_too_few_draws_make_no_comparative_assertion():
    from lcacompare.uncertainty.paired import verdict

    assert verdict(1.0, 0.0, 0.95, samples=2, min_samples=1000) == "no significant difference"
    assert verdict(1.0, 0.0, 0.95, samples=1000, min_samples=1000) == "lower"
    assert verdict(0.95, 0.05, 0.95) == "lower"
    assert verdict(0.0, 0.95, 0.95) == "higher"
    assert verdict(0.94, 0.06, 0.95) == "no significant difference"
