"""Resolve a case's references: parameter order, the country, and every inventory line's activity.

Each inventory line becomes a :class:`LineInfo` (the emission factor row it uses, or the key of
a linked Brightway activity) and each cost line a :class:`CostInfo`; every problem found is
appended to the caller's list, so one run names them all.
"""

from __future__ import annotations

import graphlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import pint

from lcacompare.compile.amounts import names_in
from lcacompare.compile.own_factors import OWN_PREFIX, published_key
from lcacompare.datasets import CREDIT, Datasets, Factor
from lcacompare.errors import Problem
from lcacompare.expressions import ExpressionError
from lcacompare.model.case import ActivityRef, Case, CostLine, InventoryLine, Option
from lcacompare.units import ureg

__all__ = ["LineInfo", "CostInfo", "parameter_order", "check_country", "resolve_line", "is_mass_unit"]


@lru_cache(maxsize=4096)
def _is_unit_name(name: str) -> bool:
    """Whether a parameter name is also a unit of the registry (memoised: the registry is fixed)."""
    try:
        ureg.Unit(name)
    except (pint.UndefinedUnitError, ValueError, AttributeError, TypeError):
        return False
    return True


@lru_cache(maxsize=4096)
def is_mass_unit(unit: str) -> bool:
    """Whether an activity unit is a mass (memoised: the registry is fixed).

    Examples
    --------
    >>> is_mass_unit("kg"), is_mass_unit("kWh"), is_mass_unit("")
    (True, False, False)
    """
    return bool(unit) and ureg.Unit(unit).dimensionality == ureg.Unit("kg").dimensionality


@dataclass(frozen=True)
class LineInfo:
    """Static description of one inventory line after its references are resolved."""

    option_id: str
    index: int
    module: str
    basis: str
    activity_id: str
    activity_key: str
    activity_name: str
    activity_unit: str
    category: str
    geography: str
    stream: str | None
    virgin_fraction: float
    factor: Factor | None
    line: InventoryLine
    bw_key: tuple[str, str] | None = None


@dataclass(frozen=True)
class CostInfo:
    """Static description of one cost line."""

    option_id: str
    index: int
    category: str
    basis: str
    price_year: int | None
    line: CostLine


def parameter_order(case: Case, problems: list[Problem]) -> list[str]:
    """Parameters in dependency order (rules expression, parameter-name, parameter-cycle)."""
    graph: dict[str, set[str]] = {}
    for name, param in case.parameters.items():
        try:
            refs = set(names_in(str(param.value))) if isinstance(param.value, str) else set()
        except ExpressionError as exc:
            problems.append(
                Problem(
                    f"parameters.{name}.value",
                    str(exc),
                    "a quantity such as '18.7 kWh' or an expression",
                    "expression",
                    case.line_of("parameters", name, "value"),
                )
            )
            refs = set()
        graph[name] = {ref for ref in refs if ref in case.parameters}
        if _is_unit_name(name):
            problems.append(
                Problem(
                    f"parameters.{name}",
                    f"parameter name {name!r} is also a unit",
                    "a name that is not a unit",
                    "parameter-name",
                    case.line_of("parameters", name),
                )
            )
    try:
        return list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        cycle = " -> ".join(exc.args[1])
        problems.append(
            Problem(
                "parameters",
                f"circular parameter definitions: {cycle}",
                "parameters that do not refer to themselves",
                "parameter-cycle",
                case.line_of("parameters"),
            )
        )
        return []


def check_country(case: Case, datasets: Datasets) -> list[Problem]:
    """Rule unknown-geography: the case's country has rows in the datasets.

    A country without any row would take every factor and price from the ``EU`` and ``GLO``
    fallbacks without saying so; a country with rows falls back line by line, and the report
    names the geography of every row used.
    """
    country = case.context.country
    known = datasets.geographies()
    if country in known:
        return []
    return [
        Problem(
            "context.country",
            f"no dataset rows for country {country!r}",
            "a geography of datasets/factors or datasets/prices: " + ", ".join(known),
            "unknown-geography",
            case.line_of("context", "country"),
        )
    ]


def resolve_line(
    case: Case,
    datasets: Datasets,
    option: Option,
    i: int,
    j: int,
    line: InventoryLine,
    problems: list[Problem],
    own: Mapping[str, Factor] | None = None,
) -> LineInfo | None:
    """The :class:`LineInfo` of inventory line ``j`` of option ``i``, or None after recording its problem.

    A line resolves, in this order, to a published figure (``kg_co2e``), a linked Brightway
    activity (an :class:`ActivityRef`), one of the case's own factors (``own``, by id) or a
    shipped dataset row: one background per activity id, stated in the line's key.
    """
    where = f"options[{i}].inventory[{j}].activity"

    def lineno() -> int | None:  # looked up only for a problem: line_of walks the YAML nodes
        return case.line_of("options", i, "inventory", j, "activity")

    if line.kg_co2e is not None or line.activity is None:
        return LineInfo(
            option.id,
            j,
            line.module,
            line.per,
            "published",
            published_key(option.id, j),
            f"published figure for {line.module}",
            "",
            "published",
            line.location or line.geography or "",
            line.stream,
            0.0,
            None,
            line,
        )
    if isinstance(line.activity, str) and own and line.activity in own:
        mine = own[line.activity]
        return LineInfo(
            option.id,
            j,
            line.module,
            line.per,
            mine.id,
            f"{OWN_PREFIX}{mine.id}",
            mine.name,
            mine.unit,
            mine.category,
            mine.geography,
            line.stream,
            line.virgin_fraction if line.virgin_fraction is not None else (1.0 if mine.category == "material" else 0.0),
            mine,
            line,
        )

    if isinstance(line.activity, ActivityRef):
        if case.context.background is None:
            problems.append(
                Problem(
                    where,
                    "a Brightway activity reference needs context.background (project)",
                    "context: {background: {project: NAME}}",
                    "background",
                    lineno(),
                )
            )
            return None
        from lcacompare.lca.bw_units import brightway_unit

        ref = line.activity
        if ref.unit and brightway_unit(ref.unit) is None:
            problems.append(
                Problem(
                    f"options[{i}].inventory[{j}].activity.unit",
                    f"{ref.unit!r} is not a unit",
                    "the activity's unit as Brightway writes it, e.g. kilogram, kilowatt hour, ton kilometer",
                    "unit",
                    case.line_of("options", i, "inventory", j, "activity", "unit"),
                )
            )
            return None
        # Key of the linked activity: "bw:<database>|<code>", or "bw:<database>|name=..|location=..|unit=.."
        # when linked by name; lcacompare.lca.linked resolves it in the user's project.
        database = ref.database or case.context.background.database or ""
        if ref.code:
            activity_key = f"bw:{database}|{ref.code}"
        else:
            activity_key = f"bw:{database}|name={ref.name}|location={ref.location or ''}|unit={ref.unit or ''}"
        return LineInfo(
            option.id,
            j,
            line.module,
            line.per,
            ref.code or ref.name or "",
            activity_key,
            ref.name or ref.code or "",
            (brightway_unit(ref.unit) or ref.unit) if ref.unit else "",
            "linked",
            ref.location or "",
            line.stream,
            1.0 if line.virgin_fraction is None else line.virgin_fraction,
            None,
            line,
            (ref.database or "", ref.code or "") if ref.code else None,
        )
    geography = line.location or case.context.country
    if line.location is not None and line.location not in datasets.geographies("factors"):
        problems.append(
            Problem(
                f"options[{i}].inventory[{j}].location",
                f"no emission factors for location {line.location!r}",
                "a geography of datasets/factors: " + ", ".join(datasets.geographies("factors")),
                "unknown-geography",
                case.line_of("options", i, "inventory", j, "location"),
            )
        )
        return None
    factor = datasets.factor(line.activity, geography)
    if factor is None:
        known = ", ".join(datasets.factor_ids()[:60])
        problems.append(
            Problem(
                where,
                f"unknown activity {line.activity!r} for {geography} (or EU, GLO)",
                f"an id from datasets/factors: {known}",
                "unknown-activity",
                lineno(),
            )
        )
        return None
    if factor.category == CREDIT and line.module != "D":
        problems.append(
            Problem(
                where,
                f"{line.activity!r} is a credit (an avoided burden) but the line is in module {line.module}",
                "module D for a credit row (credits are reported apart, never in the total)",
                "credit-in-module-d",
                lineno(),
            )
        )
        return None
    virgin = (
        line.virgin_fraction if line.virgin_fraction is not None else (1.0 if factor.category == "material" else 0.0)
    )
    return LineInfo(
        option.id,
        j,
        line.module,
        line.per,
        factor.id,
        factor.code,
        factor.name,
        factor.unit,
        factor.category,
        factor.geography,
        line.stream,
        virgin,
        factor,
        line,
    )
