"""Whole-life cost: cash flows per option, discounting, levelised cost per use, break-even."""

from lcacompare.cost.breakeven import BreakEven, co2e_per_use_function, cost_per_use_function, solve_breakeven
from lcacompare.cost.cashflow import CashFlows, option_cash_flows
from lcacompare.cost.levelised import CostResult, option_cost

__all__ = [
    "CostResult",
    "option_cost",
    "CashFlows",
    "option_cash_flows",
    "BreakEven",
    "solve_breakeven",
    "cost_per_use_function",
    "co2e_per_use_function",
]
