"""The result's ``circularity`` and ``reuse_identity`` sections, made only under a method that has them."""

from __future__ import annotations

import math
from typing import Any

from lcacompare.circular.indicators import INDICATORS, OptionCircularity, circularity
from lcacompare.circular.properties import CircularData, load_circular_data
from lcacompare.circular.reuse_identity import reuse_identity
from lcacompare.compile import CompiledCase, Evaluation
from lcacompare.result.circularity import Circularity, CircularityIndicator, CircularityValue, ReuseIdentityOption

__all__ = ["REFERENCE", "circularity_section", "reuse_identity_section"]

REFERENCE = (
    "Vlaanderen Circulair / OVAM: Circular Economy Monitor for Flanders (cemonitor.be, 2021; material use, "
    "circularity as the share of materials from recycling and reuse); the circular ambition map itself could "
    "not be read, so the indicator set is the one lcacompare issue 23 lists (docs/method.md)"
)
"""Where the indicator set comes from, as stated in the result."""


def _stated(value: Any, detail: str | None = None) -> CircularityValue:
    number = float(value)
    if not math.isfinite(number):
        return CircularityValue(status="not applicable", detail=detail or "no material mass to share")
    return (
        CircularityValue(status="stated", value=number, detail=detail)
        if detail
        else CircularityValue(status="stated", value=number)
    )


def _value(indicator_id: str, option: OptionCircularity) -> CircularityValue:
    flows, life = option.flows, option.life
    if indicator_id == "total_material_kg":
        return _stated(flows.material_kg)
    if indicator_id == "non_renewable_virgin_kg":
        return _stated(flows.non_renewable_virgin_kg)
    if indicator_id == "bio_based_share":
        return _stated(flows.bio_based_share)
    if indicator_id == "recycled_content_share":
        return _stated(flows.recycled_content_share)
    if indicator_id == "service_life_uses":
        return CircularityValue(status="stated", value=life.uses_per_life, expected_uses=life.expected_uses)
    if indicator_id == "service_life_years":
        if life.items_basis == "not applicable":
            return CircularityValue(status="not applicable", detail="single-use item")
        if life.years is None:
            return CircularityValue(
                status="not stated", detail="the case gives no fleet or stock_items for the items in circulation"
            )
        return _stated(
            life.years,
            f"N = {life.uses_per_life:g} uses / {life.uses_per_item_per_year:.4g} uses per item a year "
            f"(annual uses / {life.items:g} items, {life.items_basis})",
        )
    if indicator_id == "reusable_or_recyclable_share":
        return _stated(
            flows.reusable_or_recyclable_share,
            f"{float(flows.recyclable_kg):.4g} kg to recycling + {float(flows.in_service_kg):.4g} kg back in service "
            f"of {float(flows.leaving_kg):.4g} kg leaving per use",
        )
    raise KeyError(indicator_id)


def _assumptions(options: dict[str, OptionCircularity]) -> list[str]:
    materials = sorted({a for o in options.values() for a in o.flows.unclassified_materials})
    routes = sorted({a for o in options.values() for a in o.flows.unclassified_routes})
    out = []
    if materials:
        out.append(
            "assumption: materials with no row in datasets/materials/properties.csv counted as not bio-based "
            "and not renewable: " + ", ".join(materials)
        )
    if routes:
        out.append(
            "assumption: waste routes with no row in datasets/materials/end-of-life.csv counted as not "
            "recycled: " + ", ".join(routes)
        )
    return out


def circularity_section(compiled: CompiledCase, evaluation: Evaluation | None = None) -> Circularity | None:
    """The circularity indicators of every option, or None when the method has no ``circularity`` section.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    evaluation : Evaluation, optional
        Default the case's own values (``compiled.evaluate()``).

    Returns
    -------
    Circularity or None
    """
    if compiled.method.section("circularity") is None:
        return None
    root = compiled.datasets.root
    data = load_circular_data(root) if root is not None else CircularData({}, {})
    options = circularity(compiled, evaluation or compiled.evaluate(), data)
    indicators = [
        CircularityIndicator(
            id=ind.id,
            title=ind.title,
            unit=ind.unit,
            rule=ind.rule,
            values={oid: _value(ind.id, option) for oid, option in options.items()},
        )
        for ind in INDICATORS
    ]
    used = {info.activity_id for lines in compiled.lines.values() for info in lines}
    sources = sorted(
        {row.source for aid, row in data.materials.items() if aid in used}
        | {row.source for aid, row in data.routes.items() if aid in used}
    )
    return Circularity(indicators=indicators, assumptions=_assumptions(options), sources=sources, reference=REFERENCE)


def reuse_identity_section(
    compiled: CompiledCase, evaluation: Evaluation | None = None
) -> dict[str, ReuseIdentityOption] | None:
    """PEF's ``1 / (1 - R)`` beside ``E`` for every reusable option, or None without a ``reuse_identity`` section.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    evaluation : Evaluation, optional
        Default the case's own values.

    Returns
    -------
    dict of str to ReuseIdentityOption or None
        By reusable option id (empty when the case has none).
    """
    if compiled.method.section("reuse_identity") is None:
        return None
    evaluation = evaluation or compiled.evaluate()
    out: dict[str, ReuseIdentityOption] = {}
    for option_id in compiled.option_ids:
        factors = evaluation.factors[option_id]
        if compiled.case.option(option_id).kind != "reusable" or not factors.reusable:
            continue
        identity = reuse_identity(float(factors.uses), float(factors.loss_rate))
        out[option_id] = ReuseIdentityOption(
            uses_per_life=identity.uses_per_life,
            loss_rate=identity.loss_rate,
            reuse_rate=identity.reuse_rate,
            expected_uses=identity.expected_uses,
            pef_uses=identity.pef_uses if math.isfinite(identity.pef_uses) else None,
            relative_gap=identity.relative_gap,
        )
    return out
