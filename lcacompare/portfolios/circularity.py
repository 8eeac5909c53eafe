"""The circularity indicators rolled up over a portfolio's product lines, for one mix.

Only product lines whose case runs under a method with a ``circularity`` section (LCAC-HC/2) are
counted (the others carry NaN figures). With ``V_r`` the row's uses a year and ``f[r]`` its chosen
option's per-use mass flow (:data:`~lcacompare.portfolios.evaluate.CIRCULARITY_METRICS`):

``F = sum_r V_r * f[r]`` (kg a year) for material, non-renewable virgin material, bio-based
material, recycled content, mass leaving the system and the part of it reused or recycled;

``bio_based_share = 100 * F_bio / F_material``, ``recycled_content_share = 100 * F_recycled / F_material``,
``reusable_or_recyclable_share = 100 * F_reused_or_recycled / F_leaving`` (percent, mass-weighted:
the portfolio's share is the share of its summed flows, not the mean of the lines' shares).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from lcacompare.portfolios.evaluate import CIRCULARITY_METRICS
from lcacompare.portfolios.table import PortfolioTable

__all__ = ["circularity_rollup"]


def _share(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole > 0 else math.nan


def circularity_rollup(table: PortfolioTable, mix: np.ndarray) -> dict[str, Any] | None:
    """The circularity totals a year and mass-weighted shares of a mix.

    Parameters
    ----------
    table : PortfolioTable
        The evaluated portfolio.
    mix : ndarray
        Slot per row.

    Returns
    -------
    dict or None
        ``product_lines_counted``, ``product_lines``, the totals ``<flow>_kg_per_year`` and the shares
        (percent); None when no product line's case runs under a method with a ``circularity`` section.

    Examples
    --------
    See ``tests/test_circularity_indicators.py`` (a hand-worked two-line portfolio).
    """
    if any(metric not in table.metrics for metric in CIRCULARITY_METRICS):
        return None
    chosen = {metric: table.chosen(table.metrics[metric], mix) for metric in CIRCULARITY_METRICS}
    counted = ~np.isnan(chosen["material_kg_per_use"])
    if not counted.any():
        return None
    totals = {
        metric.replace("_per_use", "_per_year"): float(np.sum(table.volume[counted] * chosen[metric][counted]))
        for metric in CIRCULARITY_METRICS
    }
    material = totals["material_kg_per_year"]
    return {
        "product_lines_counted": int(np.sum(counted)),
        "product_lines": len(table.rows),
        **totals,
        "bio_based_share": _share(totals["bio_based_kg_per_year"], material),
        "recycled_content_share": _share(totals["recycled_kg_per_year"], material),
        "reusable_or_recyclable_share": _share(
            totals["reusable_or_recyclable_kg_per_year"], totals["leaving_kg_per_year"]
        ),
    }
