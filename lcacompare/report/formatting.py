"""Number formatting shared by the HTML report, the verdict text and the transparency section."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["significant", "eur", "percent", "uses"]


def _finite(value: Any) -> float | None:
    """The value as a finite float, or None (missing, text, NaN, infinity)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def significant(value: Any, digits: int = 3) -> str:
    """A number with ``digits`` significant figures, without exponent for everyday magnitudes.

    Examples
    --------
    >>> significant(0.0823928), significant(1234.5), significant(None)
    ('0.0824', '1,230', 'n/a')
    """
    number = _finite(value)
    if number is None:
        return "n/a"
    if number == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(number)))
    if magnitude < -4 or magnitude >= 9:
        return f"{number:.{digits - 1}e}"
    places = digits - 1 - magnitude
    rounded = round(number, places)
    return f"{rounded:,.{max(places, 0)}f}"


def eur(value: Any) -> str:
    """EUR amount: two decimals, three significant figures below one cent.

    Examples
    --------
    >>> eur(1.2193), eur(0.0011)
    ('EUR 1.22', 'EUR 0.0011')
    """
    number = _finite(value)
    if number is None:
        return "n/a"
    if number != 0 and abs(number) < 0.01:
        return f"EUR {significant(number, 2)}"
    return f"EUR {number:,.2f}"


def percent(probability: Any) -> str:
    """A probability as a percentage with one decimal.

    Examples
    --------
    >>> percent(0.9981)
    '99.8 %'
    """
    number = _finite(probability)
    if number is None:
        return "n/a"
    return f"{100 * number:.1f} %"


def uses(value: Any) -> str:
    """A number of uses, rounded up to a whole use (break-even is reached at the next use).

    Examples
    --------
    >>> uses(36.2)
    '37'
    """
    number = _finite(value)
    if number is None:
        return "n/a"
    return f"{math.ceil(number - 1e-9):,d}"
