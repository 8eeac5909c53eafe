"""Time grid and discounting of cash flows.

Conventions (LCAC-HC/1):

* Time is in years from the start of the contract, ``t = 0``.
* Period ``k = 1..K`` (``K = ceil(H)`` for a horizon of ``H`` years) runs from ``k - 1`` to
  ``t_k = min(k, H)``; its length is ``t_k - (k - 1)`` (the last period may be partial).
* Flows of a period (uses, per-use, per-cycle and per-year costs, replacement purchases) are
  booked at the **end** of the period, ``t_k``. Purchases at signing (initial stock,
  ``per: contract`` costs) are booked at ``t = 0``; residual value at ``t = H``.
* A flow at time ``t`` is discounted with a real rate ``r`` by ``(1 + r) ** -t``. The flow at
  ``t = 0`` is **not** discounted. For whole-year horizons this is exactly
  ``numpy_financial.npv(r, values)`` (whose first value is at ``t = 0``), which equals Excel's
  ``NPV(r, values[1:]) + values[0]`` (Excel discounts its first value by one period).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["period_grid", "discount_factors", "npv"]


def period_grid(horizon_years: float) -> tuple[np.ndarray, np.ndarray]:
    """Booking times and period lengths of a horizon.

    Parameters
    ----------
    horizon_years : float
        H, the contract period in years (> 0; may be fractional).

    Returns
    -------
    times : ndarray, shape (K + 1,)
        ``[0, t_1, ..., t_K]`` with ``t_k = min(k, H)``.
    lengths : ndarray, shape (K + 1,)
        ``[0, len_1, ..., len_K]``: the length of each period in years (0 for ``t = 0``).

    Examples
    --------
    >>> period_grid(2.5)[0].tolist()
    [0.0, 1.0, 2.0, 2.5]
    >>> period_grid(2.5)[1].tolist()
    [0.0, 1.0, 1.0, 0.5]
    """
    if not (horizon_years > 0 and math.isfinite(horizon_years)):
        raise ValueError(f"horizon must be a positive number of years, got {horizon_years}")
    periods = max(1, math.ceil(horizon_years - 1e-9))
    k = np.arange(periods + 1, dtype=float)
    times = np.minimum(k, horizon_years)
    lengths = np.concatenate([[0.0], np.diff(times)])
    return times, lengths


def discount_factors(rate: float, times: np.ndarray) -> np.ndarray:
    """Present-value factors ``(1 + r) ** -t``.

    Parameters
    ----------
    rate : float
        r, the real discount rate per year (0 allowed: all factors are 1).
    times : ndarray
        Booking times in years.

    Returns
    -------
    ndarray
        Same shape as ``times``; the factor at ``t = 0`` is 1 (the first flow is not discounted).

    Examples
    --------
    >>> discount_factors(0.1, np.array([0.0, 1.0, 2.0])).round(6).tolist()
    [1.0, 0.909091, 0.826446]
    """
    return (1.0 + float(rate)) ** -np.asarray(times, dtype=float)


def npv(rate: float, flows: Any, times: np.ndarray) -> Any:
    """Net present value of flows booked at ``times``: ``sum_k flows[k] * (1 + r) ** -times[k]``.

    Parameters
    ----------
    rate : float
        Real discount rate per year.
    flows : array_like, shape (K + 1, ...)
        One row per booking time; trailing axes (samples) are kept.
    times : ndarray, shape (K + 1,)
        Booking times in years (``times[0] = 0``, not discounted).

    Returns
    -------
    float or ndarray
        Shape of ``flows`` without the first axis.

    Notes
    -----
    Same convention as ``numpy_financial.npv`` (first value at ``t = 0``), not Excel's ``NPV``
    (first value at ``t = 1``).

    Examples
    --------
    >>> float(npv(0.1, np.array([-100.0, 60.0, 60.0]), np.array([0.0, 1.0, 2.0]))).__round__(4)
    4.1322
    """
    result = np.tensordot(discount_factors(rate, times), np.asarray(flows, dtype=float), axes=(0, 0))
    return float(result) if np.ndim(result) == 0 else result
