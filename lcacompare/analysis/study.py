"""The ``study`` section: study totals, published versus computed figures, conversions, default fees, fleets.

Study totals are per-use figures times the unit's uses::

    kg CO2e per study unit = kg CO2e per use * study_unit.uses
    kg CO2e per reporting unit = kg CO2e per use * per_unit.uses_per_unit

(and the same for EUR). A published figure is compared with ours as
``relative_difference = (computed - published) / published``, within tolerance when
``|relative_difference| <= reference.tolerance``.
"""

from __future__ import annotations

from typing import Any

from lcacompare.compile import CompiledCase
from lcacompare.cost.cashflow import line_indexations
from lcacompare.cost.waste_fees import default_fees
from lcacompare.results import Comparison

__all__ = ["study_section"]


def _totals(comparison: Comparison, name: str, uses: float) -> dict[str, Any]:
    return {
        "name": name,
        "uses": float(uses),
        "options": {
            option.id: {"kg_co2e": option.kg_co2e_per_use * uses, "eur": option.eur_per_use * uses}
            for option in comparison.options
        },
    }


def _reference(compiled: CompiledCase, comparison: Comparison) -> list[dict[str, Any]]:
    reference = compiled.case.reference
    if reference is None:
        return []
    rows = []
    for option_id, figures in reference.published.items():
        ours = comparison.option(option_id)
        for metric in ("kg_co2e_per_use", "eur_per_use"):
            published = getattr(figures, metric)
            if published is None:
                continue
            computed = float(getattr(ours, metric))
            relative = (computed - published) / published if published != 0 else None
            rows.append(
                {
                    "option": option_id,
                    "metric": metric,
                    "published": float(published),
                    "computed": computed,
                    "relative_difference": relative,
                    "tolerance": reference.tolerance,
                    "within_tolerance": relative is not None and abs(relative) <= reference.tolerance,
                }
            )
    return rows


def _conversions(compiled: CompiledCase) -> list[dict[str, Any]]:
    rows = []
    for option_id, found in compiled.conversions.items():
        if not found:
            continue
        indexations = line_indexations(compiled, option_id)
        costs = {info.index: info for info in compiled.costs[option_id]}
        for index, conversion in sorted(found.items()):
            info = costs[index]
            original = float(compiled.amount(info.line.amount).m_as(conversion.currency))
            factor = indexations[index].factor if index in indexations else 1.0
            rows.append(
                {
                    "option": option_id,
                    "line": index,
                    "category": info.category,
                    "original_amount": original,
                    "currency": conversion.currency,
                    "basis": info.basis,
                    "rate_year": conversion.year,
                    "per_eur": conversion.per_eur,
                    "rate_source": conversion.source,
                    "rate_seen": conversion.seen,
                    "index_factor": factor,
                    "eur": original / conversion.per_eur * factor,
                }
            )
    return rows


def _default_fees(compiled: CompiledCase) -> list[dict[str, Any]]:
    rows = []
    for option_id in compiled.option_ids:
        for fee in default_fees(compiled, option_id):
            rows.append(
                {
                    "option": option_id,
                    "stream": fee.stream,
                    "price_id": fee.price.id,
                    "eur_per_kg": fee.price.eur_per_unit,
                    "price_year": fee.price.price_year,
                    "geography": fee.price.geography,
                    "source": fee.price.provenance.source,
                    "kg_per_use": float(fee.kg_per_use),
                }
            )
    return rows


def _fleets(compiled: CompiledCase, comparison: Comparison) -> list[dict[str, Any]]:
    rows = []
    for option in compiled.case.options:
        fleet = option.fleet
        if fleet is None:
            continue
        price = float(compiled.amount(fleet.eur_per_item).m_as("EUR"))
        uses_per_item = comparison.option(option.id).expected_uses
        purchase = fleet.items * price
        expected = fleet.items * uses_per_item
        rows.append(
            {
                "option": option.id,
                "items": fleet.items,
                "bought": fleet.bought,
                "replacements_per_year": fleet.replacements_per_year,
                "eur_per_item": price,
                "purchase_eur": purchase,
                "expected_uses": expected,
                "eur_per_use": purchase / expected,
            }
        )
    return rows


def study_section(compiled: CompiledCase, comparison: Comparison) -> dict[str, Any] | None:
    """The ``study`` section of the result, or None when the case states none of its parts.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    comparison : Comparison
        Its per-use results.

    Returns
    -------
    dict or None
        Keys of :class:`lcacompare.result.Study` that apply.
    """
    case = compiled.case
    section: dict[str, Any] = {}
    if case.study_unit is not None:
        section["study_unit"] = _totals(comparison, case.study_unit.name, case.study_unit.uses)
    if case.per_unit is not None:
        section["per_unit"] = _totals(comparison, case.per_unit.name, case.per_unit.uses_per_unit)
    if case.reference is not None:
        section["citation"] = case.reference.citation
        section["reference"] = _reference(compiled, comparison)
    for key, rows in (
        ("conversions", _conversions(compiled)),
        ("default_fees", _default_fees(compiled)),
        ("fleets", _fleets(compiled, comparison)),
    ):
        if rows:
            section[key] = rows
    return section or None
