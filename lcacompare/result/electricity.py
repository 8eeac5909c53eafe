"""The electricity section: per option, kWh per use and its CO2e location-based and market-based.

Present only under a method with the ``electricity`` section (LCAC-HC/2); see
``docs/method.md``, "Electricity: location-based and market-based".
"""

from __future__ import annotations

from typing import Literal

from lcacompare.result.base import Module, Pedigree, Section

__all__ = ["ElectricityView", "ElectricityFactorUsed", "ElectricityLine", "ElectricityOption", "Electricity"]

ElectricityView = Literal["location", "market"]
"""The Scope 2 view: grid average where the electricity is used, or the contractual instruments."""


class ElectricityFactorUsed(Section):
    """One factor used by a view, with its source and system boundary."""

    key: str
    """``view|activity|geography``, as the lines name it."""
    view: ElectricityView
    """The view it belongs to."""
    activity: str
    """The dataset row id (location) or the instrument (market: guarantees-of-origin, supplier-mix, residual-mix)."""
    geography: str
    """Where the factor applies."""
    kg_co2e_per_kwh: float
    """The factor, kg CO2e per kWh."""
    upstream: Literal["included", "excluded", "not stated"]
    """Whether it includes upstream (supply-chain) emissions of fuels and plants, from its row or the case."""
    source: str
    """Citation (or the assumption it rests on)."""
    year: int | None = None
    """Reference year."""
    pedigree: Pedigree | None = None
    """Pedigree scores, 1 best to 5 worst."""
    note: str | None = None
    """Boundary remarks of the row or the case."""


class ElectricityLine(Section):
    """One electricity line of an option in both views."""

    index: int
    """Index of the line in the option's inventory."""
    module: Module
    """Life-cycle module of the line."""
    location: str | None = None
    """The line's own ``location`` (a supplier's factory, an external centre), else absent."""
    covered: bool
    """Whether the case's instruments cover it (else the market view keeps the grid factor)."""
    kwh_per_use: float
    """kWh per use."""
    location_factor: str
    """Key of the location-based factor."""
    market_factor: str
    """Key of the market-based factor (the location one when not covered)."""
    kg_co2e_per_use_location: float
    """kWh per use x location factor, kg CO2e per use."""
    kg_co2e_per_use_market: float
    """kWh per use x market factor, kg CO2e per use."""


class ElectricityOption(Section):
    """One option's electricity in both views."""

    kwh_per_use: float
    """kWh per use of every electricity line."""
    kwh_per_use_covered: float
    """kWh per use the instruments cover."""
    kg_co2e_per_use_location: dict[Module, float]
    """Location-based kg CO2e per use of the electricity lines, by module."""
    kg_co2e_per_use_market: dict[Module, float]
    """Market-based kg CO2e per use of the electricity lines, by module."""
    total_location: float
    """Location-based kg CO2e per use of the electricity lines (modules in the method's total)."""
    total_market: float
    """Market-based kg CO2e per use of the electricity lines (modules in the method's total)."""
    lines: list[ElectricityLine]
    """Every electricity line, in inventory order."""


class Electricity(Section):
    """Electricity reported location-based and market-based (GHG Protocol Scope 2 Guidance)."""

    basis: ElectricityView
    """The basis the totals of this result use (location unless the case states market)."""
    basis_stated: bool
    """Whether the case states its basis (``context.electricity``); else location by default."""
    instrument: str
    """The market-based instrument (``guarantees-of-origin``, ``supplier-mix``, ``residual-mix``), or
    ``grid-average`` when there is neither an instrument nor a residual mix for the country."""
    applies_to: Literal["hospital", "all"]
    """Which lines the instruments cover."""
    rule: str
    """The method's rule, in words."""
    reference: str
    """Where the rule comes from."""
    factors: list[ElectricityFactorUsed]
    """Every factor used, location ones first."""
    options: dict[str, ElectricityOption]
    """By option id, in the case's order."""
    notes: list[str]
    """What a reader should know: which lines are covered, the views' boundaries, fallbacks."""
