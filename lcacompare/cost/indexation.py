"""Price-year indexation of older prices with a sourced consumer price index (HICP).

A price quoted in year ``y`` is brought to the case's price year ``Y`` by
``price_Y = price_y * I(Y) / I(y)``, where ``I`` is the HICP annual average index
(``datasets/indices/hicp.csv``). The case country's own series is used when it covers both
years; otherwise the euro-area series (``EA``) is used, and the series used is reported.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lcacompare.datasets import file_version
from lcacompare.errors import CaseError, Problem

__all__ = ["IndexRow", "PriceIndex", "Indexation", "load_price_index", "index_file_for", "FALLBACK_SERIES"]

FALLBACK_SERIES = "EA"
"""The series used when the case country's own series does not cover a year."""

_COLUMNS = ("geography", "year", "index", "base", "series", "source", "source_url", "method", "notes")


@dataclass(frozen=True)
class IndexRow:
    """One annual index value with its source."""

    geography: str
    year: int
    index: float
    source: str
    source_url: str


@dataclass(frozen=True)
class Indexation:
    """How one price was indexed: ``factor = I(to_year) / I(from_year)`` of ``series``."""

    from_year: int
    to_year: int
    factor: float
    series: str
    source: str


@dataclass
class PriceIndex:
    """Annual index values per geography, read from a sourced CSV table."""

    file: Path
    rows: dict[tuple[str, int], IndexRow] = field(default_factory=dict)

    def years(self, geography: str) -> list[int]:
        """Years covered by one geography's series."""
        return sorted(year for geo, year in self.rows if geo == geography)

    def indexation(self, from_year: int, to_year: int, country: str) -> Indexation | None:
        """Factor that brings a ``from_year`` price to ``to_year`` money, or None if not covered.

        Parameters
        ----------
        from_year : int
            Price year of the figure.
        to_year : int
            The case's price year.
        country : str
            The case's country; its series is preferred, then :data:`FALLBACK_SERIES`.

        Returns
        -------
        Indexation or None
            ``factor = I(to_year) / I(from_year)``; None when no series covers both years.

        Examples
        --------
        A price of EUR 1.00 in 2015 is EUR 1.00 * I(2024) / I(2015) in 2024 money.
        """
        for geography in dict.fromkeys((country, FALLBACK_SERIES)):
            start = self.rows.get((geography, from_year))
            end = self.rows.get((geography, to_year))
            if start is not None and end is not None:
                return Indexation(from_year, to_year, end.index / start.index, geography, end.source)
        return None


def index_file_for(root: Path | None) -> Path:
    """The HICP table: ``<root>/indices/hicp.csv`` if present, else the shipped one."""
    from lcacompare.datasets import datasets_dir

    if root is not None and (Path(root) / "indices" / "hicp.csv").is_file():
        return Path(root) / "indices" / "hicp.csv"
    return datasets_dir() / "indices" / "hicp.csv"


def load_price_index(file: Path) -> PriceIndex:
    """Read and check an index table (memoised per file content version: path, size, mtime).

    Parameters
    ----------
    file : Path
        A CSV with columns ``geography, year, index, base, series, source, source_url, method,
        notes``; every row needs a positive finite index and a source.

    Returns
    -------
    PriceIndex

    Raises
    ------
    CaseError
        Naming the file, row and column of every bad value.
    """
    return _read_price_index(file, file_version(file))


@lru_cache(maxsize=8)
def _read_price_index(file: Path, version: tuple[int, int]) -> PriceIndex:
    """Read the table; ``version`` is part of the memo key so an edited file is read again."""
    problems: list[Problem] = []
    table = PriceIndex(file)
    if not file.is_file():
        raise CaseError(file, [Problem("<root>", "price index table not found", "datasets/indices/hicp.csv", "index")])
    with file.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CaseError(file, [Problem("<header>", f"missing columns {missing}", ", ".join(_COLUMNS), "index")])
        for row_number, rec in enumerate(reader, start=2):
            where = f"row {row_number}"
            try:
                year = int(rec["year"])
                value = float(rec["index"])
            except (TypeError, ValueError):
                problems.append(Problem(f"{where}.year/index", "not a number", "a year and a positive index", "index"))
                continue
            if not (math.isfinite(value) and value > 0):
                problems.append(
                    Problem(f"{where}.index", f"index {value} is not positive", "a positive index", "index")
                )
            if not rec["source"].strip():
                problems.append(Problem(f"{where}.source", "no source", "the publisher and table", "index"))
            key = (rec["geography"].strip(), year)
            if key in table.rows:
                problems.append(Problem(where, f"duplicate row for {key}", "one row per geography and year", "index"))
            table.rows[key] = IndexRow(key[0], year, value, rec["source"].strip(), rec["source_url"].strip())
    if problems:
        raise CaseError(file, problems)
    return table
