"""Value checks of a compiled case: every amount evaluated once at its default value.

Units, ranges, signs, distribution bounds and per-use bounds are checked here; each problem is
appended to the caller's list with its field, message, hint, rule and line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any, Protocol, cast

import numpy as np
import pint
from pint.facets.plain import PlainUnit

from lcacompare.compile.amounts import Value, names_in, strip_quantity
from lcacompare.compile.currencies import Conversion, unknown_currency
from lcacompare.compile.per_use import MAX_PER_USE, BasisFactors
from lcacompare.compile.references import CostInfo, LineInfo
from lcacompare.currency import ExchangeRates
from lcacompare.errors import Problem
from lcacompare.expressions import ExpressionError
from lcacompare.model.case import Case, Option
from lcacompare.units import UnitError, currency_of, parse_unit, read_unit, ureg

__all__ = ["check_values", "Draft"]

_PLAIN = ureg.Unit("")
_EUR = ureg.Unit("EUR")


class Draft(Protocol):
    """What the checks read of a case being compiled."""

    @property
    def case(self) -> Case:
        """The case being compiled."""

    @property
    def parameter_order(self) -> Sequence[str]:
        """Parameters in dependency order."""

    @property
    def lines(self) -> Mapping[str, Sequence[LineInfo]]:
        """Per option, its resolved inventory lines."""

    @property
    def costs(self) -> Mapping[str, Sequence[CostInfo]]:
        """Per option, its cost lines."""

    def amount(self, text: Any, values: Mapping[str, Any]) -> Any:
        """One amount evaluated with the given parameter values (a pint quantity or a :class:`Value`)."""

    def basis_factors(self, option: Option, values: Mapping[str, Any]) -> BasisFactors:
        """The option's basis factors at the given parameter values."""

    @property
    def rates(self) -> ExchangeRates:
        """The exchange-rate table."""

    def convert(self, option_id: str, cost: CostInfo, currency: str, field_path: str) -> Conversion | Problem:
        """The conversion of a cost line in ``currency`` to euro (recorded), or the problem."""


def _distribution_order(case: Case, name: str, kind: str, bounds: dict[str, float], value: Any) -> list[Problem]:
    """Rule distribution-fields: bounds in order, a positive spread, the value inside the range."""
    where = f"parameters.{name}.distribution"
    low, mode, high = bounds.get("min"), bounds.get("mode"), bounds.get("max")
    if kind == "normal" and bounds.get("sd") is not None and not bounds["sd"] >= 0:  # sd 0 states a certain value
        return [
            Problem(
                f"{where}.sd",
                f"sd is {bounds['sd']:g}",
                "a standard deviation >= 0",
                "distribution-fields",
                case.line_of("parameters", name, "distribution"),
            )
        ]
    if low is None or high is None:
        return []
    if not low < high:
        return [
            Problem(
                where,
                f"min {low:g} is not below max {high:g}",
                "min < max",
                "distribution-fields",
                case.line_of("parameters", name, "distribution"),
            )
        ]
    if mode is not None and not low <= mode <= high:
        return [
            Problem(
                f"{where}.mode",
                f"mode {mode:g} is outside [{low:g}, {high:g}]",
                "min <= mode <= max",
                "distribution-fields",
                case.line_of("parameters", name, "distribution"),
            )
        ]
    try:
        central = float(np.asarray(value.magnitude, dtype=float))
    except (TypeError, ValueError):
        return []
    if not low <= central <= high:
        return [
            Problem(
                f"parameters.{name}.value",
                f"value {central:g} is outside its distribution's range [{low:g}, {high:g}]",
                "a value between min and max",
                "distribution-fields",
                case.line_of("parameters", name, "value"),
            )
        ]
    return []


def _per_use_bound(value: Any, unit: str, field_path: str, lineno: int | None) -> list[Problem]:
    """Rule per-use-bound: a per-use number is finite and at most :data:`MAX_PER_USE` in size.

    Larger numbers mean a mistyped input (no product uses 10**12 kg or EUR of anything per use)
    and overflow the squares of the Monte Carlo statistics.
    """
    if type(value) is float and abs(value) <= MAX_PER_USE:  # one number: no numpy call
        return []
    with np.errstate(over="ignore", invalid="ignore"):
        size = np.abs(np.asarray(value, dtype=float))
        if np.all(size <= MAX_PER_USE):  # False for NaN
            return []
    shown = f"{float(np.max(size)):.3g}" if size.size else "?"
    return [
        Problem(
            field_path,
            f"gives {shown} {unit} per use, beyond {MAX_PER_USE:.0e}",
            f"an amount giving at most {MAX_PER_USE:.0e} {unit} per use (check its unit and the numbers it uses)",
            "per-use-bound",
            lineno,
        )
    ]


def _cycle_share_bound(case: Case, i: int, factors: BasisFactors) -> list[Problem]:
    """Rule per-use-bound for the cycle share ``1 / (capacity * fill_rate)`` of an option."""
    problems = _per_use_bound(factors.cycle, "cycles", f"options[{i}].cycle.capacity", None)
    if not problems:
        return []
    hint = "a capacity of at least a few items (or kg, or L) per cycle"
    line = case.line_of("options", i, "cycle", "capacity")
    return [Problem(p.field, p.message, hint, p.rule, line) for p in problems]


def _cost_per_use_factor(case: Case, basis: str, factors: BasisFactors) -> Any:
    """Roughly what one EUR of a cost line on ``basis`` is per use (for the per-use bound only)."""
    context = case.context
    if basis == "year":
        return 1.0 / context.annual_uses
    if basis == "contract":
        return 1.0 / (context.annual_uses * context.horizon_years)
    return factors.of(basis)


def _any_negative(value: Any) -> bool:
    """Whether any of the numbers is negative (one float checked without numpy)."""
    return value < 0 if type(value) is float else bool(np.any(np.asarray(value) < 0))


def _cost_sign(info: CostInfo, eur: np.ndarray, field_path: str, lineno: int | None) -> list[Problem]:
    """Rule negative-cost: costs are not negative unless the line is a credit (or a residual value).

    A ``residual`` line counts as a credit whatever its sign (:mod:`lcacompare.cost.cashflow`); a
    line with ``credit: true`` is money received, so its amount is negative or zero.
    """
    if info.category == "residual":
        return []
    if info.line.credit and np.any(eur > 0):
        message, hint = f"a credit line with a positive amount {eur.tolist()} EUR", "a negative amount for a credit"
    elif not info.line.credit and np.any(eur < 0):
        message = f"negative cost {eur.tolist()} EUR"
        hint = "a non-negative amount, or 'credit: true' on a line of money received (or category residual)"
    else:
        return []
    return [Problem(field_path, message, hint, "negative-cost", lineno)]


# Count units (lcacompare.units) that name a basis: an amount "per" one of them belongs on that basis.
_BASIS_COUNTS: Mapping[str, tuple[str, ...]] = {"use": ("use", "procedure"), "cycle": ("cycle", "load", "wash")}


def _basis_contradiction(quantity: pint.Quantity, basis: str) -> str | None:
    """The count unit dividing ``quantity`` that names another basis than ``basis`` (``per:``), if any.

    Count units are plain numbers, so ``"18.7 kWh/cycle"`` converts to kWh without complaint; on a
    ``per: use`` line it would then count a whole cycle's energy for every use.

    Examples
    --------
    >>> _basis_contradiction(ureg.Quantity(18.7, "kWh/cycle"), "use")
    'cycle'
    >>> _basis_contradiction(ureg.Quantity(18.7, "kWh/cycle"), "cycle") is None
    True
    """
    return _count_against_basis(quantity.units, basis)


@lru_cache(maxsize=4096)
def _count_against_basis(unit: PlainUnit, basis: str) -> str | None:
    for unit_name, exponent in ureg.Quantity(1, unit).unit_items():
        if cast(float, exponent) < 0 and any(
            unit_name in counts for other, counts in _BASIS_COUNTS.items() if other != basis
        ):
            return unit_name
    return None


def _uses_failed(amount: Any, failed: set[str]) -> bool:
    """Whether an amount refers to a parameter that could not be evaluated (its problem is reported once)."""
    if not failed or not isinstance(amount, str):
        return False
    try:
        return bool(names_in(amount) & failed)
    except ExpressionError:
        return False


def check_values(compiled: Draft, problems: list[Problem]) -> dict[str, pint.Quantity | Value]:
    """Evaluate every amount once at its default value, collecting unit and range problems.

    A parameter that cannot be evaluated is reported once, at its own field; amounts that use it
    (directly or through other parameters) are skipped instead of each reporting NaN.

    Returns
    -------
    dict of str to pint.Quantity
        The default value of every parameter that could be evaluated.
    """
    case = compiled.case
    values: dict[str, pint.Quantity | Value] = {}
    failed = set(case.parameters) - set(compiled.parameter_order)  # all of them, after a circular definition
    reported = {problem.field for problem in problems}
    for name in compiled.parameter_order:
        param = case.parameters[name]
        if _uses_failed(param.value, failed):
            failed.add(name)
            continue
        try:
            unit = read_unit(param.unit) if param.unit else None
        except UnitError as exc:
            problems.append(
                Problem(
                    f"parameters.{name}.unit",
                    str(exc),
                    "a unit in ASCII such as kg, kWh or t*km, without a number",
                    "unit",
                    case.line_of("parameters", name, "unit"),
                )
            )
            failed.add(name)
            continue
        try:
            value: Any = compiled.amount(param.value, values)
            if unit is not None:
                value = Value(strip_quantity(value, unit), unit)
            values[name] = value
        except (ExpressionError, pint.DimensionalityError, pint.UndefinedUnitError) as exc:
            if f"parameters.{name}.value" not in reported:  # not already refused when ordering parameters
                problems.append(
                    Problem(
                        f"parameters.{name}.value",
                        str(exc),
                        "a quantity such as '18.7 kWh' or an expression over parameters",
                        "expression",
                        case.line_of("parameters", name, "value"),
                    )
                )
            failed.add(name)
            continue
        dist = param.distribution
        if dist is not None:
            bounds: dict[str, float] = {}
            for key in ("sd", "min", "mode", "max"):
                bound = getattr(dist, key)
                if bound is None:
                    continue
                try:
                    bounds[key] = float(strip_quantity(compiled.amount(bound, {}), value.units))
                except (ExpressionError, pint.DimensionalityError, TypeError) as exc:
                    problems.append(
                        Problem(
                            f"parameters.{name}.distribution.{key}",
                            f"{exc}",
                            f"a quantity in the unit of the value ({value.units:~})",
                            "unit",
                            case.line_of("parameters", name, "distribution", key),
                        )
                    )
            problems.extend(_distribution_order(case, name, dist.type, bounds, value))

    def unit_text(quantity: pint.Quantity) -> str:
        return f"{quantity.units:~}" or "no unit (a plain number)"

    def plain_number(i: int, name: str, amount: Any, hint: str) -> Any:
        """Value of an option field that must be a plain number, or None after recording a problem."""
        if _uses_failed(amount, failed):
            return None
        try:
            quantity = compiled.amount(amount, values)
            return np.asarray(strip_quantity(quantity, _PLAIN), dtype=float)
        except pint.DimensionalityError:
            message = f"{amount!r} has unit {unit_text(quantity)}, not a plain number"
        except (ExpressionError, pint.UndefinedUnitError) as exc:
            message = str(exc)
        lineno = case.line_of("options", i, *name.split("."))
        problems.append(Problem(f"options[{i}].{name}", message, hint, "reusable-fields", lineno))
        return None

    for i, option in enumerate(case.options):
        prefix = f"options[{i}]"
        found_before = len(problems)
        if option.kind == "reusable":
            if option.uses_per_life is not None:
                uses = plain_number(i, "uses_per_life", option.uses_per_life, "a number >= 1")
                if uses is not None and not np.all(uses >= 1):
                    problems.append(
                        Problem(
                            f"{prefix}.uses_per_life",
                            f"uses_per_life is {uses.tolist()}",
                            "a number >= 1",
                            "reusable-fields",
                            case.line_of("options", i, "uses_per_life"),
                        )
                    )
            if option.loss_rate is not None:
                loss = plain_number(i, "loss_rate", option.loss_rate, "a number in [0, 1)")
                if loss is not None and not np.all((loss >= 0) & (loss < 1)):
                    problems.append(
                        Problem(
                            f"{prefix}.loss_rate",
                            f"loss_rate is {loss.tolist()}",
                            "a number in [0, 1)",
                            "loss-rate-range",
                            case.line_of("options", i, "loss_rate"),
                        )
                    )
        if option.cycle is not None:
            cycle = option.cycle
            if cycle.allocation == "count":
                capacity = plain_number(i, "cycle.capacity", cycle.capacity, "a positive number of items")
            else:
                capacity = plain_number(
                    i,
                    "cycle.capacity",
                    f"({cycle.capacity}) / ({cycle.item_size})",
                    f"capacity and item_size in units of the same {cycle.allocation}",
                )
            if capacity is not None and not np.all(capacity > 0):
                problems.append(
                    Problem(
                        f"{prefix}.cycle.capacity",
                        "capacity must be positive",
                        "a positive capacity",
                        "cycle-sharing",
                        case.line_of("options", i, "cycle", "capacity"),
                    )
                )
        factors: BasisFactors | None = None
        option_fields = (
            option.uses_per_life,
            option.loss_rate,
            *((option.cycle.capacity, option.cycle.item_size) if option.cycle else ()),
        )
        if len(problems) == found_before and not any(_uses_failed(amount, failed) for amount in option_fields):
            try:
                factors = compiled.basis_factors(option, values)
                too_large = _cycle_share_bound(case, i, factors)
                if too_large:  # named at the capacity once, not again at every per-cycle line
                    problems.extend(too_large)
                    factors = factors.without_cycle()
            except (ExpressionError, pint.DimensionalityError, ZeroDivisionError, FloatingPointError) as exc:
                problems.append(
                    Problem(
                        prefix,
                        f"cannot compute per-use factors: {exc}",
                        "uses_per_life and cycle.capacity as plain numbers, item_size in the unit of capacity",
                        "reusable-fields",
                        case.line_of("options", i),
                    )
                )
        for info in compiled.lines[option.id]:
            field_path = f"{prefix}.inventory[{info.index}].amount"
            lineno = None  # looked up only for a problem (below): line_of walks the YAML nodes
            found_here = len(problems)
            if _uses_failed(info.line.amount, failed):
                continue
            try:
                quantity = compiled.amount(info.line.amount, values)
                _check_basis(quantity, info.line.amount, info.basis, field_path, lineno, problems)
                magnitude = (
                    strip_quantity(quantity, parse_unit(info.activity_unit))
                    if info.activity_unit
                    else quantity.magnitude
                )
                if factors is not None:
                    shown = str(info.activity_unit or "units")
                    problems.extend(_per_use_bound(magnitude * factors.of(info.basis), shown, field_path, lineno))
                if info.module != "D" and _any_negative(magnitude):
                    problems.append(
                        Problem(
                            field_path,
                            f"negative amount {quantity:~}",
                            "a non-negative amount (credits go in module D)",
                            "negative-amount",
                            lineno,
                        )
                    )
            except pint.DimensionalityError:
                problems.append(
                    Problem(
                        field_path,
                        f"{info.line.amount!r} has unit {unit_text(quantity)}, not compatible with the activity's unit",
                        f"an amount in {info.activity_unit} (activity {info.activity_id!r})",
                        "unit",
                        lineno,
                    )
                )
            except (ExpressionError, pint.UndefinedUnitError) as exc:
                problems.append(
                    Problem(
                        field_path,
                        str(exc),
                        f"an amount in {info.activity_unit or 'the activity unit'}",
                        "expression",
                        lineno,
                    )
                )
            _locate(problems, found_here, case, "options", i, "inventory", info.index, "amount")
        for cost in compiled.costs[option.id]:
            field_path = f"{prefix}.costs[{cost.index}].amount"
            lineno = None
            found_here = len(problems)
            if _uses_failed(cost.line.amount, failed):
                continue
            try:
                quantity = compiled.amount(cost.line.amount, values)
                _check_basis(quantity, cost.line.amount, cost.basis, field_path, lineno, problems)
                currency = currency_of(quantity.units) if isinstance(quantity, pint.Quantity | Value) else None
                if currency is not None:
                    conversion = compiled.convert(option.id, cost, currency, field_path)
                    if isinstance(conversion, Problem):
                        problems.append(conversion)
                        _locate(problems, found_here, case, "options", i, "costs", cost.index, "amount")
                        continue
                    quantity = conversion.to_eur(strip_quantity(quantity, conversion.unit)) * ureg.Unit("EUR")
                eur = np.asarray(strip_quantity(quantity, _EUR), dtype=float)
                problems.extend(_cost_sign(cost, eur, field_path, lineno))
                if factors is not None:
                    per_use = eur * _cost_per_use_factor(case, cost.basis, factors)
                    problems.extend(_per_use_bound(per_use, "EUR", field_path, lineno))
            except pint.DimensionalityError:
                problems.append(
                    Problem(
                        field_path,
                        f"{cost.line.amount!r} has unit {unit_text(quantity)}, not money",
                        "an amount in EUR (e.g. '0.95 EUR' or 'mass * price(\"waste-risk-bearing\")')",
                        "unit",
                        lineno,
                    )
                )
            except (ExpressionError, pint.UndefinedUnitError) as exc:
                unknown = unknown_currency(str(cost.line.amount), field_path, lineno, lambda: compiled.rates)
                problems.append(unknown or Problem(field_path, str(exc), "an amount in EUR", "expression", lineno))
            _locate(problems, found_here, case, "options", i, "costs", cost.index, "amount")
    return values


def _locate(problems: list[Problem], start: int, case: Case, *where: str | int) -> None:
    """Give the problems found since ``start`` the line of ``where`` in the case file."""
    if len(problems) > start:
        line = case.line_of(*where)
        problems[start:] = [replace(p, line=line) if p.line is None else p for p in problems[start:]]


def _check_basis(
    quantity: pint.Quantity, amount: Any, basis: str, field_path: str, lineno: int | None, problems: list[Problem]
) -> None:
    """Rule basis-unit: an amount per cycle (``kWh/cycle``) on a ``per: use`` line, and the like, is refused."""
    count = _basis_contradiction(quantity, basis)
    if count is not None:
        problems.append(
            Problem(
                field_path,
                f"the unit of {amount!r} is per {count}, which contradicts per: {basis}",
                f"an amount per {basis} without '/{count}', or the line on the basis its unit names",
                "basis-unit",
                lineno,
            )
        )
