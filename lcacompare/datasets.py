"""Open emission factors and prices with their provenance, read from ``datasets/`` (in the package).

``datasets/factors/*.csv`` hold emission factors per reference unit, ``datasets/prices/*.csv``
prices in EUR per unit. Rows are keyed by ``(id, geography)``; a lookup tries the requested
geography, then ``EU``, then ``GLO``. Every row is checked on load: a bad row is a
:class:`~lcacompare.errors.CaseError` naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from tokenize import TokenError
from typing import Any

import pint

from lcacompare.errors import CaseError, Problem
from lcacompare.units import parse_unit, ureg

__all__ = [
    "GASES",
    "Factor",
    "Price",
    "Datasets",
    "datasets_dir",
    "load_datasets",
    "FALLBACK_GEOGRAPHIES",
    "LARGEST_FIGURE",
    "CREDIT",
]

GASES: tuple[str, ...] = ("co2e", "co2_fossil", "ch4_fossil", "ch4_non_fossil", "n2o")
FALLBACK_GEOGRAPHIES: tuple[str, ...] = ("EU", "GLO")
_FACTOR_COLUMNS = (
    "id", "geography", "name", "category", "unit", "kg_co2e", "kg_co2_fossil", "kg_ch4_fossil",
    "kg_ch4_non_fossil", "kg_n2o", "year", "source", "source_url", "pedigree", "assumption", "notes",
)  # fmt: skip
LARGEST_FIGURE = 1e30
"""Largest figure a dataset row may hold. Brightway stores amounts as float32 (largest about
3.4e38), and a factor is multiplied by characterisation factors, amounts and Monte Carlo draws:
1e30 leaves room for all of them while being far above any real emission factor or price."""
CREDIT = "credit"
"""Category of a row that is an avoided burden; only such rows may hold negative emissions."""
_PRICE_COLUMNS = (
    "id", "geography", "name", "unit", "eur_per_unit", "price_year", "source", "source_url",
    "pedigree", "assumption", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class Provenance:
    """Source, year, geography and pedigree of a dataset row."""

    source: str
    year: int
    geography: str
    pedigree: tuple[int, int, int, int, int]
    source_url: str = ""
    assumption: str = ""
    notes: str = ""
    file: str = ""


@dataclass(frozen=True)
class Factor:
    """Emission factor of one background activity per reference unit."""

    id: str
    geography: str
    name: str
    category: str
    unit: str
    kg_per_unit: dict[str, float]
    provenance: Provenance

    @property
    def key(self) -> tuple[str, str]:
        """``(id, geography)``."""
        return (self.id, self.geography)

    @property
    def code(self) -> str:
        """Code of the matching activity in the Brightway background database."""
        return f"{self.id}|{self.geography}"

    def kg_co2e(self, characterisation: Mapping[str, float]) -> float:
        """Kg CO2e per reference unit: each gas times its characterisation factor, summed."""
        return math.fsum(amount * float(characterisation[gas]) for gas, amount in self.kg_per_unit.items())


@dataclass(frozen=True)
class Price:
    """A unit price in EUR (excl. VAT) of a stated price year."""

    id: str
    geography: str
    name: str
    unit: str
    eur_per_unit: float
    price_year: int
    provenance: Provenance

    def quantity(self) -> pint.Quantity:
        """The price as a pint quantity, EUR per unit."""
        return ureg.Quantity(self.eur_per_unit, parse_unit(f"EUR / ({self.unit})"))


@dataclass
class Datasets:
    """All factors and prices, with the digest of the files they came from."""

    factors: dict[tuple[str, str], Factor] = field(default_factory=dict)
    prices: dict[tuple[str, str], Price] = field(default_factory=dict)
    digest: str = ""
    root: Path | None = None

    def _resolve(self, table: dict, item_id: str, geography: str) -> object | None:
        for geo in (geography, *FALLBACK_GEOGRAPHIES):
            if (item_id, geo) in table:
                return table[(item_id, geo)]
        return None

    def factor(self, factor_id: str, geography: str) -> Factor | None:
        """Factor for ``factor_id`` in ``geography`` (then EU, then GLO), or None."""
        return self._resolve(self.factors, factor_id, geography)  # type: ignore[return-value]

    def price(self, price_id: str, geography: str) -> Price | None:
        """Price for ``price_id`` in ``geography`` (then EU, then GLO), or None."""
        return self._resolve(self.prices, price_id, geography)  # type: ignore[return-value]

    def geographies(self, table: str = "all") -> list[str]:
        """Sorted geographies that have rows: in ``"factors"``, ``"prices"`` or ``"all"`` (both)."""
        keys: set[tuple[str, str]] = set()
        if table in ("factors", "all"):
            keys |= self.factors.keys()
        if table in ("prices", "all"):
            keys |= self.prices.keys()
        return sorted({geography for _, geography in keys})

    def factor_ids(self) -> list[str]:
        """Sorted distinct factor ids."""
        return sorted({key[0] for key in self.factors})


def datasets_dir() -> Path:
    """The datasets folder: ``$LCACOMPARE_DATASETS`` or the datasets shipped in the package."""
    override = os.environ.get("LCACOMPARE_DATASETS")
    if override:
        return Path(override)
    from lcacompare.data import shipped_datasets_dir

    return shipped_datasets_dir()


def _number(text: str, file: Path, row: int, column: str, problems: list[Problem]) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        problems.append(Problem(f"row {row}.{column}", f"{text!r} is not a number", "a decimal number", "dataset"))
        return None
    if not math.isfinite(value):
        problems.append(Problem(f"row {row}.{column}", "NaN or infinity", "a finite number", "dataset"))
        return None
    if abs(value) > LARGEST_FIGURE:
        problems.append(
            Problem(
                f"row {row}.{column}",
                f"{text.strip()} is too large to compute with",
                f"a figure of at most {LARGEST_FIGURE:g} in absolute value",
                "dataset",
            )
        )
        return None
    return value


def _provenance(rec: dict[str, str], file: Path, row: int, year_col: str, problems: list[Problem]) -> Provenance:
    where = f"row {row}"
    year = _number(rec.get(year_col, ""), file, row, year_col, problems)
    if not rec.get("source", "").strip():
        problems.append(Problem(f"{where}.source", "empty source", "a citation for the figure", "dataset"))
    try:
        pedigree = tuple(int(x) for x in rec.get("pedigree", "").split(";"))
        if len(pedigree) != 5 or not all(1 <= x <= 5 for x in pedigree):
            raise ValueError
    except ValueError:
        problems.append(
            Problem(
                f"{where}.pedigree",
                f"{rec.get('pedigree')!r} is not a pedigree score",
                "five integers 1-5 joined by ';'",
                "dataset",
            )
        )
        pedigree = (5, 5, 5, 5, 5)
    return Provenance(
        source=rec.get("source", "").strip(),
        year=int(year) if year is not None else 0,
        geography=rec.get("geography", "").strip(),
        pedigree=pedigree,
        source_url=(rec.get("source_url") or "").strip(),
        assumption=(rec.get("assumption") or "").strip(),
        notes=(rec.get("notes") or "").strip(),
        file=file.name,
    )


def _read_text(file: Path) -> str:
    """The text of a CSV file as UTF-8, without a byte-order mark (Excel writes one)."""
    if file.is_dir():
        raise CaseError(
            file, [Problem("<file>", "is a directory", "a CSV file (move or rename the folder)", "dataset")]
        )
    try:
        data = file.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CaseError(
            file, [Problem("<file>", f"cannot be read ({reason})", "a readable CSV file", "dataset")]
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseError(file, _undecodable(data, exc)) from None


def _undecodable(data: bytes, error: UnicodeDecodeError) -> list[Problem]:
    """Where a file's bytes are not UTF-8: each row and column holding such bytes."""
    expected = "text saved as UTF-8 (in Excel: 'CSV UTF-8')"
    found = "bytes that are not UTF-8"
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig", errors="replace"), newline=""))
    problems = []
    try:
        for column in reader.fieldnames or ():
            if "\ufffd" in column:
                problems.append(Problem(f"<header>.{column}", found, expected, "dataset"))
        for rec in reader:
            for column, value in rec.items():
                if isinstance(value, str) and "\ufffd" in value:
                    problems.append(Problem(f"row {reader.line_num}.{column}", found, expected, "dataset"))
    except csv.Error:
        pass  # the byte position below still says where
    line = data[: error.start].count(b"\n") + 1
    return problems or [Problem(f"line {line}", found, expected, "dataset")]


def file_version(file: Path) -> tuple[int, int]:
    """Size and modification time of ``file`` (``(-1, -1)`` when it cannot be read).

    Part of the memo key of a table read once per process, so an edited file is read again.
    """
    try:
        stat = file.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


def read_csv_rows(file: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a dataset CSV with their line numbers, or a :class:`CaseError` naming row and column.

    The one reader of the datasets folder's tables: a missing file or column, bytes that are not
    UTF-8 (a byte-order mark is accepted), a field over the csv module's limit and rows with more
    or fewer fields than the header are all refused with where they are (rule ``dataset``).

    Parameters
    ----------
    file : Path
        The CSV file.
    columns : tuple of str
        Columns the header must have.

    Returns
    -------
    list of (int, dict)
        Line number and the row's fields by column.
    """
    text = _read_text(file)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[tuple[int, dict[Any, Any]]] = []  # DictReader keys surplus fields under None
    header_line = 0
    try:
        header = tuple(reader.fieldnames or ())
        header_line = reader.line_num
        missing = [c for c in columns if c not in header]
        if missing:
            raise CaseError(
                file, [Problem("<header>", f"missing columns {missing}", f"columns {list(columns)}", "dataset")]
            )
        for rec in reader:
            rows.append((reader.line_num, rec))
    except csv.Error as exc:
        first_line = (rows[-1][0] if rows else header_line) + 1
        header = tuple(reader.fieldnames or ()) if header_line else ()
        raise CaseError(file, [_unparsable(text, first_line, list(header), exc)]) from None
    # A comma inside an unquoted text shifts every later column: refuse, never guess.
    problems = [
        Problem(
            f"row {row}",
            f"{len(rec.get(None) or [])} field(s) more than the header"
            if None in rec
            else "fewer fields than the header",
            f"{len(header)} comma-separated fields; quote text with commas",
            "dataset",
        )
        for row, rec in rows
        if None in rec or any(value is None for value in rec.values())
    ]
    if problems:
        raise CaseError(file, problems)
    return rows


def _unparsable(text: str, first_line: int, header: list[str], error: csv.Error) -> Problem:
    """The row (and, for an over-long field, the column) of the record the csv module gave up on."""
    where = f"row {first_line}" if header else "<header>"
    limit = csv.field_size_limit()
    if "field larger" not in str(error):
        return Problem(where, f"not readable as CSV ({error})", "comma-separated fields, quotes paired", "dataset")
    if header:
        # Read the record again, cut at the limit: its last field is the one that is too long.
        record = "".join(text.splitlines(keepends=True)[first_line - 1 :])[:limit]
        fields = next(csv.reader(io.StringIO(record, newline="")), [])
        if 0 < len(fields) <= len(header):
            where = f"{where}.{header[len(fields) - 1]}"
    return Problem(where, f"a field longer than {limit} characters", f"fields of at most {limit} characters", "dataset")


def _check_unit(text: str, where: str, problems: list[Problem]) -> None:
    expected = "a unit such as kg, kWh, t*km, m**3, item"
    if not text:
        problems.append(Problem(where, "empty unit", expected, "dataset"))
        return
    try:
        ureg.Unit(text)
    except (pint.PintError, ValueError, AttributeError, TypeError, AssertionError, ArithmeticError, TokenError):
        # pint parses with Python's tokenizer: a stray bracket or operator raises these too.
        problems.append(Problem(where, f"unknown unit {text!r}", expected, "dataset"))


def _load_factors(file: Path, into: dict[tuple[str, str], Factor]) -> None:
    problems: list[Problem] = []
    for row, rec in read_csv_rows(file, _FACTOR_COLUMNS):
        where = f"row {row}"
        amounts = {}
        for gas in GASES:
            value = _number(rec.get(f"kg_{gas}", ""), file, row, f"kg_{gas}", problems)
            if value is not None:
                amounts[gas] = value
            if value is not None and value < 0 and rec["category"].strip() != CREDIT:
                problems.append(
                    Problem(
                        f"{where}.kg_{gas}",
                        f"negative emission factor {value:g} in a {rec['category'].strip()!r} row",
                        f"a figure of 0 or more, or category {CREDIT!r} for an avoided burden (used in module D only)",
                        "dataset",
                    )
                )
        if not amounts:
            problems.append(Problem(where, "no emission given", "kg_co2e or a gas column", "dataset"))
        _check_unit(rec["unit"].strip(), f"{where}.unit", problems)
        factor = Factor(
            id=rec["id"].strip(),
            geography=rec["geography"].strip(),
            name=rec["name"].strip(),
            category=rec["category"].strip(),
            unit=rec["unit"].strip(),
            kg_per_unit=amounts,
            provenance=_provenance(rec, file, row, "year", problems),
        )
        if factor.key in into:
            problems.append(Problem(where, f"duplicate factor {factor.key}", "one row per (id, geography)", "dataset"))
        into[factor.key] = factor
    if problems:
        raise CaseError(file, problems)


def _load_prices(file: Path, into: dict[tuple[str, str], Price]) -> None:
    problems: list[Problem] = []
    for row, rec in read_csv_rows(file, _PRICE_COLUMNS):
        where = f"row {row}"
        value = _number(rec.get("eur_per_unit", ""), file, row, "eur_per_unit", problems)
        if value is None:
            problems.append(Problem(f"{where}.eur_per_unit", "empty price", "EUR per unit", "dataset"))
            value = 0.0
        _check_unit(rec["unit"].strip(), f"{where}.unit", problems)
        prov = _provenance(rec, file, row, "price_year", problems)
        price = Price(
            id=rec["id"].strip(),
            geography=rec["geography"].strip(),
            name=rec["name"].strip(),
            unit=rec["unit"].strip(),
            eur_per_unit=value,
            price_year=prov.year,
            provenance=prov,
        )
        if (price.id, price.geography) in into:
            problems.append(
                Problem(
                    where, f"duplicate price {(price.id, price.geography)}", "one row per (id, geography)", "dataset"
                )
            )
        into[(price.id, price.geography)] = price
    if problems:
        raise CaseError(file, problems)


def _digest(files: list[Path]) -> str:
    sha = hashlib.sha256()
    for file in files:
        sha.update(file.name.encode())
        sha.update(file.read_bytes())
    return sha.hexdigest()


def _load(root: Path) -> Datasets:
    factor_files = sorted((root / "factors").glob("*.csv"))
    price_files = sorted((root / "prices").glob("*.csv"))
    if not factor_files:  # a wrong --datasets or $LCACOMPARE_DATASETS, not a case without factors
        expected = "a datasets folder with factors/*.csv and prices/*.csv (like the shipped one)"
        raise CaseError(root, [Problem("factors/", "no emission factor files (factors/*.csv)", expected, "dataset")])
    data = Datasets(root=root)
    for file in factor_files:
        _load_factors(file, data.factors)
    for file in price_files:
        _load_prices(file, data.prices)
    # The price index changes EUR figures too, so it is part of the data a result is traced to.
    # So do the exchange rates, for costs written in other currencies, and the Annex C defaults
    # of the Circular Footprint Formula (results under it depend on them).
    data.digest = _digest(
        factor_files
        + price_files
        + sorted((root / "indices").glob("*.csv"))
        + sorted((root / "exchange_rates").glob("*.csv"))
        + sorted((root / "reprocessing").glob("*.csv"))  # the sterilisation load rule's coefficients
        + sorted((root / "cff").glob("*.csv"))
        + sorted((root / "materials").glob("*.csv"))  # material properties and waste routes (circularity)
    )
    return data


def load_datasets(root: str | Path | None = None) -> Datasets:
    """Load every factor and price file under ``root`` (default :func:`datasets_dir`).

    Parameters
    ----------
    root : str or Path, optional
        Folder with ``factors/`` and ``prices/`` subfolders.

    Returns
    -------
    Datasets
        Factors and prices keyed by ``(id, geography)``, and a digest of the files.

    Raises
    ------
    CaseError
        Naming the file, row and column of the first bad file.
    """
    return _load(Path(root or datasets_dir()).resolve())
