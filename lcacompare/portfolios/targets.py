"""The sector targets as stated definitions, measured on a mix of the portfolio.

The sector's wording ("20 % of medical devices reusable") does not say what is counted, so the
reusable share is defined three ways, each named:

``reusable-share`` / ``lines``
    product lines whose option is reusable / all product lines;
``reusable-share`` / ``uses``
    uses a year on a reusable option / all uses a year;
``reusable-share`` / ``spend``
    levelised EUR a year spent on reusable options / all levelised EUR a year.

Reductions against a baseline year compare this year's total with the hospital's reported total
of that year: the target is met when ``total <= (1 - reduction) * baseline``;
``achieved_reduction = 1 - total / baseline``; the gap is ``total - (1 - reduction) * baseline``
(zero when met), in kg a year and in percent of the baseline.

Progress is ``achieved / target`` (shares and reductions alike), clipped to [0, 1].
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from lcacompare.portfolios.model import Baseline, ReductionTarget, ReusableShareTarget, Target
from lcacompare.portfolios.table import PortfolioTable

__all__ = ["DEFINITIONS", "TargetStatus", "measure_target", "reusable_share", "share_weights"]

DEFINITIONS: dict[str, str] = {
    "lines": "product lines whose option is reusable / all product lines",
    "uses": "uses a year on a reusable option / all uses a year",
    "spend": "levelised EUR a year on reusable options / all levelised EUR a year",
    "co2e-reduction": "1 - kg CO2e a year / kg CO2e a year of the baseline year (met when at least the reduction)",
    "primary-material-reduction": (
        "1 - kg primary (virgin) material a year / that of the baseline year (met when at least the reduction)"
    ),
}
"""Each target definition in words (also in docs/portfolio.md)."""


@dataclass(frozen=True)
class TargetStatus:
    """A target measured on one mix.

    Attributes
    ----------
    id, kind, measure, definition : str
        The target and how it is counted.
    target : float
        The share (reusable-share) or reduction (fraction) asked for.
    achieved : float
        The share or reduction reached (NaN without a baseline).
    met : bool
    progress : float
        ``achieved / target`` clipped to [0, 1].
    gap, gap_unit : float, str
        What is missing in units (lines, uses a year, EUR a year, kg a year); 0 when met.
    gap_percent : float
        The gap in percentage points of the share, or in percent of the baseline.
    """

    id: str
    kind: str
    measure: str
    definition: str
    year: int
    target: float
    achieved: float
    met: bool
    progress: float
    gap: float
    gap_unit: str
    gap_percent: float

    def as_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (for JSON)."""
        return asdict(self)


def share_weights(table: PortfolioTable, measure: str, mix: np.ndarray) -> np.ndarray:
    """Weight of each row in a reusable share: 1 (lines), uses a year, or levelised EUR a year."""
    if measure == "lines":
        return np.ones(len(table.rows))
    if measure == "uses":
        return table.volume.copy()
    return table.per_year("eur_per_use", mix)


def reusable_share(table: PortfolioTable, measure: str, mix: np.ndarray) -> float:
    """The reusable share of a mix by ``measure`` (``lines``, ``uses`` or ``spend``).

    ``share = sum_r w_r * reusable_r / sum_r w_r`` with the weights of :func:`share_weights`.
    """
    weights = share_weights(table, measure, mix)
    total = float(np.sum(weights))
    return float(np.sum(weights * table.chosen(table.reusable, mix))) / total if total else math.nan


def _progress(achieved: float, target: float) -> float:
    return float(min(1.0, max(0.0, achieved / target))) if math.isfinite(achieved) else 0.0


def measure_target(
    target: Target | ReductionTarget, table: PortfolioTable, mix: np.ndarray, baselines: dict[int, Baseline]
) -> TargetStatus:
    """Measure one target on a mix.

    Parameters
    ----------
    target : ReusableShareTarget or ReductionTarget
        From the settings.
    table : PortfolioTable
        The evaluated portfolio.
    mix : ndarray
        Slot per row.
    baselines : dict of int to Baseline
        The baseline years' totals.

    Returns
    -------
    TargetStatus
    """
    if isinstance(target, ReusableShareTarget):
        weights = share_weights(table, target.measure, mix)
        total = float(np.sum(weights))
        reached = float(np.sum(weights * table.chosen(table.reusable, mix)))
        achieved = reached / total if total else math.nan
        gap = max(0.0, target.share * total - reached)
        if target.measure == "lines":
            gap = float(math.ceil(gap - 1e-9))
        unit = {"lines": "product lines", "uses": "uses a year", "spend": "EUR a year"}[target.measure]
        return TargetStatus(
            target.id,
            target.kind,
            target.measure,
            DEFINITIONS[target.measure],
            target.year,
            target.share,
            achieved,
            bool(achieved >= target.share - 1e-12),
            _progress(achieved, target.share),
            gap,
            unit,
            max(0.0, 100.0 * (target.share - achieved)) if math.isfinite(achieved) else math.nan,
        )
    metric = "kg_co2e_per_use" if target.kind == "co2e-reduction" else "primary_kg_per_use"
    field = "kg_co2e" if target.kind == "co2e-reduction" else "primary_material_kg"
    baseline_entry = baselines.get(target.baseline_year)
    baseline = getattr(baseline_entry, field) if baseline_entry is not None else None
    total = float(np.sum(table.per_year(metric, mix)))
    unit = "kg CO2e a year" if target.kind == "co2e-reduction" else "kg primary material a year"
    if not baseline:
        return TargetStatus(
            target.id, target.kind, "baseline", DEFINITIONS[target.kind], target.year, target.reduction,
            math.nan, False, 0.0, math.nan, unit, math.nan,
        )  # fmt: skip
    achieved = 1.0 - total / baseline
    gap = max(0.0, total - (1.0 - target.reduction) * baseline)
    return TargetStatus(
        target.id,
        target.kind,
        f"against {target.baseline_year}",
        DEFINITIONS[target.kind],
        target.year,
        target.reduction,
        achieved,
        bool(gap <= 1e-9 * baseline),
        _progress(achieved, target.reduction),
        gap,
        unit,
        100.0 * gap / baseline,
    )
