"""The one adapter between supplier exchange and the engine.

Everything :mod:`lcacompare.exchange` needs from the engine goes through this module: the shipped
factor ids and their units, a case's figures evaluated on their own basis (to pre-fill a
request), a compile check of an imported case, unit conversion and the comparison itself. When
the engine's internals move (``resolve`` becoming ``compile/``), only this file changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lcacompare.errors import CaseError, Problem

if TYPE_CHECKING:
    from lcacompare.model.case import Case
    from lcacompare.results import Comparison

__all__ = [
    "FactorInfo",
    "EvaluatedLine",
    "EvaluatedCost",
    "EvaluatedOption",
    "factor_catalogue",
    "evaluate_option",
    "check_compiles",
    "convert",
    "unit_dimension_matches",
    "comparison",
    "MethodSummary",
    "method_summary",
]


@dataclass(frozen=True)
class FactorInfo:
    """A shipped emission factor id, its unit (``kg``, ``kWh``, ``t*km``) and category."""

    id: str
    unit: str
    category: str


@dataclass(frozen=True)
class EvaluatedLine:
    """An inventory line of a case with its amount evaluated on its own basis, in ``unit``."""

    module: str
    activity: str
    unit: str
    category: str
    amount: float
    per: str
    stream: str | None
    location: str | None
    virgin_fraction: float | None


@dataclass(frozen=True)
class EvaluatedCost:
    """A cost line with its amount evaluated in EUR on its own basis."""

    category: str
    amount_eur: float
    per: str
    credit: bool
    year: int | None
    note: str | None


@dataclass(frozen=True)
class EvaluatedOption:
    """The figures of one option, as a supplier would give them."""

    id: str
    kind: str
    uses_per_life: float | None
    loss_rate: float | None
    cycle_capacity: float | None
    fill_rate: float | None
    zero_modules: dict[str, str]
    lines: tuple[EvaluatedLine, ...]
    costs: tuple[EvaluatedCost, ...]


def factor_catalogue() -> list[FactorInfo]:
    """The shipped factor ids with their unit and category, sorted by id.

    Returns
    -------
    list of FactorInfo
        One entry per id (an id with several geographies shares one unit).
    """
    from lcacompare.datasets import load_datasets

    seen: dict[str, FactorInfo] = {}
    for factor in load_datasets().factors.values():
        seen.setdefault(factor.id, FactorInfo(factor.id, factor.unit, factor.category))
    return [seen[key] for key in sorted(seen)]


def evaluate_option(case: Case, option_id: str) -> EvaluatedOption:
    """Evaluate one option's amounts with the case's parameter values, each on its own basis.

    Parameters
    ----------
    case : Case
        A validated case whose inventory uses shipped factor ids.
    option_id : str
        The option.

    Returns
    -------
    EvaluatedOption
        Amounts in the activity's unit (lines) and EUR (costs), before basis factors.

    Raises
    ------
    CaseError
        If the case does not compile, or the option's lines are linked to a Brightway project
        (a supplier cannot answer for those) or share cycles by mass or volume.
    """
    from lcacompare.compile import compile_case
    from lcacompare.datasets import load_datasets
    from lcacompare.units import parse_unit

    compiled = compile_case(case, load_datasets())
    option = compiled.case.option(option_id)  # with a reprocessing template expanded into lines
    index = compiled.case.options.index(option)
    problems = [
        Problem(
            f"options[{index}].inventory[{j}].activity",
            "linked to a Brightway activity",
            "a shipped factor id",
            "request-scope",
        )
        for j, line in enumerate(option.inventory)
        if not isinstance(line.activity, str)
    ]
    if option.cycle is not None and option.cycle.allocation != "count":
        problems.append(
            Problem(
                f"options[{index}].cycle.allocation",
                "a request supports cycles shared by count only",
                "count",
                "request-scope",
            )
        )
    if problems:
        raise CaseError(case.path, problems)
    values = compiled.parameter_values()
    plain = parse_unit("")
    amounts = compiled.inventory_amounts(option_id, values)
    lines = tuple(
        EvaluatedLine(
            module=info.module,
            activity=info.activity_id,
            unit=info.activity_unit,
            category=info.category,
            amount=float(amount),
            per=info.basis,
            stream=info.stream,
            location=info.line.location,
            virgin_fraction=info.line.virgin_fraction,
        )
        for info, amount in zip(compiled.lines[option_id], amounts, strict=True)
    )
    costs = tuple(
        EvaluatedCost(info.category, float(eur), info.basis, info.line.credit, info.line.year, info.line.note)
        for info, eur in compiled.cost_amounts(values)[option_id]
    )

    def number(amount: object) -> float | None:
        return None if amount is None else float(compiled.amount(amount, values).m_as(plain))

    reusable = option.kind == "reusable"
    return EvaluatedOption(
        id=option.id,
        kind=option.kind,
        uses_per_life=number(option.uses_per_life) if reusable else None,
        loss_rate=number(option.loss_rate) if reusable else None,
        cycle_capacity=number(option.cycle.capacity) if option.cycle else None,
        fill_rate=option.cycle.fill_rate if option.cycle else None,
        zero_modules={str(k): v for k, v in option.zero_modules.items()},
        lines=lines,
        costs=costs,
    )


def check_compiles(case: Case) -> None:
    """Compile a case against the method and the shipped datasets; raise its problems.

    Raises
    ------
    CaseError
        Every method rule, unit or reference the case breaks.
    """
    from lcacompare.compile import compile_case
    from lcacompare.datasets import load_datasets

    compile_case(case, load_datasets())


def convert(value: float, unit: str, target: str) -> float:
    """Convert ``value`` in ``unit`` to ``target`` (both unit texts the case format accepts).

    Examples
    --------
    >>> convert(500.0, "g", "kg"), convert(2.0, "t*km", "kg*km")
    (0.5, 2000.0)
    """
    from lcacompare.units import parse_unit

    return float((value * parse_unit(unit)).m_as(parse_unit(target)))


def unit_dimension_matches(unit: str, target: str) -> bool:
    """Whether ``unit`` converts to ``target`` (``g`` to ``kg`` yes, ``kWh`` to ``kg`` no).

    Examples
    --------
    >>> unit_dimension_matches("g", "kg"), unit_dimension_matches("kWh", "kg")
    (True, False)
    """
    from lcacompare.units import parse_unit

    try:
        return parse_unit(unit).dimensionality == parse_unit(target).dimensionality
    except Exception:  # noqa: BLE001 - any unreadable unit simply does not match
        return False


def comparison(case: Case, home: str | Path | None = None) -> Comparison:
    """The harmonised per-use comparison of a case (:func:`lcacompare.compare`)."""
    from lcacompare import compare

    return compare(case, home=home)


@dataclass(frozen=True)
class MethodSummary:
    """What a footprint or a check needs to know of the method."""

    id: str
    total_modules: tuple[str, ...]
    reported_apart: tuple[str, ...]
    characterisation: str
    gwp: str
    allocation: str


def method_summary(method_id: str) -> MethodSummary:
    """Id, modules in the total, characterisation reference and allocation rule of the method.

    Returns
    -------
    MethodSummary
        ``gwp`` is ``AR6`` or ``AR5``, read from the characterisation reference.
    """
    from lcacompare.method.spec import load_method

    method = load_method(method_id)
    raw = method.raw
    reference = str(raw["characterisation"].get("reference", ""))
    return MethodSummary(
        id=method.id,
        total_modules=tuple(method.total_modules),
        reported_apart=tuple(method.reported_apart),
        characterisation=reference,
        gwp="AR6" if "AR6" in reference else "AR5",
        allocation=str(raw.get("allocation", {}).get("detail", "")),
    )
