"""The compiled case: a case checked against the method and datasets, frozen, evaluated many times.

:func:`compile_case` resolves every reference, checks every unit and value (collecting every
problem) and parses every amount once into an :class:`~lcacompare.compile.amounts.AmountPlan`.
The :class:`CompiledCase` it returns cannot be changed; :meth:`CompiledCase.evaluate` turns a set
of parameter values (plain values for the deterministic result, numpy arrays of samples for Monte
Carlo) into an :class:`Evaluation`: the plain numbers every later step works with. It is the one
place where units are stripped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
import pint
from pint.facets.plain import PlainUnit

from lcacompare.compile.amounts import AmountPlan, Value, plan_amount, price_ids, strip, strip_quantity
from lcacompare.compile.checks import check_values
from lcacompare.compile.circular import circular_lines
from lcacompare.compile.currencies import Conversion, conversion_for, rates_for
from lcacompare.compile.electricity import apply_market_basis, check_electricity
from lcacompare.compile.own_factors import check_case_factors, own_unit_impacts
from lcacompare.compile.per_use import BasisFactors, count_share, size_share
from lcacompare.compile.references import CostInfo, LineInfo, check_country, parameter_order, resolve_line
from lcacompare.compile.reprocessing import check_template_values, expand_reprocessing
from lcacompare.currency import ExchangeRates
from lcacompare.datasets import Datasets, Price
from lcacompare.errors import CaseError, Problem
from lcacompare.expressions import ExpressionError, evaluate
from lcacompare.method.rules import check_rules
from lcacompare.method.spec import MethodSpec, load_method
from lcacompare.model.case import Case, Option
from lcacompare.units import parse_unit, ureg

__all__ = ["CompiledCase", "Evaluation", "compile_case"]

Values = Mapping[str, pint.Quantity]
_PLAIN = ureg.Unit("")
_EUR = ureg.Unit("EUR")


@dataclass(frozen=True)
class Evaluation:
    """The plain numbers of a compiled case for one set of parameter values.

    Attributes
    ----------
    magnitudes : mapping of str to float or ndarray
        Every parameter, in the unit of ``units``.
    units : mapping of str to PlainUnit
        The unit of every parameter.
    factors : mapping of str to BasisFactors
        Per option, the multipliers from each basis to per use.
    line_amounts : mapping of str to tuple
        Per option, every inventory line's amount on its own basis in its activity's unit, in the
        order of ``CompiledCase.lines``.
    cost_eur : mapping of str to mapping of int to float or ndarray
        Per option, every cost line's EUR amount on its own basis, by cost line index.
    stock_items : mapping of str to float or ndarray or None
        Per option, the given ``stock_items`` (None when not given).
    """

    magnitudes: Mapping[str, Any]
    units: Mapping[str, PlainUnit]
    factors: Mapping[str, BasisFactors]
    line_amounts: Mapping[str, tuple[Any, ...]]
    cost_eur: Mapping[str, Mapping[int, Any]]
    stock_items: Mapping[str, Any]

    @cached_property
    def parameters(self) -> Mapping[str, pint.Quantity]:
        """The parameter values as pint quantities (for reports and messages)."""
        return MappingProxyType({name: ureg.Quantity(m, self.units[name]) for name, m in self.magnitudes.items()})


@dataclass(frozen=True)
class _OptionPlans:
    """The parsed amounts of one option."""

    uses_per_life: AmountPlan | None
    loss_rate: AmountPlan | None
    capacity: AmountPlan | None
    item_size: AmountPlan | None
    size_unit: PlainUnit | None  # unit of item_size / capacity
    stock_items: AmountPlan | Exception | None
    lines: tuple[tuple[AmountPlan, PlainUnit], ...]
    costs: tuple[tuple[int, AmountPlan], ...]


@dataclass(frozen=True)
class _Plans:
    parameters: tuple[tuple[str, AmountPlan, PlainUnit | None], ...]  # name, plan, unit converted to
    options: Mapping[str, _OptionPlans]


def _frozen_mapping(mapping: Mapping[str, Any], wrap: Any = None) -> Mapping[str, Any]:
    if isinstance(mapping, MappingProxyType) and wrap is None:
        return mapping
    return MappingProxyType({key: (wrap(value) if wrap else value) for key, value in mapping.items()})


@dataclass(frozen=True)
class CompiledCase:
    """A validated case ready to be evaluated many times; immutable after compilation.

    Attributes
    ----------
    case : Case
        The case (its fields are read, never changed).
    method : MethodSpec
        The method it was checked against.
    datasets : Datasets
        Emission factors and prices.
    parameter_order : tuple of str
        Parameters in dependency order.
    lines : mapping of str to tuple of LineInfo
        Per option, its resolved inventory lines (read-only).
    costs : mapping of str to tuple of CostInfo
        Per option, its cost lines (read-only).
    prices_used : mapping of str to Price
        Every price row an amount of the case looks up.
    parameter_units : mapping of str to PlainUnit
        The unit of every parameter's magnitude.
    price_units, price_magnitudes : mapping of str to PlainUnit, float
        Every looked-up price (by the id the case writes) as unit and magnitude.
    own_impacts : mapping of str to float
        Kg CO2e per unit of the case's own factors and published lines, by activity key: these
        never enter a background (:mod:`lcacompare.compile.own_factors`).
    conversions : mapping of str to mapping of int to Conversion
        Per option, the exchange rate of every cost line written in another currency, by index.
    """

    case: Case
    method: MethodSpec
    datasets: Datasets
    parameter_order: Sequence[str]
    lines: Mapping[str, Sequence[LineInfo]]
    costs: Mapping[str, Sequence[CostInfo]]
    prices_used: Mapping[str, Price] = field(default_factory=dict)
    parameter_units: Mapping[str, PlainUnit] = field(default_factory=dict)
    price_units: Mapping[str, PlainUnit] = field(default_factory=dict)
    price_magnitudes: Mapping[str, Any] = field(default_factory=dict)
    own_impacts: Mapping[str, float] = field(default_factory=dict)
    conversions: Mapping[str, Mapping[int, Conversion]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Read-only views and tuples, so no later step (a backend, a report) can change the case.
        object.__setattr__(self, "parameter_order", tuple(self.parameter_order))
        object.__setattr__(self, "lines", _frozen_mapping(self.lines, tuple))
        object.__setattr__(self, "costs", _frozen_mapping(self.costs, tuple))
        object.__setattr__(self, "conversions", _frozen_mapping(self.conversions, _frozen_mapping))
        for name in ("prices_used", "parameter_units", "price_units", "price_magnitudes", "own_impacts"):
            object.__setattr__(self, name, _frozen_mapping(getattr(self, name)))

    # -- pickling: read-only views and parsed plans are rebuilt, not pickled ----------------------
    def __getstate__(self) -> dict[str, Any]:
        state = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name == "conversions":
                value = {option_id: dict(found) for option_id, found in value.items()}
            state[item.name] = dict(value) if isinstance(value, MappingProxyType) else value
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()

    @property
    def option_ids(self) -> list[str]:
        """Option ids in case order."""
        return [option.id for option in self.case.options]

    def with_lines(self, lines: Mapping[str, Sequence[LineInfo]]) -> CompiledCase:
        """A new compiled case with some options' inventory lines replaced (e.g. linked activities).

        Parameters
        ----------
        lines : mapping of option id to tuple of LineInfo
            The lines to use instead; other options keep theirs.

        Returns
        -------
        CompiledCase
            This one is left as it is.
        """
        merged = {**self.lines, **lines}
        return CompiledCase(
            self.case,
            self.method,
            self.datasets,
            self.parameter_order,
            merged,
            self.costs,
            self.prices_used,
            self.parameter_units,
            self.price_units,
            self.price_magnitudes,
            self.own_impacts,
            self.conversions,
        )

    # -- parsing, once -------------------------------------------------------------------------
    @cached_property
    def _plans(self) -> _Plans:
        """Every amount of the case parsed, with the units it is evaluated in (built once)."""
        units, prices = self.parameter_units, self.price_units
        parameters = []
        for name in self.parameter_order:
            param = self.case.parameters[name]
            plan = plan_amount(param.value, units, prices)
            parameters.append((name, plan, units[name] if param.unit else None))
        options = {}
        for option in self.case.options:
            cycle = option.cycle
            capacity = plan_amount(cycle.capacity, units, prices) if cycle is not None else None
            item_size = (
                plan_amount(cycle.item_size, units, prices)
                if cycle is not None and cycle.allocation != "count"
                else None
            )
            stock: AmountPlan | Exception | None = None
            if option.stock_items is not None:
                try:
                    stock = plan_amount(option.stock_items, units, prices)
                except (ExpressionError, pint.PintError) as exc:  # raised when a cost needs it
                    stock = exc
            reusable = option.kind == "reusable"
            options[option.id] = _OptionPlans(
                plan_amount(option.uses_per_life, units, prices) if reusable else None,
                plan_amount(option.loss_rate if option.loss_rate is not None else 0, units, prices)
                if reusable
                else None,
                capacity,
                item_size,
                item_size.unit / capacity.unit if item_size is not None and capacity is not None else None,
                stock,
                tuple(
                    (plan_amount(info.line.amount, units, prices), parse_unit(info.activity_unit))
                    for info in self.lines[option.id]
                ),
                tuple((info.index, plan_amount(info.line.amount, units, prices)) for info in self.costs[option.id]),
            )
        return _Plans(tuple(parameters), MappingProxyType(options))

    # -- evaluation ----------------------------------------------------------------------------
    @cached_property
    def defaults(self) -> Evaluation:
        """The evaluation at the case's own parameter values (computed once)."""
        return self._evaluate({})

    def evaluate(self, values: Values | None = None) -> Evaluation:
        """Evaluate every amount of the case for some parameter values.

        Parameters
        ----------
        values : mapping of str to pint.Quantity, optional
            Parameter values replacing the case's (magnitudes may be numpy arrays of samples);
            parameters computed from others follow them. None: the case's own values.

        Returns
        -------
        Evaluation
            Plain numbers: the one place where units are stripped.

        Raises
        ------
        ExpressionError
            When a value makes an amount NaN, infinite or a division by zero.
        """
        if not values:
            return self.defaults
        return self._evaluate(values)

    def evaluation(self, values: Evaluation | Values | None = None) -> Evaluation:
        """``values`` if it is an :class:`Evaluation` already, else :meth:`evaluate` of it."""
        return values if isinstance(values, Evaluation) else self.evaluate(values)

    @cached_property
    def _default_magnitudes(self) -> Mapping[str, Any]:
        return MappingProxyType(self._parameter_magnitudes({}))

    def _parameter_magnitudes(self, overrides: Values) -> dict[str, Any]:
        """Every parameter's magnitude in its unit, in dependency order, ``overrides`` replacing some."""
        if not overrides and "_default_magnitudes" in self.__dict__:
            return dict(self._default_magnitudes)
        plans = self._plans
        units = self.parameter_units
        prices = self.price_magnitudes
        magnitudes: dict[str, Any] = {}
        for name, plan, convert_to in plans.parameters:
            if name in overrides:
                given = overrides[name]
                if isinstance(given, pint.Quantity):
                    same = given.units == units[name]
                    magnitudes[name] = given.magnitude if same else strip(given.magnitude, given.units, units[name])
                else:
                    magnitudes[name] = given
                continue
            magnitude = plan.magnitude(magnitudes, prices)
            magnitudes[name] = magnitude if convert_to is None else strip(magnitude, plan.unit, convert_to)
        return magnitudes

    def _evaluate(self, overrides: Values) -> Evaluation:
        plans = self._plans
        units = self.parameter_units
        prices = self.price_magnitudes
        magnitudes = self._parameter_magnitudes(overrides)
        factors: dict[str, BasisFactors] = {}
        line_amounts: dict[str, tuple[Any, ...]] = {}
        cost_eur: dict[str, Mapping[int, Any]] = {}
        stock_items: dict[str, Any] = {}
        for option in self.case.options:
            op = plans.options[option.id]
            factors[option.id] = self._factors(option, op, magnitudes)
            line_amounts[option.id] = tuple(
                strip(plan.magnitude(magnitudes, prices), plan.unit, target) for plan, target in op.lines
            )
            converted = self.conversions.get(option.id, {})
            cost_eur[option.id] = MappingProxyType(
                {
                    j: converted[j].to_eur(strip(plan.magnitude(magnitudes, prices), plan.unit, converted[j].unit))
                    if j in converted
                    else strip(plan.magnitude(magnitudes, prices), plan.unit, _EUR)
                    for j, plan in op.costs
                }
            )
            stock_items[option.id] = self._stock(op.stock_items, magnitudes)
        return Evaluation(
            MappingProxyType(magnitudes),
            units,
            MappingProxyType(factors),
            MappingProxyType(line_amounts),
            MappingProxyType(cost_eur),
            MappingProxyType(stock_items),
        )

    def _stock(self, plan: AmountPlan | Exception | None, magnitudes: Mapping[str, Any]) -> Any:
        if plan is None:
            return None
        if isinstance(plan, Exception):
            return plan
        try:
            return strip(plan.magnitude(magnitudes, self.price_magnitudes), plan.unit, _PLAIN)
        except (ExpressionError, pint.PintError) as exc:  # raised when a cost needs it
            return exc

    def _factors(self, option: Option, op: _OptionPlans, magnitudes: Mapping[str, Any]) -> BasisFactors:
        prices = self.price_magnitudes
        cycle: Any = 0.0
        if option.cycle is not None and op.capacity is not None:
            capacity = op.capacity.magnitude(magnitudes, prices)
            if op.item_size is None or op.size_unit is None:
                cycle = count_share(strip(capacity, op.capacity.unit, _PLAIN), option.cycle.fill_rate)
            else:
                ratio = op.item_size.magnitude(magnitudes, prices) / capacity
                cycle = size_share(strip(ratio, op.size_unit, _PLAIN), option.cycle.fill_rate)
        if op.uses_per_life is None or op.loss_rate is None:
            return BasisFactors.of_option(reusable=False, uses_per_life=1.0, loss_rate=0.0, cycle=cycle)
        uses = strip(op.uses_per_life.magnitude(magnitudes, prices), op.uses_per_life.unit, _PLAIN)
        loss = strip(op.loss_rate.magnitude(magnitudes, prices), op.loss_rate.unit, _PLAIN)
        return BasisFactors.of_option(reusable=True, uses_per_life=uses, loss_rate=loss, cycle=cycle)

    # -- what later steps read -----------------------------------------------------------------
    def parameter_values(self, overrides: Values | None = None) -> dict[str, pint.Quantity]:
        """Parameter values as pint quantities, ``overrides`` replacing named values."""
        magnitudes = self._parameter_magnitudes(overrides or {})
        return {name: ureg.Quantity(m, self.parameter_units[name]) for name, m in magnitudes.items()}

    def amount(self, text: Any, values: Evaluation | Values | None = None) -> pint.Quantity:
        """One amount as a pint quantity, for reports and messages (not for arithmetic).

        Parameters
        ----------
        text : str or number
            An amount of the case (parsed once, then reused).
        values : Evaluation or mapping, optional
            Parameter values; default the case's.

        Returns
        -------
        pint.Quantity
        """
        if isinstance(values, Evaluation):
            quantities: Mapping[str, pint.Quantity] = values.parameters
        elif values is None:
            quantities = self.parameter_values()
        else:
            quantities = values
        try:
            plan = plan_amount(text, quantities, self.price_units)
            magnitudes = {name: quantities[name].magnitude for name, _ in plan.parameters}
            return plan.quantity(magnitudes, self.price_magnitudes)
        except (ExpressionError, pint.PintError, KeyError):
            return evaluate(text, quantities, {"price": self._price})

    def _price(self, price_id: str) -> pint.Quantity:
        found = self.datasets.price(str(price_id), self.case.context.country)
        if found is None:
            raise ExpressionError(f"unknown price {price_id!r} for {self.case.context.country}")
        return found.quantity()

    def basis_factors(
        self, option: Option, values: Evaluation | Values | None = None, uses_per_life: Any = None
    ) -> BasisFactors:
        """Multipliers turning a per-use / per-cycle / per-life amount into a per-use amount.

        Parameters
        ----------
        option : Option
            The option.
        values : Evaluation or mapping, optional
            Parameter values (scalars or arrays of samples); default the case's.
        uses_per_life : float or ndarray, optional
            Overrides the option's N (for break-even curves and sampling).

        Returns
        -------
        BasisFactors
        """
        return self.evaluation(values).factors[option.id].at_uses(uses_per_life)

    def inventory_per_use(
        self, values: Evaluation | Values | None = None, uses_per_life: Mapping[str, Any] | None = None
    ) -> dict[str, np.ndarray]:
        """Amount per use of every inventory line, in the activity's unit.

        Parameters
        ----------
        values : Evaluation or mapping, optional
            Parameter values (scalars or arrays of samples); default the case's values.
        uses_per_life : mapping of option id to N, optional
            Overrides N for some reusable options.

        Returns
        -------
        dict of str to ndarray
            Per option, an array of shape ``(lines,)`` or ``(lines, samples)`` when parameter
            values are arrays.
        """
        evaluation = self.evaluation(values)
        overrides = uses_per_life or {}
        return {
            option.id: self.lines_per_use(
                option.id,
                evaluation.line_amounts[option.id],
                evaluation.factors[option.id].at_uses(overrides.get(option.id)),
            )
            for option in self.case.options
        }

    def inventory_amounts(self, option_id: str, values: Evaluation | Values | None = None) -> list[Any]:
        """Amount of every inventory line of an option on its own basis, in the activity's unit.

        Parameters
        ----------
        option_id : str
            The option.
        values : Evaluation or mapping, optional
            Parameter values (scalars or arrays of samples).

        Returns
        -------
        list of float or ndarray
            One magnitude per line of ``lines[option_id]``, not yet multiplied by its basis factor.
        """
        return list(self.evaluation(values).line_amounts[option_id])

    def lines_per_use(self, option_id: str, amounts: Any, factors: BasisFactors) -> np.ndarray:
        """Amount per use of every inventory line of an option: its amount times its basis factor.

        Parameters
        ----------
        option_id : str
            The option.
        amounts : sequence
            From :meth:`inventory_amounts`.
        factors : BasisFactors
            From :meth:`basis_factors`.

        Returns
        -------
        ndarray
            Shape ``(lines,)``, or ``(lines, ...)`` when amounts or factors are arrays.
        """
        rows = [
            np.asarray(amount * factors.of(info.basis), dtype=float)
            for amount, info in zip(amounts, self.lines[option_id], strict=True)
        ]
        return np.stack(np.broadcast_arrays(*rows)) if rows else np.zeros((0,))

    def cost_amounts(self, values: Evaluation | Values | None = None) -> dict[str, list[tuple[CostInfo, Any]]]:
        """EUR amount of every cost line on its own basis (not yet per use)."""
        evaluation = self.evaluation(values)
        return {
            option.id: [(info, evaluation.cost_eur[option.id][info.index]) for info in self.costs[option.id]]
            for option in self.case.options
        }


class _Draft:
    """A case being compiled: what the value checks evaluate amounts with (through plans)."""

    def __init__(
        self,
        case: Case,
        datasets: Datasets,
        order: list[str],
        lines: dict[str, list[LineInfo]],
        costs: dict[str, list[CostInfo]],
    ) -> None:
        self.case, self.datasets, self.parameter_order, self.lines, self.costs = case, datasets, order, lines, costs
        self.prices_used: dict[str, Price] = {}
        self.price_units: dict[str, PlainUnit] = {}
        self.price_magnitudes: dict[str, Any] = {}
        self.conversions: dict[str, dict[int, Conversion]] = {}

    @cached_property
    def rates(self) -> ExchangeRates:
        """The exchange-rate table of the datasets (read only when a cost needs it)."""
        return rates_for(self.datasets.root)

    def convert(self, option_id: str, cost: CostInfo, currency: str, field_path: str) -> Conversion | Problem:
        """Rule currency: the rate of a cost line in another currency, for its price year."""
        year = cost.price_year if cost.price_year is not None else self.case.context.price_year
        found = conversion_for(self.rates, currency, int(year), field_path, None)
        if isinstance(found, Conversion):
            self.conversions.setdefault(option_id, {})[cost.index] = found
        return found

    def _price(self, price_id: str) -> pint.Quantity:
        found = self.datasets.price(str(price_id), self.case.context.country)
        if found is None:
            raise ExpressionError(f"unknown price {price_id!r} for {self.case.context.country}")
        self.prices_used[found.id] = found
        return found.quantity()

    def _look_up_prices(self, text: Any) -> None:
        if not isinstance(text, str) or "price" not in text:
            return
        for price_id in price_ids(text):
            if price_id not in self.price_units:
                found = self.datasets.price(price_id, self.case.context.country)
                if found is not None:
                    quantity = found.quantity()
                    self.prices_used[found.id] = found
                    self.price_units[price_id] = quantity.units
                    self.price_magnitudes[price_id] = quantity.magnitude

    def amount(self, text: Any, values: Mapping[str, Any]) -> pint.Quantity | Value:
        """One amount with the given parameter values (through its plan; pint names any error)."""
        self._look_up_prices(text)
        try:
            plan = plan_amount(text, values, self.price_units)
            magnitudes = {name: values[name].magnitude for name, _ in plan.parameters}
            return plan.value(magnitudes, self.price_magnitudes)
        except Exception:  # noqa: BLE001 - evaluated again with pint, which raises the error people read
            return evaluate(text, values, {"price": self._price})

    def basis_factors(self, option: Option, values: Mapping[str, Any]) -> BasisFactors:
        """The option's basis factors (as :meth:`CompiledCase.basis_factors`), for the checks."""
        cycle: Any = 0.0
        if option.cycle is not None:
            capacity = self.amount(option.cycle.capacity, values)
            if option.cycle.allocation == "count":
                cycle = count_share(strip_quantity(capacity, _PLAIN), option.cycle.fill_rate)
            else:
                ratio = self.amount(option.cycle.item_size, values) / capacity
                cycle = size_share(strip_quantity(ratio, _PLAIN), option.cycle.fill_rate)
        if option.kind != "reusable":
            return BasisFactors.of_option(reusable=False, uses_per_life=1.0, loss_rate=0.0, cycle=cycle)
        uses = strip_quantity(self.amount(option.uses_per_life, values), _PLAIN)
        loss = strip_quantity(self.amount(option.loss_rate if option.loss_rate is not None else 0, values), _PLAIN)
        return BasisFactors.of_option(reusable=True, uses_per_life=uses, loss_rate=loss, cycle=cycle)


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
        Frozen; every amount parsed once.

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
    # An option's reprocessing template becomes ordinary lines and a cycle block before any check.
    case = expand_reprocessing(case, method, datasets)
    problems += check_rules(case, method)
    problems += check_country(case, datasets)
    problems += check_electricity(case, method)
    own, own_problems = check_case_factors(case, datasets)
    problems += own_problems
    order = parameter_order(case, problems)
    lines: dict[str, list[LineInfo]] = {}
    costs: dict[str, list[CostInfo]] = {}
    for i, option in enumerate(case.options):
        lines[option.id] = []
        for j, line in enumerate(option.inventory):
            info = resolve_line(case, datasets, option, i, j, line, problems, own)
            if info is not None:
                lines[option.id].append(info)
        costs[option.id] = [CostInfo(option.id, j, c.category, c.per, c.year, c) for j, c in enumerate(option.costs)]
    # LCAC-HC/2 electricity: on the market basis, covered grid lines take the instruments' factor.
    lines, market_impacts = apply_market_basis(case, method, lines)
    # LCAC-HC/2 recycled content and recycling (a no-op without the method's section).
    lines, circular_impacts = circular_lines(case, datasets, method, lines, problems)
    draft = _Draft(case, datasets, order, lines, costs)
    # Values are checked even when rules failed, so one run lists every problem.
    values = check_values(draft, problems)
    check_template_values(case, draft.amount, values, problems)  # names the template's fields, not generated ones
    if problems:
        raise CaseError(case.path, problems)
    return CompiledCase(
        case,
        method,
        datasets,
        order,
        lines,
        costs,
        draft.prices_used,
        {name: values[name].units for name in order},
        draft.price_units,
        draft.price_magnitudes,
        own_unit_impacts(
            own,
            {
                info.activity_key: float(info.line.kg_co2e)
                for option_lines in lines.values()
                for info in option_lines
                if info.line.kg_co2e is not None
            },
            method.characterisation.factors,
        )
        | market_impacts
        | circular_impacts,
        {option_id: dict(found) for option_id, found in draft.conversions.items()},
    )
