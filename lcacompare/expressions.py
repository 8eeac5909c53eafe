"""Safe, unit-aware evaluation of amounts written in case files.

An amount is a quantity literal (``"0.085 kg"``) or an expression over the case's parameters
(``"steriliser_kwh_per_cycle / clamps_per_cycle"``, ``"0.028 kg * price('waste-risk-bearing')"``).
Evaluation goes through :mod:`simpleeval` (never :func:`eval`); attribute access, comprehensions
and calls other than the whitelisted functions are refused. Names resolve to parameters first,
then to units of the package registry, so ``3 kg`` and ``3 * kg`` mean the same. Parameter values
may hold numpy arrays, which evaluates one expression for all Monte Carlo samples at once.

A case evaluates the same few expressions many times (once per parameter set, break-even point
or sensitivity design), so each expression text is parsed once (:func:`_parsed`, a memo of a pure
function) and units are looked up with the memoised :func:`lcacompare.units.parse_unit`.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
import pint
import simpleeval

from lcacompare.units import UnitError, did_you_mean, non_ascii, read_unit, ureg

__all__ = ["ExpressionError", "evaluate", "referenced_names", "normalise"]

_MAX_EXPONENT = 64
_MAX_LENGTH = 2000
_PARSED_EXPRESSIONS = 4096  # distinct expression texts kept parsed: far more than any case has
# "0.085 kg" -> "0.085*kg"; a number followed by a name is an implicit product.
# The number is matched atomically, so the "e3" of "1e3" is never read as a unit after "1".
_IMPLICIT_PRODUCT = re.compile(
    r"(?<![\w.])((?>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))\s*(?=[A-Za-z_(])"
)
_MAX_TEXT = 100  # characters of a quoted text (a price id) in an amount


class ExpressionError(ValueError):
    """An amount could not be parsed or evaluated; the message says why."""


def _short(text: str) -> str:
    """The expression as quoted in messages, cut to a readable length."""
    return repr(text if len(text) <= 60 else text[:57] + "...")


def normalise(text: str) -> str:
    """Rewrite implicit products (``"3 kg"`` to ``"3*kg"``) and ``^`` powers."""
    return _IMPLICIT_PRODUCT.sub(r"\1*", text.strip()).replace("^", "**")


def _on_numbers(apply: Callable[[Any, Any], Any], symbol: str) -> Callable[[Any, Any], Any]:
    """An arithmetic operator that refuses text, so ``'%09999d' % 1`` or ``'x' * 10**8`` build no string."""

    def on_numbers(left: Any, right: Any) -> Any:
        if isinstance(left, str | bytes) or isinstance(right, str | bytes):
            raise ExpressionError(f"text cannot be used with {symbol!r}: quoted text is only for price('id')")
        return apply(left, right)

    return on_numbers


def _power(base: Any, exponent: Any) -> Any:
    magnitude = getattr(exponent, "magnitude", exponent)
    if getattr(exponent, "dimensionless", True) is False:
        raise ExpressionError("an exponent must be a plain number")
    try:
        value = float(magnitude)
    except TypeError as exc:
        raise ExpressionError("an exponent must be a single number, not a parameter with a distribution") from exc
    if abs(value) > _MAX_EXPONENT:
        raise ExpressionError(f"exponent {value:g} is larger than the allowed {_MAX_EXPONENT}")
    return base**value


def _operators() -> Mapping[type, Callable[..., Any]]:
    """Operators allowed in amounts: simpleeval's, with bounded powers and no bitwise operators."""
    operators = dict(simpleeval.DEFAULT_OPERATORS)
    arithmetic = {
        ast.Add: (operator.add, "+"),
        ast.Sub: (operator.sub, "-"),
        ast.Mult: (operator.mul, "*"),
        ast.Div: (operator.truediv, "/"),
        ast.FloorDiv: (operator.floordiv, "//"),
        ast.Mod: (operator.mod, "%"),
        ast.Pow: (_power, "**"),
    }
    for node, (apply, symbol) in arithmetic.items():
        operators[node] = _on_numbers(apply, symbol)
    for unsafe in (ast.BitXor, ast.BitOr, ast.BitAnd, ast.LShift, ast.RShift, ast.Invert):
        operators.pop(unsafe, None)
    return MappingProxyType(operators)


_OPERATORS = _operators()


class _Evaluator(simpleeval.SimpleEval):
    """simpleeval with attribute access switched off and bounded powers."""

    def __init__(self, names: Callable[[ast.Name], Any], functions: Mapping[str, Callable[..., Any]]):
        super().__init__(operators=_OPERATORS, functions=dict(functions), names=names)

    def _eval_attribute(self, node: ast.Attribute) -> Any:
        raise ExpressionError("attribute access (a.b) is not allowed in amounts")

    def _eval_joinedstr(self, node: ast.JoinedStr) -> Any:
        raise ExpressionError("text formatting (f-strings) is not allowed in amounts")

    def _eval_constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, str | bytes) and len(node.value) > _MAX_TEXT:
            raise ExpressionError(f"quoted text longer than {_MAX_TEXT} characters (a price id is expected)")
        return super()._eval_constant(node)


@lru_cache(maxsize=_PARSED_EXPRESSIONS)
def _parsed(text: str) -> tuple[str, ast.AST]:
    """An amount in normal form and the syntax tree simpleeval evaluates, once per distinct text.

    The tree is only read by the evaluator, never changed, so one tree serves every evaluation.

    Raises
    ------
    SyntaxError, simpleeval.InvalidExpression
        As :meth:`simpleeval.SimpleEval.parse` (not memoised: an error is raised every time).
    """
    normalised = normalise(text)
    return normalised, simpleeval.SimpleEval.parse(normalised)


def _unit(name: str, parameters: Mapping[str, Any]) -> pint.Quantity:
    """One of the unit that a name in an amount stands for: ``1 kg`` for the ``kg`` in ``"3 kg"``.

    An unknown name is reported with the closest units or ``parameters`` names.
    """
    try:
        return ureg.Quantity(1, read_unit(name))
    except UnitError as exc:
        raise ExpressionError(f"unknown name or unit {name!r}{did_you_mean(name, parameters)}") from exc


def _refuse_non_ascii(text: str) -> None:
    """Name a non-ASCII character (a Cyrillic ``к``, a micro sign) instead of a puzzling syntax error."""
    strange = non_ascii(text)
    if strange is not None:
        raise ExpressionError(
            f"{_short(text)} has the non-ASCII character {strange}; write amounts in ASCII (micro is u: '30 ug')"
        )


def referenced_names(text: str) -> set[str]:
    """Names an expression refers to (parameters or units), without evaluating it."""
    _refuse_non_ascii(text)
    try:
        tree = ast.parse(normalise(text), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"cannot parse {_short(text)}: {exc.msg}") from exc
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - called


def evaluate(
    text: str | int | float,
    parameters: Mapping[str, pint.Quantity] | None = None,
    functions: Mapping[str, Callable[..., Any]] | None = None,
) -> pint.Quantity:
    """Evaluate an amount to a pint quantity.

    Parameters
    ----------
    text : str or number
        The amount as written in the case file. Numbers are dimensionless quantities.
    parameters : mapping of str to pint.Quantity, optional
        Parameter values by name; magnitudes may be numpy arrays (one value per sample).
    functions : mapping, optional
        Extra callables allowed in the expression, e.g. ``price``.

    Returns
    -------
    pint.Quantity
        The value with its unit.

    Raises
    ------
    ExpressionError
        On syntax errors, unknown names or units, refused constructs, or non-finite results.

    Examples
    --------
    >>> evaluate("250 g").to("kg")
    <Quantity(0.25, 'kilogram')>
    >>> evaluate("2 * mass", {"mass": ureg.Quantity(3, "kg")})
    <Quantity(6, 'kilogram')>
    """
    if isinstance(text, bool):
        raise ExpressionError("expected a number or a quantity, got true/false")
    if isinstance(text, int | float):
        if not math.isfinite(text):
            raise ExpressionError("NaN and infinity are not allowed")
        return ureg.Quantity(text, "")
    if not isinstance(text, str):
        raise ExpressionError(f"expected a number or a quantity string, got {type(text).__name__}")
    if len(text) > _MAX_LENGTH:
        raise ExpressionError(f"expression longer than {_MAX_LENGTH} characters")
    if "__" in text:
        raise ExpressionError("double underscores are not allowed in amounts")
    _refuse_non_ascii(text)
    params = parameters or {}

    def lookup(node: ast.Name) -> Any:
        if node.id in params:
            return params[node.id]
        if node.id in ("nan", "inf", "NaN", "Infinity"):
            raise ExpressionError("NaN and infinity are not allowed")
        return _unit(node.id, params)

    evaluator = _Evaluator(lookup, functions or {})
    try:
        value = evaluator.eval(*_parsed(text))
    except ExpressionError:
        raise
    except SyntaxError as exc:
        raise ExpressionError(f"cannot parse {_short(text)}: {exc.msg}") from exc
    except pint.DimensionalityError as exc:
        raise ExpressionError(f"units do not match in {_short(text)}: {exc}") from exc
    except simpleeval.InvalidExpression as exc:
        raise ExpressionError(f"{_short(text)} is not allowed: {exc}") from exc
    except OverflowError:
        raise ExpressionError(f"{_short(text)} gives a number too large to compute") from None
    except (ArithmeticError, ValueError, TypeError, KeyError, RecursionError) as exc:
        # "CompiledCase._functions.<locals>.price() missing ..." reads as "price() missing ..."
        reason = re.sub(r"[\w.]*<locals>\.", "", str(exc))
        raise ExpressionError(f"cannot evaluate {_short(text)}: {reason}") from exc
    if not isinstance(value, pint.Quantity):
        if (isinstance(value, int | float) and not isinstance(value, bool)) or hasattr(value, "dtype"):
            value = ureg.Quantity(value, "")
        else:
            raise ExpressionError(f"{_short(text)} does not give a number")
    try:
        finite = np.all(np.isfinite(np.asarray(value.magnitude, dtype=float)))
    except OverflowError:  # an integer of more than 308 digits
        raise ExpressionError(f"{_short(text)} gives a number too large to compute (over 1e308)") from None
    if not finite:
        raise ExpressionError(f"{_short(text)} gives NaN or infinity")
    return value
