"""The R-ladder: the share of product lines and of uses on each R-strategy rung under a mix.

Each option's rung comes from the portfolio's ``rungs`` (``case:option`` -> rung) or, by
default, from its kind (:func:`~lcacompare.portfolios.evaluate.default_rung`).
"""

from __future__ import annotations

import numpy as np

from lcacompare.portfolios.model import RUNGS
from lcacompare.portfolios.table import PortfolioTable

__all__ = ["ladder_shares"]


def ladder_shares(table: PortfolioTable, mix: np.ndarray) -> dict[str, dict[str, float]]:
    """Share of product lines and of uses a year per rung, every rung listed (R0 first).

    Returns
    -------
    dict
        ``{rung: {"lines": share, "uses": share}}``; each kind of share sums to 1.
    """
    chosen = table.chosen(table.rungs, mix)
    lines = len(table.rows) or 1
    uses = float(np.sum(table.volume)) or 1.0
    return {
        rung: {
            "lines": float(np.sum(chosen == rung)) / lines,
            "uses": float(np.sum(table.volume[chosen == rung])) / uses,
        }
        for rung in RUNGS
    }
