"""Whole-life cost sections: cash flows, conventions, break-even, annual and monetised views."""

from __future__ import annotations

from lcacompare.result.base import BreakEvenStatus, CostCategory, Section

__all__ = [
    "Indexation",
    "CashFlowTable",
    "Conventions",
    "BreakEvenPoint",
    "BreakEven",
    "AnnualOption",
    "Annual",
    "ShadowPrice",
    "MonetisedOption",
    "Monetised",
]


class Indexation(Section):
    """A cost line brought to the case's price year with the HICP."""

    cost_line: int
    """Position of the cost line in the option's costs (0-based)."""
    from_year: int
    """Price year of the line."""
    to_year: int
    """The case's price year."""
    factor: float
    """HICP(to_year) / HICP(from_year), dimensionless."""
    series: str
    """HICP series used (country code or ``EA``)."""
    source: str
    """Source of the index."""


class CashFlowTable(Section):
    """One option's deterministic cash flows, one value per booking time."""

    time_years: list[float]
    """Booking times t, years from the start of the contract."""
    uses: list[float]
    """Uses at each time."""
    discount_factor: list[float]
    """(1 + r)^-t at each time, dimensionless."""
    eur_by_category: dict[CostCategory, list[float]]
    """EUR at each time by cost category, undiscounted."""
    eur_discounted_by_category: dict[CostCategory, list[float]]
    """EUR at each time by cost category, discounted."""
    eur_total: list[float]
    """EUR at each time, all categories, undiscounted."""
    eur_discounted_total: list[float]
    """EUR at each time, all categories, discounted."""
    npv_eur: float
    """Net present value of the costs, EUR."""
    npv_uses: float
    """Uses discounted like money (uses)."""
    eur_per_use_levelised: float
    """npv_eur / npv_uses, EUR per use."""
    eur_undiscounted_total: float
    """Sum of all flows, EUR, undiscounted."""
    stock_items: float
    """Items in circulation bought at t = 0 (items)."""
    stock_items_basis: str
    """How ``stock_items`` was set, in words."""
    indexation: list[Indexation]
    """Cost lines indexed to the case's price year."""


class Conventions(Section):
    """The cost conventions of this result, in words, with the case's rate and horizon."""

    currency: str
    """Currency, VAT and price year."""
    discounting: str
    """Discount rate and convention (numpy-financial, not Excel)."""
    timing: str
    """When each kind of flow is booked."""
    levelised_cost: str
    """How the cost per use is levelised."""
    stock_and_replacement: str
    """Stock and replacement purchases of reusable options."""
    residual_value: str
    """How the stock left at the horizon is valued."""
    indexation: str
    """How older prices are indexed."""
    breakeven: str
    """How break-even uses are solved."""
    annual: str
    """How the annual view is computed."""
    monetised: str
    """How the monetised view is computed."""


class BreakEvenPoint(Section):
    """A point of the per-use curve against uses per life."""

    uses_per_life: float
    """N, uses per item life."""
    eur_per_use: float
    """Levelised cost at N, EUR per use."""
    kg_co2e_per_use: float
    """CO2e at N, kg CO2e per use."""


class BreakEven(Section):
    """Break-even uses per life of one reusable option against the single-use baseline."""

    baseline: str
    """Id of the baseline option."""
    uses_per_life_case: float
    """The case's uses per life of the option."""
    uses_cost: float | None
    """N* for cost (uses per life), null when ``status_cost`` is not ``breaks-even``."""
    uses_co2e: float | None
    """N* for CO2e (uses per life), null when ``status_co2e`` is not ``breaks-even``."""
    status_cost: BreakEvenStatus
    """``breaks-even``, ``always`` (already lower at N = 1), ``never`` or ``equal``."""
    status_co2e: BreakEvenStatus
    """``breaks-even``, ``always``, ``never`` or ``equal``."""
    baseline_eur_per_use: float
    """The baseline's levelised cost, EUR per use."""
    baseline_kg_co2e_per_use: float
    """The baseline's CO2e, kg CO2e per use."""
    uses_per_life_searched_max: float
    """Largest N searched."""
    curve: list[BreakEvenPoint]
    """Per-use cost and CO2e over a grid of N."""


class AnnualOption(Section):
    """One option's year of uses."""

    eur_per_year: float
    """Equivalent annual cost, EUR per year."""
    kg_co2e_per_year: float
    """kg CO2e per year."""
    eur_saving_per_year_vs_baseline: float
    """Baseline minus option, EUR per year (positive: switching saves)."""
    kg_co2e_saving_per_year_vs_baseline: float
    """Baseline minus option, kg CO2e per year (positive: switching saves)."""


class Annual(Section):
    """What each option costs and emits in a year of the hospital's uses."""

    annual_uses: float
    """U, uses per year."""
    baseline: str
    """Id of the baseline option."""
    basis: str
    """The formula, in words."""
    options: dict[str, AnnualOption]
    """Per option id."""


class ShadowPrice(Section):
    """The shadow carbon price used, indexed to the case's price year."""

    eur_per_tonne_co2e: float
    """EUR per tonne CO2e of the case's price year."""
    eur_per_tonne_co2e_as_given: float
    """EUR per tonne CO2e as the case gives it."""
    price_year: int
    """Price year of the given price."""
    index_factor: float
    """HICP factor applied, dimensionless."""
    index_series: str | None
    """HICP series, null when no indexing was needed."""
    source: str | None
    """Citation of the price."""
    assumption: str | None
    """What is assumed, when there is no source."""


class MonetisedOption(Section):
    """One option's CO2e in EUR at the shadow price."""

    eur_co2e_per_use: float
    """CO2e priced, EUR per use."""
    eur_per_use: float
    """Plain levelised cost, EUR per use."""
    eur_per_use_incl_co2e: float
    """Cost plus priced CO2e, EUR per use (a separate total)."""
    eur_co2e_per_year: float
    """CO2e priced, EUR per year."""
    eur_per_year_incl_co2e: float
    """Cost plus priced CO2e, EUR per year."""


class Monetised(Section):
    """Optional monetised view: CO2e at a shadow price, never mixed into plain cost."""

    shadow_carbon_price: ShadowPrice
    """The price used and its source."""
    note: str
    """Reminder that this view is separate."""
    options: dict[str, MonetisedOption]
    """Per option id."""
