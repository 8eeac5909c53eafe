"""Levelised cost per use of an option: NPV(costs) / NPV(uses) over the contract period.

``eur_per_use = sum_k C_k (1 + r)**-t_k / sum_k U_k (1 + r)**-t_k`` with the flows ``C_k`` of
:func:`lcacompare.cost.cashflow.option_cash_flows` and the uses ``U_k`` booked at the end of
each period. Uses are discounted like money, so a cost paid with every use levelises to exactly
its price, and capital paid up front weighs more than the same sum spread over the contract.
With ``r = 0`` it is the plain total cost divided by the total uses, which for a reusable item
equals the per-use arithmetic of LCAC-HC/1 (``per: life`` amounts divided by E).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lcacompare.compile import CompiledCase
from lcacompare.cost.cashflow import CashFlows, CostLines, option_cash_flows

__all__ = ["CostResult", "option_cost", "levelise", "levelised_eur_per_use", "eur_per_use_function"]


@dataclass
class CostResult:
    """Levelised EUR per use of one option, in total and by cost category.

    Attributes
    ----------
    eur_per_use : float or ndarray
        NPV(costs) / NPV(uses), EUR per use (arrays when the inputs are arrays).
    by_category : dict of str to float or ndarray
        The same per cost category (residual value negative); sums to ``eur_per_use``.
    npv_eur : float or ndarray
        Present value of all costs over the horizon, EUR.
    npv_uses : float
        Present value of the uses.
    eur_undiscounted : float or ndarray
        Plain sum of the costs over the horizon, EUR.
    cash_flows : CashFlows or None
        The flows behind the figures.
    """

    eur_per_use: Any
    by_category: dict[str, Any] = field(default_factory=dict)
    npv_eur: Any = None
    npv_uses: float | None = None
    eur_undiscounted: Any = None
    cash_flows: CashFlows | None = None


def levelise(flows: CashFlows) -> CostResult:
    """Levelised cost per use of a set of cash flows.

    Parameters
    ----------
    flows : CashFlows
        From :func:`~lcacompare.cost.cashflow.option_cash_flows`.

    Returns
    -------
    CostResult
    """
    uses = flows.npv_uses
    by_category = {cat: value / uses for cat, value in flows.npv_by_category().items()}
    total = flows.npv_eur
    return CostResult(total / uses, by_category, total, uses, flows.undiscounted_eur, flows)


def levelised_eur_per_use(flows: CashFlows) -> Any:
    """``NPV(costs) / NPV(uses)`` of a set of cash flows: :func:`levelise`'s ``eur_per_use`` alone.

    Parameters
    ----------
    flows : CashFlows
        From :meth:`~lcacompare.cost.cashflow.CostLines.cash_flows`.

    Returns
    -------
    float or ndarray
        EUR per use, the shape of the flows without their time axis.
    """
    return flows.npv_eur / flows.npv_uses


def eur_per_use_function(lines: CostLines) -> Callable[[Any], Any]:
    """``N -> levelised EUR per use`` of an option whose cost lines are evaluated once.

    Parameters
    ----------
    lines : CostLines
        From :func:`~lcacompare.cost.cashflow.cost_lines`.

    Returns
    -------
    callable
        Takes N (float or ndarray; None for the N ``lines`` were evaluated with) and returns
        ``option_cost(..., uses_per_life=N).eur_per_use`` without evaluating any amount again.
    """

    def per_use(uses_per_life: Any = None) -> Any:
        return levelised_eur_per_use(lines.cash_flows(uses_per_life))

    return per_use


def option_cost(compiled: CompiledCase, option_id: str, values: Any = None, uses_per_life: Any = None) -> CostResult:
    """Levelised EUR per use of an option over the contract period.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    option_id : str
        Which option.
    values : mapping, optional
        Parameter values (numpy arrays of samples allowed); defaults to the case's values.
    uses_per_life : float or ndarray, optional
        Overrides the option's N (break-even curves); arrays give array results.

    Returns
    -------
    CostResult
        ``eur_per_use = NPV(costs) / NPV(uses)``, with the cash flows it comes from.

    Raises
    ------
    CaseError
        If a price year cannot be indexed or ``stock_items`` is not positive.

    Examples
    --------
    With a zero discount rate a reusable item of price P, N uses and no loss costs P / N per
    use, plus its per-use and per-cycle costs.
    """
    return levelise(option_cash_flows(compiled, option_id, values, uses_per_life))
