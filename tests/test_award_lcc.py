"""The cost criterion is the engine's whole-life cost: LCC with carbon = NPV(costs) + NPV(CO2e x price) by hand."""

from __future__ import annotations

import copy
from importlib.resources import files

import pytest
import yaml

from lcacompare import compare, load_case
from lcacompare.data import shipped_case
from lcacompare.tender.decide import award
from lcacompare.tender.load import parse_tender

SHIPPED = yaml.safe_load(files("lcacompare.data").joinpath("tenders", "kocher-clamp-tender.yaml").read_text("utf-8"))


def _lcc_tender(price: float = 1.75):
    data = copy.deepcopy(SHIPPED)
    data["method"] = "lowest-lcc"
    data["criteria"] = [{"id": "lcc", "kind": "cost", "scoring": {"rule": "lowest"}, "include_carbon": True}]
    data["bids"] = [{**b, "quality": {}} for b in data["bids"]]
    data["bids"][2]["price"]["amount"] = f"{price} EUR"
    data["robustness"] = {"samples": 0, "grid": 5}
    return parse_tender(data)


def _rental_per_use(price: float) -> tuple[float, float]:
    """EUR and kg CO2e per use of the rental option with the offered price, from the plain engine."""
    with shipped_case("kocher-clamp") as path:
        case = load_case(path)
    option = case.option("reusable-external")
    for line in option.costs:
        if line.category == "acquisition":
            line.amount = f"{price} EUR"
    result = compare(case).option("reusable-external")
    return result.eur_per_use, result.kg_co2e_per_use


def test_lcc_with_carbon_equals_npv_of_costs_plus_npv_of_co2e_times_price_by_hand() -> None:
    tender = _lcc_tender()
    result = award(tender)
    rental = result.bid("external-rental")
    eur_per_use, kg_per_use = _rental_per_use(1.75)
    # Every cost of the rental is per use: 10,000 uses a year booked at the end of years 1..5,
    # discounted at the case's 2.25 % real rate; the emissions go with the uses.
    factors = sum(1.0225**-t for t in range(1, 6))
    npv_costs = eur_per_use * 10_000 * factors
    npv_co2e_eur = kg_per_use * 10_000 * factors * 130.0 / 1000.0  # CE Delft central, EUR/t
    assert result.discount_rate == 0.0225
    assert rental.npv_cost_eur == pytest.approx(npv_costs, rel=1e-12)
    assert rental.monetised_co2e_eur == pytest.approx(npv_co2e_eur, rel=1e-12)
    assert rental.cost_criterion_eur == pytest.approx(npv_costs + npv_co2e_eur, rel=1e-12)
    assert rental.total == rental.cost_criterion_eur


def test_the_cost_criterion_is_the_whole_life_cost_not_the_unit_price() -> None:
    result = award(_lcc_tender())
    rental = result.bid("external-rental")
    # The offered 1.75 EUR a use is only part of it: logistics and wrap waste come on top.
    assert rental.eur_per_use > 1.75 + 0.10
    assert "not the unit price alone" in result.cost_basis
    assert "NPV(CO2e x carbon price)" in result.cost_basis


def test_a_lower_offered_price_lowers_the_lcc_by_its_discounted_total() -> None:
    high, low = award(_lcc_tender(1.75)), award(_lcc_tender(1.50))
    factors = sum(1.0225**-t for t in range(1, 6))
    drop = high.bid("external-rental").npv_cost_eur - low.bid("external-rental").npv_cost_eur
    assert drop == pytest.approx(0.25 * 10_000 * factors, rel=1e-9)


def test_a_fictive_price_award_deducts_quality_value_and_the_ladder_discount_from_the_whole_life_cost() -> None:
    data = copy.deepcopy(SHIPPED)
    data["method"] = "fictive-price"
    data["criteria"] = [
        {"id": "cost", "kind": "cost", "scoring": {"rule": "lowest"}},
        {
            "id": "service",
            "kind": "quality",
            "scale": {"min": 1, "max": 10},
            "value_eur": 9000,
            "scoring": {"rule": "scale", "max_points": 100},
        },
    ]
    data["co2_ladder"] = {3: 0.04, 5: 0.10}
    for bid, level in zip(data["bids"], (0, 3, 5), strict=True):
        bid["co2_ladder_level"] = level
    data["robustness"] = {"samples": 0, "grid": 5}
    result = award(parse_tender(data))
    for bid, (score, discount) in zip(result.bids, ((7, 0.0), (6, 0.04), (9, 0.10)), strict=True):
        # F = C (1 - d) - V (q - 1) / (10 - 1), C the NPV of the cash costs (no carbon asked for).
        assert bid.cost_criterion_eur == bid.npv_cost_eur
        assert bid.total == pytest.approx(bid.npv_cost_eur * (1 - discount) - 9000 * (score - 1) / 9, rel=1e-12)
    assert min(result.bids, key=lambda b: b.total).id == result.winner[0]


def test_value_for_money_divides_the_whole_life_cost_by_the_weighted_quality_points() -> None:
    data = copy.deepcopy(SHIPPED)
    data["method"] = "value-for-money"
    data["criteria"][0].pop("weight")
    data["criteria"][1]["weight"] = 50
    data["criteria"][2]["weight"] = 50
    data["robustness"] = {"samples": 0, "grid": 5}
    result = award(parse_tender(data))
    for bid in result.bids:
        quality = 0.5 * bid.points["co2e"] + 0.5 * bid.points["service"]
        assert bid.total == pytest.approx(bid.cost_criterion_eur / quality, rel=1e-12)
