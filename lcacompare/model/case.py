"""The case file format as pydantic models.

The models check shape and types only (one validator per rule, each naming its rule); rules that
need the method spec, the datasets or the unit registry live in :mod:`lcacompare.method.rules`
and :mod:`lcacompare.compile`. Amounts stay strings here and are evaluated with units later.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from lcacompare.errors import nearest_line
from lcacompare.method.catalogue import rule
from lcacompare.model.circular import Allocation, CircularOverride
from lcacompare.model.countries import is_country_code
from lcacompare.model.crosscheck import CrossCheck
from lcacompare.model.electricity import Electricity
from lcacompare.model.quality import PefDataQualitySettings, StatedDqr
from lcacompare.model.study import Study

__all__ = [
    "MODULES",
    "Module",
    "Basis",
    "CostBasis",
    "CostCategory",
    "Amount",
    "Pedigree",
    "Provenance",
    "Distribution",
    "Parameter",
    "Context",
    "ShadowCarbonPrice",
    "Background",
    "ActivityRef",
    "InventoryLine",
    "CostLine",
    "CycleSharing",
    "SupplyCount",
    "SupplyFlag",
    "SupplyFigure",
    "SupplyRate",
    "ManufactureShares",
    "Otif",
    "ReprocessingCapacity",
    "Supply",
    "Option",
    "PublishedFigures",
    "Reference",
    "CaseFactor",
    "Fleet",
    "StudyUnit",
    "PerUnit",
    "CURRENCY",
    "Case",
]

MODULES: tuple[str, ...] = ("A1-A3", "A4", "B", "C", "D")
Module = Literal["A1-A3", "A4", "B", "C", "D"]
Basis = Literal["use", "cycle", "life"]
CostBasis = Literal["use", "cycle", "life", "year", "contract"]
CostCategory = Literal["acquisition", "reprocessing", "consumables", "logistics", "waste", "capital", "residual"]
Amount = str | int | float
"""A quantity string (``"0.085 kg"``), an expression over parameters, or a plain number."""
Pedigree = Annotated[list[Annotated[int, Field(ge=1, le=5)]], Field(min_length=5, max_length=5)]
"""Pedigree scores: reliability, completeness, temporal, geographical, technological (1-5)."""

_SLUG = r"^[a-z0-9][a-z0-9-]*$"
CURRENCY = r"^[A-Z]{3}$"
"""An ISO 4217 currency code; the exchange-rate table says which ones can be used."""


def _broken(rule_id: str, **context: object) -> PydanticCustomError:
    """The pydantic error of a catalogued rule: its type is the rule id, its message the rule's template.

    The template is filled here with Python's formatting, because pydantic's own filling knows no
    conversions such as ``{option!r}``; the context still goes with the error.
    """
    template = rule(rule_id).message
    try:
        message = template.format(**context)
    except (KeyError, IndexError, ValueError):  # a template naming what this call does not give
        message = template
    return PydanticCustomError(rule_id, message, context)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


def _finite(value: Amount | None) -> Amount | None:
    # Runs before type coercion, so ``true`` is refused instead of becoming the number 1.
    if isinstance(value, bool):
        raise _broken("boolean-number")
    if isinstance(value, float) and not math.isfinite(value):
        raise _broken("finite-number")
    return value


class Provenance(_Strict):
    """Where a number comes from: a source, or an explicit assumption, plus data quality."""

    source: str | None = None
    assumption: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    geography: str | None = None
    pedigree: Pedigree | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _source_or_assumption(self) -> Provenance:
        """Rule provenance-required: every number has a source or an assumption label."""
        if not (self.source or self.assumption):
            raise _broken("provenance-required")
        return self


class Distribution(_Strict):
    """Uncertainty of a parameter; amounts in the parameter's unit."""

    type: Literal["lognormal", "normal", "triangular", "uniform"]
    gsd: float | None = Field(default=None, gt=1.0, le=50.0, description="geometric standard deviation (lognormal)")
    sd: Amount | None = None
    min: Amount | None = None
    mode: Amount | None = None
    max: Amount | None = None

    _check_sd = field_validator("sd", "min", "mode", "max", mode="before")(_finite)

    @model_validator(mode="after")
    def _fields_for_type(self) -> Distribution:
        """Rule distribution-fields: each type has its own required fields."""
        need = {
            "lognormal": ("gsd",),
            "normal": ("sd",),
            "triangular": ("min", "mode", "max"),
            "uniform": ("min", "max"),
        }[self.type]
        missing = [name for name in need if getattr(self, name) is None]
        if missing:
            raise _broken("distribution-fields", type=self.type, missing=", ".join(missing))
        return self


class Parameter(Provenance):
    """A named input with a unit, provenance and an optional distribution."""

    value: Amount
    distribution: Distribution | None = None
    unit: str | None = None
    dqr: StatedDqr | None = None

    _check_value = field_validator("value", mode="before")(_finite)


class ShadowCarbonPrice(Provenance):
    """A price on CO2e for the optional monetised view (never mixed into plain cost)."""

    eur_per_tonne: float = Field(ge=0, le=10_000)
    price_year: int | None = Field(default=None, ge=1990, le=2100)


class Background(_Strict):
    """A user's own Brightway project to link inventory lines to."""

    project: str
    database: str | None = None
    brightway_dir: str | None = None
    method: list[str] | None = None


class Context(_Strict):
    """Settings shared by every option of the case."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    price_year: int = Field(ge=1990, le=2100)
    currency: Literal["EUR"] = Field(
        default="EUR",
        description="reporting currency; costs in other currencies (e.g. '200 USD') are converted to it",
    )
    discount_rate: float = Field(ge=0.0, le=0.25)
    horizon_years: float = Field(gt=0, le=50)
    annual_uses: float = Field(gt=0, le=1e9)
    shadow_carbon_price: ShadowCarbonPrice | None = None
    background: Background | None = None
    pef_data_quality: PefDataQualitySettings | None = None
    electricity: Electricity | None = Field(
        default=None, description="Scope 2 basis of the totals and the market-based instrument (LCAC-HC/2)"
    )
    allocation: Allocation | None = None  # None: cut-off; see lcacompare.model.circular
    sources: dict[str, str] = Field(
        default_factory=dict,
        description="source or assumption of each number above, by field name (e.g. discount_rate)",
    )


class ActivityRef(_Strict):
    """Reference to an activity in a user's Brightway project."""

    database: str | None = None
    code: str | None = None
    name: str | None = None
    location: str | None = None
    unit: str | None = None

    @model_validator(mode="after")
    def _key_or_name(self) -> ActivityRef:
        """Rule activity-reference: (database, code) or name (+ location + unit)."""
        if not ((self.database and self.code) or self.name):
            raise _broken("activity-reference")
        return self


class InventoryLine(Provenance):
    """One exchange of an option with a background activity, in a life-cycle module."""

    module: Module
    activity: str | ActivityRef | None = None
    amount: Amount = 1
    per: Basis = "use"
    stream: str | None = None
    location: str | None = None
    virgin_fraction: float | None = Field(default=None, ge=0.0, le=1.0)
    cff: CircularOverride | None = None  # Circular Footprint Formula parameters (lcacompare.model.circular)
    kg_co2e: float | None = Field(
        default=None,
        description="a published figure for the whole module, kg CO2e per `amount` on basis `per` "
        "(instead of an activity; needs a source)",
    )
    dqr: StatedDqr | None = None

    _check_amount = field_validator("amount", "kg_co2e", mode="before")(_finite)

    @model_validator(mode="after")
    def _activity_or_published(self) -> InventoryLine:
        """Rule published-figure: a line names an activity, or carries a published kg_co2e with its source."""
        if (self.activity is None) == (self.kg_co2e is None):
            raise _broken("published-figure", why="give either activity or kg_co2e, not both or neither")
        if self.kg_co2e is not None and not self.source:
            raise _broken("published-figure", why="a published kg_co2e needs its source")
        return self


class CostLine(Provenance):
    """One cost item of an option, in EUR of the case's price year (or of ``year``, indexed)."""

    category: CostCategory
    amount: Amount
    per: CostBasis = "use"
    credit: bool = Field(
        default=False,
        description="a credit or revenue (e.g. scrap sold): the amount is negative; other lines' are not",
    )

    _check_amount = field_validator("amount", mode="before")(_finite)


class Fleet(_Strict):
    """A fleet of reusable items bought at once, then replaced at a steady rate.

    The purchase is booked in the year it happens (cost view) and spread over the fleet's
    expected uses (per-use view); see ``docs/method.md``, "Fleets".
    """

    items: float = Field(gt=0, le=1e9, description="items bought")
    bought: int = Field(default=1, ge=1, le=50, description="contract year of the purchase (1 = the first year)")
    replacements_per_year: float = Field(default=0.0, ge=0, le=1e9, description="items bought again each year")
    eur_per_item: Amount = Field(
        description="purchase price of one item in EUR of the case's price year, e.g. '85 EUR'"
    )

    _check_price = field_validator("eur_per_item", mode="before")(_finite)


class CycleSharing(_Strict):
    """How the burden of one reprocessing cycle (a steriliser load, a wash) is shared by items."""

    allocation: Literal["count", "mass", "volume"] = "count"
    capacity: Amount
    item_size: Amount | None = None
    fill_rate: float = Field(default=1.0, gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _size_for_physical_key(self) -> CycleSharing:
        """Rule cycle-allocation: mass or volume allocation needs the item's size."""
        if self.allocation != "count" and self.item_size is None:
            raise _broken("cycle-allocation", allocation=self.allocation)
        return self


SHARE_TOLERANCE = 1e-6
"""How far from 1 the supply shares of a country split may sum (rounding only)."""


class SupplyCount(Provenance):
    """A stated count of the supply block (sources, sites, border crossings), 0 or more."""

    value: int = Field(ge=0, le=1_000_000)

    _check_value = field_validator("value", mode="before")(_finite)


class SupplyFlag(Provenance):
    """A stated yes or no of the supply block (e.g. whether a second source is contracted)."""

    value: bool = Field(strict=True)


class SupplyFigure(Provenance):
    """A stated non-negative figure of the supply block in the unit its field names (days, items, km)."""

    value: float = Field(ge=0, le=1e12)

    _check_value = field_validator("value", mode="before")(_finite)


class SupplyRate(Provenance):
    """A stated rate of the supply block above zero (items used per day)."""

    value: float = Field(gt=0, le=1e12)

    _check_value = field_validator("value", mode="before")(_finite)


class ManufactureShares(Provenance):
    """Where the product is made: the share of supply by country of manufacture (fractions summing to 1)."""

    value: dict[str, Annotated[float, Field(ge=0.0, le=1.0)]] = Field(min_length=1)

    @field_validator("value", mode="before")
    @classmethod
    def _shares_are_numbers(cls, value: object) -> object:
        if isinstance(value, dict):
            for share in value.values():
                _finite(share)
        return value

    @field_validator("value")
    @classmethod
    def _known_countries(cls, value: dict[str, float]) -> dict[str, float]:
        """Rule supply-country: every country of manufacture is an ISO 3166-1 alpha-2 code."""
        unknown = [code for code in value if not is_country_code(code)]
        if unknown:
            raise _broken("supply-country", codes=", ".join(repr(code) for code in unknown))
        return value

    @field_validator("value")
    @classmethod
    def _shares_sum_to_one(cls, value: dict[str, float]) -> dict[str, float]:
        """Rule supply-shares: the shares of the countries of manufacture sum to one."""
        total = math.fsum(value.values())
        if not math.isclose(total, 1.0, rel_tol=0.0, abs_tol=SHARE_TOLERANCE):
            raise _broken("supply-shares", total=f"{total:g}")
        return value


class Otif(Provenance):
    """On-time-in-full delivery, with the period and basis it was measured on (no industry standard)."""

    percent: float = Field(ge=0.0, le=100.0, description="deliveries on time and in full, percent")
    period: str = Field(min_length=1, description="the period measured, e.g. '2024' or '2024-Q1 to 2024-Q4'")
    basis: Literal["order lines", "orders"]

    _check_percent = field_validator("percent", mode="before")(_finite)


class ReprocessingCapacity(Provenance):
    """The share of the reprocessing department's or centre's capacity in use (``used / available``)."""

    used: float = Field(ge=0, le=1e12, description="capacity in use, in ``unit``")
    available: float = Field(gt=0, le=1e12, description="capacity available, in ``unit``")
    unit: str = Field(min_length=1, description="e.g. 'steriliser loads per week'")

    _check_numbers = field_validator("used", "available", mode="before")(_finite)


REUSABLE_SUPPLY_FIELDS: tuple[str, ...] = (
    "pool_items",
    "turnaround_days",
    "reprocessing_capacity",
    "reprocessing_sites",
)
"""Supply fields that describe a pool of reusable items and its reprocessing."""


class Supply(_Strict):
    """Supply-security inputs of one option, each with its source or assumption; any may be left out.

    A field left out is "not stated" in the result, never zero and never a good score. See
    ``docs/supply-security.md`` for the indicator each field feeds.
    """

    qualified_sources: SupplyCount | None = None
    """Suppliers qualified to deliver the product or an accepted equivalent."""
    second_source_contracted: SupplyFlag | None = None
    """Whether a second source is under contract."""
    manufacture_shares: ManufactureShares | None = None
    """Share of supply by country of manufacture (ISO 3166-1 alpha-2 codes)."""
    stock_items: SupplyFigure | None = None
    """Items in stock for this option (hospital and contracted distributor stock), items."""
    daily_use: SupplyRate | None = None
    """Average items used per day; default the case's ``annual_uses`` / 365 days."""
    lead_time_days: SupplyFigure | None = None
    """Days from order to delivery."""
    otif: Otif | None = None
    """On-time-in-full delivery."""
    pool_items: SupplyFigure | None = None
    """Reusables: items in the pool (in use, in reprocessing and on the shelf), items."""
    turnaround_days: SupplyFigure | None = None
    """Reusables: days from use back to the shelf (transport, reprocessing, release)."""
    reprocessing_capacity: ReprocessingCapacity | None = None
    """Reusables: capacity of the reprocessing department or centre in use."""
    reprocessing_sites: SupplyCount | None = None
    """Reusables: sites able to reprocess the item (own department and contracted centres)."""
    transport_distance_km: SupplyFigure | None = None
    """Distance from the last production site to the hospital, km."""
    border_crossings: SupplyCount | None = None
    """Border crossings on the way from the last production site."""


from lcacompare.model.reprocessing import SteamSterilisation  # noqa: E402 (it builds on the types above)


class Option(_Strict):
    """One way to deliver the clinical function (a product and how it is used)."""

    id: str = Field(pattern=_SLUG, max_length=64)
    title: str = ""
    kind: Literal["single-use", "reusable"]
    uses_per_life: Amount | None = None
    loss_rate: Amount | None = None
    stock_items: Amount | None = None
    cycle: CycleSharing | None = None
    fleet: Fleet | None = None
    reprocessing: SteamSterilisation | None = None
    zero_modules: dict[Module, str] = Field(default_factory=dict)
    inventory: list[InventoryLine] = Field(default_factory=list)
    costs: list[CostLine] = Field(default_factory=list)
    sources: dict[str, str] = Field(
        default_factory=dict,
        description="source or assumption of inline numbers, by field (uses_per_life, loss_rate, cycle.capacity)",
    )
    note: str | None = None
    supply: Supply | None = None

    _check_numbers = field_validator("uses_per_life", "loss_rate", "stock_items", mode="before")(_finite)

    @model_validator(mode="after")
    def _pool_for_reusables(self) -> Option:
        """Rule supply-reusable-only: a pool and its reprocessing belong to a reusable option."""
        if self.kind == "single-use" and self.supply is not None:
            given = [name for name in REUSABLE_SUPPLY_FIELDS if getattr(self.supply, name) is not None]
            if given:
                raise _broken("supply-reusable-only", option=self.id, fields=", ".join(given))
        return self


class PublishedFigures(_Strict):
    """Headline per-use figures a published study gives for one option."""

    kg_co2e_per_use: float | None = None
    eur_per_use: float | None = None

    _check_figures = field_validator("kg_co2e_per_use", "eur_per_use", mode="before")(_finite)


class Reference(_Strict):
    """A published study a replication case rebuilds."""

    citation: str
    doi: str | None = None
    published: dict[str, PublishedFigures]
    tolerance: float = Field(gt=0, le=1.0)
    tolerance_reason: str


class CaseFactor(_Strict):
    """An emission factor the case brings itself, used by lines beside the shipped ones.

    Give ``kg_co2e`` (already characterised) or the gases (``kg_co2_fossil`` ...), which the
    method characterises as it does a dataset row.
    """

    id: str = Field(pattern=_SLUG, max_length=64)
    name: str
    unit: str
    category: str = "material"
    kg_co2e: float | None = None
    kg_co2_fossil: float | None = None
    kg_ch4_fossil: float | None = None
    kg_ch4_non_fossil: float | None = None
    kg_n2o: float | None = None
    source: str = Field(min_length=1)
    source_url: str | None = None
    year: int = Field(ge=1900, le=2100)
    geography: str = Field(min_length=2, max_length=8)
    pedigree: Pedigree
    dqr: StatedDqr | None = None
    assumption: str | None = None
    distribution: Distribution | None = None
    note: str | None = None

    _check_gases = field_validator(
        "kg_co2e", "kg_co2_fossil", "kg_ch4_fossil", "kg_ch4_non_fossil", "kg_n2o", mode="before"
    )(_finite)

    @model_validator(mode="after")
    def _some_emission(self) -> CaseFactor:
        """Rule case-factor: a factor gives kg_co2e or at least one gas."""
        if all(
            getattr(self, name) is None
            for name in ("kg_co2e", "kg_co2_fossil", "kg_ch4_fossil", "kg_ch4_non_fossil", "kg_n2o")
        ):
            raise _broken("case-factor", id=self.id, why="no emission given (kg_co2e or a gas such as kg_co2_fossil)")
        return self

    def kg_per_unit(self) -> dict[str, float]:
        """The given figures by gas name as the datasets name them (``co2e``, ``co2_fossil`` ...)."""
        gases = ("co2e", "co2_fossil", "ch4_fossil", "ch4_non_fossil", "n2o")
        return {gas: float(v) for gas in gases if (v := getattr(self, f"kg_{gas}")) is not None}


class StudyUnit(_Strict):
    """The functional unit of a study, as a number of uses: results are also given per study unit."""

    name: str = Field(min_length=1, description='e.g. "5,000 sterilisation cycles"')
    uses: float = Field(gt=0, le=1e12, description="uses in one study unit")


class PerUnit(_Strict):
    """A second reporting unit, e.g. "1,000 procedures": results are also given per such unit."""

    name: str = Field(min_length=1)
    uses_per_unit: float = Field(gt=0, le=1e12, description="uses in one such unit")


class Case(_Strict):
    """A product case: two or more options for one clinical function."""

    id: str = Field(pattern=_SLUG, max_length=64)
    title: str
    method: str
    functional_unit: str
    description: str | None = None
    context: Context
    parameters: dict[Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")], Parameter] = Field(default_factory=dict)
    factors: list[CaseFactor] = Field(
        default_factory=list, description="the case's own emission factors (ids distinct from the shipped ones)"
    )
    options: list[Option] = Field(min_length=2)
    reference: Reference | None = None
    cross_checks: list[CrossCheck] = Field(
        default_factory=list,
        max_length=10,
        description="published studies of a similar product the case is checked against",
    )
    lang: Literal["en", "nl"] | None = None
    """Language of the reports and the printed verdict (``run --lang`` overrides it; default English)."""
    study_unit: StudyUnit | None = None
    per_unit: PerUnit | None = None
    study: Study | None = None
    """Who commissioned, did and reviewed the study, for what (ISO 14044 reporting; not the result's ``study``)."""

    _path: Path | None = PrivateAttr(default=None)
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    @property
    def path(self) -> Path | None:
        """The file the case was read from, if any."""
        return self._path

    def line_of(self, *loc: str | int) -> int | None:
        """Line number of a field in the source file, where known (:func:`~lcacompare.errors.nearest_line`)."""
        return nearest_line(self._lines, loc)

    def option(self, option_id: str) -> Option:
        """Return the option with this id."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)
