"""The single pint unit registry of lcacompare.

Every quantity in the package is made with :data:`ureg`. Money is a dimension of its own
(``[currency]``, base unit ``EUR``), so a cost can never be added to a mass. Counting units
(``use``, ``cycle``, ``item``, ``piece``, ``load``, ``change``) are dimensionless, which lets a
case write ``0.028 kg/use`` while amounts stay plain kilograms per functional unit.

Parsing pint's unit definitions takes about 0.4 s, a large part of a warm run. pint can cache
the parsed definitions (``cache_folder``, pickle files); lcacompare keeps that cache in its home
(``$LCACOMPARE_HOME`` or the user cache dir; ``units/pint-<pint>-<python build>-<system>``, the
same things pint's own cache key holds, so pint never writes into a finished folder). The folder
is filled once under a file lock (``locks/``) in a temporary folder that is then renamed into
place, so a reader never sees a half-written cache. Because pickles can run code, the cache is
read only when the folder and its files belong to the current user and nobody else can write to
them. Any problem (unwritable home, foreign or damaged files) falls back to parsing the
definitions as pint normally does, and a damaged cache is removed so the next run fills it
again: the registry is the same either way.

The registry (:func:`registry`; ``ureg`` names it) is built on first use, not on import, with the
home given to :func:`registry` by the first caller (the command line's ``--home``), and is
registered as pint's application registry. So quantities, loaded cases and compiled cases
pickle: a process that unpickles them rebuilds their units in its own lcacompare registry (any
use of lcacompare, or a call of :func:`registry`, builds it first).
"""

from __future__ import annotations

import difflib
import functools
import os
import platform
import shutil
import stat
import tempfile
import threading
import tokenize
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pint

from lcacompare.home import default_home

if TYPE_CHECKING:
    from filelock import BaseFileLock

__all__ = [
    "registry",
    "PackageRegistry",
    "ureg",
    "Quantity",
    "UnitError",
    "parse_unit",
    "read_unit",
    "similar_names",
    "did_you_mean",
    "NOT_A_UNIT",
    "non_ascii",
    "is_compatible",
    "units_cache_folder",
    "FOREIGN_CURRENCIES",
    "currency_of",
]

_REGISTRY_OPTIONS: dict[str, Any] = {"autoconvert_offset_to_baseunit": True, "on_redefinition": "ignore"}
_READY = "ready"
_LOCK_TIMEOUT_S = 60
# What pint's unit parser raises on text that is not a unit: "kgg" (undefined), "0 kg" (a scaling
# factor), "kg/0" (division by zero), "kg)" (unbalanced brackets), ...
NOT_A_UNIT = (
    pint.PintError,
    ValueError,
    ArithmeticError,
    TypeError,
    AttributeError,
    AssertionError,
    SyntaxError,
    tokenize.TokenError,
    RecursionError,
)
# Prefix symbols combined with the registry's short symbols when looking for a name close to a typo,
# so that "kgg" finds "kg" and "kwh" finds "kWh" (pint lists units without their prefixes).
_SUGGESTED_PREFIXES = ("k", "M", "G", "m", "u", "c", "n")
_SUGGESTION_CUTOFF = 0.6
_BUILD_LOCK = threading.Lock()  # one registry per process even if two threads ask at once


class PackageRegistry(pint.UnitRegistry):  # type: ignore[type-arg]  # pint types its registry by magnitude, unused here
    """pint's unit registry with lcacompare's units (money, counts); built by :func:`registry`."""


def units_cache_folder(home: Path | None = None) -> Path:
    """The folder of pint's parsed-definitions cache for this pint, Python build and system.

    Parameters
    ----------
    home : Path, optional
        lcacompare's home (default :func:`lcacompare.home.default_home`).

    Returns
    -------
    Path
    """
    build = f"{platform.python_implementation()}-{platform.python_version()}-{platform.system()}"
    return (home or default_home()) / "units" / f"pint-{pint.__version__}-{build}"


def _lock(folder: Path) -> BaseFileLock:
    """The lock held while the cache ``folder`` is filled or removed (under the home's ``locks/``)."""
    from filelock import FileLock

    locks = folder.parent.parent / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    return FileLock(str(locks / f"units-{folder.name}.lock"), timeout=_LOCK_TIMEOUT_S)


def _fill_cache(folder: Path) -> None:
    """Parse pint's definitions into a temporary folder and rename it to ``folder``, once."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _lock(folder):
        if (folder / _READY).exists():
            return
        for leftover in folder.parent.glob(f".{folder.name}.*"):  # staging of a killed fill
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
        try:
            pint.UnitRegistry(cache_folder=staging, **_REGISTRY_OPTIONS)
            (staging / _READY).write_text("complete\n", encoding="utf-8")
            if folder.exists():  # left by an older, interrupted fill: never read, safe to replace
                shutil.rmtree(folder)
            os.rename(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _trusted(folder: Path) -> bool:
    """The folder and every file in it belong to this user and no one else can write to them."""
    user = os.geteuid() if hasattr(os, "geteuid") else None
    for path in (folder, *folder.iterdir()):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
        if user is not None and info.st_uid != user:
            return False
    return True


def _discard(folder: Path) -> None:
    """Remove a cache folder that could not be read, so that the next run fills it again."""
    try:
        with _lock(folder):
            shutil.rmtree(folder, ignore_errors=True)
    except Exception:  # noqa: BLE001 - best effort: the registry is already built without it
        pass


def _base_registry(home: Path | None) -> PackageRegistry:
    """Return pint's default units, read from the definitions cache in ``home`` when it can be."""
    try:
        folder = units_cache_folder(home)
        if not (folder / _READY).exists():
            _fill_cache(folder)
        if not _trusted(folder):
            return PackageRegistry(**_REGISTRY_OPTIONS)
    except Exception:  # noqa: BLE001 - a cache is an optimisation: without it, parse as pint does
        return PackageRegistry(**_REGISTRY_OPTIONS)
    try:
        return PackageRegistry(cache_folder=folder, **_REGISTRY_OPTIONS)
    except Exception:  # noqa: BLE001 - a damaged cache: parse as pint does, and refill next time
        _discard(folder)
        return PackageRegistry(**_REGISTRY_OPTIONS)


FOREIGN_CURRENCIES: tuple[str, ...] = ("USD", "GBP", "CHF", "SEK", "DKK", "NOK", "PLN", "CZK", "JPY")
"""Currencies other than EUR a cost amount may be written in (rates: ``datasets/exchange_rates``)."""


def currency_of(unit: Any) -> str | None:
    """The foreign currency an amount's unit is in (``"USD"``), or None for euro and non-money.

    Examples
    --------
    >>> from lcacompare.units import ureg
    >>> currency_of(ureg.Unit("USD / kg")), currency_of(ureg.Unit("EUR")), currency_of(ureg.Unit("kg"))
    ('USD', None, None)
    """
    dims = dict((unit if hasattr(unit, "dimensionality") else registry().Unit(unit)).dimensionality)
    for code in FOREIGN_CURRENCIES:
        if dims.get(f"[currency_{code}]", 0) == 1:
            return code
    return None


def _build_registry(home: Path | None) -> PackageRegistry:
    registry = _base_registry(home)
    registry.define("EUR = [currency] = euro")
    registry.define("kEUR = 1000 * EUR")
    # Other currencies are dimensions of their own: an amount in dollars becomes euro only through
    # a sourced yearly exchange rate (lcacompare.currency), never by a fixed factor.
    for code in FOREIGN_CURRENCIES:
        registry.define(f"{code} = [currency_{code}]")
    # pint ships ``cycle`` as an angle (2 pi radian); a steriliser cycle is a count, so it is
    # redefined. Redefinition is allowed only for this one name, on purpose.
    registry._on_redefinition = "warn"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        registry.define("cycle = 1 = cycles")
    registry._on_redefinition = "raise"
    for name in ("use", "item", "piece", "load", "change", "procedure", "wash"):
        registry.define(f"{name} = 1")
    registry.define("tkm = tonne * kilometer")
    return registry


def registry(home: Path | None = None) -> PackageRegistry:
    """The package's unit registry, built on the first call and registered as pint's application registry.

    Parameters
    ----------
    home : Path, optional
        lcacompare's home, for the cache of pint's parsed definitions (default
        :func:`lcacompare.home.default_home`). Only the call that builds the registry uses it:
        later calls return the same registry, whose units are the same wherever the cache is.

    Returns
    -------
    PackageRegistry
        The one registry of this process; pickled quantities are rebuilt in it.
    """
    current = pint.get_application_registry().get()
    if isinstance(current, PackageRegistry):
        return current
    with _BUILD_LOCK:
        current = pint.get_application_registry().get()
        if isinstance(current, PackageRegistry):
            return current
        built = _build_registry(home)
        pint.set_application_registry(built)
        return built


if TYPE_CHECKING:
    ureg: PackageRegistry
    Quantity: type[pint.Quantity[Any]]


def __getattr__(name: str) -> Any:
    """``ureg`` and ``Quantity``: the registry of :func:`registry` and its quantity class."""
    if name == "ureg":
        return registry()
    if name == "Quantity":
        return registry().Quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Unit:
    """Parse a unit string with the package registry (memoised: a unit is immutable).

    Parameters
    ----------
    text : str
        A unit such as ``"kg"``, ``"t*km"`` or ``"m**3"``.

    Returns
    -------
    pint.Unit
        The parsed unit.

    Raises
    ------
    pint.UndefinedUnitError
        When the unit is not known.
    """
    return registry().Unit(text)


class UnitError(ValueError):
    """A text is not a unit of the package registry; the message says why and what was expected."""


@functools.lru_cache(maxsize=1)
def _unit_names() -> tuple[str, ...]:
    """Names a typo is compared with: the registry's units, and short symbols with common prefixes."""
    names = list(registry())
    short = [name for name in names if len(name) <= 3 and name.isascii() and name.isalpha()]
    names += [prefix + name for prefix in _SUGGESTED_PREFIXES for name in short]
    return tuple(dict.fromkeys(names))


def similar_names(name: str, also: Iterable[str] = ()) -> list[str]:
    """Units of the registry (and other names, e.g. a case's parameters) close to a mistyped ``name``.

    Parameters
    ----------
    name : str
        The unknown name, e.g. ``"kgg"``.
    also : iterable of str, optional
        More names that would be valid where ``name`` was written.

    Returns
    -------
    list of str
        At most three names, the closest first (:func:`difflib.get_close_matches`).

    Examples
    --------
    >>> similar_names("kgg")[0]
    'kg'
    >>> similar_names("clamp_mas", ["clamp_mass"])[0]
    'clamp_mass'
    """
    candidates = [*dict.fromkeys(also), *_unit_names()]
    by_letters: dict[str, list[str]] = {}  # compared without case, so "kwh" finds "kWh"
    for candidate in candidates:
        by_letters.setdefault(candidate.lower(), []).append(candidate)
    close = difflib.get_close_matches(name.lower(), by_letters, n=3, cutoff=_SUGGESTION_CUTOFF)
    found = [candidate for letters in close for candidate in by_letters[letters]]
    # Among names equally close without case, the one also written in the same case comes first.
    rank = {letters: place for place, letters in enumerate(close)}
    found.sort(key=lambda candidate: (rank[candidate.lower()], -difflib.SequenceMatcher(None, name, candidate).ratio()))
    return found[:3]


def did_you_mean(name: str, also: Iterable[str] = ()) -> str:
    """``"; did you mean 'kg'?"`` for a mistyped name, or ``""`` when nothing is close (see :func:`similar_names`)."""
    close = similar_names(name, also)
    if not close:
        return ""
    quoted = [repr(found) for found in close]
    return f"; did you mean {', '.join(quoted[:-1]) + ' or ' if len(quoted) > 1 else ''}{quoted[-1]}?"


def non_ascii(text: str) -> str | None:
    """Describe the first character of ``text`` that is not ASCII, or None when all are.

    Look-alikes of ASCII letters (a Cyrillic ``к``, a micro sign ``µ``) make a unit unknown, or
    (Python folds some of them into other letters) silently another unit, so they are named.

    Examples
    --------
    >>> non_ascii("30 \u043a\u0433")
    "'\u043a' (U+043A CYRILLIC SMALL LETTER KA) at position 4"
    >>> non_ascii("30 kg") is None
    True
    """
    for position, char in enumerate(text, start=1):
        if not char.isascii():
            name = unicodedata.name(char, "unnamed character")
            return f"{char!r} (U+{ord(char):04X} {name}) at position {position}"
    return None


def read_unit(text: str) -> pint.Unit:
    """Parse the unit a person wrote (a ``unit:`` field), refusing anything that is not one unit.

    Parameters
    ----------
    text : str
        A unit such as ``"kg"``, ``"kWh"`` or ``"t*km"``.

    Returns
    -------
    pint.Unit

    Raises
    ------
    UnitError
        For unknown names (with close names suggested), non-ASCII characters, numbers (``"0 kg"``),
        division by zero (``"kg/0"``) and unbalanced brackets (``"kg)"``).
    """
    if not isinstance(text, str):
        raise UnitError(f"{text!r} is not a unit")
    strange = non_ascii(text)
    if strange is not None:
        raise UnitError(f"unit {text!r} has the non-ASCII character {strange}; write units in ASCII (micro is u: ug)")
    try:
        return parse_unit(text)
    except pint.UndefinedUnitError as exc:
        names = getattr(exc, "unit_names", None) or text
        unknown = str(names if isinstance(names, str) else next(iter(names), text))
        raise UnitError(f"unknown unit {unknown!r} in {text!r}{did_you_mean(unknown)}") from None
    except NOT_A_UNIT:
        raise UnitError(f"{text!r} is not a unit (a number, a division by zero or unbalanced brackets)") from None


def is_compatible(quantity: pint.Quantity[Any], unit: pint.Unit | str) -> bool:
    """Tell whether ``quantity`` can be converted to ``unit``."""
    return quantity.is_compatible_with(unit)
