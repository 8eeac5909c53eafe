"""Every row of a portfolio against its cases at once: rows x options x lines as arrays.

Each case is compiled once (:func:`lcacompare.prepare`); a partition of rows then evaluates it
once with one array per overridden parameter (one value per row), so the expressions of a case
are evaluated once per partition, not once per row. For option ``o`` and row ``r``:

``kg_co2e_per_use[r, o] = sum over modules m in the method's total of sum over lines l in m of
amount_per_use[l, r] * unit_impact(l)`` (the engine's sum, in its order),

``eur_per_use`` the levelised cost NPV(costs) / NPV(uses) of :func:`lcacompare.cost.option_cost`,
``cash_eur_per_use`` the undiscounted costs over the contract divided by its uses, and the primary
(virgin) material, waste by stream and water of the engine's rules. Under a method with a
``circularity`` section (LCAC-HC/2) the primary material is the non-renewable virgin material of
:mod:`lcacompare.circular.indicators` (renewable virgin material is not primary raw material in
the sense of the sector target), and the mass flows of :data:`CIRCULARITY_METRICS` are filled
(NaN for a case under a method without the section). Per-use figures follow the
case's own contract (its ``annual_uses`` sets the default stock and spreads fixed costs); the
row's ``annual_volume`` turns them into figures a year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lcacompare.circular.indicators import material_flows
from lcacompare.circular.properties import CircularData, load_circular_data
from lcacompare.compile import CompiledCase
from lcacompare.compile.references import is_mass_unit
from lcacompare.cost import option_cost
from lcacompare.portfolios.model import RUNGS, Row
from lcacompare.units import ureg

__all__ = [
    "METRICS",
    "CIRCULARITY_METRICS",
    "ALL_METRICS",
    "CaseBundle",
    "PartitionResult",
    "bundle",
    "default_rung",
    "evaluate_partition",
    "row_overrides",
]

METRICS: tuple[str, ...] = (
    "kg_co2e_per_use",
    "eur_per_use",
    "cash_eur_per_use",
    "primary_kg_per_use",
    "waste_kg_per_use",
    "water_m3_per_use",
)
"""The per-use figures of every row and option (waste by stream comes beside them)."""

CIRCULARITY_METRICS: tuple[str, ...] = (
    "material_kg_per_use",
    "non_renewable_virgin_kg_per_use",
    "bio_based_kg_per_use",
    "recycled_kg_per_use",
    "leaving_kg_per_use",
    "reusable_or_recyclable_kg_per_use",
)
"""Mass flows per use of the circularity indicators (LCAC-HC/2 only; NaN for other cases)."""

ALL_METRICS: tuple[str, ...] = METRICS + CIRCULARITY_METRICS
"""Every per-use figure a partition carries."""


def default_rung(kind: str) -> str:
    """The R-ladder rung of an option of this kind when the portfolio states none.

    A reusable item is R3 ``reuse``; a single-use item, discarded after one use and at best
    incinerated with energy recovery, is R9 ``recover``.

    Examples
    --------
    >>> default_rung("reusable"), default_rung("single-use")
    ('reuse', 'recover')
    """
    return "reuse" if kind == "reusable" else RUNGS[-1]


@dataclass(frozen=True)
class CaseBundle:
    """What a worker needs of one case: the compiled case and its unit impacts (picklable).

    Attributes
    ----------
    name : str
        The case name as the rows write it.
    compiled : CompiledCase
        Compiled once.
    unit_impacts : mapping of str to float
        kg CO2e per unit of each background activity (from the case's background).
    model : UncertaintyModel or None
        The case's uncertainty model (built once) when draws are asked for.
    """

    name: str
    compiled: CompiledCase
    unit_impacts: Mapping[str, float]
    model: Any = None


class _PreparedView:
    """The part of a prepared case an uncertainty model keeps: compiled case and unit impacts."""

    def __init__(self, compiled: CompiledCase, unit_impacts: Mapping[str, float]) -> None:
        self.compiled = compiled
        self.unit_impacts = dict(unit_impacts)


def bundle(name: str, prepared: Any, with_model: bool = False) -> CaseBundle:
    """A :class:`CaseBundle` of a prepared case; with its uncertainty model when ``with_model``.

    The model is built with the case's background (Brightway) once, here; its reference to the
    background is then dropped so the bundle can be sent to other processes.
    """
    model = None
    if with_model:
        from lcacompare.uncertainty import build_model

        model = build_model(prepared)
        model.prepared = _PreparedView(prepared.compiled, prepared.unit_impacts)
    return CaseBundle(name, prepared.compiled, dict(prepared.unit_impacts), model)


@dataclass
class PartitionResult:
    """The per-use figures of a partition of rows, shape ``(rows, slots)``.

    Slot 0 is the current option, slots 1.. the alternatives; a row with fewer alternatives has
    NaN in its empty slots.
    """

    metrics: dict[str, np.ndarray]
    waste_by_stream: dict[str, np.ndarray] = field(default_factory=dict)


def row_overrides(compiled: CompiledCase, rows: Sequence[Row]) -> dict[str, Any]:
    """One quantity per overridden parameter of a case: an array with one magnitude per row.

    Rows that do not override a parameter keep the case's value for it. Units are stripped here
    (``m_as`` to the parameter's unit), at the numeric boundary.
    """
    names = sorted({name for row in rows for name in row.overrides if name in compiled.parameter_units})
    defaults = compiled.defaults.magnitudes
    values: dict[str, Any] = {}
    for name in names:
        unit = compiled.parameter_units[name]
        column = np.full(len(rows), float(defaults[name]))
        for k, row in enumerate(rows):
            given = row.overrides.get(name)
            if given is not None:
                column[k] = given.m_as(unit)
        values[name] = ureg.Quantity(column, unit)
    return values


def _circular_figures(compiled: CompiledCase, lines: Any, amounts: Any, uses: Any, shape: tuple[int]) -> Any:
    """The circularity mass flows per use (arrays of ``shape``), or None without a ``circularity`` section."""
    if compiled.method.section("circularity") is None:
        return None
    root = compiled.datasets.root
    data = load_circular_data(root) if root is not None else CircularData({}, {})
    flows = material_flows(lines, [np.broadcast_to(a, shape) for a in amounts], uses, data)
    figures = {
        "material_kg_per_use": flows.material_kg,
        "non_renewable_virgin_kg_per_use": flows.non_renewable_virgin_kg,
        "bio_based_kg_per_use": flows.bio_based_kg,
        "recycled_kg_per_use": flows.recycled_kg,
        "leaving_kg_per_use": flows.leaving_kg,
        "reusable_or_recyclable_kg_per_use": flows.recyclable_kg + flows.in_service_kg,
    }
    return {name: np.broadcast_to(np.asarray(value, dtype=float), shape) for name, value in figures.items()}


def _option_figures(compiled: CompiledCase, impacts: Mapping[str, float], option_id: str, evaluation: Any, n: int):
    """Per-use figures of one option for ``n`` rows (the engine's rules, as arrays)."""
    method = compiled.method
    lines = compiled.lines[option_id]
    amounts = compiled.lines_per_use(
        option_id, evaluation.line_amounts[option_id], evaluation.factors[option_id].at_uses(None)
    )
    shape = (n,)
    by_module: dict[str, Any] = {}
    primary: Any = np.zeros(shape)
    waste: Any = np.zeros(shape)
    water: Any = np.zeros(shape)
    streams: dict[str, Any] = {}
    for info, amount in zip(lines, amounts, strict=True):
        amount = np.broadcast_to(amount, shape)
        by_module[info.module] = by_module.get(info.module, 0.0) + amount * impacts[info.activity_key]
        if info.category == "material" and info.module == "A1-A3" and is_mass_unit(info.activity_unit):
            primary = primary + amount * info.virgin_fraction
        if info.module == "C" and is_mass_unit(info.activity_unit):
            waste = waste + amount
            stream = info.stream or "unspecified"
            streams[stream] = streams.get(stream, 0.0) + amount
        if info.category == "water":
            water = water + amount
    circular = _circular_figures(compiled, lines, amounts, evaluation.factors[option_id].expected_uses, shape)
    if circular is not None:
        primary = circular["non_renewable_virgin_kg_per_use"]
    total: Any = np.zeros(shape)
    for module in method.total_modules:
        total = total + by_module.get(module, 0.0)
    cost = option_cost(compiled, option_id, evaluation)
    context = compiled.case.context
    cash = np.asarray(cost.eur_undiscounted, dtype=float) / (context.annual_uses * context.horizon_years)
    figures = {
        "kg_co2e_per_use": total,
        "eur_per_use": np.asarray(cost.eur_per_use, dtype=float),
        "cash_eur_per_use": cash,
        "primary_kg_per_use": primary,
        "waste_kg_per_use": waste,
        "water_m3_per_use": water,
        **(circular or dict.fromkeys(CIRCULARITY_METRICS, np.nan)),
    }
    return {k: np.broadcast_to(v, shape) for k, v in figures.items()}, {
        s: np.broadcast_to(v, shape) for s, v in streams.items()
    }


def evaluate_partition(rows: Sequence[Row], bundles: Mapping[str, CaseBundle]) -> PartitionResult:
    """The per-use figures of every option of every row of a partition.

    Parameters
    ----------
    rows : sequence of Row
        A partition of the portfolio's rows.
    bundles : mapping of str to CaseBundle
        Every case the rows name.

    Returns
    -------
    PartitionResult
        Arrays of shape ``(rows, slots)``.
    """
    slots = 1 + max((len(row.alternatives) for row in rows), default=0)
    n = len(rows)
    metrics = {name: np.full((n, slots), np.nan) for name in ALL_METRICS}
    streams: dict[str, np.ndarray] = {}
    cases = dict.fromkeys(ref.case for row in rows for ref in row.options)
    for case in cases:
        members = [k for k, row in enumerate(rows) if any(ref.case == case for ref in row.options)]
        case_rows = [rows[k] for k in members]
        bundle_ = bundles[case]
        compiled = bundle_.compiled
        evaluation = compiled.evaluate(row_overrides(compiled, case_rows))
        wanted = dict.fromkeys(ref.option for row in case_rows for ref in row.options if ref.case == case)
        with np.errstate(over="ignore", invalid="ignore"):
            figures = {
                oid: _option_figures(compiled, bundle_.unit_impacts, oid, evaluation, len(case_rows)) for oid in wanted
            }
        for j, k in enumerate(members):
            for slot, ref in enumerate(rows[k].options):
                if ref.case != case:
                    continue
                values, waste = figures[ref.option]
                for name in ALL_METRICS:
                    metrics[name][k, slot] = values[name][j]
                for stream, amounts in waste.items():
                    if stream not in streams:
                        streams[stream] = np.where(np.isnan(metrics["kg_co2e_per_use"]), np.nan, 0.0)
                    streams[stream][k, slot] = amounts[j]
    for table in streams.values():  # slots filled before the stream was first seen
        table[~np.isnan(metrics["kg_co2e_per_use"]) & np.isnan(table)] = 0.0
    return PartitionResult(metrics, streams)
