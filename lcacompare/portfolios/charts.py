"""The marginal abatement cost (MAC) curve of a portfolio as an inline SVG (matplotlib).

Bars are *measures*: the switches of one product group from one option to another, added up:
``width = sum t CO2e saved a year``, ``height = sum extra EUR a year / width`` (EUR per t;
below zero the switches save money). Bars are sorted by height, cheapest first, as sustainability
teams read a MAC curve.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lcacompare.report.charts import _PALETTE, _figure, _rc, _style, _svg

__all__ = ["mac_measures", "mac_svg"]


def mac_measures(frame: Any) -> Any:
    """Aggregate the MAC curve's bars (a candidates frame, one line per bar) into measures.

    Returns
    -------
    pandas.DataFrame
        ``measure``, ``t_co2e_saved_per_year``, ``extra_eur_per_year``, ``eur_per_t_co2e``,
        ``product_lines``; sorted by ``eur_per_t_co2e``.
    """
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(
            columns=["measure", "t_co2e_saved_per_year", "extra_eur_per_year", "eur_per_t_co2e", "product_lines"]
        )
    work = frame.assign(
        measure=frame["product_group"] + ": " + frame["from_option"] + " -> " + frame["to_option"],
        t=frame["kg_co2e_saved_per_year"] / 1000.0,
        extra=-frame["eur_saved_per_year"],
    )
    grouped = work.groupby("measure", sort=True).agg(
        t_co2e_saved_per_year=("t", "sum"), extra_eur_per_year=("extra", "sum"), product_lines=("id", "count")
    )
    grouped["eur_per_t_co2e"] = grouped["extra_eur_per_year"] / grouped["t_co2e_saved_per_year"]
    grouped = grouped.reset_index().sort_values(["eur_per_t_co2e", "measure"], kind="stable")
    return grouped[["measure", "t_co2e_saved_per_year", "extra_eur_per_year", "eur_per_t_co2e", "product_lines"]]


def mac_svg(measures: Any) -> str:
    """The MAC curve of :func:`mac_measures` as an ``<svg>`` element ('' without bars)."""
    if measures.empty:
        return ""
    widths = measures["t_co2e_saved_per_year"].to_numpy(dtype=float)
    heights = measures["eur_per_t_co2e"].to_numpy(dtype=float)
    lefts = np.concatenate([[0.0], np.cumsum(widths)[:-1]])
    with _rc("mac"):
        fig = _figure(8.0, 4.2, left=0.9, bottom=0.6, top=0.3)
        ax = fig.add_subplot(111)
        for k, (left, width, height, name) in enumerate(zip(lefts, widths, heights, measures["measure"], strict=True)):
            ax.bar(left, height, width=width, align="edge", color=_PALETTE[k % len(_PALETTE)], label=name,
                   edgecolor="white", linewidth=0.5)  # fmt: skip
        ax.axhline(0.0, color="#333333", linewidth=0.8)
        ax.set_xlabel("t CO2e avoided a year")
        ax.set_ylabel("EUR per t CO2e avoided")
        ax.legend(fontsize=7, loc="upper left", frameon=False)
        _style(ax)
        return _svg(fig, "mac", "Marginal abatement cost curve: width t CO2e a year, height EUR per t")
