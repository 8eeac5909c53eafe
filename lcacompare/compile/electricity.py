"""Electricity, location-based and market-based: the factors of both views and the market-basis hook.

The GHG Protocol Scope 2 Guidance (WRI 2015, chapters 4 and 6) reports purchased electricity two
ways. Location-based: kWh times the grid-average factor of where it is used (here the dataset row
the line resolves to, ``electricity-grid`` of the case's country or of the line's ``location``).
Market-based: kWh times the factor of the contractual instruments the buyer holds, in the
Guidance's order: guarantees of origin (renewable: 0 kg CO2e per kWh of direct emissions), a
supplier-specific mix, else the residual mix (the country's mix without the electricity claimed
by cancelled guarantees of origin; AIB's European Residual Mixes), else the grid average.

Per electricity line ``l`` of an option, with ``q_l`` its kWh per use,

``location_l = q_l * f_grid(l)``  and  ``market_l = q_l * f_market`` when the instruments cover ``l``,
else ``market_l = location_l``.

The instruments cover the hospital's own electricity (module B lines without a ``location``) by
default, every electricity line with ``applies_to: all``. When the case's basis is ``market``,
:func:`apply_market_basis` makes each covered line use the market factor (a key of the case's own,
as the case's own factors are), so totals, Monte Carlo and break-even follow; the market factor is
not sampled. Applied only under a method with the ``electricity`` section.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lcacompare.compile.own_factors import OWN_PREFIX
from lcacompare.compile.references import LineInfo
from lcacompare.datasets import Datasets, Factor, Provenance, datasets_dir, file_version, read_csv_rows
from lcacompare.errors import CaseError, Problem
from lcacompare.method.spec import MethodSpec
from lcacompare.model.case import Case, InventoryLine
from lcacompare.model.electricity import AppliesTo, Electricity, Upstream

__all__ = [
    "SECTION",
    "ElectricityFactor",
    "residual_mixes_file",
    "residual_mixes",
    "upstream_of",
    "is_electricity",
    "is_covered",
    "location_factor",
    "market_factor",
    "electricity_of",
    "check_electricity",
    "apply_market_basis",
]

SECTION = "electricity"
"""The method section whose presence switches the rule on."""

_COLUMNS = ("geography", "kg_co2e_per_kwh", "year", "source", "source_url", "pedigree", "seen", "upstream", "notes")
_UNSTATED_PEDIGREE = (3, 3, 3, 3, 3)
"""Pedigree of an instrument that states none: the middle score on each indicator (an assumption)."""


@dataclass(frozen=True)
class ElectricityFactor:
    """One factor of one view, with its source and whether it includes upstream emissions.

    Attributes
    ----------
    view : str
        ``location`` or ``market``.
    activity : str
        The dataset row id (location) or the instrument (market).
    geography : str
        Where the factor applies.
    kg_co2e_per_kwh : float
        The factor, kg CO2e per kWh.
    upstream : str
        ``included``, ``excluded`` or ``not stated``.
    source : str
        Citation, or the assumption the value rests on.
    year : int or None
        Reference year.
    pedigree : tuple of int or None
        Five pedigree scores.
    note : str
        Boundary remarks (from the dataset row, the table or the case).
    """

    view: str
    activity: str
    geography: str
    kg_co2e_per_kwh: float
    upstream: Upstream
    source: str
    year: int | None
    pedigree: tuple[int, ...] | None
    note: str = ""

    @property
    def key(self) -> str:
        """``view|activity|geography``: how lines name the factor they use."""
        return f"{self.view}|{self.activity}|{self.geography}"


def residual_mixes_file() -> Path:
    """The shipped table of residual-mix factors (``datasets/electricity/residual-mixes.csv``)."""
    return datasets_dir() / "electricity" / "residual-mixes.csv"


@cache
def _residual_mixes(file: Path, version: tuple[int, int]) -> Mapping[str, ElectricityFactor]:
    found: dict[str, ElectricityFactor] = {}
    problems: list[Problem] = []
    for row, rec in read_csv_rows(file, _COLUMNS):
        try:
            value = float(rec["kg_co2e_per_kwh"])
            pedigree = tuple(int(score) for score in rec["pedigree"].split(";"))
            year = int(rec["year"])
        except ValueError as exc:
            problems.append(Problem(f"row {row}", str(exc), "numbers in kg_co2e_per_kwh, year, pedigree", "dataset"))
            continue
        upstream = rec["upstream"].strip()
        found[rec["geography"].strip()] = ElectricityFactor(
            "market",
            "residual-mix",
            rec["geography"].strip(),
            value,
            upstream if upstream in ("included", "excluded") else "not stated",  # type: ignore[arg-type]
            rec["source"].strip() + (f" ({rec['seen'].strip()})" if rec["seen"].strip() else ""),
            year,
            pedigree,
            rec["notes"].strip(),
        )
    if problems:
        raise CaseError(file, problems)
    return found


def residual_mixes(file: Path | None = None) -> Mapping[str, ElectricityFactor]:
    """The residual-mix factor of each country of the table, read once per file version.

    Parameters
    ----------
    file : Path, optional
        Default :func:`residual_mixes_file`.

    Returns
    -------
    mapping of str to ElectricityFactor
        By country code.

    Examples
    --------
    >>> round(residual_mixes()["BE"].kg_co2e_per_kwh, 5), residual_mixes()["BE"].upstream
    (0.16749, 'excluded')
    """
    path = file or residual_mixes_file()
    return _residual_mixes(path, file_version(path))


def upstream_of(notes: str) -> Upstream:
    """Whether a dataset row's notes say its factor includes upstream (supply-chain) emissions.

    Examples
    --------
    >>> upstream_of("generation-based, lifecycle incl. upstream"), upstream_of("CO2 only (no upstream)")
    ('included', 'excluded')
    >>> upstream_of("grid average")
    'not stated'
    """
    text = notes.lower()
    if any(word in text for word in ("no upstream", "excl. upstream", "excluding upstream", "generation only")):
        return "excluded"
    if any(
        word in text for word in ("incl. upstream", "including upstream", "supply-chain", "supply chain", "lifecycle")
    ):
        return "included"
    return "not stated"


def is_electricity(factor: Factor | None) -> bool:
    """Whether a dataset row is grid electricity (an ``energy`` row in kWh whose id names electricity)."""
    return factor is not None and factor.category == "energy" and factor.unit == "kWh" and "electricity" in factor.id


def is_covered(line: InventoryLine, applies_to: AppliesTo) -> bool:
    """Whether the instruments cover a line: the hospital's own (module B, no ``location``), or all."""
    return applies_to == "all" or (line.module == "B" and line.location is None)


def location_factor(case: Case, datasets: Datasets, line: InventoryLine) -> Factor | None:
    """The grid row a line uses on the location basis (its ``location``, else the case's country), if electricity."""
    if not isinstance(line.activity, str) or line.kg_co2e is not None:
        return None
    factor = datasets.factor(line.activity, line.location or case.context.country)
    return factor if is_electricity(factor) else None


def electricity_of(case: Case) -> Electricity:
    """The case's electricity block, or the default (location basis, no instrument)."""
    return case.context.electricity or Electricity()


def market_factor(case: Case, section: Mapping[str, Any] | None = None) -> ElectricityFactor | None:
    """The market-based factor of the case's instruments, or None (then the grid average is used).

    The case's own instrument when it gives a factor; guarantees of origin without one: the
    method's ``guarantees_of_origin_kg_co2e_per_kwh`` (0 kg CO2e per kWh: renewable generation has
    no direct emissions); otherwise (a residual mix without a factor, or no instrument stated) the
    shipped residual mix of ``context.country`` if the table has one.

    Parameters
    ----------
    case : Case
        The case.
    section : mapping, optional
        The method's ``electricity`` section (for the guarantees-of-origin figure).
    """
    market = electricity_of(case).market
    country = case.context.country
    if market is not None and market.kg_co2e_per_kwh is not None:
        return ElectricityFactor(
            "market",
            market.instrument,
            country,
            float(market.kg_co2e_per_kwh),
            market.upstream,
            market.source or f"assumption: {market.assumption}",
            market.year,
            tuple(market.pedigree) if market.pedigree else None,
            market.note or "",
        )
    if market is not None and market.instrument == "guarantees-of-origin":
        return ElectricityFactor(
            "market",
            "guarantees-of-origin",
            country,
            float((section or {}).get("guarantees_of_origin_kg_co2e_per_kwh", 0.0)),
            "excluded",
            "method value: guarantees of origin for renewable electricity carry the direct emission rate "
            "of their generation, 0 kg CO2e per kWh (GHG Protocol Scope 2 Guidance, WRI 2015, chapter 6)",
            market.year,
            tuple(market.pedigree) if market.pedigree else None,
            "Scope 2 counts generation only: upstream of the plants is not in this figure",
        )
    return residual_mixes().get(country)


def check_electricity(case: Case, method: MethodSpec) -> list[Problem]:
    """Rules electricity-basis and electricity-market, checked against the method and the shipped table.

    ``basis: market`` is refused under a method without the ``electricity`` section; a residual mix
    without a factor needs a shipped residual mix for the case's country.
    """
    stated = case.context.electricity
    if stated is None:
        return []
    problems: list[Problem] = []
    if stated.basis == "market" and method.section(SECTION) is None:
        problems.append(
            Problem(
                "context.electricity.basis",
                f"basis market is a rule of a method with the electricity section; {method.id} has none",
                "basis: location (or leave it out), or run the case under LCAC-HC/2",
                "electricity-basis",
                case.line_of("context", "electricity", "basis"),
            )
        )
    market = stated.market
    if (
        market is not None
        and market.instrument == "residual-mix"
        and market.kg_co2e_per_kwh is None
        and case.context.country not in residual_mixes()
    ):
        known = ", ".join(sorted(residual_mixes()))
        problems.append(
            Problem(
                "context.electricity.market.kg_co2e_per_kwh",
                f"no shipped residual mix for {case.context.country} (the table has {known})",
                "the residual-mix factor in kg CO2e per kWh with its source (e.g. AIB European Residual Mixes)",
                "electricity-market",
                case.line_of("context", "electricity", "market"),
            )
        )
    return problems


def _market_line(info: LineInfo, factor: ElectricityFactor, key: str) -> LineInfo:
    """The line with the market factor instead of the grid row (a key of the case's own)."""
    provenance = Provenance(
        source=factor.source,
        year=factor.year or 0,
        geography=factor.geography,
        pedigree=factor.pedigree or _UNSTATED_PEDIGREE,  # type: ignore[arg-type]
        assumption="" if factor.pedigree else "pedigree not stated: middle score 3 assumed on each indicator",
        notes=factor.note,
        file="case file" if factor.activity != "residual-mix" else str(residual_mixes_file().name),
    )
    name = f"Electricity, market-based ({factor.activity})"
    market = Factor(
        f"electricity-market-{factor.activity}",
        factor.geography,
        name,
        "energy",
        "kWh",
        {"co2e": factor.kg_co2e_per_kwh},
        provenance,
    )
    return dataclasses.replace(
        info, activity_id=market.id, activity_key=key, activity_name=name, geography=factor.geography, factor=market
    )


def apply_market_basis(
    case: Case, method: MethodSpec, lines: Mapping[str, Sequence[LineInfo]]
) -> tuple[dict[str, list[LineInfo]], dict[str, float]]:
    """The lines with the market factor on every covered electricity line, when the basis is market.

    Parameters
    ----------
    case : Case
        The case (its ``context.electricity``).
    method : MethodSpec
        Only a method with the ``electricity`` section changes anything.
    lines : mapping of option id to sequence of LineInfo
        The resolved lines.

    Returns
    -------
    lines : dict of str to list of LineInfo
        The same lines, covered ones with the market factor (all unchanged on the location basis).
    impacts : dict of str to float
        Kg CO2e per kWh of the market key, to add to the compiled case's own impacts (empty when
        nothing changed).
    """
    stated = case.context.electricity
    unchanged = {option_id: list(found) for option_id, found in lines.items()}
    if method.section(SECTION) is None or stated is None or stated.basis != "market" or stated.market is None:
        return unchanged, {}
    factor = market_factor(case, method.section(SECTION))
    if factor is None:  # no factor and no residual mix: check_electricity has refused the case
        return unchanged, {}
    key = f"{OWN_PREFIX}electricity-market|{factor.activity}|{factor.geography}"
    applies_to = stated.market.applies_to
    changed: dict[str, list[LineInfo]] = {}
    used = False
    for option_id, found in lines.items():
        changed[option_id] = []
        for info in found:
            if is_electricity(info.factor) and is_covered(info.line, applies_to):
                changed[option_id].append(_market_line(info, factor, key))
                used = True
            else:
                changed[option_id].append(info)
    return changed, ({key: factor.kg_co2e_per_kwh} if used else {})
