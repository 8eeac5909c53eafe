"""The evaluated portfolio as arrays: per row and option slot, per-use figures; and its frames.

A *mix* says which option each row uses: an integer array with one slot per row (0 the current
option, 1.. its alternatives). The current mix is all zeros; a scenario switches some rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lcacompare.portfolios.evaluate import ALL_METRICS, METRICS, CaseBundle, PartitionResult, default_rung
from lcacompare.portfolios.model import Row, Settings

__all__ = ["PortfolioTable", "build_table", "current_mix", "ANNUAL"]

ANNUAL: dict[str, str] = {
    "kg_co2e_per_use": "kg_co2e_per_year",
    "eur_per_use": "eur_levelised_per_year",
    "cash_eur_per_use": "eur_cash_per_year",
    "primary_kg_per_use": "primary_material_kg_per_year",
    "waste_kg_per_use": "waste_kg_per_year",
    "water_m3_per_use": "water_m3_per_year",
}
"""Per-use figure -> its figure a year (per use times the row's annual volume)."""


@dataclass(frozen=True)
class PortfolioTable:
    """Rows x option slots of a portfolio, evaluated.

    Attributes
    ----------
    rows : tuple of Row
        In file order.
    volume : ndarray, shape (rows,)
        Uses a year.
    options : ndarray of str, shape (rows, slots)
        ``case:option`` per slot ('' where a row has fewer alternatives).
    reusable : ndarray of bool, shape (rows, slots)
        Whether the slot's option is reusable.
    rungs : ndarray of str, shape (rows, slots)
        R-ladder rung per slot.
    metrics : dict of str to ndarray, shape (rows, slots)
        The per-use figures of :data:`~lcacompare.portfolios.evaluate.METRICS`.
    waste_by_stream : dict of str to ndarray, shape (rows, slots)
        kg waste per use by stream.
    """

    rows: tuple[Row, ...]
    volume: np.ndarray
    options: np.ndarray
    reusable: np.ndarray
    rungs: np.ndarray
    metrics: dict[str, np.ndarray]
    waste_by_stream: dict[str, np.ndarray]

    @property
    def groups(self) -> np.ndarray:
        """Product group per row."""
        return np.array([row.product_group for row in self.rows], dtype=object)

    def per_year(self, metric: str, mix: np.ndarray) -> np.ndarray:
        """``volume[r] * metric[r, mix[r]]``: a per-use figure a year per row under a mix."""
        table = self.metrics[metric] if metric in self.metrics else self.waste_by_stream[metric]
        return self.volume * table[np.arange(len(self.rows)), mix]

    def chosen(self, table: np.ndarray, mix: np.ndarray) -> np.ndarray:
        """``table[r, mix[r]]`` per row."""
        return table[np.arange(len(self.rows)), mix]

    def rows_frame(self, mix: np.ndarray | None = None) -> Any:
        """One line per row and option slot, per use and a year (a pandas DataFrame).

        Parameters
        ----------
        mix : ndarray, optional
            Marks the slot each row uses in a scenario (column ``chosen``); default the current.
        """
        import pandas as pd

        mix = current_mix(self) if mix is None else mix
        row_index, slot_index = np.nonzero(self.options != "")
        frame = pd.DataFrame(
            {
                "row": [self.rows[k].number for k in row_index],
                "id": [self.rows[k].id for k in row_index],
                "title": [self.rows[k].title for k in row_index],
                "product_group": [self.rows[k].product_group for k in row_index],
                "annual_volume": self.volume[row_index],
                "slot": slot_index,
                "role": np.where(slot_index == 0, "current", "alternative"),
                "option": self.options[row_index, slot_index],
                "reusable": self.reusable[row_index, slot_index],
                "rung": self.rungs[row_index, slot_index],
                "chosen": mix[row_index] == slot_index,
            }
        )
        for metric in METRICS:
            values = self.metrics[metric][row_index, slot_index]
            frame[metric] = values
            frame[ANNUAL[metric]] = values * self.volume[row_index]
        for stream, table in sorted(self.waste_by_stream.items()):
            frame[f"waste_{stream}_kg_per_year"] = table[row_index, slot_index] * self.volume[row_index]
        return frame


def current_mix(table: PortfolioTable) -> np.ndarray:
    """Every row on its current option."""
    return np.zeros(len(table.rows), dtype=int)


def build_table(
    rows: Sequence[Row], parts: Sequence[PartitionResult], bundles: dict[str, CaseBundle], settings: Settings
) -> PortfolioTable:
    """Join the partitions' figures (in partition order) with the rows' options and rungs."""
    slots = max((part.metrics[METRICS[0]].shape[1] for part in parts), default=1)

    def pad(table: np.ndarray, fill: float = np.nan) -> np.ndarray:
        if table.shape[1] == slots:
            return table
        return np.hstack([table, np.full((table.shape[0], slots - table.shape[1]), fill)])

    metrics = {
        m: np.vstack([pad(part.metrics[m]) for part in parts])
        for m in ALL_METRICS
        if all(m in p.metrics for p in parts)
    }
    streams_all = sorted({s for part in parts for s in part.waste_by_stream})
    streams = {}
    for stream in streams_all:
        blocks = []
        for part in parts:
            block = part.waste_by_stream.get(stream)
            if block is None:
                block = np.where(np.isnan(part.metrics[METRICS[0]]), np.nan, 0.0)
            blocks.append(pad(block))
        streams[stream] = np.vstack(blocks)
    n = len(rows)
    options = np.full((n, slots), "", dtype=object)
    reusable = np.zeros((n, slots), dtype=bool)
    rungs = np.full((n, slots), "", dtype=object)
    kinds = {f"{name}:{option.id}": option.kind for name, b in bundles.items() for option in b.compiled.case.options}
    for k, row in enumerate(rows):
        for slot, ref in enumerate(row.options):
            key = ref.key
            options[k, slot] = key
            reusable[k, slot] = kinds[key] == "reusable"
            rungs[k, slot] = settings.rungs.get(key, default_rung(kinds[key]))
    volume = np.array([row.annual_volume for row in rows], dtype=float)
    return PortfolioTable(tuple(rows), volume, options, reusable, rungs, metrics, streams)
