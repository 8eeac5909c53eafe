"""The JSON-ready cost pieces: break-even, annual view, monetised view, cash flows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lcacompare import compare, load_case, prepare
from lcacompare.whole_life import cost_analysis

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def clamp_analysis(clamp_case, test_datasets, home):
    prepared = prepare(clamp_case, datasets=test_datasets, home=home)
    comparison = compare(clamp_case, prepared=prepared)
    return comparison, cost_analysis(prepared, comparison)


@pytest.fixture(scope="module")
def hand_analysis(test_datasets, home):
    case = load_case(DATA / "cost_hand.yaml")
    prepared = prepare(case, datasets=test_datasets, home=home)
    comparison = compare(case, prepared=prepared)
    return comparison, cost_analysis(prepared, comparison)


def test_analysis_is_plain_json_with_the_expected_pieces(clamp_analysis):
    _, analysis = clamp_analysis
    json.dumps(analysis, allow_nan=False)
    assert set(analysis) == {"breakeven", "annual", "cash_flows", "conventions"}  # no shadow price
    assert "not discounted" in analysis["conventions"]["discounting"]


def test_breakeven_entry_gives_cost_and_co2e_with_a_curve(clamp_analysis):
    _, analysis = clamp_analysis
    entry = analysis["breakeven"]["reusable"]
    assert entry["status_cost"] == "breaks-even"
    assert entry["uses_cost"] == pytest.approx(40 / (0.968 - 0.0625), rel=1e-9)
    assert entry["status_co2e"] in {"breaks-even", "always"}
    curve = entry["curve"]
    assert {"uses_per_life", "eur_per_use", "kg_co2e_per_use"} == set(curve[0])
    at_case = next(p for p in curve if p["uses_per_life"] == 500)
    assert at_case["eur_per_use"] == pytest.approx(40 / 500 + 20 / 320)


def test_always_status_for_a_rental_cheaper_than_single_use(hand_analysis):
    _, analysis = hand_analysis
    assert analysis["breakeven"]["rental"]["status_cost"] == "always"
    assert analysis["breakeven"]["rental"]["uses_cost"] is None


def test_annual_view_multiplies_by_annual_uses_and_gives_savings(hand_analysis):
    comparison, analysis = hand_analysis
    annual = analysis["annual"]["options"]
    base, reusable = comparison.option("single-use"), comparison.option("reusable")
    assert annual["reusable"]["eur_per_year"] == pytest.approx(reusable.eur_per_use * 1000)
    assert annual["reusable"]["kg_co2e_saving_per_year_vs_baseline"] == pytest.approx(
        (base.kg_co2e_per_use - reusable.kg_co2e_per_use) * 1000
    )


def test_monetised_view_is_separate_from_plain_cost(hand_analysis):
    comparison, analysis = hand_analysis
    view = analysis["monetised"]
    option = comparison.option("single-use")
    carbon = option.kg_co2e_per_use / 1000 * 100
    assert view["options"]["single-use"]["eur_co2e_per_use"] == pytest.approx(carbon)
    assert view["options"]["single-use"]["eur_per_use_incl_co2e"] == pytest.approx(option.eur_per_use + carbon)
    assert view["options"]["single-use"]["eur_per_use"] == option.eur_per_use  # plain cost untouched
    assert view["shadow_carbon_price"]["source"] == "test"


def test_cash_flows_are_listed_per_year_and_category_and_add_up(hand_analysis):
    _, analysis = hand_analysis
    flows = analysis["cash_flows"]["reusable"]
    assert flows["time_years"] == [0.0, 1.0, 2.0, 3.0]
    assert flows["eur_by_category"]["capital"] == pytest.approx([500.0, 250.0, 250.0, 250.0])
    assert sum(flows["eur_discounted_total"]) == pytest.approx(flows["npv_eur"])
    assert flows["stock_items_basis"] == "given"
    assert analysis["cash_flows"]["single-use"]["indexation"][0]["series"] == "NL"
