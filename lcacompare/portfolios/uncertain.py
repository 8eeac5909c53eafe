"""Paired draws per row, streamed: per-row summaries and per-draw portfolio totals, no draws kept.

For each row and each case it names, ``samples`` draws of every uncertain input of the case come
from one generator seeded by ``(seed, crc32(row id), crc32(case name))``: the draws depend on the
row, never on the partition or the worker that evaluates it, so a Dask run gives the same numbers
as a single process. All options of a case read the same draws (paired: P(better) is sampled
directly). A parameter the row overrides is taken as known (the row's value in every draw).

Rows are evaluated ``chunk`` at a time as one long vector of ``chunk * samples`` scenarios; of the
draws only summaries are kept: per row and option the mean and the 5/50/95 % quantiles of kg CO2e
and EUR per use, P(option better than the current one), and per mix the per-draw totals a year.
Rows are treated as independent of each other (a shared input such as steriliser energy is drawn
per row, not once for the hospital), which narrows the spread of the totals.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lcacompare.portfolios.evaluate import CaseBundle
from lcacompare.portfolios.model import Row
from lcacompare.units import parse_unit, ureg

__all__ = ["QUANTILES", "PartitionDraws", "draw_partition", "combine_totals", "row_generator"]

QUANTILES: tuple[float, ...] = (0.05, 0.5, 0.95)


def row_generator(seed: int, row_id: str, case: str) -> np.random.Generator:
    """The generator of one row's draws for one case: seeded by the row, not by its partition."""
    return np.random.default_rng(
        np.random.SeedSequence([int(seed), zlib.crc32(row_id.encode()), zlib.crc32(case.encode())])
    )


@dataclass
class PartitionDraws:
    """Summaries of a partition's draws.

    Attributes
    ----------
    summaries : dict of str to ndarray
        ``kg_co2e_mean``, ``kg_co2e_q05`` ... ``eur_q95`` per use, shape ``(rows, slots)``;
        ``p_lower_kg_co2e`` and ``p_lower_eur``: P(slot lower than the current option).
    totals : dict of str to ndarray
        ``kg_co2e``, ``eur``, ``reusable_eur`` a year, shape ``(mixes, samples)``.
    """

    summaries: dict[str, np.ndarray]
    totals: dict[str, np.ndarray]


def _chunk_scenarios(
    model: Any, case: str, rows: Sequence[Row], seed: int, samples: int
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The draws and overrides of ``len(rows) * samples`` scenarios (row-major)."""
    per_row = []
    for row in rows:
        rng = row_generator(seed, row.id, case)
        per_row.append([item.marginal.sample(rng, samples) for item in model.inputs])
    draws = {item.name: np.concatenate([d[k] for d in per_row]) for k, item in enumerate(model.inputs)}
    compiled = model.compiled
    overrides: dict[str, Any] = {}
    names = sorted({name for row in rows for name in row.overrides if name in compiled.parameter_units})
    by_target = {item.target[0]: item for item in model.inputs if item.kind == "parameter"}
    for name in names:
        item = by_target.get(name)
        unit = parse_unit(item.unit) if item is not None else compiled.parameter_units[name]
        column = np.repeat(
            [row.overrides[name].m_as(unit) if name in row.overrides else np.nan for row in rows], samples
        )
        given = ~np.isnan(column)
        if item is not None:
            draws[item.name] = np.where(given, column, draws[item.name])
        else:
            default = float(compiled.defaults.magnitudes[name])
            overrides[name] = ureg.Quantity(np.where(given, column, default), unit)
    return draws, overrides


def draw_partition(
    rows: Sequence[Row],
    bundles: Mapping[str, CaseBundle],
    mixes: np.ndarray,
    reusable: np.ndarray,
    seed: int,
    samples: int,
    chunk: int = 50,
) -> PartitionDraws:
    """Paired draws of a partition of rows, summarised (see the module docstring).

    Parameters
    ----------
    rows : sequence of Row
        The partition.
    bundles : mapping of str to CaseBundle
        Every case the rows name, with its uncertainty model.
    mixes : ndarray of int, shape (rows, mixes)
        The slot of each row in each mix whose totals are kept (column 0: the current mix).
    reusable : ndarray of bool, shape (rows, slots)
        Whether each slot's option is reusable.
    seed : int
        The portfolio's seed.
    samples : int
        Draws per row.
    chunk : int
        Rows evaluated together (memory: about ``chunk * samples`` values per line).

    Returns
    -------
    PartitionDraws
    """
    n_rows, slots = reusable.shape
    kg = np.full((n_rows, slots, samples), np.nan)
    eur = np.full((n_rows, slots, samples), np.nan)
    cases = dict.fromkeys(ref.case for row in rows for ref in row.options)
    for case in cases:
        model = bundles[case].model
        members = [k for k, row in enumerate(rows) if any(ref.case == case for ref in row.options)]
        for start in range(0, len(members), chunk):
            part = members[start : start + chunk]
            draws, overrides = _chunk_scenarios(model, case, [rows[k] for k in part], seed, samples)
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                outcome = model.evaluate(draws, len(part) * samples, overrides)
            for j, k in enumerate(part):
                for slot, ref in enumerate(rows[k].options):
                    if ref.case == case:
                        block = slice(j * samples, (j + 1) * samples)
                        kg[k, slot] = outcome.kg_co2e_per_use[ref.option][block]
                        eur[k, slot] = outcome.eur_per_use[ref.option][block]
    summaries: dict[str, np.ndarray] = {}
    with np.errstate(invalid="ignore"):
        for name, values in (("kg_co2e", kg), ("eur", eur)):
            summaries[f"{name}_mean"] = values.mean(axis=2)
            for q, table in zip(QUANTILES, np.quantile(values, QUANTILES, axis=2), strict=True):
                summaries[f"{name}_q{round(q * 100):02d}"] = table
            lower = (values < values[:, :1, :]).mean(axis=2)
            summaries[f"p_lower_{name}"] = np.where(np.isnan(values[:, :, 0]), np.nan, lower)
    volume = np.array([row.annual_volume for row in rows])[:, None]
    index = np.arange(n_rows)
    totals: dict[str, list[np.ndarray]] = {"kg_co2e": [], "eur": [], "reusable_eur": []}
    for m in range(mixes.shape[1]):
        chosen = mixes[:, m]
        kg_m = volume * kg[index, chosen]
        eur_m = volume * eur[index, chosen]
        totals["kg_co2e"].append(kg_m.sum(axis=0))
        totals["eur"].append(eur_m.sum(axis=0))
        totals["reusable_eur"].append((eur_m * reusable[index, chosen][:, None]).sum(axis=0))
    return PartitionDraws(summaries, {k: np.vstack(v) for k, v in totals.items()})


def combine_totals(parts: Sequence[PartitionDraws]) -> dict[str, np.ndarray]:
    """Per-draw totals of the whole portfolio: the partitions' totals added in partition order."""
    out = {name: table.copy() for name, table in parts[0].totals.items()}
    for part in parts[1:]:
        for name, table in part.totals.items():
            out[name] = out[name] + table
    return out
