"""The ``study`` section: what a team rebuilding a study reads beside the per-use figures.

Totals over the study's own functional unit and per reporting unit, the published figures of a
replication against ours, the exchange rates and indices applied to costs in other currencies,
the default waste fees a run applied, and each option's fleet.
"""

from __future__ import annotations

from pydantic import Field

from lcacompare.result.base import Section

__all__ = ["UnitTotal", "OptionTotal", "ReferenceFigure", "CurrencyConversion", "DefaultFee", "FleetView", "Study"]


class OptionTotal(Section):
    """One option's figures over a unit of many uses."""

    kg_co2e: float
    """Kg CO2e per unit: per use times the unit's uses."""
    eur: float
    """EUR per unit: per use times the unit's uses."""


class UnitTotal(Section):
    """Figures over a stated unit of uses (``study_unit`` or ``per_unit``)."""

    name: str
    """The unit in words, e.g. "5,000 sterilisation cycles"."""
    uses: float
    """Uses in one unit."""
    options: dict[str, OptionTotal]
    """By option id."""


class ReferenceFigure(Section):
    """One published figure of a replication against the computed one."""

    option: str
    """Option id."""
    metric: str
    """``kg_co2e_per_use`` or ``eur_per_use``."""
    published: float
    """The study's figure."""
    computed: float
    """Ours."""
    relative_difference: float | None
    """``(computed - published) / published``; null when the published figure is 0."""
    tolerance: float
    """Accepted relative difference (``reference.tolerance``)."""
    within_tolerance: bool
    """Whether ``|relative_difference| <= tolerance``."""


class CurrencyConversion(Section):
    """A cost line written in another currency and how it became EUR of the case's price year."""

    option: str
    """Option id."""
    line: int
    """Index of the cost line."""
    category: str
    """Cost category."""
    original_amount: float
    """The amount as written, in ``currency`` per ``basis``."""
    currency: str
    """ISO 4217 code."""
    basis: str
    """What the amount is per."""
    rate_year: int
    """Year of the rate (the line's price year)."""
    per_eur: float
    """Units of ``currency`` per EUR, yearly average."""
    rate_source: str
    """Where the rate comes from."""
    rate_seen: str
    """``read`` in the source or ``second-hand``."""
    index_factor: float
    """``I(price_year) / I(rate_year)``, 1 when the years are equal."""
    eur: float
    """``original_amount / per_eur * index_factor``: EUR per ``basis`` in the case's price year."""


class DefaultFee(Section):
    """A waste stream that had no waste cost line and paid the country's default fee."""

    option: str
    """Option id."""
    stream: str
    """Waste stream."""
    price_id: str
    """The price row used (``datasets/prices``)."""
    eur_per_kg: float
    """Fee, EUR per kg in the row's price year."""
    price_year: int
    """Price year of the fee."""
    geography: str
    """Geography of the row."""
    source: str
    """Source of the fee."""
    kg_per_use: float
    """Waste of this stream per use."""


class FleetView(Section):
    """An option's fleet: its purchase in the cash flows and its per-use share."""

    option: str
    """Option id."""
    items: float
    """Items bought."""
    bought: int
    """Contract year of the purchase."""
    replacements_per_year: float
    """Items bought again each year."""
    eur_per_item: float
    """Purchase price per item, EUR of the case's price year."""
    purchase_eur: float
    """``items * eur_per_item``, booked in year ``bought``."""
    expected_uses: float
    """Uses the fleet gives over its life: ``items * E``."""
    eur_per_use: float
    """``purchase_eur / expected_uses``: the purchase spread over expected uses."""


class Study(Section):
    """Study totals, published versus computed figures, currency conversions, default fees, fleets."""

    study_unit: UnitTotal | None = None
    """Totals over the study's functional unit (``study_unit``)."""
    per_unit: UnitTotal | None = None
    """Totals per reporting unit (``per_unit``)."""
    reference: list[ReferenceFigure] | None = None
    """Each published figure of ``reference.published`` against ours."""
    citation: str | None = None
    """The replicated study."""
    conversions: list[CurrencyConversion] | None = None
    """Cost lines converted from other currencies."""
    default_fees: list[DefaultFee] | None = None
    """Waste streams that paid the country's default fee."""
    fleets: list[FleetView] | None = Field(default=None)
    """Options described as fleets."""
