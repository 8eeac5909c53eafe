"""The whole-life cost section of a result: break-even, annual view, cash flows, conventions.

The comparison layer joins what :mod:`lcacompare.cost` computes with money only (cash flows,
levelised cost, annual and monetised views) and the break-evens of :mod:`lcacompare.breakeven`,
which need the prepared case's CO2e as well.
"""

from __future__ import annotations

from typing import Any

from lcacompare.breakeven import breakeven_analysis, search_convention
from lcacompare.cost.analysis import conventions, money_views
from lcacompare.cost.cashflow import cost_lines
from lcacompare.engine import Prepared
from lcacompare.results import Comparison

__all__ = ["cost_analysis"]


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
    evaluation = compiled.evaluate()
    lines = {oid: cost_lines(compiled, oid, evaluation) for oid in compiled.option_ids}
    annual, cash_flows, monetised = money_views(compiled, comparison, lines)
    result: dict[str, Any] = {
        "breakeven": breakeven_analysis(prepared, comparison, evaluation, lines),
        "annual": annual,
        "cash_flows": cash_flows,
        "conventions": conventions(compiled.case.context, search_convention()),
    }
    if monetised is not None:
        result["monetised"] = monetised
    return result
