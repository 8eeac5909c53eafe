"""The inputs and transparency sections are generated from the compiled case and the method spec."""

from __future__ import annotations

import pytest

from lcacompare.analysis.document import result_document
from lcacompare.analysis.inputs import INPUT_KINDS, inputs_section
from lcacompare.analysis.transparency import TRANSPARENCY_ITEMS, transparency_section
from lcacompare.report.verdict import HIGHER, LOWER, NOT_SIGNIFICANT, assertion

INCIN = 3.14 + 0.0001 * 29.8 + 0.0002 * 273  # test factor given gas by gas, AR6 GWP100


@pytest.fixture(scope="module")
def prepared(clamp_case, test_datasets, home):
    from lcacompare.engine import prepare

    return prepare(clamp_case, datasets=test_datasets, home=home)


@pytest.fixture(scope="module")
def doc(prepared, clamp_case):
    from lcacompare.engine import compare

    return result_document(compare(clamp_case, prepared=prepared))


@pytest.fixture(scope="module")
def rows(prepared):
    return inputs_section(prepared.compiled)


def _find(rows, kind, name_part, option=None):
    found = [
        r for r in rows if r["kind"] == kind and name_part in r["name"] and (option is None or r["option"] == option)
    ]
    assert found, f"no {kind} row with {name_part!r}"
    return found[0]


def test_inputs_list_every_parameter_line_cost_factor_and_price(rows, clamp_case):
    counts = {kind: sum(1 for r in rows if r["kind"] == kind) for kind in INPUT_KINDS}
    assert counts["parameter"] == len(clamp_case.parameters)
    assert counts["inventory"] == sum(len(o.inventory) for o in clamp_case.options)
    assert counts["cost"] == sum(len(o.costs) for o in clamp_case.options)
    assert counts["factor"] == 6  # steel, polypropylene, electricity BE, water, hgv, incineration
    assert counts["price"] == 1  # waste-risk-bearing (BE)


def test_inputs_carry_value_unit_and_provenance(rows):
    kwh = _find(rows, "parameter", "steriliser_kwh_per_cycle")
    assert (kwh["value"], kwh["unit"], kwh["source"], kwh["pedigree"]) == (
        pytest.approx(18.7),
        "kWh",
        "test",
        [2, 3, 2, 3, 2],
    )
    mass = _find(rows, "parameter", "clamp_mass")
    assert mass["source"] is None and mass["assumption"] == "test" and mass["pedigree"] is None
    water = _find(rows, "inventory", "water", option="reusable")
    assert water["value"] == pytest.approx(0.838) and water["unit"] == "m**3 per cycle"
    cost = _find(rows, "cost", "waste", option="single-use")
    assert cost["value"] == pytest.approx(0.03 * 0.60) and cost["unit"] == "EUR per use"
    assert cost["expression"] == "0.03 kg * price('waste-risk-bearing')"


def test_factor_rows_give_kg_co2e_characterised_gas_by_gas(rows):
    incineration = _find(rows, "factor", "incineration-plastics")
    assert incineration["value"] == pytest.approx(INCIN) and incineration["unit"] == "kg CO2e/kg"
    steel = _find(rows, "factor", "steel")
    assert steel["value"] == pytest.approx(6.15) and steel["year"] == 2024 and steel["pedigree"] == [2, 2, 2, 3, 3]
    price = _find(rows, "price", "waste-risk-bearing")
    assert (price["value"], price["unit"], price["geography"]) == (pytest.approx(0.60), "EUR/kg", "BE")


def test_transparency_covers_every_iso_item_with_generated_text(prepared, doc):
    section = transparency_section(prepared.compiled, doc)
    assert list(section) == list(TRANSPARENCY_ITEMS)
    assert all(len(text) > 40 for text in section.values())
    assert "one clamp used in one procedure" in section["functional_unit"]
    assert "LCAC-HC/1" in section["goal_and_scope"]
    assert "cut-off" in section["allocation"]
    assert "IPCC 2021" in section["impact_method"]
    assert "1 cite a source" not in section["data_sources_and_quality"]


def test_transparency_follows_the_case_not_hand_typed_text(prepared, doc):
    changed = prepared.compiled
    original = changed.case.functional_unit
    try:
        changed.case.functional_unit = "one pad change"
        assert transparency_section(changed, doc)["functional_unit"].startswith("one pad change")
    finally:
        changed.case.functional_unit = original


def test_transparency_says_when_no_uncertainty_analysis_was_run(prepared, doc):
    without = transparency_section(prepared.compiled, doc)
    assert "No uncertainty analysis was run" in without["uncertainty"]
    uncertainty = {
        "method": "LCAC-HC/1",
        "seed": 7,
        "samples": 500,
        "baseline": doc["baseline"],
        "assertion_threshold": 0.95,
        "assertion_min_samples": 0,
        "background": "fixed",
        "inputs": [],
        "options": {},
        "differences": {},
    }
    with_mc = dict(doc, uncertainty=uncertainty)
    assert "500 samples, seed 7" in transparency_section(prepared.compiled, with_mc)["uncertainty"]


@pytest.mark.parametrize(
    ("probability", "expected"),
    [(0.97, LOWER), (0.95, LOWER), (0.94, NOT_SIGNIFICANT), (0.5, NOT_SIGNIFICANT), (0.03, HIGHER), (None, None)],
)
def test_assertion_says_lower_only_at_the_method_threshold(probability, expected):
    assert assertion(None, probability, 0.95) == expected
