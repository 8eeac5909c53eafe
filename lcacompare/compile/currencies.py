"""Cost lines in another currency: the yearly rate each one is converted to euro with.

See :mod:`lcacompare.currency` for the rule, ``EUR = amount / r_C(y)``, ``y`` the line's price
year (``year:``, else the case's). The price index then brings the euro to the case's price year
(:func:`lcacompare.cost.cashflow.line_indexations`), as for any cost line of another year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pint.facets.plain import PlainUnit

from lcacompare.currency import ExchangeRates, exchange_rate_file_for, load_exchange_rates
from lcacompare.errors import Problem
from lcacompare.units import ureg

__all__ = ["Conversion", "conversion_for", "unknown_currency"]


@dataclass(frozen=True)
class Conversion:
    """How one cost line becomes euro: ``EUR = amount / per_eur``.

    Attributes
    ----------
    currency : str
        ISO 4217 code of the amount as written.
    year : int
        Year of the rate (the line's price year).
    per_eur : float
        Units of ``currency`` per euro, yearly average.
    source, seen : str
        Where the rate comes from, and whether it was ``read`` there or is ``second-hand``.
    unit : PlainUnit
        The currency's unit in the registry.
    """

    currency: str
    year: int
    per_eur: float
    source: str
    seen: str
    unit: PlainUnit

    def to_eur(self, magnitude: Any) -> Any:
        """The magnitude (in :attr:`unit`) in euro."""
        return magnitude / self.per_eur


def conversion_for(
    table: ExchangeRates, currency: str, year: int, field_path: str, line: int | None
) -> Conversion | Problem:
    """Rule currency: the rate of ``currency`` in ``year``, or the problem naming the field."""
    rate = table.rate(currency, year)
    if rate is None:
        years = table.years(currency)
        span = f"{years[0]}-{years[-1]}" if years else "none"
        return Problem(
            field_path,
            f"no exchange rate for {currency} in {year}",
            f"a currency and year of datasets/exchange_rates/ecb.csv (currencies {', '.join(table.currencies())}; "
            f"{currency} years: {span}), or the amount in EUR",
            "currency",
            line,
        )
    return Conversion(currency, year, rate.per_eur, rate.source, rate.seen, ureg.Unit(currency))


def unknown_currency(
    text: str, field_path: str, line: int | None, table: Callable[[], ExchangeRates]
) -> Problem | None:
    """Rule currency: a three-letter upper-case word that is no known unit is taken for a currency.

    ``table`` is called (the rate table read) only when there is such a word.
    """
    import re

    for word in re.findall(r"\b[A-Z]{3}\b", str(text)):
        try:
            ureg.Unit(word)
        except Exception:  # noqa: BLE001 - pint raises several types for an undefined name
            return Problem(
                field_path,
                f"unknown currency {word!r}",
                f"a currency of datasets/exchange_rates/ecb.csv: {', '.join(table().currencies())}",
                "currency",
                line,
            )
    return None


def rates_for(root: Any) -> ExchangeRates:
    """The rate table of a datasets folder (or the shipped one)."""
    return load_exchange_rates(exchange_rate_file_for(root))
