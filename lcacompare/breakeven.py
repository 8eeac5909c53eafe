"""Break-even number of uses per life, for cost and for CO2e, with one solver.

The break-even ``N*`` solves ``per_use(reusable, N) = per_use(single-use)``. With no loss
(``l = 0``) and no discounting, ``per_use(N) = fixed / N + variable``, so
``N* = fixed / (single_use_per_use - variable)`` (:func:`analytic_breakeven`). In general the
solver scans :data:`GRID_POINTS` log-spaced N from ``n_min`` to ``n_max``, takes the **first**
grid step where the reusable option gets at or below the target (to ``1e-12`` relative) and
refines it: a per-use function that takes arrays of N is evaluated on :data:`REFINE_POINTS`
log-spaced points inside the bracket, the first crossing becomes the new bracket,
:data:`REFINE_ROUNDS` times (the bracket shrinks by ``REFINE_POINTS ** REFINE_ROUNDS``, to a
relative width below ``1e-10``), and ``N*`` is interpolated linearly inside the last bracket; a
scalar-only function is refined with Brent's method (:func:`scipy.optimize.brentq`). One
vectorised call per round costs what one scalar call costs, so this takes 5 evaluations instead
of Brent's 10-40. N is treated as a real number (an item must reach ``ceil(N*)`` uses). Outcomes:

* ``breaks-even``: ``N*`` found in ``[n_min, n_max]``;
* ``always``: the reusable option is already below the target at ``N = n_min`` (1 use);
* ``equal``: it equals the target (to rounding) at every N searched, e.g. an option identical to
  the single-use one or with nothing per life: a tie, never reported as lower;
* ``never``: still above the target at ``N = n_max`` (default one million uses), e.g. because
  losses cap the expected uses at ``1 / l``, or its per-use variable cost alone exceeds the
  single-use figure.

This module belongs to the comparison layer: the money side (:mod:`lcacompare.cost`) gives the
levelised cost per use as a function of N, the prepared case gives the CO2e per use, and the same
solver finds both break-evens (:func:`breakeven_analysis`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from lcacompare.compile import CompiledCase, Evaluation
from lcacompare.cost.cashflow import CostLines, cost_lines
from lcacompare.cost.levelised import eur_per_use_function
from lcacompare.engine import Prepared
from lcacompare.results import Comparison

__all__ = [
    "Status",
    "BreakEven",
    "solve_breakeven",
    "analytic_breakeven",
    "per_use_curve",
    "curve_grid",
    "cost_per_use_function",
    "co2e_per_use_function",
    "breakeven_analysis",
    "search_convention",
    "DEFAULT_N_MAX",
    "GRID_POINTS",
    "REFINE_POINTS",
    "REFINE_ROUNDS",
]

Status = Literal["breaks-even", "never", "always", "equal"]
DEFAULT_N_MAX = 1e6
"""Largest uses per life searched: beyond any real product's life."""
GRID_POINTS = 241
"""Log-spaced points of the first scan over ``[n_min, n_max]``."""
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
    grid_points: int = GRID_POINTS,
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


def cost_per_use_function(
    compiled: CompiledCase, option_id: str, values: Evaluation | Any = None
) -> Callable[[Any], Any]:
    """``N -> levelised EUR per use`` of a reusable option (vectorised over N).

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    option_id : str
        A reusable option.
    values : Evaluation or mapping, optional
        Parameter values, or their evaluation; default the case's values.

    Returns
    -------
    callable
        Equal to ``option_cost(compiled, option_id, values, uses_per_life=N).eur_per_use``; the
        cost lines are evaluated once, not at every N.
    """
    return eur_per_use_function(cost_lines(compiled, option_id, values))


def co2e_per_use_function(prepared: Prepared, option_id: str, values: Evaluation | Any = None) -> Callable[[Any], Any]:
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
    values : Evaluation or mapping, optional
        Parameter values, or their evaluation; default the case's values.

    Returns
    -------
    callable
    """
    compiled = prepared.compiled
    evaluation = compiled.evaluation(values)
    total_modules = set(compiled.method.total_modules)
    counted = np.array([info.module in total_modules for info in compiled.lines[option_id]], dtype=float)
    weights = prepared.impact_vectors()[option_id] * counted
    factors = evaluation.factors[option_id]
    line_amounts = evaluation.line_amounts[option_id]

    def per_use(uses_per_life: Any) -> Any:
        amounts = compiled.lines_per_use(option_id, line_amounts, factors.at_uses(uses_per_life))
        result = np.tensordot(weights, amounts, axes=(0, 0))
        return float(result) if np.ndim(result) == 0 else result

    return per_use


def search_convention(n_max: float = DEFAULT_N_MAX) -> str:
    """The break-even search :func:`solve_breakeven` performs, in words (the result's ``conventions``).

    Examples
    --------
    >>> "first" in search_convention()
    True
    """
    return (
        "N* solves per_use(reusable, N) = per_use(single-use) with N a real number, searched over N in "
        f"[1, {n_max:g}]: {GRID_POINTS} log-spaced N are scanned for the first at which the reusable option "
        "is at or below the single-use figure (to 1e-12 relative), the step before it is narrowed "
        f"{REFINE_ROUNDS} times over {REFINE_POINTS} log-spaced points and N* is interpolated linearly in the "
        "last step (an item must reach ceil(N*) uses); status always = already below at N = 1, equal = equal "
        "at every N searched (a tie), never = still above at the largest N"
    )


def breakeven_analysis(
    prepared: Prepared, comparison: Comparison, values: Any = None, lines: Mapping[str, CostLines] | None = None
) -> dict[str, Any]:
    """Break-even uses per life of each reusable option against the single-use baseline.

    Cost and CO2e break-evens come from the same solver, :func:`solve_breakeven`.

    Parameters
    ----------
    prepared : Prepared
        The prepared case.
    comparison : Comparison
        Its comparison (targets: the baseline's levelised EUR and kg CO2e per use).
    values : Evaluation or mapping, optional
        Parameter values, or their evaluation; default the case's values.
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
    evaluation = compiled.evaluation(values)
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
            else cost_per_use_function(compiled, option.id, evaluation)
        )
        co2e_fn = co2e_per_use_function(prepared, option.id, evaluation)
        cost = solve_breakeven(cost_fn, baseline.eur_per_use)
        co2e = solve_breakeven(co2e_fn, baseline.kg_co2e_per_use)
        case_uses = float(np.asarray(evaluation.factors[option.id].uses))
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
