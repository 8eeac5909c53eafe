"""Totals a year of a mix: cost (levelised and cash), CO2e, primary material, waste by stream, water.

``total[f] = sum over rows r of annual_volume[r] * f[r, mix[r]]`` for each per-use figure ``f``,
overall and by product group.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lcacompare.portfolios.evaluate import METRICS
from lcacompare.portfolios.table import ANNUAL, PortfolioTable

__all__ = ["rollup", "totals"]


def totals(table: PortfolioTable, mix: np.ndarray) -> dict[str, float]:
    """Portfolio totals a year under a mix.

    Returns
    -------
    dict of str to float
        ``eur_levelised_per_year``, ``eur_cash_per_year``, ``kg_co2e_per_year``,
        ``primary_material_kg_per_year``, ``waste_kg_per_year``, ``water_m3_per_year`` and
        ``waste_<stream>_kg_per_year``.
    """
    out = {ANNUAL[m]: float(np.sum(table.per_year(m, mix))) for m in METRICS}
    for stream in sorted(table.waste_by_stream):
        out[f"waste_{stream}_kg_per_year"] = float(np.sum(table.per_year(stream, mix)))
    return out


def rollup(table: PortfolioTable, mix: np.ndarray) -> Any:
    """Totals a year by product group (rows) with a ``total`` line (a pandas DataFrame).

    Parameters
    ----------
    table : PortfolioTable
        The evaluated portfolio.
    mix : ndarray
        Slot per row (:func:`~lcacompare.portfolios.table.current_mix` or a scenario's).

    Returns
    -------
    pandas.DataFrame
        Index: product groups then ``total``; columns: the figures of :func:`totals` and
        ``product_lines`` and ``uses_per_year``.
    """
    import pandas as pd

    data: dict[str, Any] = {"product_group": table.groups, "product_lines": 1, "uses_per_year": table.volume}
    for metric in METRICS:
        data[ANNUAL[metric]] = table.per_year(metric, mix)
    for stream in sorted(table.waste_by_stream):
        data[f"waste_{stream}_kg_per_year"] = table.per_year(stream, mix)
    frame = pd.DataFrame(data)
    grouped = frame.groupby("product_group", sort=True).sum()
    total = {"product_lines": len(table.rows), "uses_per_year": float(np.sum(table.volume)), **totals(table, mix)}
    grouped.loc["total"] = pd.Series(total)
    return grouped
