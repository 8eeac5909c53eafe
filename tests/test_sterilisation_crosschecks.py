"""Cross-checks of sterilisation by load: McGain et al. (2017) and Rizan et al. (2022); docs/validation.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from lcacompare import load_case
from lcacompare.compile import compile_case
from lcacompare.datasets import load_datasets
from lcacompare.method.spec import load_method
from lcacompare.reprocessing import steriliser_kwh
from lcacompare.reprocessing.steam import steam_defaults
from lcacompare.run import analyse

RIZAN = Path(__file__).parent / "data" / "rizan-sterilisation.yaml"
# Rizan et al. (2022), abstract: 66-77 g CO2e per instrument in a set, 189 g individually wrapped.
SET_RANGE = (66.0, 77.0)
INDIVIDUAL = 189.0
# 10 % beyond the set range and 15 % around the single figure: set size, load composition, pouch
# mass and the grid factor's year are our assumptions (the abstract gives none of them), and the
# steriliser's per-cycle data come from another machine (McGain et al. 2017 via the NHS calculator).
SET_TOLERANCE = 0.10
INDIVIDUAL_TOLERANCE = 0.15


def test_mcgain_formula_gives_18_64_kwh_for_21_kg_and_15_7_for_an_empty_chamber() -> None:
    assert steriliser_kwh(15.7, 0.14, 21.0) == pytest.approx(18.64, abs=1e-12)
    assert steriliser_kwh(15.7, 0.14, 0.0) == pytest.approx(15.7, abs=1e-12)


def test_shipped_coefficients_are_mcgains() -> None:
    defaults = steam_defaults(load_datasets().root)
    assert (defaults.base_kwh, defaults.kwh_per_kg_load) == ("15.7 kWh", "0.14 kWh/kg")
    assert "McGain" in defaults.base_provenance.source


def test_method_spec_states_the_coefficients_the_datasets_ship() -> None:
    constants = load_method("LCAC-HC/2").section("sterilisation")["constants"]  # type: ignore[index]
    defaults = steam_defaults(load_datasets().root)
    assert f"{constants['base_kwh']['value']} {constants['base_kwh']['unit']}" == defaults.base_kwh
    assert f"{constants['kwh_per_kg_load']['value']} {constants['kwh_per_kg_load']['unit']}" == defaults.kwh_per_kg_load
    assert load_method("LCAC-HC/1").section("sterilisation") is None


def test_template_steriliser_electricity_equals_the_formula_for_a_given_load() -> None:
    case = load_case(RIZAN).model_copy(update={"method": "LCAC-HC/2"})
    compiled = compile_case(case, load_datasets(), load_method("LCAC-HC/2"))
    kwh = compiled.inventory_amounts("in-set")[0]
    load_kg = 8 * (25 * 0.090 + 1.2 + 0.110) * 0.9  # load_mass x fill_rate of the case, by hand
    assert float(kwh) == pytest.approx(steriliser_kwh(15.7, 0.14, load_kg), rel=1e-12)


@pytest.mark.parametrize("method", ["LCAC-HC/1", "LCAC-HC/2"])
def test_rizan_setting_gives_their_per_instrument_figures(method: str) -> None:
    case = load_case(RIZAN).model_copy(update={"method": method})
    options = {o["id"]: o for o in analyse(case, samples=0).to_dict()["options"]}
    in_set = options["in-set"]["kg_co2e_per_use"] * 1000
    low, high = SET_RANGE
    assert low * (1 - SET_TOLERANCE) <= in_set <= high * (1 + SET_TOLERANCE)
    individual = options["individually-wrapped"]["kg_co2e_per_use"] * 1000
    assert individual == pytest.approx(INDIVIDUAL, rel=INDIVIDUAL_TOLERANCE)
    assert individual > 2 * in_set  # "a two- to three-fold increase"
