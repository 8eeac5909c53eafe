"""Whole-life cost: cash flows per option, discounting, levelised cost per use, break-even."""

from lcacompare.cost.levelised import CostResult, option_cost

__all__ = ["CostResult", "option_cost"]
