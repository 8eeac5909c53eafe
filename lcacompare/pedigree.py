"""Data-quality (pedigree) scores turned into lognormal spreads.

The method spec (``pedigree_uncertainty``) holds the ecoinvent v3 variances per indicator score
(Weidema et al. 2013); the total variance of ``ln(amount)`` is the basic variance plus the five
indicator variances, and the geometric standard deviation is ``exp(sigma)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from lcacompare.method.spec import MethodSpec

__all__ = ["pedigree_sigma", "INDICATORS"]

INDICATORS: tuple[str, ...] = ("reliability", "completeness", "temporal", "geographical", "technological")


def pedigree_sigma(scores: Sequence[int] | None, method: MethodSpec, kind: str = "default") -> float:
    """Standard deviation of ``ln(amount)`` implied by a pedigree score.

    Parameters
    ----------
    scores : sequence of 5 ints (1-5) or None
        Reliability, completeness, temporal, geographical, technological. None means unknown and
        is treated as the worst score (5) on every indicator.
    method : MethodSpec
        Supplies the variance tables.
    kind : str
        Basic-uncertainty class: ``default``, ``transport``, ``emission`` or ``cost``.

    Returns
    -------
    float
        sigma, with GSD = exp(sigma).

    Examples
    --------
    >>> from lcacompare.method import load_method
    >>> round(pedigree_sigma([1, 1, 1, 1, 1], load_method()), 4)
    0.0245
    """
    table = method.model_extra["pedigree_uncertainty"]  # type: ignore[index]
    scores = list(scores) if scores is not None else [5, 5, 5, 5, 5]
    variance = float(table["basic_variance"].get(kind, table["basic_variance"]["default"]))
    for name, score in zip(INDICATORS, scores, strict=True):
        variance += float(table["indicators"][name][int(score) - 1])
    return math.sqrt(variance)
