"""Amounts parsed once per case: a plan computes an amount's magnitude from plain numbers.

:func:`plan_amount` reads an amount (``"0.085 kg"``, ``"steriliser_kwh_per_cycle /
clamps_per_cycle"``, ``"0.028 kg * price('waste-risk-bearing')"``) once, given the units of the
parameters and prices it refers to, and works out with pint the unit of every part of it. The
plan then evaluates the magnitude with plain float or numpy arithmetic, exactly as pint would:
a product or quotient multiplies magnitudes, a sum converts its right operand to the unit of its
left one with pint's own conversion factor, and a power raises the magnitude. Expressions the plan
does not cover (offset units such as degC, comparisons, powers with a parameter as exponent) are
evaluated by :func:`lcacompare.expressions.evaluate` with pint quantities instead, to the same
result.

Units are stripped in one function, :func:`strip`, with a conversion factor from pint.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pint
from pint.facets.plain import PlainUnit

from lcacompare.expressions import (
    ExpressionError,
    _parsed,
    _short,
    evaluate,
    referenced_names,
)
from lcacompare.expressions import (
    _unit as _unit_quantity,
)
from lcacompare.units import ureg

__all__ = [
    "AmountPlan",
    "Value",
    "plan_amount",
    "strip",
    "strip_quantity",
    "conversion_factor",
    "names_in",
    "price_ids",
]

Magnitudes = Mapping[str, Any]
_PLANS = 8192  # distinct (amount, units) pairs kept planned: far more than any case has
_PLAIN = ureg.Unit("")


class _NotPlannedError(Exception):
    """The plan does not cover this construct: the amount is evaluated with pint quantities."""


def conversion_factor(source: PlainUnit, target: PlainUnit) -> Any:
    """Pint's factor from ``source`` to ``target`` (memoised: units are immutable).

    Raises
    ------
    pint.DimensionalityError
        When the units have different dimensions.
    """
    return _factor(source._units, target._units)


@lru_cache(maxsize=_PLANS)
def _factor(source: Any, target: Any) -> Any:
    # Keyed by units containers: quantities in one unit share its container, so a look-up
    # usually compares by identity.
    return ureg.convert(1, source, target)


def strip(magnitude: Any, source: PlainUnit, target: PlainUnit) -> Any:
    """The magnitude, in ``source`` units, expressed in ``target`` units: ``magnitude * factor``.

    This is what ``Quantity(magnitude, source).m_as(target)`` computes, without building the
    quantity. The one place where a unit is stripped from a number.

    Examples
    --------
    >>> strip(250, ureg.Unit("g"), ureg.Unit("kg"))
    0.25
    """
    return magnitude * conversion_factor(source, target)


@lru_cache(maxsize=_PLANS)
def names_in(text: str) -> frozenset[str]:
    """Names an amount refers to (memoised :func:`~lcacompare.expressions.referenced_names`)."""
    return frozenset(referenced_names(text))


@lru_cache(maxsize=_PLANS)
def _sorted_names(text: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(names_in(text)))
    except ExpressionError:  # a wrong amount: evaluate() names the problem
        return ()


@lru_cache(maxsize=_PLANS)
def price_ids(text: str) -> tuple[str, ...]:
    """Ids of the prices an amount looks up with ``price('id')`` (literal ids only)."""
    try:
        _, tree = _parsed(text)
    except Exception:  # noqa: BLE001 - a wrong amount: evaluate() names the problem
        return ()
    return tuple(
        sorted(
            {
                node.args[0].value
                for node in ast.walk(tree)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "price"
                and len(node.args) == 1
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            }
        )
    )


@dataclass(frozen=True)
class AmountPlan:
    """One amount, parsed and unit-checked once; :meth:`magnitude` evaluates it for any values.

    Attributes
    ----------
    text : str or number
        The amount as written.
    unit : PlainUnit
        The unit of the value the amount gives.
    parameters : tuple of (str, PlainUnit)
        The parameters it refers to, with the unit their magnitudes are given in.
    prices : tuple of (str, PlainUnit)
        The prices it looks up, with the unit of their magnitudes.
    exact : bool
        True when evaluated with plain arithmetic, False when with pint quantities.
    """

    text: str | int | float
    unit: PlainUnit
    parameters: tuple[tuple[str, PlainUnit], ...]
    prices: tuple[tuple[str, PlainUnit], ...]
    exact: bool
    _compute: Callable[[Magnitudes, Magnitudes], Any] = field(repr=False, compare=False)

    def magnitude(self, parameters: Magnitudes, prices: Magnitudes) -> Any:
        """The amount's magnitude in :attr:`unit`.

        Parameters
        ----------
        parameters : mapping of str to float or ndarray
            Magnitudes of the parameters, in the units of :attr:`parameters`.
        prices : mapping of str to float
            Magnitudes of the prices, in the units of :attr:`prices`.

        Returns
        -------
        float or ndarray

        Raises
        ------
        ExpressionError
            As :func:`lcacompare.expressions.evaluate`: a division by zero, NaN or infinity.
        """
        try:
            value = self._compute(parameters, prices)
        except ExpressionError:
            raise
        except OverflowError:
            raise ExpressionError(f"{_short(str(self.text))} gives a number too large to compute") from None
        except (ArithmeticError, ValueError, TypeError, KeyError) as exc:
            raise ExpressionError(f"cannot evaluate {_short(str(self.text))}: {exc}") from exc
        if type(value) is float or type(value) is int:  # the deterministic case: no numpy call
            if math.isfinite(value):
                return value
            raise ExpressionError(f"{_short(str(self.text))} gives NaN or infinity")
        try:
            finite = np.all(np.isfinite(np.asarray(value, dtype=float)))
        except OverflowError:
            raise ExpressionError(f"{_short(str(self.text))} gives a number too large to compute") from None
        if not finite:
            raise ExpressionError(f"{_short(str(self.text))} gives NaN or infinity")
        return value

    def quantity(self, parameters: Magnitudes, prices: Magnitudes) -> pint.Quantity:
        """The amount as a pint quantity (for reports and messages)."""
        return ureg.Quantity(self.magnitude(parameters, prices), self.unit)

    def value(self, parameters: Magnitudes, prices: Magnitudes) -> Value:
        """The amount as a :class:`Value`: its magnitude and unit, a quantity built only if asked."""
        return Value(self.magnitude(parameters, prices), self.unit)


class Value:
    """A magnitude and its unit, read like a pint quantity without building one.

    The compile-time checks read a hundred amounts of a case for their magnitude and unit; a
    pint quantity is built only for arithmetic or a message (:attr:`quantity`).
    """

    __slots__ = ("_units", "magnitude", "units")

    def __init__(self, magnitude: Any, unit: PlainUnit) -> None:
        self.magnitude = magnitude
        self.units = unit
        self._units = unit._units

    @property
    def quantity(self) -> pint.Quantity:
        """The pint quantity."""
        return ureg.Quantity(self.magnitude, self.units)

    @property
    def dimensionality(self) -> Any:
        """The dimensionality of the unit."""
        return self.units.dimensionality

    def __truediv__(self, other: Any) -> pint.Quantity:
        return self.quantity / (other.quantity if isinstance(other, Value) else other)

    def __rtruediv__(self, other: Any) -> pint.Quantity:
        return other / self.quantity

    def __format__(self, spec: str) -> str:
        return format(self.quantity, spec)

    def __repr__(self) -> str:
        return repr(self.quantity)


def plan_amount(
    text: Any,
    units: Mapping[str, Any],
    price_units: Mapping[str, Any],
) -> AmountPlan:
    """Parse an amount once and work out its unit, given the units of what it refers to.

    Parameters
    ----------
    text : str or number
        The amount as written in the case file.
    units : mapping of str to PlainUnit or pint.Quantity
        Unit (or value) of every parameter already evaluated (other names are read as units).
    price_units : mapping of str to PlainUnit
        Unit of every price the amount may look up.

    Returns
    -------
    AmountPlan
        Memoised per text and units: the same plan serves every case that writes the amount.

    Raises
    ------
    ExpressionError, pint.DimensionalityError, pint.UndefinedUnitError
        As :func:`lcacompare.expressions.evaluate` on the amount.
    """
    if isinstance(text, str):
        names = _sorted_names(text) if "__" not in text else ()
        parameters = tuple((name, _container_of(units[name])) for name in names if name in units)
        prices = (
            tuple((pid, _container_of(price_units[pid])) for pid in price_ids(text) if pid in price_units)
            if "price" in text
            else ()
        )
    else:
        parameters, prices = (), ()
    return _plan(text, parameters, prices)


def _container_of(value: Any) -> Any:
    """The units container of a quantity or unit: hashable, and shared by quantities in that unit."""
    return value._units


@lru_cache(maxsize=_PLANS)
def _unit(container: Any) -> PlainUnit:
    return ureg.Unit(container)


@lru_cache(maxsize=_PLANS)
def _plan(
    text: str | int | float,
    parameters: tuple[tuple[str, Any], ...],
    prices: tuple[tuple[str, Any], ...],
) -> AmountPlan:
    units = {name: _unit(container) for name, container in parameters}
    price_units = {pid: _unit(container) for pid, container in prices}
    try:
        compute, unit = _exact(text, units, price_units)
        return AmountPlan(text, unit, tuple(units.items()), tuple(price_units.items()), True, compute)
    except _NotPlannedError:
        pass
    # With pint quantities: also raises, for a wrong amount, the error evaluate() gives.
    samples = {name: ureg.Quantity(1.0, unit) for name, unit in units.items()}
    functions = {"price": _price_function({pid: ureg.Quantity(1.0, unit) for pid, unit in price_units.items()})}
    unit = evaluate(text, samples, functions).units

    def with_pint(magnitudes: Magnitudes, price_magnitudes: Magnitudes) -> Any:
        quantities = {name: ureg.Quantity(magnitudes[name], units[name]) for name in units}
        found = {pid: ureg.Quantity(price_magnitudes[pid], price_units[pid]) for pid in price_units}
        return strip_quantity(evaluate(text, quantities, {"price": _price_function(found)}), unit)

    return AmountPlan(text, unit, tuple(units.items()), tuple(price_units.items()), False, with_pint)


def strip_quantity(quantity: pint.Quantity | Value, unit: PlainUnit) -> Any:
    """A quantity's magnitude in ``unit`` (:func:`strip` of its magnitude and unit)."""
    return strip(quantity.magnitude, quantity.units, unit)


def _price_function(found: Mapping[str, pint.Quantity]) -> Callable[[str], pint.Quantity]:
    def price(price_id: str) -> pint.Quantity:
        if price_id not in found:
            raise ExpressionError(f"unknown price {price_id!r}")
        return found[price_id]

    return price


Compute = Callable[[Magnitudes, Magnitudes], Any]


def _exact(text: Any, units: Mapping[str, PlainUnit], price_units: Mapping[str, PlainUnit]) -> tuple[Compute, Any]:
    """The plain-arithmetic form of an amount and its unit, or :class:`_NotPlannedError`."""
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise _NotPlannedError
    if not isinstance(text, str):
        if not np.isfinite(text):
            raise _NotPlannedError
        return (lambda p, q: text), _PLAIN
    if "__" in text or not text.isascii() or len(text) > 2000:
        raise _NotPlannedError
    try:
        _, tree = _parsed(text)
    except Exception as exc:  # a syntax error: reported by evaluate()
        raise _NotPlannedError from exc
    if not isinstance(tree, ast.Expr):
        raise _NotPlannedError
    try:
        compute, sample = _node(tree.value, units, price_units)
    except (ExpressionError, pint.PintError, ArithmeticError, TypeError, ValueError) as exc:
        raise _NotPlannedError from exc
    return compute, sample.units if isinstance(sample, pint.Quantity) else _PLAIN


def _is_plain(sample: Any) -> bool:
    return not isinstance(sample, pint.Quantity) or sample.units == _PLAIN


def _node(node: ast.AST, units: Mapping[str, PlainUnit], price_units: Mapping[str, PlainUnit]) -> tuple[Compute, Any]:
    """A node's computation and a sample of its value: magnitude 1 in the node's unit.

    Every sample has magnitude 1, so the sample of a product or quotient has magnitude 1 exactly
    when pint multiplies magnitudes without converting them; anything else is not covered.
    """
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
            raise _NotPlannedError
        if isinstance(value, int) and abs(value) > 2**53:
            raise _NotPlannedError
        return (lambda p, q: value), 1.0
    if isinstance(node, ast.Name):
        name = node.id
        if name in ("nan", "inf", "NaN", "Infinity") and name not in units:
            raise _NotPlannedError
        if name in units:
            return (lambda p, q: p[name]), ureg.Quantity(1.0, units[name])
        one = _unit_quantity(name, units)  # raises for an unknown name
        if not one._is_multiplicative:
            raise _NotPlannedError
        return (lambda p, q: 1), ureg.Quantity(1.0, one.units)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner, sample = _node(node.operand, units, price_units)
        if isinstance(node.op, ast.USub):
            return (lambda p, q: -inner(p, q)), sample
        return (lambda p, q: +inner(p, q)), sample
    if isinstance(node, ast.Call):
        if (
            isinstance(node.func, ast.Name)
            and node.func.id == "price"
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value in price_units
        ):
            price_id = str(node.args[0].value)
            return (lambda p, q: q[price_id]), ureg.Quantity(1.0, price_units[price_id])
        raise _NotPlannedError
    if isinstance(node, ast.BinOp):
        return _binary(node, units, price_units)
    raise _NotPlannedError


def _binary(
    node: ast.BinOp, units: Mapping[str, PlainUnit], price_units: Mapping[str, PlainUnit]
) -> tuple[Compute, Any]:
    left, a = _node(node.left, units, price_units)
    if isinstance(node.op, ast.Pow):
        exponent = _constant(node.right)
        if abs(exponent) > 64:
            raise _NotPlannedError
        sample = a**exponent
        if isinstance(sample, pint.Quantity) and sample.magnitude != 1.0:
            raise _NotPlannedError
        return (lambda p, q: left(p, q) ** exponent), sample
    right, b = _node(node.right, units, price_units)
    if isinstance(node.op, ast.Mult | ast.Div):
        sample = a * b if isinstance(node.op, ast.Mult) else a / b
        if (isinstance(sample, pint.Quantity) and not sample._is_multiplicative) or getattr(
            sample, "magnitude", sample
        ) != 1.0:
            raise _NotPlannedError
        if isinstance(node.op, ast.Mult):
            return (lambda p, q: left(p, q) * right(p, q)), sample
        return (lambda p, q: left(p, q) / right(p, q)), sample
    if isinstance(node.op, ast.Add | ast.Sub):
        subtract = isinstance(node.op, ast.Sub)
        if _is_plain(a) and _is_plain(b):
            factor: Any = None
            sample = ureg.Quantity(1.0, _PLAIN) if isinstance(a, pint.Quantity) else 1.0
        elif isinstance(a, pint.Quantity) and isinstance(b, pint.Quantity):
            if not (a._is_multiplicative and b._is_multiplicative) or _is_plain(a) or _is_plain(b):
                raise _NotPlannedError
            factor = None if a.units == b.units else conversion_factor(b.units, a.units)
            sample = a
        else:
            raise _NotPlannedError
        if factor is None:
            if subtract:
                return (lambda p, q: left(p, q) - right(p, q)), sample
            return (lambda p, q: left(p, q) + right(p, q)), sample
        if subtract:
            return (lambda p, q: left(p, q) - right(p, q) * factor), sample
        return (lambda p, q: left(p, q) + right(p, q) * factor), sample
    raise _NotPlannedError


def _constant(node: ast.AST) -> float:
    """A literal exponent (``2``, ``-1``, ``0.5``) as pint's power takes it: a float."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        sign, node = -1.0, node.operand
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return sign * float(node.value)
    raise _NotPlannedError
