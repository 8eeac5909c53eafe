"""The money pieces of a result: annual view, monetised view, cash flows and conventions.

:func:`money_views` returns plain, JSON-ready data (floats, lists, dicts) with units in the key
names, to be merged into the result document; the break-even section comes from the comparison
layer (:mod:`lcacompare.breakeven`), which also states its search in :func:`conventions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from lcacompare.compile import CompiledCase
from lcacompare.cost.annual import PerUseResults, annual_view
from lcacompare.cost.cashflow import DEFAULT_STOCK_DAYS, CashFlows, CostLines
from lcacompare.cost.monetised import monetised_view
from lcacompare.model.case import Context

__all__ = ["money_views", "cash_flow_table", "conventions"]


def conventions(context: Context, breakeven: str) -> dict[str, str]:
    """The cost conventions of this result, in words, with the case's rate and horizon.

    Parameters
    ----------
    context : Context
        The case's context (price year, rate, horizon).
    breakeven : str
        The break-even search in words (:func:`lcacompare.breakeven.search_convention`).

    Returns
    -------
    dict of str to str
    """
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
        "breakeven": breakeven,
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


def money_views(
    compiled: CompiledCase, comparison: PerUseResults, lines: Mapping[str, CostLines]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    """The annual view, the cash flows and (with a shadow carbon price) the monetised view.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    comparison : PerUseResults
        Its per-use results (a :class:`lcacompare.results.Comparison`).
    lines : mapping of option id to CostLines
        Every option's cost lines (:func:`~lcacompare.cost.cashflow.cost_lines`).

    Returns
    -------
    annual : dict
        :func:`~lcacompare.cost.annual.annual_view`.
    cash_flows : dict
        Per option, :func:`cash_flow_table`.
    monetised : dict or None
        :func:`~lcacompare.cost.monetised.monetised_view`; None without a shadow price.

    Raises
    ------
    CaseError
        If a price year cannot be indexed.
    """
    case = compiled.case
    annual = annual_view(comparison, case.context.annual_uses)
    cash_flows = {oid: cash_flow_table(lines[oid].cash_flows()) for oid in compiled.option_ids}
    return annual, cash_flows, monetised_view(comparison, case, compiled.datasets.root)
