"""The one formatting rule for every figure a user reads: terminal, HTML and Excel alike.

The rule (also in ``docs/number-format.md``):

- every figure has **3 significant digits** (``0.0824``, ``1.23``, ``10,100``); whole numbers of
  1,000 or more are rounded to 3 significant digits too;
- EUR amounts from 0.01 to 1,000 are shown to the cent (``EUR 1.20``, never ``EUR 1.2``), others
  with 3 significant digits (``EUR 10,100``);
- probabilities are whole percentages; a probability that is not exactly 0 or 1 is never shown
  as ``0 %`` or ``100 %`` but as ``< 1 %`` or ``> 99 %``;
- uses per item (break-even) are rounded **up** to a whole use: break-even is reached at the
  next whole use;
- figures smaller than 0.0001 or of a billion and more are written with an exponent.

Digits and separators follow the language's locale through Babel (``1,234.56`` in English,
``1.234,56`` in Dutch). :func:`excel_number_format` gives the Excel number format that shows a
stored full-precision value by the same rule, so a non-zero value never shows as ``0.0000``.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = [
    "SIGNIFICANT_DIGITS",
    "significant",
    "eur",
    "percent",
    "probability",
    "uses",
    "signed",
    "signed_eur",
    "excel_number_format",
    "PERCENT_FORMAT",
]

SIGNIFICANT_DIGITS = 3
"""Significant digits of every figure shown (see the module docstring)."""

PERCENT_FORMAT = "0%"
"""Excel number format of a probability stored as a share 0-1."""


def _finite(value: Any) -> float | None:
    """The value as a finite float, or None (missing, text, NaN, infinity)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _locale(lang: str) -> str:
    from lcacompare.i18n import LOCALES, check_language

    return LOCALES[check_language(lang)]


def _places(number: float, digits: int) -> int:
    """Decimal places that show ``digits`` significant digits of ``number`` (0 for large numbers)."""
    magnitude = math.floor(math.log10(abs(number)))
    return max(digits - 1 - magnitude, 0)


def _exponent(number: float) -> bool:
    magnitude = math.floor(math.log10(abs(number)))
    return magnitude < -4 or magnitude >= 9


def significant(value: Any, digits: int = SIGNIFICANT_DIGITS, lang: str = "en") -> str:
    """A number with ``digits`` significant figures in the language's locale.

    Parameters
    ----------
    value : float
        The number (None, NaN and text give ``n/a``).
    digits : int
        Significant digits, 3 by the report's rule.
    lang : {"en", "nl"}
        Language of the digits and separators.

    Examples
    --------
    >>> significant(0.0823928), significant(1234.5), significant(None)
    ('0.0824', '1,230', 'n/a')
    >>> significant(1234.5, lang="nl"), significant(1.2345, lang="nl")
    ('1.230', '1,23')
    """
    from babel.numbers import format_decimal, format_scientific

    number = _finite(value)
    if number is None:
        return "n/a"
    if number == 0:
        return "0"
    locale = _locale(lang)
    if _exponent(number):
        return str(format_scientific(number, format="0." + "0" * (digits - 1) + "E0", locale=locale))
    magnitude = math.floor(math.log10(abs(number)))
    rounded = round(number, digits - 1 - magnitude)
    places = _places(rounded, digits) if rounded else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return str(format_decimal(rounded, format=pattern, locale=locale))


def eur(value: Any, lang: str = "en", sign: bool = False) -> str:
    """An EUR amount by the report's rule: to the cent from 0.01 to 1,000, else 3 significant digits.

    Parameters
    ----------
    value : float
        Amount in EUR.
    lang : {"en", "nl"}
        Language of the digits and separators.
    sign : bool
        Write ``+`` before a positive amount.

    Examples
    --------
    >>> eur(1.2193), eur(0.0011), eur(10072.12), eur(1.2, lang="nl")
    ('EUR 1.22', 'EUR 0.00110', 'EUR 10,100', 'EUR 1,20')
    """
    from babel.numbers import format_decimal

    number = _finite(value)
    if number is None:
        return "n/a"
    prefix = "+" if sign and number > 0 else ""
    if number == 0 or 0.01 <= abs(number) < 1000:
        return f"EUR {prefix}{format_decimal(round(number, 2), format='#,##0.00', locale=_locale(lang))}"
    return f"EUR {prefix}{significant(number, lang=lang)}"


def signed(value: Any, digits: int = SIGNIFICANT_DIGITS, lang: str = "en") -> str:
    """A difference with its sign: ``+0.24``, ``−0.562`` (minus sign U+2212), ``0``.

    Examples
    --------
    >>> signed(0.2396), signed(-0.5623)
    ('+0.240', '−0.562')
    """
    number = _finite(value)
    if number is None:
        return "n/a"
    if number == 0:
        return "0"
    text = significant(abs(number), digits, lang)
    return ("+" if number > 0 else "\u2212") + text


def signed_eur(value: Any, lang: str = "en") -> str:
    """A difference of money with its sign, by the EUR rule of :func:`eur` (no currency prefix).

    Examples
    --------
    >>> signed_eur(-0.3384), signed_eur(10072.1), signed_eur(0.0)
    ('−0.34', '+10,100', '0.00')
    """
    number = _finite(value)
    if number is None:
        return "n/a"
    text = eur(abs(number), lang).removeprefix("EUR ")
    return ("+" if number > 0 else "\u2212" if number < 0 else "") + text


def percent(probability: Any) -> str:
    """A probability as a percentage with one decimal: the wording of the result's generated texts.

    The ``transparency`` section of ``result.json`` keeps this form so that stored results do not
    change; reports, workbook and terminal use :func:`probability`.

    Examples
    --------
    >>> percent(0.9981)
    '99.8 %'
    """
    number = _finite(probability)
    if number is None:
        return "n/a"
    return f"{100 * number:.1f} %"


def probability(value: Any, lang: str = "en") -> str:
    """A probability as a whole percentage; never ``0 %`` or ``100 %`` unless exactly so.

    Examples
    --------
    >>> probability(0.9887), probability(1.0), probability(0.9981), probability(0.001)
    ('99 %', '100 %', '> 99 %', '< 1 %')
    """
    number = _finite(value)
    if number is None:
        return "n/a"
    if 0 < number < 0.005:
        return "< 1 %"
    if 0.995 <= number < 1:
        return "> 99 %"
    return f"{round(100 * number):d} %"


def uses(value: Any, lang: str = "en") -> str:
    """A number of uses, rounded up to a whole use (break-even is reached at the next use).

    Examples
    --------
    >>> uses(36.2), uses(1234.1, lang="nl")
    ('37', '1.235')
    """
    from babel.numbers import format_decimal

    number = _finite(value)
    if number is None:
        return "n/a"
    return str(format_decimal(math.ceil(number - 1e-9), format="#,##0", locale=_locale(lang)))


def excel_number_format(value: Any, digits: int = SIGNIFICANT_DIGITS) -> str:
    """The Excel number format that shows ``value`` by the report's rule (the cell keeps full precision).

    Examples
    --------
    >>> excel_number_format(0.000349), excel_number_format(1234.5), excel_number_format(2.2395)
    ('0.000000', '#,##0', '0.00')
    >>> excel_number_format(1.2e-7)
    '0.00E+00'
    """
    number = _finite(value)
    if number is None or number == 0:
        return "General"
    if _exponent(number):
        return "0." + "0" * (digits - 1) + "E+00"
    places = _places(number, digits)
    return ("#,##0" if abs(number) >= 1000 else "0") + ("." + "0" * places if places else "")
