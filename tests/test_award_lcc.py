"""The cost criterion is the engine's whole-life cost: LCC with carbon = NPV(costs) + NPV(CO2e x price) by hand."""

from __future__ import annotations

import copy
from importlib.resources import files

import pytest
import yaml

from lcacompare import compare, load_case
from lcacompare.award.decide import award
from lcacompare.award.load import parse_tender
from lcacompare.data import shipped_case

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
