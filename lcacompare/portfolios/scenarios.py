"""Switching scenarios: what each switch saves, the MAC curve and the cheapest set reaching a target.

A *candidate switch* moves one row from its current option (slot 0) to one alternative (slot s):

``extra_eur_per_year = V * (eur_per_use[s] - eur_per_use[0])`` (levelised; negative: it saves),
``kg_co2e_saved_per_year = V * (kg_co2e_per_use[0] - kg_co2e_per_use[s])``,
``primary_kg_saved_per_year = V * (primary_kg_per_use[0] - primary_kg_per_use[s])``,
``eur_per_t_co2e = extra_eur_per_year / (kg_co2e_saved_per_year / 1000)`` (switches saving CO2e).

**MAC curve.** One bar per product line that has a switch saving CO2e: of its alternatives the
one with the lowest EUR per t (ties: the larger saving); bars sorted by EUR per t, ascending
(ties by larger saving first); width t CO2e a year, height EUR per t.

**Cheapest set.** For each target, the mix of least total levelised cost a year that meets it,
as a 0-1 programme solved exactly with :func:`scipy.optimize.milp` (HiGHS): one binary per
candidate, at most one switch per row, one linear constraint for the target (a reusable share
by spend ``sum w_r (reusable_r - share) >= 0`` is linear in the switches too). Switches that save
money are part of the cheapest set: leaving them out would make it dearer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lcacompare.portfolios.model import Baseline, ReductionTarget, ReusableShareTarget, Target
from lcacompare.portfolios.table import PortfolioTable, current_mix

__all__ = ["Candidates", "CheapestSet", "candidates", "mac_curve", "cheapest_set"]


@dataclass(frozen=True)
class Candidates:
    """Every candidate switch, as arrays (one entry per row and alternative slot)."""

    row: np.ndarray
    slot: np.ndarray
    extra_eur_per_year: np.ndarray
    kg_co2e_saved_per_year: np.ndarray
    primary_kg_saved_per_year: np.ndarray
    eur_per_t_co2e: np.ndarray

    def frame(self, table: PortfolioTable) -> Any:
        """The candidates as a pandas DataFrame with row ids and options."""
        import pandas as pd

        return pd.DataFrame(
            {
                "id": [table.rows[k].id for k in self.row],
                "product_group": [table.rows[k].product_group for k in self.row],
                "from_option": table.options[self.row, 0],
                "to_option": table.options[self.row, self.slot],
                "eur_saved_per_year": -self.extra_eur_per_year,
                "kg_co2e_saved_per_year": self.kg_co2e_saved_per_year,
                "primary_kg_saved_per_year": self.primary_kg_saved_per_year,
                "eur_per_t_co2e": self.eur_per_t_co2e,
            }
        )


def candidates(table: PortfolioTable) -> Candidates:
    """Every switch of a row from its current option to one of its alternatives (formulas above)."""
    row, slot = np.nonzero(table.options[:, 1:] != "")
    slot = slot + 1
    v = table.volume[row]
    m = table.metrics
    extra = v * (m["eur_per_use"][row, slot] - m["eur_per_use"][row, 0])
    saved = v * (m["kg_co2e_per_use"][row, 0] - m["kg_co2e_per_use"][row, slot])
    primary = v * (m["primary_kg_per_use"][row, 0] - m["primary_kg_per_use"][row, slot])
    with np.errstate(divide="ignore", invalid="ignore"):
        per_t = np.where(saved > 0, extra / (saved / 1000.0), np.nan)
    return Candidates(row, slot, extra, saved, primary, per_t)


def mac_curve(found: Candidates) -> np.ndarray:
    """Indices into the candidates of the MAC curve's bars, in the curve's order (rule above)."""
    keep = np.nonzero(found.kg_co2e_saved_per_year > 0)[0]
    if keep.size == 0:
        return keep
    # Per row its cheapest abatement: sort by (row, EUR per t, -saving), keep each row's first.
    order = keep[np.lexsort((-found.kg_co2e_saved_per_year[keep], found.eur_per_t_co2e[keep], found.row[keep]))]
    first = np.ones(order.size, dtype=bool)
    first[1:] = found.row[order][1:] != found.row[order][:-1]
    bars = order[first]
    return bars[np.lexsort((-found.kg_co2e_saved_per_year[bars], found.eur_per_t_co2e[bars]))]


@dataclass(frozen=True)
class CheapestSet:
    """The cheapest set of switches reaching one target.

    Attributes
    ----------
    target_id : str
    reachable : bool
        False when no set of candidate switches meets the target (then ``mix`` is the current).
    mix : ndarray
        The scenario: slot per row.
    switches : ndarray
        Indices into the candidates of the switches made.
    extra_eur_per_year : float
        Total levelised cost a year of the scenario minus the current mix's.
    status : str
        The solver's message.
    """

    target_id: str
    reachable: bool
    mix: np.ndarray
    switches: np.ndarray
    extra_eur_per_year: float
    status: str = ""
    notes: list[str] = field(default_factory=list)


def _target_coefficients(
    target: Target, table: PortfolioTable, found: Candidates, baselines: dict[int, Baseline]
) -> tuple[np.ndarray, float] | None:
    """``(a, b)`` such that the target is met when ``a @ x >= b`` (x: the switches), or None."""
    row, slot = found.row, found.slot
    now = current_mix(table)
    reusable_now = table.reusable[:, 0].astype(float)
    if isinstance(target, ReusableShareTarget):
        s = target.share
        if target.measure in ("lines", "uses"):
            w = np.ones(len(table.rows)) if target.measure == "lines" else table.volume
            a = w[row] * (table.reusable[row, slot] - reusable_now[row])
            return a, s * float(np.sum(w)) - float(np.sum(w * reusable_now))
        spend = table.volume[:, None] * table.metrics["eur_per_use"]
        base = spend[:, 0] * (reusable_now - s)
        a = spend[row, slot] * (table.reusable[row, slot] - s) - base[row]
        return a, -float(np.sum(base))
    if isinstance(target, ReductionTarget):
        entry = baselines.get(target.baseline_year)
        field_name = "kg_co2e" if target.kind == "co2e-reduction" else "primary_material_kg"
        baseline = getattr(entry, field_name) if entry is not None else None
        if not baseline:
            return None
        saved = found.kg_co2e_saved_per_year if target.kind == "co2e-reduction" else found.primary_kg_saved_per_year
        metric = "kg_co2e_per_use" if target.kind == "co2e-reduction" else "primary_kg_per_use"
        total = float(np.sum(table.per_year(metric, now)))
        return saved, total - (1.0 - target.reduction) * baseline
    return None


def cheapest_set(
    target: Target, table: PortfolioTable, found: Candidates, baselines: dict[int, Baseline]
) -> CheapestSet:
    """The cheapest mix meeting one target (exact 0-1 programme, see the module docstring).

    Parameters
    ----------
    target : ReusableShareTarget or ReductionTarget
    table : PortfolioTable
    found : Candidates
        From :func:`candidates`.
    baselines : dict of int to Baseline

    Returns
    -------
    CheapestSet
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array, vstack

    now = current_mix(table)
    coefficients = _target_coefficients(target, table, found, baselines)
    if coefficients is None:
        return CheapestSet(target.id, False, now, np.zeros(0, dtype=int), 0.0, "no baseline for the target")
    a, b = coefficients
    cost = found.extra_eur_per_year
    fixed, free = _reduce(found.row, cost, a)
    b = b - float(np.sum(a[fixed]))
    n = free.size
    if n == 0 or (b <= 0 and not np.any(cost[free] < 0)):
        if b > 1e-9 * max(1.0, abs(b)):
            return CheapestSet(target.id, False, now, np.zeros(0, dtype=int), math.nan, "not reachable by the switches")
        return _solved(target.id, table, found, np.sort(fixed), "solved by dominance alone")
    rows_free, inverse = np.unique(found.row[free], return_inverse=True)
    one_per_row = csr_array((np.ones(n), (inverse, np.arange(n))), shape=(rows_free.size, n))
    constraints = [
        LinearConstraint(one_per_row, -np.inf, 1.0),
        LinearConstraint(vstack([csr_array(a[free].reshape(1, -1))]), b, np.inf),
    ]
    result = milp(c=cost[free], constraints=constraints, integrality=np.ones(n), bounds=Bounds(0, 1))
    if result.x is None:
        return CheapestSet(target.id, False, now, np.zeros(0, dtype=int), math.nan, str(result.message))
    chosen = np.sort(np.concatenate([fixed, free[result.x > 0.5]]))
    return _solved(target.id, table, found, chosen, str(result.message))


def _reduce(row: np.ndarray, cost: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Candidates fixed to 1 and candidates left free, by dominance (exact, no optimum is lost).

    A candidate costing nothing or more and adding nothing to the target is never better than
    staying: it is dropped. A candidate that is, within its row, both the cheapest and the one
    adding most, and that costs nothing or less and adds nothing or more, is in an optimum
    (any solution can move that row to it without costing more or missing the target): fixed.
    """
    keep = ~((cost >= 0) & (a <= 0))
    index = np.nonzero(keep)[0]
    r, c, t = row[index], cost[index], a[index]
    fixed: list[int] = []
    free: list[int] = []
    order = np.argsort(r, kind="stable")
    bounds = np.flatnonzero(np.diff(r[order])) + 1
    for group in np.split(order, bounds) if order.size else []:
        best = group[np.argmin(c[group])]
        if c[best] <= 0 and t[best] >= 0 and t[best] >= np.max(t[group]) and c[best] <= np.min(c[group]):
            fixed.append(index[best])
        else:
            free.extend(index[group])
    return np.array(sorted(fixed), dtype=int), np.array(sorted(free), dtype=int)


def _solved(target_id: str, table: PortfolioTable, found: Candidates, chosen: np.ndarray, status: str) -> CheapestSet:
    mix = current_mix(table).copy()
    mix[found.row[chosen]] = found.slot[chosen]
    return CheapestSet(target_id, True, mix, chosen, float(np.sum(found.extra_eur_per_year[chosen])), status)
