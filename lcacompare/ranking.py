"""One ordering rule for ranked lists (tornado, Sobol indices, contributors).

Rankings are sorted by a value rounded to :data:`RANK_DIGITS` significant digits, and ties broken
by name, so that two machines whose floating-point results differ in the last digits (another
BLAS, another numpy build) list near-tied entries in the same order.
"""

from __future__ import annotations

__all__ = ["RANK_DIGITS", "descending"]

RANK_DIGITS = 9
"""Significant digits a ranking value is compared on; below them values count as tied."""


def descending(value: float, name: str) -> tuple[float, str]:
    """Sort key for "largest first, then by name".

    Parameters
    ----------
    value : float
        The ranked quantity (a swing, a total-order index).
    name : str
        A stable name that breaks ties.

    Returns
    -------
    tuple of (float, str)
        ``(-round(value, RANK_DIGITS significant digits), name)``.

    Examples
    --------
    >>> sorted(["b", "a", "c"], key=lambda n: descending({"a": 1.0, "b": 1.0 + 1e-15, "c": 2.0}[n], n))
    ['c', 'a', 'b']
    """
    return -float(f"{value:.{RANK_DIGITS}g}"), name
