"""Exchange rates: cost amounts in other currencies brought to euro (``datasets/exchange_rates/ecb.csv``).

A cost written in currency ``C`` (``"200 USD"``) with price year ``y`` is converted to euro with
the yearly average euro reference rate ``r_C(y)`` (units of ``C`` per euro, as the European
Central Bank publishes it), then indexed to the case's price year ``Y`` with the price index
(:mod:`lcacompare.cost.indexation`)::

    EUR_Y = amount_C / r_C(y) * I(Y) / I(y)

Each currency is its own dimension in the unit registry (:mod:`lcacompare.units`), so an amount
in dollars is never added to one in euro without this conversion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lcacompare.datasets import file_version, read_csv_rows
from lcacompare.errors import CaseError, Problem

__all__ = ["ExchangeRate", "ExchangeRates", "load_exchange_rates", "exchange_rate_file_for", "REPORTING_CURRENCY"]

REPORTING_CURRENCY = "EUR"
"""The currency every result is reported in (``context.currency``)."""
_COLUMNS = ("currency", "year", "per_eur", "source", "source_url", "seen", "notes")


@dataclass(frozen=True)
class ExchangeRate:
    """One yearly average reference rate: ``per_eur`` units of ``currency`` buy one euro."""

    currency: str
    year: int
    per_eur: float
    source: str
    source_url: str
    seen: str


@dataclass
class ExchangeRates:
    """Yearly rates per currency, read from a sourced CSV table."""

    file: Path
    rows: dict[tuple[str, int], ExchangeRate] = field(default_factory=dict)

    def currencies(self) -> list[str]:
        """Sorted currencies of the table (EUR itself is always usable)."""
        return sorted({REPORTING_CURRENCY} | {currency for currency, _ in self.rows})

    def years(self, currency: str) -> list[int]:
        """Years with a rate for one currency."""
        return sorted(year for code, year in self.rows if code == currency)

    def rate(self, currency: str, year: int) -> ExchangeRate | None:
        """The rate of ``currency`` in ``year``, or None when the table has none."""
        return self.rows.get((currency, year))


def exchange_rate_file_for(root: Path | None) -> Path:
    """The rate table: ``<root>/exchange_rates/ecb.csv`` if present, else the shipped one.

    A datasets folder of one's own need not copy the table: the shipped rates apply then.
    """
    from lcacompare.data import shipped_datasets_dir

    if root is not None and (Path(root) / "exchange_rates" / "ecb.csv").is_file():
        return Path(root) / "exchange_rates" / "ecb.csv"
    return shipped_datasets_dir() / "exchange_rates" / "ecb.csv"


def load_exchange_rates(file: Path) -> ExchangeRates:
    """Read and check a rate table (memoised per file path, size and modification time).

    Parameters
    ----------
    file : Path
        A CSV with columns ``currency, year, per_eur, source, source_url, seen, notes``; every
        row needs a three-letter code, a positive finite rate and a source.

    Returns
    -------
    ExchangeRates

    Raises
    ------
    CaseError
        Naming the file, row and column of every bad value.
    """
    return _read_rates(file, file_version(file))


@lru_cache(maxsize=8)
def _read_rates(file: Path, version: tuple[int, int]) -> ExchangeRates:
    """Read the table; ``version`` is part of the memo key so an edited file is read again."""
    if not file.is_file():
        raise CaseError(
            file, [Problem("<root>", "exchange-rate table not found", "datasets/exchange_rates/ecb.csv", "dataset")]
        )
    problems: list[Problem] = []
    table = ExchangeRates(file)
    for row_number, rec in read_csv_rows(file, _COLUMNS):
        where = f"row {row_number}"
        currency = (rec["currency"] or "").strip()
        try:
            year = int(rec["year"])
            value = float(rec["per_eur"])
        except (TypeError, ValueError):
            problems.append(Problem(f"{where}.year/per_eur", "not a number", "a year and a positive rate", "dataset"))
            continue
        if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
            problems.append(Problem(f"{where}.currency", f"{currency!r}", "an ISO 4217 code such as USD", "dataset"))
        if not (math.isfinite(value) and value > 0):
            problems.append(Problem(f"{where}.per_eur", f"rate {value} is not positive", "a positive rate", "dataset"))
        if not (rec["source"] or "").strip():
            problems.append(Problem(f"{where}.source", "no source", "the publisher and series", "dataset"))
        key = (currency, year)
        if key in table.rows:
            problems.append(Problem(where, f"duplicate rate for {key}", "one row per currency and year", "dataset"))
        table.rows[key] = ExchangeRate(
            currency, year, value, rec["source"].strip(), (rec["source_url"] or "").strip(), rec["seen"].strip()
        )
    if problems:
        raise CaseError(file, problems)
    return table
