"""The case's electricity block: which Scope 2 basis its totals use, and its contractual instruments.

The GHG Protocol Scope 2 Guidance (WRI 2015) asks for electricity reported two ways:
location-based (the grid-average factor where the electricity is used) and market-based (the
factor of the contractual instruments the buyer holds: guarantees of origin, a supplier-specific
mix, else the residual mix). A case states its instruments and which basis its totals use under
``context.electricity``; the rule is applied only by a method with the ``electricity`` section
(LCAC-HC/2), see ``docs/method.md``, "Electricity: location-based and market-based".
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from lcacompare.method.catalogue import rule

__all__ = ["ElectricityBasis", "Instrument", "Upstream", "AppliesTo", "MarketInstrument", "Electricity"]

ElectricityBasis = Literal["location", "market"]
"""Which Scope 2 view the totals use: the grid average (``location``) or the instruments (``market``)."""

Instrument = Literal["guarantees-of-origin", "supplier-mix", "residual-mix"]
"""The contractual instrument behind the market-based factor (GHG Protocol Scope 2 Guidance, chapter 6)."""

Upstream = Literal["included", "excluded", "not stated"]
"""Whether a factor includes the upstream (supply-chain) emissions of fuels and plants."""

AppliesTo = Literal["hospital", "all"]
"""Which electricity lines the instruments cover: the hospital's own (module B lines without a
``location``), or every electricity line of the case (also a supplier's factory, an external centre)."""


Pedigree = Annotated[list[Annotated[int, Field(ge=1, le=5)]], Field(min_length=5, max_length=5)]
"""Pedigree scores of the instrument's factor: reliability, completeness, temporal, geographical, technological."""


def _why(why: str) -> str:
    """The message of rule electricity-market (its catalogue template filled with ``why``)."""
    return rule("electricity-market").message.format(why=why)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class MarketInstrument(_Strict):
    """The contractual instrument of the market-based view, with its factor and where it comes from.

    ``guarantees-of-origin`` without a factor: 0 kg CO2e per kWh (renewable generation has no direct
    emissions; Scope 2 counts generation only). ``residual-mix`` without a factor: the shipped AIB
    residual mix of ``context.country``. ``supplier-mix`` always needs its factor and its source.
    """

    instrument: Instrument
    kg_co2e_per_kwh: float | None = Field(
        default=None,
        ge=0.0,
        le=2.0,
        strict=True,  # a number, never true/false; NaN and infinity fail the bounds
        description="kg CO2e per kWh of the instrument (e.g. the supplier's disclosed mix)",
    )
    applies_to: AppliesTo = "hospital"
    upstream: Upstream = "not stated"
    source: str | None = None
    assumption: str | None = None
    year: int | None = Field(default=None, ge=1990, le=2100)
    pedigree: Pedigree | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _factor_with_source(self) -> MarketInstrument:
        """Rule electricity-market: a supplier mix gives its factor; a given factor has a source or assumption."""
        if self.instrument == "supplier-mix" and self.kg_co2e_per_kwh is None:
            why = "a supplier-mix needs kg_co2e_per_kwh (the supplier's disclosed mix)"
            raise PydanticCustomError("electricity-market", _why(why), {"why": why})
        if self.kg_co2e_per_kwh is not None and not (self.source or self.assumption):
            why = "a given kg_co2e_per_kwh needs its source (or an assumption label)"
            raise PydanticCustomError("electricity-market", _why(why), {"why": why})
        return self


class Electricity(_Strict):
    """``context.electricity``: the basis of the totals and the market-based instrument."""

    basis: ElectricityBasis = "location"
    market: MarketInstrument | None = None

    @model_validator(mode="after")
    def _market_for_market_basis(self) -> Electricity:
        """Rule electricity-market: totals on the market basis need the instrument (``market:``)."""
        if self.basis == "market" and self.market is None:
            why = "basis market needs market: {instrument: ...}"
            raise PydanticCustomError("electricity-market", _why(why), {"why": why})
        return self
