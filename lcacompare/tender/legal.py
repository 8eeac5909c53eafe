"""The legal basis an award report cites, and the warnings its method calls for."""

from __future__ import annotations

from lcacompare.tender.tender import Tender

__all__ = ["legal_basis", "method_warnings", "COST_BASIS"]

COST_BASIS = (
    "whole-life cost over the contract from lcacompare: the NPV of every cash cost of the option (price, "
    "reprocessing, consumables, logistics, waste, capital less residual value) at the case's real discount "
    "rate, not the unit price alone; levelised per use as NPV(costs) / NPV(uses)"
)

_EU = (
    "Directive 2014/24/EU art. 67 (most economically advantageous tender: price, cost such as life-cycle "
    "costing, or best price-quality ratio) and art. 68 (life-cycle costing may include the cost of "
    "greenhouse-gas emissions when its money value is determined and verified, by an objective, "
    "non-discriminatory and published method)"
)
_BY_COUNTRY = {
    "NL": [
        "Aanbestedingswet 2012 art. 2.114 (award criteria; LCC with externalities, 2.114 (2)(b)), "
        "art. 2.115 (weights published) and art. 2.115a (life-cycle costing)",
    ],
    "BE": [
        "Wet inzake overheidsopdrachten 17 juni 2016 art. 81 (award criteria: a cost criterion, price or "
        "cost-effectiveness such as LCC, beside qualitative criteria) and art. 82 (life-cycle costing)",
        "Raad van State 5 April 2019 nr. 244.191: a sub-criterion that distorts the published weights was "
        "annulled; the robustness section checks the weights do what they claim",
    ],
}


def legal_basis(tender: Tender) -> list[str]:
    """The provisions the award rests on, EU first, then the tender's country."""
    return [_EU, *_BY_COUNTRY[tender.country]]


def method_warnings(tender: Tender) -> list[str]:
    """Warnings the report must carry for this tender's method and scoring rules."""
    out = []
    if any(c.scoring and c.scoring.rule == "proportional" for c in tender.criteria if c.kind in ("cost", "co2e")):
        out.append(
            "Proportional scoring (S x X_min / X_i) is degressive and the best bid sets the scale: a bid "
            "entering or leaving can reverse the ranking of two others."
        )
    cost = tender.cost_criterion()
    if cost.include_carbon and any(c.kind == "co2e" for c in tender.criteria):
        out.append(
            "CO2e counts twice on purpose: as its monetised cost in the cost criterion and as its own criterion."
        )
    return out
