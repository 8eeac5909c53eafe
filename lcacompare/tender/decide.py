"""``award(tender) -> AwardResult``: the engine's figures scored, ranked and tested for robustness."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from lcacompare.errors import CaseError, Problem
from lcacompare.supply.definitions import indicator
from lcacompare.tender.carbon_prices import resolve_carbon_price
from lcacompare.tender.engine_inputs import EngineFigures, bid_figures
from lcacompare.tender.legal import COST_BASIS, legal_basis, method_warnings
from lcacompare.tender.result import (
    AwardResult,
    BidResult,
    MapResult,
    ReversalResult,
    RobustnessResult,
    Versions,
)
from lcacompare.tender.robustness import (
    ROBUST_PROBABILITY,
    has_sustainability_weight,
    nearest_reversal,
    probability_of_winning,
    winner_map,
)
from lcacompare.tender.scoring import AwardInputs, published_weights, ranking, score
from lcacompare.tender.tender import Criterion, Tender
from lcacompare.tender.text import Language, robustness_statement

__all__ = ["award", "award_inputs", "check_pins", "supply_warnings", "PIN_FIELDS"]

PIN_FIELDS = ("method", "method_sha256", "datasets_sha256", "lcacompare")
"""The versions a tender pins, in the order they are checked."""


def award_inputs(tender: Tender, figures: EngineFigures, draws: bool = False) -> AwardInputs:
    """The award's inputs from the engine's figures: published (``draws=False``) or every draw.

    ``npv_cost_eur = eur_per_use * NPV(uses)`` (the levelised cost's definition) and
    ``npv_kg_co2e = kg_co2e_per_use * NPV(uses)``: emissions booked with the uses and
    discounted like money.
    """
    bids = [figures.bids[b.id] for b in tender.bids]
    npv_uses = np.array([f.npv_uses for f in bids])
    if draws:
        eur = np.column_stack([f.draws_eur_per_use for f in bids])
        kg = np.column_stack([f.draws_kg_co2e_per_use for f in bids])
    else:
        eur = np.array([f.eur_per_use for f in bids])
        kg = np.array([f.kg_co2e_per_use for f in bids])
    quality = {
        c.id: np.array([b.quality[c.id] for b in tender.bids], dtype=float)
        for c in tender.criteria
        if c.kind == "quality"
    }
    levels = np.array([b.co2_ladder_level or 0 for b in tender.bids], dtype=float)
    supply = {
        c.id: np.array([_stated(f.supply.get(c.indicator or "")) for f in bids], dtype=float)
        for c in tender.criteria
        if c.kind == "supply"
    }
    return AwardInputs(tuple(b.id for b in tender.bids), eur * npv_uses, kg * npv_uses, kg, quality, levels, supply)


def _stated(value: float | None) -> float:
    # A figure the case does not state is NaN, which the supply scoring rules give 0 points.
    return math.nan if value is None else value


def supply_warnings(tender: Tender, figures: EngineFigures) -> list[str]:
    """One warning per bid and supply criterion whose indicator the bid's case does not state (0 points)."""
    return [
        f"bid {b.id!r} does not state supply indicator {c.indicator!r} (criterion {c.id!r}): scored 0 points"
        for c in tender.criteria
        if c.kind == "supply"
        for b in tender.bids
        if figures.bids[b.id].supply.get(c.indicator or "") is None
    ]


def check_pins(tender: Tender, figures: EngineFigures, allow_upgrade: bool) -> list[str]:
    """The pinned versions that differ from this run's; refuses them unless upgrading.

    Raises
    ------
    CaseError
        Rule pinned-version, naming each differing pin, when ``allow_upgrade`` is False.
    """
    current = {name: str(getattr(figures, name)) for name in PIN_FIELDS}
    differ = [name for name in PIN_FIELDS if getattr(tender.pins, name) != current[name]]
    if differ and not allow_upgrade:
        raise CaseError(
            tender.path,
            [
                Problem(
                    f"pins.{name}",
                    f"the tender was published under {getattr(tender.pins, name)!r}, this run has {current[name]!r}",
                    "the pinned version, or --allow-upgrade to rank under this one beside the pinned ranking",
                    "pinned-version",
                    tender.line_of("pins", name),
                )
                for name in differ
            ],
        )
    return differ


def _map_axes(tender: Tender, price_range: tuple[float, float]) -> tuple[np.ndarray, np.ndarray | None]:
    prices = np.linspace(price_range[0], price_range[1], tender.robustness.grid)
    weights = np.linspace(0.0, 60.0, 31) if has_sustainability_weight(tender) else None
    return prices, weights


def award(
    tender: Tender,
    *,
    allow_upgrade: bool = False,
    lang: Language = "en",
    home: str | Path | None = None,
    datasets: Any = None,
) -> AwardResult:
    """Award a tender: score every bid under its published method and test the ranking.

    Parameters
    ----------
    tender : Tender
        From :func:`lcacompare.tender.load_tender`.
    allow_upgrade : bool
        Rank under this run's method, datasets and lcacompare versions even when they differ
        from the tender's pins (the pinned ranking, where recorded, is shown beside it).
    lang : {"en", "nl"}
        Language of the robustness statement.
    home : str or Path, optional
        lcacompare's cache home.
    datasets : Datasets, optional
        Default the shipped datasets.

    Returns
    -------
    AwardResult

    Raises
    ------
    CaseError
        If a pinned version differs (without ``allow_upgrade``) or a bid's case is invalid.
    """
    carbon = resolve_carbon_price(tender.carbon_price, tender.path, tender.line_of("carbon_price"))
    figures = bid_figures(tender, home=home, datasets=datasets)
    differ = check_pins(tender, figures, allow_upgrade)
    inputs = award_inputs(tender, figures)
    scores = score(tender, inputs, carbon.eur_per_tonne)
    ranked = ranking(inputs.bid_ids, scores.total, scores.higher_wins)
    places = {bid: place for place, group in enumerate(ranked, start=1) for bid in group}
    p_win: np.ndarray | None = None
    if figures.samples:
        p_win = probability_of_winning(tender, award_inputs(tender, figures, draws=True), carbon.eur_per_tonne)
    order = [bid for group in ranked for bid in group]
    index = {bid: i for i, bid in enumerate(inputs.bid_ids)}
    first, second = index[order[0]], index[order[1]]
    reversals = nearest_reversal(tender, inputs, first, second, carbon.eur_per_tonne, carbon.range_eur_per_tonne)
    prices, weights = _map_axes(tender, carbon.range_eur_per_tonne)
    grid = winner_map(tender, inputs, prices, weights)
    low, high = carbon.range_eur_per_tonne
    price_flip = any(r.axis == "carbon price" and r.at is not None and low <= r.at <= high for r in reversals)
    weight_flip = any(
        r.axis == "sustainability weight" and r.change is not None and abs(r.change) <= 10.0 for r in reversals
    )
    tied = len(ranked[0]) > 1
    robust = not tied and not price_flip and not weight_flip and (p_win is None or p_win[first] >= ROBUST_PROBABILITY)
    statement = robustness_statement(
        order[0],
        order[1],
        None if p_win is None else float(p_win[first]),
        [(r.axis, r.published, r.at, r.unit) for r in reversals],
        robust,
        lang,
    )
    bids = []
    for i, bid in enumerate(tender.bids):
        f = figures.bids[bid.id]
        bids.append(
            BidResult(
                id=bid.id,
                supplier=bid.supplier,
                case=f.case_id,
                option=f.option_id,
                price=f"{bid.price.amount} per {bid.price.per} ({bid.price.category})",
                declared=dict(bid.declared),
                quality=dict(bid.quality),
                kg_co2e_per_use=f.kg_co2e_per_use,
                kg_co2e_per_year=f.kg_co2e_per_year,
                eur_per_use=f.eur_per_use,
                eur_per_year=f.eur_per_year,
                npv_cost_eur=float(inputs.npv_cost_eur[i]),
                npv_kg_co2e=float(inputs.npv_kg_co2e[i]),
                monetised_co2e_eur=float(inputs.npv_kg_co2e[i] * carbon.eur_per_tonne / 1000.0),
                cost_criterion_eur=float(scores.cost_eur[i]),
                points={k: float(v[i]) for k, v in scores.points.items()},
                supply={c.id: f.supply.get(c.indicator or "") for c in tender.criteria if c.kind == "supply"},
                total=float(scores.total[i]),
                rank=places[bid.id],
                probability_of_winning=None if p_win is None else float(p_win[i]),
            )
        )
    return AwardResult(
        tender_id=tender.id,
        title=tender.title,
        buyer=tender.buyer,
        country=tender.country,
        functional_unit=tender.functional_unit,
        annual_volume=tender.annual_volume,
        contract_years=tender.contract_years,
        discount_rate=figures.discount_rate,
        method=tender.method,
        cost_basis=COST_BASIS + ("; plus NPV(CO2e x carbon price)" if _carbon_in_cost(tender) else ""),
        weights=published_weights(tender),
        criteria=[
            {
                "id": c.id,
                "title": c.title,
                "kind": c.kind,
                "weight": c.weight,
                "rule": c.scoring.rule if c.scoring else None,
                "max_points": c.scoring.max_points if c.scoring else None,
                "value_eur": c.value_eur,
                "include_carbon": c.include_carbon,
                "indicator": c.indicator,
                "scoring_rule": _supply_rule_text(c) if c.kind == "supply" else None,
            }
            for c in tender.criteria
        ],
        carbon_price=carbon,
        bids=bids,
        ranking=ranked,
        winner=ranked[0],
        robustness=RobustnessResult(
            samples=figures.samples,
            seed=figures.seed,
            map=MapResult(
                prices_eur_per_tonne=grid.prices.tolist(),
                sustainability_weights_percent=None if grid.weights is None else grid.weights.tolist(),
                winner=grid.winner.tolist(),
                bid_ids=list(inputs.bid_ids),
            ),
            reversals=[
                ReversalResult(axis=r.axis, unit=r.unit, published=r.published, reverses_at=r.at, change=r.change)
                for r in reversals
            ],
            robust=robust,
            statement=statement,
        ),
        versions=Versions(
            pinned_method=tender.pins.method,
            pinned_method_sha256=tender.pins.method_sha256,
            pinned_datasets_sha256=tender.pins.datasets_sha256,
            pinned_lcacompare=tender.pins.lcacompare,
            method=figures.method,
            method_sha256=figures.method_sha256,
            datasets_sha256=figures.datasets_sha256,
            lcacompare=figures.lcacompare,
            differ=differ,
            pinned_ranking=tender.pins.ranking,
        ),
        legal_basis=legal_basis(tender),
        warnings=method_warnings(tender) + supply_warnings(tender, figures),
    )


def _supply_rule_text(criterion: Criterion) -> str:
    """The published scoring rule of a supply criterion in words, with its unit and direction."""
    entry = indicator(criterion.indicator or "")
    rule = criterion.scoring
    head = f"{entry.title} ({entry.unit}, {entry.direction} is better)"
    if rule is not None and rule.rule == "thresholds" and rule.thresholds:
        sign = ">=" if entry.direction == "higher" else "<="
        steps = "; ".join(f"{sign} {t.at:g}: {t.points:g} points" for t in rule.thresholds)
        return f"{head}: {steps}; otherwise 0; not stated 0"
    if rule is not None and rule.bounds is not None:
        worst, best = rule.bounds
        return f"{head}: linear from 0 points at {worst:g} to {rule.max_points:g} points at {best:g}; not stated 0"
    return head


def _carbon_in_cost(tender: Tender) -> bool:
    return tender.cost_criterion().include_carbon or tender.method == "lowest-lcc"
