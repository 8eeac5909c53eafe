"""Cost per use of an option (first version: undiscounted per-use sums).

Each cost line is turned into EUR per use by its basis: ``use`` once per use, ``cycle`` by the
option's cycle share, ``life`` by 1 / E (expected uses of an item), ``year`` by
1 / annual uses, ``contract`` by 1 / (annual uses x horizon). ``residual`` lines are subtracted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lcacompare.resolve import CompiledCase

__all__ = ["CostResult", "option_cost"]


@dataclass
class CostResult:
    """EUR per use of one option, in total and by cost category."""

    eur_per_use: Any
    by_category: dict[str, Any] = field(default_factory=dict)


def option_cost(compiled: CompiledCase, option_id: str, values: Any = None, uses_per_life: Any = None) -> CostResult:
    """EUR per use of an option.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    option_id : str
        Which option.
    values : mapping, optional
        Parameter values (arrays allowed); defaults to the case's values.
    uses_per_life : float or ndarray, optional
        Overrides the option's N (break-even curves).

    Returns
    -------
    CostResult
    """
    values = values if values is not None else compiled.parameter_values()
    option = compiled.case.option(option_id)
    context = compiled.case.context
    factors = compiled.basis_factors(option, values, uses_per_life)
    factors["year"] = 1.0 / context.annual_uses
    factors["contract"] = 1.0 / (context.annual_uses * context.horizon_years)
    by_category: dict[str, Any] = {}
    total: Any = 0.0
    for info in compiled.costs[option_id]:
        eur = compiled.amount(info.line.amount, values).m_as("EUR") * factors[info.basis]
        if info.category == "residual":
            eur = -np.abs(eur)
        by_category[info.category] = by_category.get(info.category, 0.0) + eur
        total = total + eur
    return CostResult(total, by_category)
