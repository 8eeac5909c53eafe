"""Break-even number of uses per life, for cost and for CO2e, with one generic solver.

The break-even ``N*`` solves ``per_use(reusable, N) = per_use(single-use)``. With no loss
(``l = 0``) and no discounting, ``per_use(N) = fixed / N + variable``, so
``N* = fixed / (single_use_per_use - variable)`` (:func:`analytic_breakeven`). In general the
solver scans a log-spaced grid of N from ``n_min`` to ``n_max``, takes the **first** grid step
where the reusable option gets at or below the target and refines it: a per-use function that
takes arrays of N is evaluated on :data:`REFINE_POINTS` log-spaced points inside the bracket,
the first crossing becomes the new bracket, :data:`REFINE_ROUNDS` times (the bracket shrinks by
``REFINE_POINTS ** REFINE_ROUNDS``, to a relative width below ``1e-10``), and ``N*`` is
interpolated linearly inside the last bracket; a scalar-only function is refined with Brent's
method (:func:`scipy.optimize.brentq`). One vectorised call per round costs what one scalar
call costs, so this takes 5 evaluations instead of Brent's 10-40. N is treated as a real
number (an item must reach ``ceil(N*)`` uses). Outcomes:

* ``breaks-even``: ``N*`` found in ``(n_min, n_max]``;
* ``always``: the reusable option is already below the target at ``N = n_min`` (1 use);
* ``equal``: it equals the target (to rounding) at every N searched, e.g. an option identical to
  the single-use one or with nothing per life: a tie, never reported as lower;
* ``never``: still above the target at ``N = n_max`` (default one million uses), e.g. because
  losses cap the expected uses at ``1 / l``, or its per-use variable cost alone exceeds the
  single-use figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from lcacompare.cost.cashflow import cost_lines
from lcacompare.cost.levelised import eur_per_use_function
from lcacompare.resolve import CompiledCase

if TYPE_CHECKING:
    from lcacompare.engine import Prepared

__all__ = [
    "Status",
    "BreakEven",
    "solve_breakeven",
    "analytic_breakeven",
    "per_use_curve",
    "curve_grid",
    "cost_per_use_function",
    "co2e_per_use_function",
    "DEFAULT_N_MAX",
    "REFINE_POINTS",
    "REFINE_ROUNDS",
]

Status = Literal["breaks-even", "never", "always", "equal"]
DEFAULT_N_MAX = 1e6
"""Largest uses per life searched: beyond any real product's life."""
REFINE_POINTS = 256
"""Points per refinement round of a bracket (vectorised per-use functions)."""
REFINE_ROUNDS = 4
"""Refinement rounds: a grid step of the default scan shrinks to a relative width of ~1e-11."""


@dataclass(frozen=True)
class BreakEven:
    """Result of a break-even search.

    Attributes
    ----------
    uses_per_life : float or None
        N*, the uses per life at which the reusable option equals the target; None unless
        ``status == "breaks-even"``.
    status : {"breaks-even", "never", "always", "equal"}
        See the module docstring.
    target : float
        The single-use value per use.
    n_min, n_max : float
        The range searched.
    """

    uses_per_life: float | None
    status: Status
    target: float
    n_min: float
    n_max: float


def _vectorised(per_use: Callable[[Any], Any], uses: np.ndarray) -> np.ndarray | None:
    """Per-use values on a grid in one call, or None if the function takes scalars only."""
    try:
        out = np.asarray(per_use(uses), dtype=float)
    except (TypeError, ValueError):
        return None
    return out if out.shape == uses.shape else None


def _evaluate(per_use: Callable[[Any], Any], uses: np.ndarray) -> np.ndarray:
    """Per-use values on a grid: one vectorised call if the function allows it, else a loop."""
    out = _vectorised(per_use, uses)
    if out is not None:
        return out
    return np.array([float(per_use(float(n))) for n in uses])


def _refine(per_use: Callable[[Any], Any], target: float, low: float, high: float, tol: float) -> float | None:
    """First crossing of ``target`` in ``[low, high]`` by repeated vectorised subdivision.

    ``per_use(low)`` is above the target and ``per_use(high)`` at or below it. Returns None when
    the function takes scalars only.
    """
    value_low, value_high = math.nan, math.nan
    for _ in range(REFINE_ROUNDS):
        points = np.geomspace(low, high, REFINE_POINTS)
        values = _vectorised(per_use, points)
        if values is None:
            return None
        below = values - target <= tol
        i = int(np.argmax(below)) if below.any() else REFINE_POINTS - 1
        if i == 0:  # the crossing is at ``low`` itself, to rounding
            return float(low)
        low, high = float(points[i - 1]), float(points[i])
        value_low, value_high = float(values[i - 1]), float(values[i])
    if not (value_low > value_high):
        return high
    return low + (high - low) * (value_low - target) / (value_low - value_high)


def solve_breakeven(
    per_use: Callable[[Any], Any],
    target: float,
    *,
    n_min: float = 1.0,
    n_max: float = DEFAULT_N_MAX,
    grid_points: int = 241,
) -> BreakEven:
    """Uses per life at which ``per_use(N)`` comes down to ``target``.

    Parameters
    ----------
    per_use : callable
        ``N -> value per use`` of the reusable option (EUR or kg CO2e); vectorised over an
        array of N is faster but not required.
    target : float
        The single-use option's value per use, in the same unit.
    n_min, n_max : float
        Range of N searched (``1 <= n_min < n_max``).
    grid_points : int
        Log-spaced scan points before refinement.

    Returns
    -------
    BreakEven

    Raises
    ------
    ValueError
        If ``per_use`` returns NaN or infinity on the grid.

    Examples
    --------
    >>> solve_breakeven(lambda n: 40 / n + 0.1, 0.9).uses_per_life
    50.0...
    """
    target = float(target)
    grid = np.geomspace(n_min, n_max, grid_points)
    values = _evaluate(per_use, grid)
    if not np.all(np.isfinite(values)):
        raise ValueError("per-use function returned NaN or infinity")
    tol = 1e-12 * max(1.0, abs(target))
    below = values - target <= tol
    if np.all(np.abs(values - target) <= tol):
        return BreakEven(None, "equal", target, n_min, n_max)
    if values[0] - target < -tol:
        return BreakEven(None, "always", target, n_min, n_max)
    if below[0]:  # equal at the first use, lower after it: breaks even at N = n_min
        return BreakEven(float(n_min), "breaks-even", target, n_min, n_max)
    if not below.any():
        return BreakEven(None, "never", target, n_min, n_max)
    i = int(np.argmax(below))
    if abs(values[i] - target) <= tol:
        return BreakEven(float(grid[i]), "breaks-even", target, n_min, n_max)
    refined = _refine(per_use, target, float(grid[i - 1]), float(grid[i]), tol)
    if refined is not None:
        return BreakEven(refined, "breaks-even", target, n_min, n_max)
    from scipy.optimize import brentq  # imported here: scipy.optimize costs ~0.5 s at start-up

    root = brentq(lambda n: float(per_use(float(n))) - target, grid[i - 1], grid[i], xtol=1e-10, rtol=1e-12)
    return BreakEven(float(root), "breaks-even", target, n_min, n_max)


def analytic_breakeven(fixed: float, single_use_per_use: float, variable_per_use: float) -> float | None:
    """Closed-form ``N* = fixed / (single_use_per_use - variable_per_use)`` (``l = 0``, ``r = 0``).

    Parameters
    ----------
    fixed : float
        Per-life amount of the reusable item (price of one item, or its production CO2e).
    single_use_per_use : float
        The single-use option per use.
    variable_per_use : float
        The reusable option's per-use and per-cycle amounts per use.

    Returns
    -------
    float or None
        N*, or None when the reusable option's variable part alone is at or above the
        single-use figure (it never breaks even).

    Examples
    --------
    >>> analytic_breakeven(40.0, 0.968, 0.0625)
    44.174...
    """
    margin = single_use_per_use - variable_per_use
    return fixed / margin if margin > 0 else None


def per_use_curve(per_use: Callable[[Any], Any], uses_per_life: Any) -> np.ndarray:
    """Per-use values along a grid of N (vectorised when ``per_use`` is).

    Parameters
    ----------
    per_use : callable
        ``N -> value per use``.
    uses_per_life : array_like
        The grid of N.

    Returns
    -------
    ndarray
        One value per N.
    """
    return _evaluate(per_use, np.asarray(uses_per_life, dtype=float))


def curve_grid(case_uses: float, breakevens: list[float | None], points: int = 40) -> np.ndarray:
    """Integer N from 1 to a few times the largest of the case's N and the break-evens.

    Parameters
    ----------
    case_uses : float
        The option's own N (always in the grid).
    breakevens : list of float or None
        Break-even N found (None ignored); the grid reaches 3 times the largest.
    points : int
        About this many log-spaced points.

    Returns
    -------
    ndarray
        Sorted distinct whole numbers of uses.
    """
    found = [n for n in breakevens if n is not None]
    upper = max(10.0, 2.0 * float(case_uses), 3.0 * max(found, default=0.0))
    grid = np.unique(np.round(np.geomspace(1.0, upper, points)))
    return np.unique(np.concatenate([grid, [round(float(case_uses))], [np.ceil(n) for n in found]]))


def cost_per_use_function(compiled: CompiledCase, option_id: str, values: Any = None) -> Callable[[Any], Any]:
    """``N -> levelised EUR per use`` of a reusable option (vectorised over N).

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    option_id : str
        A reusable option.
    values : mapping, optional
        Parameter values; default the case's values.

    Returns
    -------
    callable
        Equal to ``option_cost(compiled, option_id, values, uses_per_life=N).eur_per_use``; the
        cost lines are evaluated once, not at every N.
    """
    return eur_per_use_function(cost_lines(compiled, option_id, values))


def co2e_per_use_function(prepared: Prepared, option_id: str, values: Any = None) -> Callable[[Any], Any]:
    """``N -> kg CO2e per use`` of an option (vectorised over N), as the comparison counts it.

    The amounts of ``CompiledCase.inventory_per_use`` with N overridden for this option (the
    line amounts evaluated once, only the per-life factor ``1 / E`` recomputed at each N) and the
    unit impacts of :class:`~lcacompare.engine.Prepared`; only the modules in the method's total
    count (module D credits are reported apart).

    Parameters
    ----------
    prepared : Prepared
        From :func:`lcacompare.engine.prepare`.
    option_id : str
        The option.
    values : mapping, optional
        Parameter values; default the case's values.

    Returns
    -------
    callable
    """
    compiled = prepared.compiled
    values = values if values is not None else compiled.parameter_values()
    total_modules = set(compiled.method.total_modules)
    counted = np.array([info.module in total_modules for info in compiled.lines[option_id]], dtype=float)
    weights = prepared.impact_vectors()[option_id] * counted
    option = compiled.case.option(option_id)
    factors = compiled.basis_factors(option, values)
    line_amounts = compiled.inventory_amounts(option_id, values)

    def per_use(uses_per_life: Any) -> Any:
        at_uses = compiled.factors_at_uses(option, factors, uses_per_life)
        amounts = compiled.lines_per_use(option_id, line_amounts, at_uses)
        result = np.tensordot(weights, amounts, axes=(0, 0))
        return float(result) if np.ndim(result) == 0 else result

    return per_use
