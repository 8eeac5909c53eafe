"""Award methods as interchangeable functions over plain arrays (bids along the last axis).

Every function takes numbers or numpy arrays whose last axis is the bids, so the same function
scores the published figures (shape ``(bids,)``) and every paired Monte Carlo draw at once
(shape ``(draws, bids)``). The methods follow PIANOo (Dutch public procurement expertise centre)
practice under art. 67-68 of Directive 2014/24/EU, art. 2.114-2.115a of the Aanbestedingswet
2012 and art. 81-82 of the Belgian Wet overheidsopdrachten of 17 June 2016.

Warning: proportional price scoring ``S * P_min / P_i`` is degressive (a euro counts more near the
cheapest bid than far from it) and the cheapest bid sets the scale, so a third bid entering or
leaving can reverse the ranking of the first two. :func:`linear_points` does not depend on the
other bids in that way when its reference is fixed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = [
    "proportional_points",
    "linear_points",
    "scale_points",
    "weighted_points",
    "fictive_price",
    "co2_ladder_discount",
    "lcc_with_carbon",
    "value_for_money",
    "threshold_points",
    "bounded_linear_points",
]


def proportional_points(values: Any, max_points: float) -> np.ndarray:
    r"""Proportional points for a lower-is-better figure: the lowest bid gets all points.

    .. math:: s_i = S \frac{X_{min}}{X_i}

    Parameters
    ----------
    values : array_like, shape (..., bids)
        The figure of each bid (a cost in EUR, kg CO2e per use), all above 0.
    max_points : float
        S, the points of the best bid.

    Returns
    -------
    ndarray
        Points per bid, same shape as ``values``.

    Notes
    -----
    Degressive, and the lowest bid sets the scale: a third bid can reverse the ranking of the
    first two (PIANOo, "Puntensystemen"; PROCUREMENT.md section 2).

    Examples
    --------
    >>> proportional_points([100.0, 125.0, 200.0], 10).round(3).tolist()
    [10.0, 8.0, 5.0]
    """
    x = np.asarray(values, dtype=float)
    return max_points * np.min(x, axis=-1, keepdims=True) / x


def linear_points(values: Any, max_points: float, n: float = 2.0) -> np.ndarray:
    r"""Linear points for a lower-is-better figure: full points at the best, none at n times it.

    .. math:: s_i = \max\left(0,\ S \frac{n X_{best} - X_i}{(n - 1) X_{best}}\right)

    Parameters
    ----------
    values : array_like, shape (..., bids)
        The figure of each bid, above 0.
    max_points : float
        S, the points of the best bid.
    n : float
        The multiple of the best figure that scores zero (PIANOo's "n x laagste prijs").

    Returns
    -------
    ndarray

    Notes
    -----
    Each euro is worth the same ``S / ((n - 1) X_best)`` points, which is what makes this rule
    equivalent to a fictive price (:func:`fictive_price`) with a matching EUR per point.

    Examples
    --------
    >>> linear_points([100.0, 150.0, 250.0], 10, n=2).round(3).tolist()
    [10.0, 5.0, 0.0]
    """
    x = np.asarray(values, dtype=float)
    best = np.min(x, axis=-1, keepdims=True)
    return np.maximum(0.0, max_points * (n * best - x) / ((n - 1.0) * best))


def scale_points(scores: Any, low: float, high: float, max_points: float) -> np.ndarray:
    r"""Points of a committee score on a published scale: none at the bottom, all at the top.

    .. math:: s_i = S \frac{q_i - q_{min}}{q_{max} - q_{min}}

    Examples
    --------
    >>> scale_points([1, 5.5, 10], 1, 10, 100).tolist()
    [0.0, 50.0, 100.0]
    """
    q = np.asarray(scores, dtype=float)
    return max_points * (q - low) / (high - low)


def weighted_points(points: Mapping[str, Any], weights: Mapping[str, float]) -> np.ndarray:
    r"""Total weighted points: the highest total wins.

    .. math:: T_i = \sum_k \frac{w_k}{100} s_{ik}

    Parameters
    ----------
    points : mapping of str to array_like
        Points per criterion, each of shape (..., bids).
    weights : mapping of str to float
        Published weight of each criterion, in percent (summing to 100).

    Returns
    -------
    ndarray

    Examples
    --------
    >>> weighted_points({"price": [10.0, 8.0], "quality": [5.0, 9.0]}, {"price": 60, "quality": 40}).tolist()
    [8.0, 8.4]
    """
    total: Any = 0.0
    for name, weight in weights.items():
        total = total + weight / 100.0 * np.asarray(points[name], dtype=float)
    return np.asarray(total, dtype=float)


def co2_ladder_discount(levels: Any, discounts: Mapping[int, float]) -> np.ndarray:
    """Fictive discount of each bid from its CO2 performance ladder level.

    ProRail's percentages (levels 1-5: 1, 2, 4, 7, 10 %) are widely copied; each authority sets
    its own (second-hand, PROCUREMENT.md section 2). Levels without a discount get none.

    Examples
    --------
    >>> co2_ladder_discount([0, 3, 5], {1: 0.01, 2: 0.02, 3: 0.04, 4: 0.07, 5: 0.10}).tolist()
    [0.0, 0.04, 0.1]
    """
    return np.array([discounts.get(int(level), 0.0) for level in np.atleast_1d(levels)], dtype=float)


def fictive_price(cost: Any, quality_values_eur: Any = 0.0, discount: Any = 0.0) -> np.ndarray:
    r"""Fictive price ("gunnen op waarde"): the cost less the euro value of quality; lowest wins.

    .. math:: F_i = C_i (1 - d_i) - \sum_k V_k \frac{q_{ik} - q_{min}}{q_{max} - q_{min}}

    Parameters
    ----------
    cost : array_like, shape (..., bids)
        C, the cost criterion (whole-life cost, EUR).
    quality_values_eur : array_like, shape (..., bids)
        The summed euro value of each bid's quality, ``sum_k V_k f(q_ik)``.
    discount : array_like, shape (bids,)
        The CO2-ladder-style fraction d of each bid (0 for none). The contract is paid at C.

    Returns
    -------
    ndarray

    Notes
    -----
    "Mathematically no different from the points system" (PIANOo) when the euro per point
    matches: weighted points with linear price scoring rank as a fictive price with
    ``V_k = w_k S_k / (w_price * lambda)``, lambda the price points per euro.

    Examples
    --------
    >>> fictive_price([1000.0, 1100.0], [0.0, 150.0], [0.0, 0.0]).tolist()
    [1000.0, 950.0]
    """
    c = np.asarray(cost, dtype=float)
    return c * (1.0 - np.asarray(discount, dtype=float)) - np.asarray(quality_values_eur, dtype=float)


def lcc_with_carbon(npv_costs_eur: Any, npv_kg_co2e: Any, eur_per_tonne: float) -> np.ndarray:
    r"""Life-cycle cost with the monetised greenhouse-gas cost; lowest wins.

    .. math:: LCC_i = \sum_t \frac{C_{i,t}}{(1+r)^t} + p_{CO2} \sum_t \frac{E_{i,t}}{(1+r)^t}

    with E in tonnes CO2e (the argument is in kg and divided by 1000), p a published carbon
    price with its year and price level (art. 68 Directive 2014/24/EU: costs imputed to
    environmental externalities).

    Parameters
    ----------
    npv_costs_eur : array_like
        NPV of the cash costs over the contract, EUR.
    npv_kg_co2e : array_like
        The emissions discounted like money, ``sum_t E_t (1+r)^-t``, kg CO2e.
    eur_per_tonne : float
        The carbon price.

    Examples
    --------
    >>> lcc_with_carbon([10_000.0, 12_000.0], [30_000.0, 5_000.0], 100.0).tolist()
    [13000.0, 12500.0]
    """
    return np.asarray(npv_costs_eur, dtype=float) + eur_per_tonne * np.asarray(npv_kg_co2e, dtype=float) / 1000.0


def value_for_money(cost: Any, quality_points: Any) -> np.ndarray:
    r"""Value for money: cost per quality point; lowest wins.

    .. math:: V_i = \frac{C_i}{Q_i}

    Examples
    --------
    >>> value_for_money([1000.0, 1200.0], [50.0, 80.0]).tolist()
    [20.0, 15.0]
    """
    q = np.asarray(quality_points, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(q > 0, np.asarray(cost, dtype=float) / np.where(q > 0, q, 1.0), np.inf)


def threshold_points(values: Any, steps: Sequence[tuple[float, float]], higher_is_better: bool) -> np.ndarray:
    r"""Points by published thresholds: the points of the best step a figure reaches, else 0.

    .. math:: s_i = \max \{ p_k : x_i \ge a_k \} \text{ (higher is better) or }
              \max \{ p_k : x_i \le a_k \} \text{ (lower is better)}, \text{ else } 0

    Parameters
    ----------
    values : array_like, shape (..., bids)
        The figure of each bid (a supply indicator); NaN where the bid does not state it.
    steps : sequence of (float, float)
        ``(a_k, p_k)``: the threshold and the points a bid gets when it reaches it.
    higher_is_better : bool
        The indicator's direction.

    Returns
    -------
    ndarray
        Points per bid; 0 for a figure that reaches no step and for a figure not stated (NaN),
        which never scores as good.

    Examples
    --------
    >>> threshold_points([1, 2, 4, float("nan")], [(2, 50), (3, 100)], True).tolist()
    [0.0, 50.0, 100.0, 0.0]
    >>> threshold_points([10.0, 40.0], [(14, 100), (30, 40)], False).tolist()
    [100.0, 0.0]
    """
    x = np.asarray(values, dtype=float)
    points = np.zeros_like(x)
    for at, step in steps:
        reached = x >= at if higher_is_better else x <= at
        points = np.where(reached & ~np.isnan(x), np.maximum(points, step), points)
    return points


def bounded_linear_points(values: Any, worst: float, best: float, max_points: float) -> np.ndarray:
    r"""Points linear between two published bounds: 0 at ``worst``, all points at ``best``.

    .. math:: s_i = S \, \mathrm{clip}\left(\frac{x_i - w}{b - w}, 0, 1\right)

    The bounds are fixed in the tender, so a bid's points do not depend on the other bids.
    ``best`` below ``worst`` scores a lower-is-better figure.

    Parameters
    ----------
    values : array_like, shape (..., bids)
        The figure of each bid; NaN where the bid does not state it.
    worst, best : float
        The figures that score 0 and ``max_points`` (different).
    max_points : float
        S.

    Returns
    -------
    ndarray
        Points per bid in ``[0, S]``; 0 for a figure not stated (NaN).

    Examples
    --------
    >>> bounded_linear_points([20.0, 10.0, 50.0, float("nan")], 40.0, 0.0, 100).tolist()
    [50.0, 75.0, 0.0, 0.0]
    """
    if worst == best:
        raise ValueError("worst and best bounds must differ")
    x = np.asarray(values, dtype=float)
    share = np.clip((x - worst) / (best - worst), 0.0, 1.0)
    return np.where(np.isnan(x), 0.0, max_points * share)
