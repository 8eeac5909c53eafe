"""Evaluate a case's parameters and amounts with units into per-use numbers.

:class:`CompiledCase` is built once per case (references resolved, dimensions checked, every
problem collected) and then evaluated for any set of parameter values: plain values for the
deterministic result, numpy arrays of samples for Monte Carlo, one pass for all samples.

Per-use arithmetic (LCAC-HC/1):

* ``per: use`` lines count once per use;
* ``per: cycle`` lines are shared by the items of a cycle: ``1 / (capacity * fill_rate)`` for
  count allocation, ``item_size / (capacity * fill_rate)`` for mass or volume allocation;
* ``per: life`` lines are divided by the expected uses of an item retired after ``N`` uses and lost
  with probability ``l`` at each use, ``E = (1 - (1 - l)**N) / l`` (``E = N`` when ``l = 0``).
"""

from __future__ import annotations

import graphlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pint

from lcacompare.datasets import CREDIT, Datasets, Factor, Price
from lcacompare.errors import CaseError, Problem
from lcacompare.expressions import ExpressionError, evaluate, referenced_names
from lcacompare.method.rules import check_rules
from lcacompare.method.spec import MethodSpec, load_method
from lcacompare.model.case import ActivityRef, Case, CostLine, InventoryLine, Option
from lcacompare.units import UnitError, parse_unit, read_unit, ureg

__all__ = ["LineInfo", "CostInfo", "CompiledCase", "compile_case", "expected_uses", "MAX_PER_USE"]

Values = Mapping[str, pint.Quantity]
MAX_PER_USE = 1e12
"""Largest per-use number accepted (kg, kWh, L, EUR ... per use, and cycles per use)."""


def expected_uses(uses_per_life: Any, loss_rate: Any) -> Any:
    """Expected uses of an item: ``E = (1 - (1 - l)**N) / l``, ``E = N`` when ``l = 0``.

    Parameters
    ----------
    uses_per_life : float or ndarray
        N, uses before planned retirement.
    loss_rate : float or ndarray
        l, probability of loss or scrap at each use, in [0, 1).

    Returns
    -------
    float or ndarray
        E, broadcast over the inputs.

    Examples
    --------
    >>> expected_uses(100, 0.0)
    100.0
    >>> round(float(expected_uses(100, 0.01)), 3)
    63.397
    """
    n = np.asarray(uses_per_life, dtype=float)
    loss = np.asarray(loss_rate, dtype=float)
    lossy = loss > 0
    with_loss: Any = 0.0  # not used where l = 0
    if lossy.any():
        safe = np.where(lossy, loss, 1.0)
        # -expm1(N*log1p(-l)) is 1-(1-l)^N without cancellation for tiny l (in place: one array).
        with np.errstate(divide="ignore", invalid="ignore"):
            with_loss = np.asarray(n * np.log1p(-np.where(lossy, loss, 0.0)))
            np.expm1(with_loss, out=with_loss)
            np.negative(with_loss, out=with_loss)
            np.divide(with_loss, safe, out=with_loss)
    result = np.where(lossy, with_loss, n)
    return float(result) if result.ndim == 0 else result


def _per_life(uses_per_life: Any, loss_rate: Any) -> dict[str, Any]:
    """The basis factors of a reusable option that depend on N: ``life`` (1 / E), ``uses``, ``loss_rate``."""
    return {"life": 1.0 / expected_uses(uses_per_life, loss_rate), "uses": uses_per_life, "loss_rate": loss_rate}


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


@dataclass
class CompiledCase:
    """A validated case ready to be evaluated many times."""

    case: Case
    method: MethodSpec
    datasets: Datasets
    parameter_order: list[str]
    lines: dict[str, list[LineInfo]]
    costs: dict[str, list[CostInfo]]
    prices_used: dict[str, Price] = field(default_factory=dict)

    @property
    def option_ids(self) -> list[str]:
        """Option ids in case order."""
        return [option.id for option in self.case.options]

    # -- evaluation -------------------------------------------------------------------------
    def parameter_values(self, overrides: Values | None = None) -> dict[str, pint.Quantity]:
        """Evaluate parameters in dependency order; ``overrides`` replace named values."""
        overrides = overrides or {}
        values: dict[str, pint.Quantity] = {}
        for name in self.parameter_order:
            if name in overrides:
                values[name] = overrides[name]
                continue
            param = self.case.parameters[name]
            value = evaluate(param.value, values, self._functions())
            if param.unit:
                value = value.to(parse_unit(param.unit))
            values[name] = value
        return values

    def _functions(self) -> dict[str, Any]:
        def price(price_id: str) -> pint.Quantity:
            found = self.datasets.price(str(price_id), self.case.context.country)
            if found is None:
                raise ExpressionError(f"unknown price {price_id!r} for {self.case.context.country}")
            self.prices_used[found.id] = found
            return found.quantity()

        return {"price": price}

    def amount(self, text: Any, values: Values) -> pint.Quantity:
        """Evaluate one amount with the given parameter values."""
        return evaluate(text, values, self._functions())

    def basis_factors(self, option: Option, values: Values, uses_per_life: Any = None) -> dict[str, Any]:
        """Multipliers turning a per-use / per-cycle / per-life amount into a per-use amount.

        Parameters
        ----------
        option : Option
            The option.
        values : mapping
            Parameter values (scalars or arrays of samples).
        uses_per_life : float or ndarray, optional
            Overrides the option's N (for break-even curves and sampling).

        Returns
        -------
        dict
            ``use``, ``cycle``, ``life`` multipliers, plus ``uses`` (N) and ``loss_rate`` (l).
        """
        plain = parse_unit("")
        factors: dict[str, Any] = {"use": 1.0, "cycle": 0.0, "life": 1.0}
        if option.kind == "reusable":
            n = self.amount(option.uses_per_life, values).m_as(plain) if uses_per_life is None else uses_per_life
            loss = self.amount(option.loss_rate if option.loss_rate is not None else 0, values).m_as(plain)
            factors.update(_per_life(n, loss))
        else:
            factors["uses"] = 1.0
            factors["loss_rate"] = 0.0
        if option.cycle is not None:
            cycle = option.cycle
            capacity = self.amount(cycle.capacity, values)
            if cycle.allocation == "count":
                share = 1.0 / (capacity.m_as(plain) * cycle.fill_rate)
            else:
                share = (self.amount(cycle.item_size, values) / capacity).m_as(plain) / cycle.fill_rate
            factors["cycle"] = share
        return factors

    @staticmethod
    def factors_at_uses(option: Option, factors: Mapping[str, Any], uses_per_life: Any) -> dict[str, Any]:
        """Basis factors with the option's N replaced, without evaluating any amount again.

        Parameters
        ----------
        option : Option
            The option ``factors`` belong to.
        factors : mapping
            From :meth:`basis_factors` (any N; its ``loss_rate`` and ``cycle`` are kept).
        uses_per_life : float or ndarray or None
            The new N; None keeps ``factors`` as they are. Ignored for a single-use option.

        Returns
        -------
        dict
            What :meth:`basis_factors` returns for the same values with ``uses_per_life``.
        """
        if uses_per_life is None or option.kind != "reusable":
            return dict(factors)
        return {**factors, **_per_life(uses_per_life, factors["loss_rate"])}

    def inventory_per_use(
        self, values: Values | None = None, uses_per_life: Mapping[str, Any] | None = None
    ) -> dict[str, np.ndarray]:
        """Amount per use of every inventory line, in the activity's unit.

        Parameters
        ----------
        values : mapping, optional
            Parameter values (scalars or arrays of samples); default the case's values.
        uses_per_life : mapping of option id to N, optional
            Overrides N for some reusable options.

        Returns
        -------
        dict of str to ndarray
            Per option, an array of shape ``(lines,)`` or ``(lines, samples)`` when parameter
            values are arrays.
        """
        values = values if values is not None else self.parameter_values()
        overrides = uses_per_life or {}
        out: dict[str, np.ndarray] = {}
        for option in self.case.options:
            factors = self.basis_factors(option, values, overrides.get(option.id))
            out[option.id] = self.lines_per_use(option.id, self.inventory_amounts(option.id, values), factors)
        return out

    def inventory_amounts(self, option_id: str, values: Values) -> list[Any]:
        """Amount of every inventory line of an option on its own basis, in the activity's unit.

        Parameters
        ----------
        option_id : str
            The option.
        values : mapping
            Parameter values (scalars or arrays of samples).

        Returns
        -------
        list of float or ndarray
            One magnitude per line of ``lines[option_id]``, not yet multiplied by its basis factor.
        """
        return [
            self.amount(info.line.amount, values).m_as(parse_unit(info.activity_unit)) for info in self.lines[option_id]
        ]

    def lines_per_use(self, option_id: str, amounts: list[Any], factors: Mapping[str, Any]) -> np.ndarray:
        """Amount per use of every inventory line of an option: its amount times its basis factor.

        Parameters
        ----------
        option_id : str
            The option.
        amounts : list
            From :meth:`inventory_amounts`.
        factors : mapping
            From :meth:`basis_factors` (or :meth:`factors_at_uses`).

        Returns
        -------
        ndarray
            Shape ``(lines,)``, or ``(lines, ...)`` when amounts or factors are arrays.
        """
        rows = [
            np.asarray(amount * factors[info.basis], dtype=float)
            for amount, info in zip(amounts, self.lines[option_id], strict=True)
        ]
        return np.stack(np.broadcast_arrays(*rows)) if rows else np.zeros((0,))

    def cost_amounts(self, values: Values | None = None) -> dict[str, list[tuple[CostInfo, Any]]]:
        """EUR amount of every cost line on its own basis (not yet per use)."""
        values = values if values is not None else self.parameter_values()
        eur = parse_unit("EUR")
        return {
            option.id: [(info, self.amount(info.line.amount, values).m_as(eur)) for info in self.costs[option.id]]
            for option in self.case.options
        }


def _parameter_order(case: Case, problems: list[Problem]) -> list[str]:
    graph: dict[str, set[str]] = {}
    for name, param in case.parameters.items():
        try:
            refs = referenced_names(str(param.value)) if isinstance(param.value, str) else set()
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
        try:
            ureg.Unit(name)
            problems.append(
                Problem(
                    f"parameters.{name}",
                    f"parameter name {name!r} is also a unit",
                    "a name that is not a unit",
                    "parameter-name",
                    case.line_of("parameters", name),
                )
            )
        except (pint.UndefinedUnitError, ValueError, AttributeError, TypeError):
            pass
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


def _check_country(case: Case, datasets: Datasets) -> list[Problem]:
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


def _resolve_line(
    case: Case, datasets: Datasets, option: Option, i: int, j: int, line: InventoryLine, problems: list[Problem]
) -> LineInfo | None:
    where = f"options[{i}].inventory[{j}].activity"
    lineno = case.line_of("options", i, "inventory", j, "activity")
    if isinstance(line.activity, ActivityRef):
        if case.context.background is None:
            problems.append(
                Problem(
                    where,
                    "a Brightway activity reference needs context.background (project)",
                    "context: {background: {project: NAME}}",
                    "background",
                    lineno,
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
                lineno,
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
                lineno,
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


def compile_case(case: Case, datasets: Datasets, method: MethodSpec | None = None) -> CompiledCase:
    """Check a case against the method, units and datasets, and prepare it for evaluation.

    Parameters
    ----------
    case : Case
        A case whose shape is valid (from :func:`lcacompare.load_case`).
    datasets : Datasets
        Emission factors and prices.
    method : MethodSpec, optional
        The harmonised method; by default the one the case names, or LCAC-HC/1.

    Returns
    -------
    CompiledCase

    Raises
    ------
    CaseError
        Listing every problem found (method rules, units, references, values out of range).
    """
    problems: list[Problem] = []
    if method is None:
        try:
            method = load_method(case.method)
        except KeyError:
            method = load_method()
    problems += check_rules(case, method)
    problems += _check_country(case, datasets)
    order = _parameter_order(case, problems)
    lines: dict[str, list[LineInfo]] = {}
    costs: dict[str, list[CostInfo]] = {}
    for i, option in enumerate(case.options):
        lines[option.id] = []
        for j, line in enumerate(option.inventory):
            info = _resolve_line(case, datasets, option, i, j, line, problems)
            if info is not None:
                lines[option.id].append(info)
        costs[option.id] = [CostInfo(option.id, j, c.category, c.per, c.year, c) for j, c in enumerate(option.costs)]
    compiled = CompiledCase(case, method, datasets, order, lines, costs)
    # Values are checked even when rules failed, so one run lists every problem.
    _check_values(compiled, problems)
    if problems:
        raise CaseError(case.path, problems)
    return compiled


def _distribution_order(case: Case, name: str, kind: str, bounds: dict[str, float], value: Any) -> list[Problem]:
    """Rule distribution-fields: bounds in order, a positive spread, the value inside the range."""
    where = f"parameters.{name}.distribution"
    line = case.line_of("parameters", name, "distribution")
    low, mode, high = bounds.get("min"), bounds.get("mode"), bounds.get("max")
    if kind == "normal" and bounds.get("sd") is not None and not bounds["sd"] >= 0:  # sd 0 states a certain value
        return [
            Problem(f"{where}.sd", f"sd is {bounds['sd']:g}", "a standard deviation >= 0", "distribution-fields", line)
        ]
    if low is None or high is None:
        return []
    if not low < high:
        return [Problem(where, f"min {low:g} is not below max {high:g}", "min < max", "distribution-fields", line)]
    if mode is not None and not low <= mode <= high:
        return [
            Problem(
                f"{where}.mode",
                f"mode {mode:g} is outside [{low:g}, {high:g}]",
                "min <= mode <= max",
                "distribution-fields",
                line,
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


def _cycle_share_bound(case: Case, i: int, factors: Mapping[str, Any]) -> list[Problem]:
    """Rule per-use-bound for the cycle share ``1 / (capacity * fill_rate)`` of an option."""
    problems = _per_use_bound(factors["cycle"], "cycles", f"options[{i}].cycle.capacity", None)
    hint = "a capacity of at least a few items (or kg, or L) per cycle"
    line = case.line_of("options", i, "cycle", "capacity")
    return [Problem(p.field, p.message, hint, p.rule, line) for p in problems]


def _cost_per_use_factor(case: Case, basis: str, factors: Mapping[str, Any]) -> Any:
    """Roughly what one EUR of a cost line on ``basis`` is per use (for the per-use bound only)."""
    context = case.context
    if basis == "year":
        return 1.0 / context.annual_uses
    if basis == "contract":
        return 1.0 / (context.annual_uses * context.horizon_years)
    return factors[basis]


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
    for unit_name, exponent in quantity.unit_items():
        if exponent < 0 and any(unit_name in counts for other, counts in _BASIS_COUNTS.items() if other != basis):
            return unit_name
    return None


def _uses_failed(amount: Any, failed: set[str]) -> bool:
    """Whether an amount refers to a parameter that could not be evaluated (its problem is reported once)."""
    if not failed or not isinstance(amount, str):
        return False
    try:
        return bool(referenced_names(amount) & failed)
    except ExpressionError:
        return False


def _check_values(compiled: CompiledCase, problems: list[Problem]) -> None:
    """Evaluate every amount once at its default value, collecting unit and range problems.

    A parameter that cannot be evaluated is reported once, at its own field; amounts that use it
    (directly or through other parameters) are skipped instead of each reporting NaN.
    """
    case = compiled.case
    values: dict[str, pint.Quantity] = {}
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
            value = compiled.amount(param.value, values)
            if unit is not None:
                value = value.to(unit)
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
                    bounds[key] = float(compiled.amount(bound, {}).m_as(value.units))
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
        lineno = case.line_of("options", i, *name.split("."))
        if _uses_failed(amount, failed):
            return None
        try:
            quantity = compiled.amount(amount, values)
            return np.asarray(quantity.m_as(""), dtype=float)
        except pint.DimensionalityError:
            message = f"{amount!r} has unit {unit_text(quantity)}, not a plain number"
        except (ExpressionError, pint.UndefinedUnitError) as exc:
            message = str(exc)
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
        factors: dict[str, Any] | None = None
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
                    factors["cycle"] = 0.0
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
            lineno = case.line_of("options", i, "inventory", info.index, "amount")
            if _uses_failed(info.line.amount, failed):
                continue
            try:
                quantity = compiled.amount(info.line.amount, values)
                _check_basis(quantity, info.line.amount, info.basis, field_path, lineno, problems)
                magnitude = quantity.m_as(info.activity_unit) if info.activity_unit else quantity.magnitude
                if factors is not None:
                    unit = info.activity_unit or "units"
                    problems.extend(_per_use_bound(magnitude * factors[info.basis], unit, field_path, lineno))
                if info.module != "D" and np.any(np.asarray(magnitude) < 0):
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
        for info in compiled.costs[option.id]:
            field_path = f"{prefix}.costs[{info.index}].amount"
            lineno = case.line_of("options", i, "costs", info.index, "amount")
            if _uses_failed(info.line.amount, failed):
                continue
            try:
                quantity = compiled.amount(info.line.amount, values)
                _check_basis(quantity, info.line.amount, info.basis, field_path, lineno, problems)
                eur = np.asarray(quantity.m_as("EUR"), dtype=float)
                problems.extend(_cost_sign(info, eur, field_path, lineno))
                if factors is not None:
                    per_use = eur * _cost_per_use_factor(case, info.basis, factors)
                    problems.extend(_per_use_bound(per_use, "EUR", field_path, lineno))
            except pint.DimensionalityError:
                problems.append(
                    Problem(
                        field_path,
                        f"{info.line.amount!r} has unit {unit_text(quantity)}, not money",
                        "an amount in EUR (e.g. '0.95 EUR' or 'mass * price(\"waste-risk-bearing\")')",
                        "unit",
                        lineno,
                    )
                )
            except (ExpressionError, pint.UndefinedUnitError) as exc:
                problems.append(Problem(field_path, str(exc), "an amount in EUR", "expression", lineno))


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
