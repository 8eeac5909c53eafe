"""Formulas of steam sterilisation by load, and the shipped coefficients of the load rule.

* Steriliser electricity per cycle follows the load (McGain et al. 2017):
  ``E = base + k x m``, with ``m = load_mass x fill_rate`` the mass actually in the chamber.
* One item's share of a load: by count ``1 / (items_per_load x fill_rate)``, by mass
  ``item_mass / (load_mass x fill_rate)``.

References
----------
McGain F., Moore G., Black J. (2017) Steam sterilisation's energy and water footprint. Australian
Health Review 41(1):26-32, doi:10.1071/AH15142 (abstract read: ``kWh = 15.7 + 0.14 x mass``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lcacompare.datasets import Provenance, file_version, read_csv_rows

__all__ = [
    "SteamDefaults",
    "steriliser_kwh",
    "load_in_chamber",
    "count_share",
    "mass_share",
    "steam_defaults",
    "DEFAULTS_FILE",
    "grouped",
]

DEFAULTS_FILE = Path("reprocessing") / "steam-sterilisation.csv"
"""Where the load rule's shipped coefficients live, under the datasets folder."""
_COLUMNS = ("id", "value", "unit", "year", "geography", "source", "pedigree")
_ATOM = re.compile(r"^\s*(?:[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)\s*$")


def steriliser_kwh(base_kwh: float, kwh_per_kg: float, load_kg: float) -> float:
    """Steriliser electricity of one cycle from its load: ``E = base + k x m``.

    Parameters
    ----------
    base_kwh : float
        Electricity of a cycle with an empty chamber, kWh (McGain et al. 2017: 15.7).
    kwh_per_kg : float
        Extra electricity per kg of load, kWh/kg (McGain et al. 2017: 0.14).
    load_kg : float
        Mass in the chamber, kg.

    Returns
    -------
    float
        kWh per cycle.

    Examples
    --------
    >>> round(steriliser_kwh(15.7, 0.14, 21.0), 2)
    18.64
    """
    return base_kwh + kwh_per_kg * load_kg


def load_in_chamber(load_mass: float, fill_rate: float) -> float:
    """Mass actually sterilised per cycle: ``m = load_mass x fill_rate``.

    Examples
    --------
    >>> load_in_chamber(20.0, 0.75)
    15.0
    """
    return load_mass * fill_rate


def count_share(items_per_load: float, fill_rate: float) -> float:
    """One item's share of a load by count: ``1 / (items_per_load x fill_rate)``.

    Examples
    --------
    >>> count_share(160, 0.75)
    0.008333333333333333
    """
    return 1.0 / (items_per_load * fill_rate)


def mass_share(item_mass: float, load_mass: float, fill_rate: float) -> float:
    """One item's share of a load by mass: ``item_mass / (load_mass x fill_rate)``.

    Examples
    --------
    >>> mass_share(0.085, 20.0, 0.5)
    0.0085
    """
    return item_mass / (load_mass * fill_rate)


def grouped(text: object) -> str:
    """An amount as a term of a larger expression: a name or a number as it is, anything else in brackets.

    Examples
    --------
    >>> grouped("load_fill_rate"), grouped(0.75), grouped("a + b")
    ('load_fill_rate', '0.75', '(a + b)')
    """
    words = str(text).strip()
    return words if _ATOM.match(words) else f"({words})"


@dataclass(frozen=True)
class SteamDefaults:
    """The shipped coefficients of the load rule, each an amount text with its dataset provenance."""

    base_kwh: str
    kwh_per_kg_load: str
    base_provenance: Provenance
    slope_provenance: Provenance
    file: Path


def _row_provenance(rec: dict[str, str], file: Path) -> Provenance:
    return Provenance(
        source=rec["source"].strip(),
        year=int(rec["year"]),
        geography=rec["geography"].strip(),
        pedigree=tuple(int(x) for x in rec["pedigree"].split(";")),  # type: ignore[arg-type]
        source_url=(rec.get("source_url") or "").strip(),
        assumption=(rec.get("assumption") or "").strip(),
        notes=(rec.get("notes") or "").strip(),
        file=file.name,
    )


@lru_cache(maxsize=8)
def _read(file: Path, version: tuple[int, int]) -> SteamDefaults:
    rows = {rec["id"].strip(): rec for _, rec in read_csv_rows(file, _COLUMNS)}
    base, slope = rows["base_kwh"], rows["kwh_per_kg_load"]
    return SteamDefaults(
        base_kwh=f"{base['value'].strip()} {base['unit'].strip()}",
        kwh_per_kg_load=f"{slope['value'].strip()} {slope['unit'].strip()}",
        base_provenance=_row_provenance(base, file),
        slope_provenance=_row_provenance(slope, file),
        file=file,
    )


def steam_defaults(datasets_root: Path) -> SteamDefaults:
    """The load rule's coefficients shipped in ``<datasets>/reprocessing/steam-sterilisation.csv``.

    Parameters
    ----------
    datasets_root : Path
        The datasets folder (``Datasets.root``).

    Returns
    -------
    SteamDefaults
        ``base_kwh`` and ``kwh_per_kg_load`` as quantity texts (``"15.7 kWh"``) with provenance.

    Raises
    ------
    CaseError
        When the file or one of its columns is missing (rule ``dataset``).
    KeyError
        When a coefficient's row is missing.
    """
    file = Path(datasets_root) / DEFAULTS_FILE
    return _read(file, file_version(file))
