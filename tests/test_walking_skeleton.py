"""End to end on the test clamp case: per-use CO2e equals a hand calculation."""

from __future__ import annotations

import math

import pytest

from lcacompare import compare
from lcacompare.errors import CaseError

# Test fixture factors (tests/data/datasets/factors/test.csv), kg CO2e per unit.
PP, STEEL, ELEC_BE, WATER, HGV = 2.578, 6.15, 0.138, 0.191, 0.1016
INCIN = 3.14 + 0.0001 * 29.8 + 0.0002 * 273  # gas by gas, AR6 GWP100


def test_single_use_co2e_per_use_equals_hand_calculation(clamp_case, test_datasets, home):
    result = compare(clamp_case, datasets=test_datasets, home=home)
    expected = 0.030 * PP + 0.03 * 0.2 * HGV + 0.03 * INCIN
    assert result.option("single-use").kg_co2e_per_use == pytest.approx(expected, rel=1e-6)


def test_reusable_co2e_per_use_divides_by_life_and_cycle_share(clamp_case, test_datasets, home):
    result = compare(clamp_case, datasets=test_datasets, home=home)
    share = 1 / (400 * 0.8)
    expected = (0.085 * STEEL + 0.085 * 0.2 * HGV) / 500 + (18.7 * ELEC_BE + 0.838 * WATER) * share
    assert result.option("reusable").kg_co2e_per_use == pytest.approx(expected, rel=1e-6)


def test_cost_per_use_of_both_options(clamp_case, test_datasets, home):
    result = compare(clamp_case, datasets=test_datasets, home=home)
    assert result.option("single-use").eur_per_use == pytest.approx(0.95 + 0.03 * 0.60)
    assert result.option("reusable").eur_per_use == pytest.approx(40 / 500 + 20 / 320)


def test_dataframe_has_units_in_column_names(clamp_case, test_datasets, home):
    frame = compare(clamp_case, datasets=test_datasets, home=home).to_dataframe()
    assert list(frame.index) == ["single-use", "reusable"]
    assert {"kg_co2e_per_use", "eur_per_use"} <= set(frame.columns)
    assert all(math.isfinite(v) for v in frame["kg_co2e_per_use"])


def test_brightway_project_lives_in_our_own_home(clamp_case, test_datasets, home):
    from lcacompare.lca.backend import BrightwayBackend
    from lcacompare.method import load_method

    backend = BrightwayBackend(test_datasets, load_method(), home)
    backend.ensure()
    assert backend.is_ready()
    assert (home / "brightway").is_dir()
    assert any(p.name.startswith(backend.project) for p in (home / "brightway").iterdir())


def test_dimension_mismatch_is_rejected_naming_the_field(clamp_case, test_datasets, home):
    broken = clamp_case.model_copy(deep=True)
    broken.options[1].inventory[2].amount = "2 kg"  # electricity line given in kg
    with pytest.raises(CaseError) as info:
        compare(broken, datasets=test_datasets, home=home)
    text = str(info.value)
    assert "options[1].inventory[2].amount" in text
    assert "kWh" in text or "kilowatt_hour" in text
