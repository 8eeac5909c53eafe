"""The whole-life cost pieces of a result: break-even, annual view, monetised view, cash flows.

:func:`cost_analysis` returns plain, JSON-ready data (floats, lists, dicts) with units in the key
names, to be merged into the result document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from lcacompare.cost.annual import annual_view
from lcacompare.cost.breakeven import (
    DEFAULT_N_MAX,
    co2e_per_use_function,
    cost_per_use_function,
    curve_grid,
    per_use_curve,
    solve_breakeven,
)
from lcacompare.cost.cashflow import DEFAULT_STOCK_DAYS, CashFlows, CostLines, cost_lines
from lcacompare.cost.levelised import eur_per_use_function
from lcacompare.cost.monetised import monetised_view
from lcacompare.results import Comparison

if TYPE_CHECKING:
    from lcacompare.engine import Prepared

__all__ = ["cost_analysis", "breakeven_analysis", "cash_flow_table", "conventions"]


def conventions(prepared: Prepared) -> dict[str, str]:
    """The cost conventions of this result, in words, with the case's rate and horizon."""
    context = prepared.compiled.case.context
    return {
        "currency": f"EUR excl. VAT, real terms, in {context.price_year} prices",
        "discounting": (
            f"real discount rate r = {context.discount_rate:g} per year; a flow at t years is "
            "multiplied by (1 + r)^-t; flows at t = 0 are not discounted (numpy-financial npv "
            "convention; Excel's NPV would discount its first value by one year)"
        ),
        "timing": (
            f"horizon H = {context.horizon_years:g} years in yearly periods (the last may be partial); "
            "uses and per-use, per-cycle, per-year costs and replacement purchases at the end of each "
            "period; initial stock and per-contract costs at t = 0; residual value at t = H"
        ),
        "levelised_cost": "eur_per_use = NPV(costs) / NPV(uses), uses discounted like money",
        "stock_and_replacement": (
            "per-life costs of a reusable option buy the initial stock S at t = 0 (stock_items, or "
            f"by default {DEFAULT_STOCK_DAYS:g} days of uses) and U/E items per year to replace items "
            "lost (rate l per use) or retired after N uses, E = (1 - (1 - l)^N) / l"
        ),
        "residual_value": (
            "stock valued straight-line by remaining expected uses; with replacement at the renewal "
            "rate this is S x item price at t = H; residual cost lines, when given, replace it"
        ),
        "indexation": (
            "a cost line whose price year differs from the case's is multiplied by HICP(case year) / "
            "HICP(line year), annual average index from datasets/indices/hicp.csv, the case country's "
            "series if it covers both years, else the euro-area series (EA)"
        ),
        "breakeven": (
            "N* solves per_use(reusable, N) = per_use(single-use), searched over N in "
            f"[1, {DEFAULT_N_MAX:g}] (first crossing, refined with Brent's method); status always = "
            "reusable at or below already at N = 1, never = still above at the largest N"
        ),
        "annual": "eur_per_year = levelised eur_per_use x annual_uses (equivalent annual cost)",
        "monetised": "kg CO2e / 1000 x shadow price (EUR/t), a separate total never mixed into cost",
    }


def cash_flow_table(flows: CashFlows) -> dict[str, Any]:
    """One option's cash flows as JSON-ready lists (one value per booking time).

    Parameters
    ----------
    flows : CashFlows
        Deterministic flows (scalar parameter values).

    Returns
    -------
    dict
        ``time_years``, ``uses``, ``discount_factor``, ``eur_by_category``,
        ``eur_discounted_by_category``, ``eur_total``, ``eur_discounted_total``, ``npv_eur``,
        ``npv_uses``, ``eur_per_use_levelised``, ``eur_undiscounted_total``, ``stock_items``,
        ``stock_items_basis``, ``indexation``.
    """
    discount = flows.discount
    by_category = {cat: np.asarray(v, dtype=float).tolist() for cat, v in flows.by_category.items()}
    discounted = {cat: (discount * np.asarray(v, dtype=float)).tolist() for cat, v in flows.by_category.items()}
    total = np.asarray(flows.total, dtype=float)
    return {
        "time_years": flows.times.tolist(),
        "uses": flows.uses.tolist(),
        "discount_factor": discount.tolist(),
        "eur_by_category": by_category,
        "eur_discounted_by_category": discounted,
        "eur_total": total.tolist(),
        "eur_discounted_total": (discount * total).tolist(),
        "npv_eur": float(flows.npv_eur),
        "npv_uses": flows.npv_uses,
        "eur_per_use_levelised": float(flows.npv_eur) / flows.npv_uses,
        "eur_undiscounted_total": float(flows.undiscounted_eur),
        "stock_items": float(flows.stock_items),
        "stock_items_basis": flows.stock_basis,
        "indexation": [
            {
                "cost_line": item.line,
                "from_year": item.indexation.from_year,
                "to_year": item.indexation.to_year,
                "factor": item.indexation.factor,
                "series": item.indexation.series,
                "source": item.indexation.source,
            }
            for item in flows.indexations
        ],
    }


def breakeven_analysis(
    prepared: Prepared, comparison: Comparison, values: Any = None, lines: Mapping[str, CostLines] | None = None
) -> dict[str, Any]:
    """Break-even uses per life of each reusable option against the single-use baseline.

    Parameters
    ----------
    prepared : Prepared
        The prepared case.
    comparison : Comparison
        Its comparison (targets: the baseline's levelised EUR and kg CO2e per use).
    values : mapping, optional
        Parameter values; default the case's values.
    lines : mapping of option id to CostLines, optional
        The options' cost lines evaluated with ``values`` (:func:`~lcacompare.cost.cashflow.cost_lines`),
        to reuse; evaluated here when not given.

    Returns
    -------
    dict
        Per reusable option id: ``uses_cost``, ``uses_co2e`` (N* or None), ``status_cost``,
        ``status_co2e``, ``baseline``, ``uses_per_life_case``, ``curve`` (list of
        ``{"uses_per_life", "eur_per_use", "kg_co2e_per_use"}``). Empty when the baseline is
        not single-use.
    """
    compiled = prepared.compiled
    values = values if values is not None else compiled.parameter_values()
    baseline = comparison.option(comparison.baseline)
    if baseline.kind != "single-use":
        return {}
    out: dict[str, Any] = {}
    for option in compiled.case.options:
        if option.kind != "reusable":
            continue
        cost_fn = (
            eur_per_use_function(lines[option.id])
            if lines is not None
            else cost_per_use_function(compiled, option.id, values)
        )
        co2e_fn = co2e_per_use_function(prepared, option.id, values)
        cost = solve_breakeven(cost_fn, baseline.eur_per_use)
        co2e = solve_breakeven(co2e_fn, baseline.kg_co2e_per_use)
        case_uses = float(np.asarray(compiled.basis_factors(option, values)["uses"]))
        grid = curve_grid(case_uses, [cost.uses_per_life, co2e.uses_per_life])
        eur = per_use_curve(cost_fn, grid)
        kg = per_use_curve(co2e_fn, grid)
        out[option.id] = {
            "baseline": baseline.id,
            "uses_per_life_case": case_uses,
            "uses_cost": cost.uses_per_life,
            "uses_co2e": co2e.uses_per_life,
            "status_cost": cost.status,
            "status_co2e": co2e.status,
            "baseline_eur_per_use": baseline.eur_per_use,
            "baseline_kg_co2e_per_use": baseline.kg_co2e_per_use,
            "uses_per_life_searched_max": DEFAULT_N_MAX,
            "curve": [
                {"uses_per_life": float(n), "eur_per_use": float(e), "kg_co2e_per_use": float(k)}
                for n, e, k in zip(grid, eur, kg, strict=True)
            ],
        }
    return out


def cost_analysis(prepared: Prepared, comparison: Comparison) -> dict[str, Any]:
    """Break-even, annual view, monetised view, cash flows and conventions of a comparison.

    Parameters
    ----------
    prepared : Prepared
        From :func:`lcacompare.engine.prepare`.
    comparison : Comparison
        From :func:`lcacompare.engine.compare` on the same prepared case.

    Returns
    -------
    dict
        JSON-ready: ``breakeven`` (per reusable option), ``annual``, ``cash_flows`` (per
        option), ``conventions`` and, only when the case gives a shadow carbon price,
        ``monetised``.

    Raises
    ------
    CaseError
        If a price year cannot be indexed.
    """
    compiled = prepared.compiled
    case = compiled.case
    values = compiled.parameter_values()
    lines = {oid: cost_lines(compiled, oid, values) for oid in compiled.option_ids}
    result: dict[str, Any] = {
        "breakeven": breakeven_analysis(prepared, comparison, values, lines),
        "annual": annual_view(comparison, case.context.annual_uses),
        "cash_flows": {oid: cash_flow_table(lines[oid].cash_flows()) for oid in compiled.option_ids},
        "conventions": conventions(prepared),
    }
    monetised = monetised_view(comparison, case, compiled.datasets.root)
    if monetised is not None:
        result["monetised"] = monetised
    return result
