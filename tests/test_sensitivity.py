"""Tornado and Sobol indices name the inputs that drive each option and each difference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lcacompare import load_case, prepare
from lcacompare.uncertainty import build_model, run_sensitivity, sensitivity_analysis

CASE = """
id: sensitivity-test
title: One dominant input shared by both options
method: LCAC-HC/1
functional_unit: one use
context: {country: BE, price_year: 2025, discount_rate: 0.0, horizon_years: 1, annual_uses: 1000}
parameters:
  item_mass: {value: 100 g, assumption: test, distribution: {type: lognormal, gsd: 2.0}}
  film_mass: {value: 10 g, assumption: test, distribution: {type: uniform, min: 5 g, max: 15 g}}
  unit_price: {value: 1 EUR, assumption: test, distribution: {type: normal, sd: 0.1 EUR}}
options:
  - id: plain
    kind: single-use
    zero_modules: {A4: none, B: none, C: none, D: none}
    inventory:
      - {module: A1-A3, activity: steel, amount: item_mass, per: use, assumption: test}
    costs:
      - {category: acquisition, amount: unit_price, per: use, assumption: test}
  - id: wrapped
    kind: single-use
    zero_modules: {A4: none, B: none, C: none, D: none}
    inventory:
      - {module: A1-A3, activity: steel, amount: item_mass, per: use, assumption: test}
      - {module: A1-A3, activity: polypropylene, amount: film_mass, per: use, assumption: test}
    costs:
      - {category: acquisition, amount: unit_price, per: use, assumption: test}
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory, test_datasets, home):
    path = Path(tmp_path_factory.mktemp("sensitivity")) / "case.yaml"
    path.write_text(CASE)
    return build_model(prepare(load_case(path), datasets=test_datasets, home=home), background="fixed")


@pytest.fixture(scope="module")
def result(model):
    return sensitivity_analysis(model, seed=3, sobol_samples=256)


def test_tornado_ranks_the_dominant_input_first(result):
    entries = result.tornado["plain"]["kg_co2e_per_use"]
    assert entries[0]["input"] == "parameter:item_mass"
    assert entries[0]["output_low"] < entries[0]["output_base"] < entries[0]["output_high"]


def test_tornado_uses_the_2_5_and_97_5_percentiles(result):
    entry = next(e for e in result.tornado["wrapped"]["kg_co2e_per_use"] if e["input"] == "parameter:film_mass")
    assert (entry["input_low"], entry["input_high"]) == pytest.approx((5.25, 14.75))


def test_shared_input_has_no_swing_on_the_difference(result):
    entries = {e["input"]: e for e in result.tornado["wrapped-vs-plain"]["kg_co2e_per_use"]}
    assert entries["parameter:item_mass"]["swing"] == pytest.approx(0.0, abs=1e-12)
    assert result.tornado["wrapped-vs-plain"]["kg_co2e_per_use"][0]["input"] == "parameter:film_mass"


def test_sobol_total_index_names_the_only_input_of_an_output(result):
    plain = {e["input"]: e for e in result.sobol["plain"]["kg_co2e_per_use"]}
    assert plain["parameter:item_mass"]["ST"] == pytest.approx(1.0, abs=0.1)
    difference = result.sobol["wrapped-vs-plain"]["kg_co2e_per_use"]
    assert difference[0]["input"] == "parameter:film_mass"
    assert result.top_contributors()["wrapped-vs-plain"]["kg_co2e_per_use"] == ["parameter:film_mass"]


def test_output_that_does_not_vary_gets_zero_indices(result):
    assert all(e["ST"] == 0.0 for e in result.sobol["wrapped-vs-plain"]["eur_per_use"])


def test_sensitivity_dict_is_json_ready_and_reports_the_seed(model):
    data = run_sensitivity(model, 5, sobol_samples=64, top=2)
    json.dumps(data, allow_nan=False)
    assert data["seed"] == 5
    assert len(data["tornado"]["plain"]["kg_co2e_per_use"]) == 2
    assert "top_contributors" in data


def test_sobol_design_size_must_be_a_power_of_two(model):
    with pytest.raises(ValueError, match="power of 2"):
        sensitivity_analysis(model, seed=1, sobol_samples=100)


def test_screening_varies_only_the_inputs_with_the_largest_tornado_swings(model):
    screened = sensitivity_analysis(model, seed=3, sobol_samples=256, sobol_inputs=2)
    assert screened.sobol_screened is not None and len(screened.sobol_screened) == 2
    assert "parameter:item_mass" in screened.sobol_screened
    varied = {e["input"] for e in screened.sobol["plain"]["kg_co2e_per_use"]}
    assert varied == set(screened.sobol_screened)
    assert screened.evaluations["sobol"] == 256 * (2 + 2)
    assert screened.to_dict()["sobol_inputs"] == screened.sobol_screened


def test_without_screening_every_input_gets_sobol_indices(model):
    full = sensitivity_analysis(model, seed=3, sobol_samples=256, sobol_inputs=None)
    assert full.sobol_screened is None
    assert len(full.sobol["plain"]["kg_co2e_per_use"]) == len(model.inputs)


def test_without_sobol_only_the_tornado_is_computed_and_ranks_the_contributors(model):
    quick = sensitivity_analysis(model, seed=3, sobol=False)
    assert quick.sobol == {} and "sobol" not in quick.evaluations
    data = quick.to_dict()
    assert data["sobol"] == {} and data["sobol_screening"].startswith("not computed")
    assert data["top_contributors_by"].startswith("tornado swing")
    assert data["top_contributors"]["plain"]["kg_co2e_per_use"][0] == "parameter:item_mass"
    assert data["top_contributors"]["wrapped-vs-plain"]["kg_co2e_per_use"] == ["parameter:film_mass"]


def test_standard_normal_quantile_equals_scipy_ndtri():
    import numpy as np
    from scipy.special import ndtri

    from lcacompare.uncertainty.sampling import standard_normal_quantile

    u = np.r_[np.random.default_rng(1).random(5000), 1e-12, 0.025, 0.5, 0.975, 1 - 1e-12]
    assert np.allclose(standard_normal_quantile(u), ndtri(u), rtol=1e-13, atol=1e-13)
    assert standard_normal_quantile(np.array([[0.5, 0.5]])).shape == (1, 2)
