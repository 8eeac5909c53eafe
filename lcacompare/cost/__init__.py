"""Whole-life cost, money only: cash flows per option, discounting, levelised cost per use.

Break-even uses per life (for cost and CO2e, one solver) belong to the comparison layer:
:mod:`lcacompare.breakeven`.
"""

from lcacompare.cost.cashflow import CashFlows, option_cash_flows
from lcacompare.cost.levelised import CostResult, eur_per_use_function, option_cost

__all__ = [
    "CostResult",
    "option_cost",
    "eur_per_use_function",
    "CashFlows",
    "option_cash_flows",
]
