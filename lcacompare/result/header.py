"""Who and what a result is about: the case header, its context and the method stamp."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from lcacompare.result.base import Pedigree, Section

__all__ = ["CaseHeader", "ShadowCarbonPrice", "LinkedBackground", "Context", "MethodStamp"]


class CaseHeader(Section):
    """The case compared."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Case id (file name without ``.yaml``)."""
    title: str
    """Case title."""
    functional_unit: str
    """What one use is: every per-use figure is per this functional unit."""
    country: str = Field(pattern=r"^[A-Z]{2}$")
    """ISO 3166 country code of the buyer (electricity mix, price index)."""


class ShadowCarbonPrice(Section):
    """The shadow carbon price as the case gives it (``context.shadow_carbon_price``)."""

    eur_per_tonne: float
    """Price, EUR per tonne CO2e, of ``price_year``."""
    price_year: int | None = None
    """Price year of ``eur_per_tonne``; the case's price year when not given."""
    source: str | None = None
    """Citation of the price."""
    assumption: str | None = None
    """What is assumed, when there is no source."""
    year: int | None = None
    """Year of the source."""
    geography: str | None = None
    """Where the price applies."""
    pedigree: Pedigree | None = None
    """Pedigree scores (five scores 1-5)."""
    note: str | None = None
    """Free note."""


class LinkedBackground(Section):
    """A user's Brightway project that inventory lines are linked to."""

    project: str
    """Brightway project name."""
    database: str | None = None
    """Database in that project."""
    brightway_dir: str | None = None
    """Brightway data folder."""
    method: list[str] | None = None
    """Impact method key in that project."""


class Context(Section):
    """Settings shared by every option of the case (the case's ``context``, none-valued keys left out)."""

    country: str
    """ISO 3166 country code."""
    price_year: int
    """Year of every EUR figure."""
    currency: str = "EUR"
    """Currency of every cost figure (EUR, excluding VAT)."""
    discount_rate: float
    """Real discount rate, 1/year."""
    horizon_years: float
    """Contract horizon, years."""
    annual_uses: float
    """Uses per year (use/year)."""
    shadow_carbon_price: ShadowCarbonPrice | None = None
    """Optional CO2e price for the monetised view."""
    background: LinkedBackground | None = None
    """Optional linked Brightway project."""
    pef_data_quality: dict[str, bool] | None = None
    """The case's choices for the PEF data-quality rule (``unverified_penalty``), when it states them."""
    allocation: Literal["cut-off", "circular-footprint-formula"] | None = None
    """Allocation of recycled content and recycling the case chose (absent: cut-off; LCAC-HC/2 only)."""
    sources: dict[str, str] = Field(default_factory=dict)
    """Source or assumption of each number above, by field name."""


class MethodStamp(Section):
    """The harmonised method spec the result was computed under."""

    id: str
    """Method id, e.g. ``LCAC-HC/1``."""
    sha256: str
    """SHA-256 of the method spec file, so a reader can tell which text was applied."""
    assertion_threshold: float
    """Probability (0-1) above which a comparative assertion ("lower") is made."""
    total_modules: list[str]
    """Life-cycle modules summed into ``kg_co2e_per_use``."""
    reported_apart: list[str]
    """Modules reported beside the total, never in it (D)."""
    case_method: str | None = None
    """The version the case file states, only when the run applied another (``--method``)."""
