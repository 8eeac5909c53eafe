"""Material properties (bio-based, renewable) and end-of-life routes of the datasets' activities.

Two small tables under ``datasets/materials/``, one row per activity id, each with its source:

``properties.csv``
    ``id, bio_based, renewable, source, source_url, year, geography, pedigree, notes``: whether a
    material is derived from biomass (EN 16575:2014) and whether it is replenished on a human time
    scale (biomass is; ores and fossil feedstock are not);
``end-of-life.csv``
    ``id, route, source, source_url, year, geography, pedigree, notes``: what a module C activity
    does with the waste, ``recycling``, ``incineration``, ``landfill`` or ``treatment`` (recycling as
    in Directive 2008/98/EC art. 3(17): energy recovery is not recycling).

A datasets folder without these files (an older or a user's own) gives empty tables: every
material and route is then *unclassified*, and the indicators say so (:mod:`lcacompare.circular.indicators`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lcacompare.datasets import file_version, read_csv_rows
from lcacompare.errors import CaseError, Problem

__all__ = ["ROUTES", "MaterialProperty", "EndOfLifeRoute", "CircularData", "load_circular_data"]

ROUTES: tuple[str, ...] = ("recycling", "incineration", "landfill", "treatment")
"""End-of-life routes a row of ``end-of-life.csv`` may name."""

_PROPERTY_COLUMNS = ("id", "bio_based", "renewable", "source", "year", "geography", "pedigree")
_ROUTE_COLUMNS = ("id", "route", "source", "year", "geography", "pedigree")
_YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True)
class MaterialProperty:
    """Whether a material activity is bio-based and renewable, with the row's source."""

    activity_id: str
    bio_based: bool
    renewable: bool
    source: str
    year: int
    geography: str


@dataclass(frozen=True)
class EndOfLifeRoute:
    """The waste route of a module C activity, with the row's source."""

    activity_id: str
    route: str
    source: str
    year: int
    geography: str

    @property
    def recyclable(self) -> bool:
        """Whether the route sends the material to recycling."""
        return self.route == "recycling"


@dataclass(frozen=True)
class CircularData:
    """Both tables, keyed by activity id (empty when the datasets folder has none)."""

    materials: dict[str, MaterialProperty]
    routes: dict[str, EndOfLifeRoute]


def _flag(text: str, file: Path, row: int, column: str, problems: list[Problem]) -> bool:
    value = _YES_NO.get(text.strip().lower())
    if value is None:
        problems.append(Problem(f"row {row}.{column}", f"{text!r} is not yes or no", "yes or no", "dataset"))
        return False
    return value


def _year(text: str, row: int, problems: list[Problem]) -> int:
    try:
        return int(text)
    except ValueError:
        problems.append(Problem(f"row {row}.year", f"{text!r} is not a year", "a year such as 2014", "dataset"))
        return 0


def _source(record: dict[str, str], row: int, problems: list[Problem]) -> str:
    source = (record.get("source") or "").strip()
    if not source:
        problems.append(Problem(f"row {row}.source", "empty source", "a citation for the row", "dataset"))
    return source


def _read_materials(file: Path) -> dict[str, MaterialProperty]:
    problems: list[Problem] = []
    table: dict[str, MaterialProperty] = {}
    for row, record in read_csv_rows(file, _PROPERTY_COLUMNS):
        activity = record["id"].strip()
        table[activity] = MaterialProperty(
            activity,
            _flag(record["bio_based"], file, row, "bio_based", problems),
            _flag(record["renewable"], file, row, "renewable", problems),
            _source(record, row, problems),
            _year(record["year"], row, problems),
            record["geography"].strip(),
        )
    if problems:
        raise CaseError(file, problems)
    return table


def _read_routes(file: Path) -> dict[str, EndOfLifeRoute]:
    problems: list[Problem] = []
    table: dict[str, EndOfLifeRoute] = {}
    for row, record in read_csv_rows(file, _ROUTE_COLUMNS):
        activity, route = record["id"].strip(), record["route"].strip()
        if route not in ROUTES:
            problems.append(Problem(f"row {row}.route", f"{route!r} is not a route", " or ".join(ROUTES), "dataset"))
        table[activity] = EndOfLifeRoute(
            activity, route, _source(record, row, problems), _year(record["year"], row, problems), record["geography"]
        )
    if problems:
        raise CaseError(file, problems)
    return table


@lru_cache(maxsize=8)
def _cached(root: Path, materials_version: tuple[int, int], routes_version: tuple[int, int]) -> CircularData:
    folder = root / "materials"
    materials = _read_materials(folder / "properties.csv") if materials_version[0] >= 0 else {}
    routes = _read_routes(folder / "end-of-life.csv") if routes_version[0] >= 0 else {}
    return CircularData(materials, routes)


def load_circular_data(root: str | Path) -> CircularData:
    """The material properties and end-of-life routes of a datasets folder.

    Parameters
    ----------
    root : str or Path
        The datasets folder (``Datasets.root``); its ``materials/`` subfolder holds the tables.

    Returns
    -------
    CircularData
        Read once per process and file version (an edited file is read again).

    Raises
    ------
    CaseError
        Naming the file, row and column of a bad row (rule ``dataset``).
    """
    folder = Path(root) / "materials"
    return _cached(Path(root), file_version(folder / "properties.csv"), file_version(folder / "end-of-life.csv"))
