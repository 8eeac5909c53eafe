"""The robustness map as inline SVG: the winner per carbon price x sustainability weight.

Drawn with matplotlib's SVG backend through the report's chart helpers (same fonts, text as
text, ids prefixed), so it sits in ``award.html`` like the case report's charts.
"""

from __future__ import annotations

import numpy as np

from lcacompare.tender.result import AwardResult

__all__ = ["winner_map_svg", "BID_COLOURS"]

BID_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
"""Okabe-Ito colours, one per bid in tender order; grey marks a tie."""
_TIE = "#DDDDDD"


def winner_map_svg(result: AwardResult) -> str:
    """An ``<svg>`` element: the winning bid at each grid point, the published point marked.

    Parameters
    ----------
    result : AwardResult

    Returns
    -------
    str
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    from lcacompare.report.charts import _figure, _rc, _svg

    grid = result.robustness.map
    winner = np.asarray(grid.winner, dtype=float)
    prices = np.asarray(grid.prices_eur_per_tonne)
    weights = grid.sustainability_weights_percent
    colours = [_TIE, *(BID_COLOURS[i % len(BID_COLOURS)] for i in range(len(grid.bid_ids)))]
    name = "award-map"
    with _rc(name):
        fig = _figure(7.0, 3.6 if weights else 1.8, left=0.9, bottom=0.55, top=0.3)
        ax = fig.add_subplot(1, 1, 1)
        ys = np.asarray(weights) if weights else np.array([0.0, 1.0])
        data = winner if weights else np.vstack([winner[0], winner[0]])
        # One image of the grid (cells centred on the grid points): a few kB, where a mesh
        # writes one SVG path per cell.
        dx = (prices[-1] - prices[0]) / max(len(prices) - 1, 1) / 2
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1) / 2
        ax.imshow(
            data + 1,
            cmap=ListedColormap(colours),
            vmin=-0.5,
            vmax=len(colours) - 0.5,
            origin="lower",
            aspect="auto",
            interpolation="nearest",
            extent=(prices[0] - dx, prices[-1] + dx, ys[0] - dy, ys[-1] + dy),
        )
        published_weight = next((float(v) for k, v in result.weights.items() if _is_co2e(result, k)), None)
        ax.plot(
            [result.carbon_price.eur_per_tonne],
            [published_weight if weights and published_weight is not None else 0.5],
            marker="o",
            markersize=7,
            markerfacecolor="white",
            markeredgecolor="black",
            linestyle="none",
        )
        ax.set_xlabel("carbon price, EUR per tonne CO2e")
        if weights:
            ax.set_ylabel("sustainability weight, %")
        else:
            ax.set_yticks([])
        handles = [Patch(color=colours[i + 1], label=bid) for i, bid in enumerate(grid.bid_ids)]
        handles.append(Patch(color=_TIE, label="tie"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        fig.subplots_adjust(right=0.72)
        return _svg(fig, name, "winning bid by carbon price and sustainability weight (circle: as published)")


def _is_co2e(result: AwardResult, criterion_id: str) -> bool:
    return any(c["id"] == criterion_id and c["kind"] == "co2e" for c in result.criteria)
