"""The result document of a portfolio run (the JSON file; the HTML and Excel read the same).

Timings are left out: the document of a run depends only on the portfolio, the seed and the
number of draws, never on the machine or the number of workers.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from lcacompare.portfolios.charts import mac_measures
from lcacompare.portfolios.circularity import circularity_rollup
from lcacompare.portfolios.ladder import ladder_shares
from lcacompare.portfolios.runner import PortfolioResult
from lcacompare.portfolios.targets import DEFINITIONS

__all__ = ["portfolio_document", "top_switches", "mac_frame"]

TOP_SWITCHES = 25


def _clean(value: Any) -> Any:
    """NaN and infinities as None (JSON has no NaN); numpy scalars as numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def mac_frame(result: PortfolioResult) -> Any:
    """The MAC curve's bars, one per product line (pandas DataFrame, in the curve's order)."""
    return result.candidates.frame(result.table).iloc[result.mac].reset_index(drop=True)


def top_switches(result: PortfolioResult, n: int = TOP_SWITCHES) -> Any:
    """The ``n`` candidate switches saving most CO2e a year (pandas DataFrame)."""
    frame = result.candidates.frame(result.table)
    return frame.sort_values(["kg_co2e_saved_per_year", "id"], ascending=[False, True], kind="stable").head(n)


def portfolio_document(result: PortfolioResult) -> dict[str, Any]:
    """The whole result as plain data (JSON-ready).

    Returns
    -------
    dict
        ``portfolio`` (title, synthetic, note, year, rows, samples, seed), ``definitions``,
        ``mixes`` (per mix: totals, by product group, targets with P(meets), R-ladder and, when a
        product line's case runs under a method with a ``circularity`` section, ``circularity``:
        :func:`~lcacompare.portfolios.circularity.circularity_rollup`),
        ``cheapest_sets``, ``mac_measures``, ``top_switches``.
    """
    settings = result.portfolio.settings
    mixes = {}
    for name, mix in result.mixes.items():
        by_group = result.rollup(name)
        mixes[name] = {
            "totals": result.totals(name),
            "by_product_group": {group: row.to_dict() for group, row in by_group.iterrows()},
            "targets": [
                {**status.as_dict(), "p_meets": result.p_meets.get(name, {}).get(status.id)}
                for status in result.status[name]
            ],
            "r_ladder": ladder_shares(result.table, mix),
            "switched_lines": int(np.sum(mix != 0)),
        }
        circular = circularity_rollup(result.table, mix)
        if circular is not None:  # only when some product line's case runs under LCAC-HC/2
            mixes[name]["circularity"] = circular
    cheapest = []
    for chosen in result.cheapest:
        picked = chosen.switches
        cheapest.append(
            {
                "target": chosen.target_id,
                "reachable": chosen.reachable,
                "switches": int(picked.size),
                "extra_eur_per_year": chosen.extra_eur_per_year,
                "kg_co2e_saved_per_year": float(np.sum(result.candidates.kg_co2e_saved_per_year[picked])),
                "primary_kg_saved_per_year": float(np.sum(result.candidates.primary_kg_saved_per_year[picked])),
                "solver": chosen.status,
            }
        )
    return _clean(
        {
            "portfolio": {
                "title": settings.title,
                "synthetic": settings.synthetic,
                "note": settings.note,
                "year": settings.year,
                "rows": len(result.portfolio.rows),
                "samples": result.samples,
                "seed": settings.seed,
                "cases": sorted(result.portfolio.cases),
            },
            "definitions": DEFINITIONS,
            "mixes": mixes,
            "cheapest_sets": cheapest,
            "mac_measures": mac_measures(mac_frame(result)).to_dict(orient="records"),
            "top_switches": top_switches(result).to_dict(orient="records"),
        }
    )
