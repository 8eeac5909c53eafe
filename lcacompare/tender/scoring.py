"""Apply a tender's published award method to the bids' figures (published or drawn).

:func:`score` is the one place a tender's criteria, weights and scoring rules meet the
functions of :mod:`lcacompare.tender.methods`; robustness calls it again with another carbon
price or weight, or with every Monte Carlo draw at once (arrays of shape ``(draws, bids)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from lcacompare.ranking import RANK_DIGITS
from lcacompare.supply.definitions import indicator
from lcacompare.tender import methods
from lcacompare.tender.tender import WEIGHTED_METHODS, Criterion, Scale, Scoring, Tender

__all__ = [
    "AwardInputs",
    "Scores",
    "score",
    "supply_points",
    "ranking",
    "published_weights",
    "with_sustainability_weight",
]


@dataclass(frozen=True)
class AwardInputs:
    """The figures an award compares, bids along the last axis.

    Attributes
    ----------
    npv_cost_eur : ndarray, shape (..., bids)
        NPV of each bid's cash costs over the contract (the engine's whole-life cost), EUR.
    npv_kg_co2e : ndarray, shape (..., bids)
        Each bid's emissions discounted like money over the contract, kg CO2e.
    kg_co2e_per_use : ndarray, shape (..., bids)
    quality : dict of str to ndarray, shape (bids,)
        Committee scores per quality criterion.
    ladder_levels : ndarray, shape (bids,)
        CO2-ladder level of each bid (0 for none).
    supply : dict of str to ndarray, shape (bids,)
        Per supply criterion id, each bid's value of its indicator (NaN where not stated).
    """

    bid_ids: tuple[str, ...]
    npv_cost_eur: np.ndarray
    npv_kg_co2e: np.ndarray
    kg_co2e_per_use: np.ndarray
    quality: dict[str, np.ndarray] = field(default_factory=dict)
    ladder_levels: np.ndarray = field(default_factory=lambda: np.zeros(0))
    supply: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class Scores:
    """One evaluation of the award: the totals and what they are made of."""

    total: np.ndarray
    higher_wins: bool
    cost_eur: np.ndarray
    points: dict[str, np.ndarray]
    winner_index: np.ndarray


def published_weights(tender: Tender) -> dict[str, float]:
    """The published weight of each weighted criterion (percent), by id."""
    kinds = WEIGHTED_METHODS[tender.method]
    return {c.id: float(c.weight or 0.0) for c in tender.criteria if c.kind in kinds}


def with_sustainability_weight(tender: Tender, weight: float) -> dict[str, float]:
    """The weights with the first co2e criterion at ``weight`` % and the others scaled to fill 100 %.

    Parameters
    ----------
    tender : Tender
    weight : float
        The sustainability (co2e) weight, percent.

    Returns
    -------
    dict of str to float
        Summing to 100; the other weights keep their published proportions.
    """
    weights = published_weights(tender)
    target = next((c.id for c in tender.criteria if c.kind == "co2e" and c.id in weights), None)
    if target is None:
        return weights
    rest = sum(w for k, w in weights.items() if k != target)
    out = {k: (w * (100.0 - weight) / rest if rest else 0.0) for k, w in weights.items() if k != target}
    out[target] = weight
    return out


def _rule(criterion: Criterion) -> Scoring:
    # The tender model refuses a criterion without a scoring rule (rule scoring-rule).
    if criterion.scoring is None:
        raise ValueError(f"criterion {criterion.id!r} has no scoring rule")
    return criterion.scoring


def _lower_is_better_points(criterion: Criterion, values: np.ndarray) -> np.ndarray:
    rule = _rule(criterion)
    if rule.rule == "linear":
        return methods.linear_points(values, rule.max_points, rule.n)
    return methods.proportional_points(values, rule.max_points)


def _quality_points(criterion: Criterion, scores: np.ndarray) -> np.ndarray:
    scale = criterion.scale or Scale()
    return methods.scale_points(scores, scale.min, scale.max, _rule(criterion).max_points)


def supply_points(criterion: Criterion, values: np.ndarray) -> np.ndarray:
    """Points of a supply criterion by its published rule; a bid not stating the indicator (NaN) gets 0.

    Parameters
    ----------
    criterion : Criterion
        A criterion of kind ``supply`` (its ``indicator`` gives the direction).
    values : ndarray, shape (..., bids)
        The indicator's value per bid (a yes/no indicator as 1/0).

    Returns
    -------
    ndarray
        Points per bid.
    """
    rule = _rule(criterion)
    if criterion.indicator is None:
        raise ValueError(f"supply criterion {criterion.id!r} names no indicator")
    if rule.rule == "thresholds" and rule.thresholds:
        higher = indicator(criterion.indicator).direction == "higher"
        return methods.threshold_points(values, [(t.at, t.points) for t in rule.thresholds], higher)
    if rule.rule == "linear-bounds" and rule.bounds is not None:
        return methods.bounded_linear_points(values, rule.bounds[0], rule.bounds[1], rule.max_points)
    raise ValueError(f"supply criterion {criterion.id!r} is scored by thresholds or linear-bounds, not {rule.rule}")


def _winner(total: np.ndarray, higher_wins: bool) -> np.ndarray:
    best = np.max(total, axis=-1, keepdims=True) if higher_wins else np.min(total, axis=-1, keepdims=True)
    return np.isclose(total, best, rtol=10.0**-RANK_DIGITS, atol=0.0)


def score(
    tender: Tender, inputs: AwardInputs, eur_per_tonne: float, weights: Mapping[str, float] | None = None
) -> Scores:
    """Score the bids under the tender's published method.

    Parameters
    ----------
    tender : Tender
    inputs : AwardInputs
    eur_per_tonne : float
        The carbon price (robustness varies it).
    weights : mapping, optional
        Weights in percent by criterion id; default the published ones.

    Returns
    -------
    Scores
        ``winner_index`` marks the best bid(s) (ties marked alike) along the last axis.
    """
    weights = dict(published_weights(tender) if weights is None else weights)
    cost_criterion = tender.cost_criterion()
    include_carbon = cost_criterion.include_carbon or tender.method == "lowest-lcc"
    cost = np.asarray(inputs.npv_cost_eur, dtype=float)
    if include_carbon:
        cost = methods.lcc_with_carbon(cost, inputs.npv_kg_co2e, eur_per_tonne)
    points: dict[str, np.ndarray] = {}
    for criterion in tender.criteria:
        if criterion.kind == "quality":
            points[criterion.id] = _quality_points(criterion, inputs.quality[criterion.id])
        elif criterion.kind == "co2e":
            points[criterion.id] = _lower_is_better_points(criterion, np.asarray(inputs.kg_co2e_per_use, dtype=float))
        elif criterion.kind == "supply":
            points[criterion.id] = supply_points(criterion, np.asarray(inputs.supply[criterion.id], dtype=float))
        elif tender.method in ("weighted-points", "value-for-money") and _rule(criterion).rule != "lowest":
            points[criterion.id] = _lower_is_better_points(criterion, cost)
    if tender.method == "weighted-points":
        total = methods.weighted_points(points, weights)
        higher = True
    elif tender.method == "value-for-money":
        quality = methods.weighted_points(points, {k: w for k, w in weights.items() if k in points})
        total = methods.value_for_money(cost, quality)
        higher = False
    elif tender.method == "fictive-price":
        value = np.zeros_like(cost)
        for criterion in tender.criteria:
            if criterion.kind in ("quality", "supply"):
                value = value + (criterion.value_eur or 0.0) * points[criterion.id] / _rule(criterion).max_points
        discount = methods.co2_ladder_discount(inputs.ladder_levels, tender.co2_ladder or {})
        total = methods.fictive_price(cost, value, discount)
        higher = False
    else:
        total = cost
        higher = False
    total = np.asarray(total, dtype=float)
    return Scores(total, higher, cost, points, _winner(total, higher))


def ranking(bid_ids: tuple[str, ...], total: np.ndarray, higher_wins: bool) -> list[list[str]]:
    """Bids best first; bids whose totals agree to ``RANK_DIGITS`` digits share a place.

    Examples
    --------
    >>> ranking(("a", "b", "c"), np.array([5.0, 7.0, 5.0]), True)
    [['b'], ['a', 'c']]
    """
    rounded = [float(f"{v:.{RANK_DIGITS}g}") for v in total]
    order = sorted(set(rounded), reverse=higher_wins)
    return [[b for b, r in zip(bid_ids, rounded, strict=True) if r == value] for value in order]
