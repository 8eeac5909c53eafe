"""The ``supply`` section of the result: every indicator for every option, and which is better.

An indicator whose inputs an option does not state is ``not stated`` (no value, never a zero or
a good score); a reusables-only indicator of a single-use option is ``not applicable``. The
better option is decided only among the options that state the indicator, by its direction.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from lcacompare.model.case import Case, Option, Provenance, Supply
from lcacompare.model.countries import is_eu_member
from lcacompare.result.supply import Supply as SupplySection
from lcacompare.result.supply import SupplyComparison, SupplyIndicator, SupplyValue
from lcacompare.supply import indicators as formulas
from lcacompare.supply.definitions import INDICATORS, Indicator

__all__ = ["DailyUse", "daily_use", "option_values", "supply_section", "compare_values"]


@dataclass(frozen=True)
class DailyUse:
    """An option's average daily use (items per day), where it comes from, and a stated figure's provenance."""

    items_per_day: float
    basis: str
    figure: Provenance | None = None


def daily_use(supply: Supply | None, annual_uses: float) -> DailyUse:
    """The stated ``daily_use``, else the case's annual uses over 365 days.

    Examples
    --------
    >>> daily_use(None, 3650).items_per_day
    10.0
    """
    if supply is not None and supply.daily_use is not None:
        return DailyUse(supply.daily_use.value, "stated (supply.daily_use)", supply.daily_use)
    return DailyUse(formulas.average_daily_use(annual_uses), f"context.annual_uses {annual_uses:g} / 365 days")


def _stated(value: bool | float, detail: str | None, *figures: Provenance | None) -> SupplyValue:
    sources = [f.source for f in figures if f is not None and f.source]
    assumptions = [f.assumption for f in figures if f is not None and f.assumption]
    fields: dict[str, object] = {"status": "stated", "value": value}
    if detail:
        fields["detail"] = detail
    if sources:
        fields["source"] = "; ".join(dict.fromkeys(sources))
    if assumptions:
        fields["assumption"] = "; ".join(dict.fromkeys(assumptions))
    return SupplyValue.model_validate(fields)


def _shares_text(shares: dict[str, float]) -> str:
    ordered = sorted(shares.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{code} {100 * share:.4g} %" for code, share in ordered)


def _values(supply: Supply, use: DailyUse) -> dict[str, SupplyValue | None]:
    """Each indicator's value from a supply block (``None`` where an input is missing)."""
    d = use.items_per_day
    per_day = f"{d:.4g} items per day ({use.basis})"
    out: dict[str, SupplyValue | None] = dict.fromkeys((i.id for i in INDICATORS), None)
    if supply.qualified_sources is not None:
        out["qualified_sources"] = _stated(supply.qualified_sources.value, None, supply.qualified_sources)
    if supply.second_source_contracted is not None:
        flag = supply.second_source_contracted
        out["second_source_contracted"] = _stated(flag.value, None, flag)
    if supply.manufacture_shares is not None:
        shares = supply.manufacture_shares
        text = _shares_text(shares.value)
        out["country_hhi"] = _stated(formulas.herfindahl_hirschman_index(shares.value), text, shares)
        out["non_eu_share"] = _stated(formulas.non_eu_share_percent(shares.value, is_eu_member), text, shares)
    if supply.stock_items is not None:
        stock = supply.stock_items
        out["stock_cover_days"] = _stated(
            formulas.stock_cover_days(stock.value, d), f"{stock.value:g} items / {per_day}", stock, use.figure
        )
    if supply.pool_items is not None:
        pool = supply.pool_items
        out["pool_buffer_days"] = _stated(
            formulas.pool_buffer_days(pool.value, d), f"({pool.value:g} items - {d:.4g}) / {per_day}", pool, use.figure
        )
        if supply.turnaround_days is not None:
            turn = supply.turnaround_days
            out["outage_cover_days"] = _stated(
                formulas.outage_cover_days(pool.value, d, turn.value),
                f"({pool.value:g} items - {d:.4g} x {turn.value:g} days in the loop) / {per_day}",
                pool,
                turn,
                use.figure,
            )
    if supply.lead_time_days is not None:
        out["lead_time_days"] = _stated(supply.lead_time_days.value, None, supply.lead_time_days)
    if supply.otif is not None:
        otif = supply.otif
        out["otif_percent"] = _stated(otif.percent, f"basis: {otif.basis}; period: {otif.period}", otif)
    if supply.reprocessing_capacity is not None:
        cap = supply.reprocessing_capacity
        out["reprocessing_capacity_share"] = _stated(
            formulas.capacity_share_percent(cap.used, cap.available),
            f"{cap.used:g} of {cap.available:g} {cap.unit}",
            cap,
        )
    if supply.reprocessing_sites is not None:
        out["reprocessing_sites"] = _stated(supply.reprocessing_sites.value, None, supply.reprocessing_sites)
    if supply.transport_distance_km is not None:
        out["transport_distance_km"] = _stated(supply.transport_distance_km.value, None, supply.transport_distance_km)
    if supply.border_crossings is not None:
        out["border_crossings"] = _stated(supply.border_crossings.value, None, supply.border_crossings)
    return out


def option_values(option: Option, annual_uses: float) -> dict[str, SupplyValue]:
    """Every indicator of one option: stated, not stated or not applicable.

    Parameters
    ----------
    option : Option
        An option of a case (its ``supply`` block may be absent).
    annual_uses : float
        The case's uses per year (for the daily use when the block does not state it).

    Returns
    -------
    dict of str to SupplyValue
        By indicator id, in the order of :data:`~lcacompare.supply.definitions.INDICATORS`.
    """
    found = _values(option.supply, daily_use(option.supply, annual_uses)) if option.supply is not None else {}
    out: dict[str, SupplyValue] = {}
    for entry in INDICATORS:
        if entry.reusable_only and option.kind == "single-use":
            out[entry.id] = SupplyValue(status="not applicable")
        else:
            out[entry.id] = found.get(entry.id) or SupplyValue(status="not stated")
    return out


def compare_values(
    entry: Indicator, values: dict[str, SupplyValue], close: Callable[[float, float], bool] | None = None
) -> tuple[SupplyComparison, list[str]]:
    """Which options are best on one indicator, among those that state it.

    Parameters
    ----------
    entry : Indicator
        The indicator (its direction decides).
    values : dict of str to SupplyValue
        By option id.
    close : callable, optional
        Whether two values count as equal; default relative 1e-9.

    Returns
    -------
    comparison : {"better", "equal", "not comparable"}
    better : list of str
        The best options' ids when ``comparison`` is ``better``, else empty.

    Examples
    --------
    >>> from lcacompare.supply.definitions import indicator
    >>> compare_values(indicator("lead_time_days"), {"a": SupplyValue(status="stated", value=40),
    ...     "b": SupplyValue(status="stated", value=3), "c": SupplyValue(status="not stated")})
    ('better', ['b'])
    """
    same = close or (lambda a, b: math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12))
    stated = {k: float(v.value) for k, v in values.items() if v.status == "stated" and v.value is not None}
    if len(stated) < 2:
        return "not comparable", []
    best = max(stated.values()) if entry.direction == "higher" else min(stated.values())
    winners = [k for k, v in stated.items() if same(v, best)]
    if len(winners) == len(stated):
        return "equal", []
    return "better", winners


def supply_section(case: Case) -> SupplySection:
    """The supply-security section of a case (every indicator ``not stated`` where no figure is given).

    Parameters
    ----------
    case : Case
        A validated case.

    Returns
    -------
    Supply
        Every indicator of :data:`~lcacompare.supply.definitions.INDICATORS` for every option.
    """
    annual = case.context.annual_uses
    by_option = {option.id: option_values(option, annual) for option in case.options}
    rows = []
    for entry in INDICATORS:
        values = {option_id: found[entry.id] for option_id, found in by_option.items()}
        comparison, better = compare_values(entry, values)
        rows.append(
            SupplyIndicator(
                id=entry.id,
                title=entry.title,
                unit=entry.unit,
                direction=entry.direction,
                formula=entry.formula,
                reference=entry.reference,
                values=values,
                comparison=comparison,
                better=better,
            )
        )
    basis = {option.id: daily_use(option.supply, annual).basis for option in case.options}
    return SupplySection(indicators=rows, daily_use_basis=basis)
