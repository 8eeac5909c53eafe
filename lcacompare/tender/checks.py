"""Rules of a tender that span several fields: weights, bids, declarations, scores.

Each check returns :class:`~lcacompare.errors.Problem` objects naming the field and its line, so
the command line lists every problem at once and exits 2 before anything is computed or written.
"""

from __future__ import annotations

import math
from collections import Counter

from lcacompare.errors import Problem
from lcacompare.tender.tender import WEIGHTED_METHODS, Tender

__all__ = ["tender_problems", "WEIGHT_TOLERANCE"]

WEIGHT_TOLERANCE = 1e-6
"""How far from 100 the published weights may sum (percent points), for rounding only."""


def _criteria_problems(tender: Tender) -> list[Problem]:
    problems: list[Problem] = []
    kinds = Counter(c.kind for c in tender.criteria)
    if kinds["cost"] != 1:
        problems.append(
            Problem(
                "criteria",
                f"{kinds['cost']} cost criteria",
                "exactly one criterion of kind cost: the whole-life cost (art. 67 Directive 2014/24/EU)",
                "cost-criterion",
                tender.line_of("criteria"),
            )
        )
    for i, count in Counter(c.id for c in tender.criteria).items():
        if count > 1:
            problems.append(
                Problem("criteria", f"criterion id {i!r} is used {count} times", "unique ids", "duplicate-id")
            )
    weighted = WEIGHTED_METHODS[tender.method]
    total = 0.0
    for index, criterion in enumerate(tender.criteria):
        where = f"criteria[{index}]"
        line = tender.line_of("criteria", index)
        if tender.method in ("fictive-price", "lowest-lcc") and criterion.kind == "co2e":
            problems.append(
                Problem(
                    where,
                    f"a co2e criterion has no place in {tender.method}",
                    "carbon enters as its monetised cost: include_carbon on the cost criterion",
                    "criterion-kind",
                    line,
                )
            )
        if tender.method == "lowest-lcc" and criterion.kind in ("quality", "supply"):
            problems.append(
                Problem(
                    where,
                    "lowest-lcc awards on cost alone",
                    "no quality or supply criteria, or another method",
                    "criterion-kind",
                )
            )
        if tender.method == "fictive-price" and criterion.kind in ("quality", "supply") and criterion.value_eur is None:
            problems.append(
                Problem(
                    f"{where}.value_eur",
                    f"a {criterion.kind} criterion of a fictive-price award needs its value in EUR",
                    "value_eur: the EUR deducted at the top of the scale",
                    "fictive-value",
                    line,
                )
            )
        if criterion.kind in weighted:
            if criterion.weight is None:
                problems.append(
                    Problem(
                        f"{where}.weight",
                        f"{tender.method} needs a published weight for each {criterion.kind} criterion",
                        "weight in percent",
                        "weights",
                        line,
                    )
                )
            else:
                total += criterion.weight
        elif criterion.weight is not None:
            problems.append(
                Problem(
                    f"{where}.weight",
                    f"a {criterion.kind} criterion carries no weight under {tender.method}",
                    "remove the weight",
                    "weights",
                    line,
                )
            )
    if weighted and not problems and not math.isclose(total, 100.0, abs_tol=WEIGHT_TOLERANCE):
        problems.append(
            Problem(
                "criteria[].weight",
                f"the weights sum to {total:g} %",
                "weights summing to 100 % (art. 2.115 Aanbestedingswet 2012: weights are published)",
                "weights",
                tender.line_of("criteria"),
            )
        )
    cost = [c for c in tender.criteria if c.kind == "cost"]
    if tender.method == "lowest-lcc" and cost and cost[0].scoring and cost[0].scoring.rule != "lowest":
        problems.append(
            Problem(
                "criteria", "lowest-lcc scores cost by the rule 'lowest'", "scoring: {rule: lowest}", "scoring-rule"
            )
        )
    return problems


def _bid_problems(tender: Tender) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    quality = {c.id: c for c in tender.criteria if c.kind == "quality"}
    for index, bid in enumerate(tender.bids):
        where = f"bids[{index}]"
        if bid.id in seen:
            problems.append(
                Problem(
                    f"{where}.id",
                    f"bid id {bid.id!r} is already used by bids[{seen[bid.id]}]",
                    "a unique id per bid",
                    "duplicate-bid",
                    tender.line_of("bids", index, "id"),
                )
            )
        seen.setdefault(bid.id, index)
        for name in tender.required_declarations:
            if name not in bid.declared:
                problems.append(
                    Problem(
                        f"{where}.declared.{name}",
                        f"bid {bid.id!r} does not declare {name!r}, which the tender requires",
                        "every name of required_declarations",
                        "declaration-missing",
                        tender.line_of("bids", index, "declared"),
                    )
                )
        for cid, criterion in quality.items():
            scale = criterion.scale
            if cid not in bid.quality:
                problems.append(
                    Problem(
                        f"{where}.quality.{cid}",
                        f"bid {bid.id!r} has no committee score for {cid!r}",
                        "a score on the criterion's scale",
                        "quality-score",
                        tender.line_of("bids", index),
                    )
                )
            elif scale is not None and not (scale.min <= bid.quality[cid] <= scale.max):
                problems.append(
                    Problem(
                        f"{where}.quality.{cid}",
                        f"score {bid.quality[cid]:g} is outside the scale",
                        f"{scale.min:g} to {scale.max:g}",
                        "quality-score",
                        tender.line_of("bids", index, "quality", cid),
                    )
                )
        for cid in bid.quality:
            if cid not in quality:
                problems.append(
                    Problem(
                        f"{where}.quality.{cid}",
                        f"{cid!r} is not a quality criterion of the tender",
                        "one of: " + (", ".join(quality) or "(none)"),
                        "quality-score",
                        tender.line_of("bids", index, "quality", cid),
                    )
                )
        if tender.co2_ladder is not None and bid.co2_ladder_level is None:
            problems.append(
                Problem(
                    f"{where}.co2_ladder_level",
                    "the tender grants a CO2-ladder discount, the bid gives no level",
                    "co2_ladder_level 0 (none) to 5",
                    "declaration-missing",
                    tender.line_of("bids", index),
                )
            )
    return problems


def _ladder_problems(tender: Tender) -> list[Problem]:
    if tender.co2_ladder is None:
        return []
    bad = {level: d for level, d in tender.co2_ladder.items() if not (0 <= level <= 5 and 0 <= d < 1)}
    if not bad:
        return []
    return [
        Problem(
            "co2_ladder",
            f"levels or discounts out of range: {bad}",
            "levels 0-5, discounts as fractions from 0 to below 1",
            "co2-ladder",
            tender.line_of("co2_ladder"),
        )
    ]


def tender_problems(tender: Tender) -> list[Problem]:
    """Every cross-field problem of a tender, in file order.

    Parameters
    ----------
    tender : Tender
        A tender whose shape pydantic has accepted.

    Returns
    -------
    list of Problem
        Empty when the tender can be awarded: one cost criterion; published weights summing to
        100 % where the method uses weights; a value in EUR for each quality criterion of a
        fictive-price award; unique bid ids; every required declaration; a committee score on
        the scale for each quality criterion.
    """
    problems = _criteria_problems(tender) + _bid_problems(tender) + _ladder_problems(tender)
    return sorted(problems, key=lambda p: p.line or 0)
