"""The tender file format (``tender.yaml``) as pydantic models.

A tender publishes how it will be awarded before any bid is opened: the functional unit, the
annual volume and contract period, the award method and its weights, the carbon price, the
criteria with their scoring rules, and the versions of the method and datasets the figures come
from. Each bid is an option of a case file with the supplier's price, declarations and the
committee's quality scores. The models check shape and each rule that needs only the file itself;
one validator per rule, each naming its rule in its message (``rule-id: what is wrong``).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from lcacompare.errors import nearest_line
from lcacompare.supply.definitions import INDICATOR_IDS

__all__ = [
    "AwardMethod",
    "CarbonPrice",
    "Scale",
    "Threshold",
    "Scoring",
    "Criterion",
    "BidPrice",
    "Bid",
    "Pins",
    "Robustness",
    "Tender",
    "WEIGHTED_METHODS",
]

AwardMethod = Literal["weighted-points", "fictive-price", "lowest-lcc", "value-for-money"]
WEIGHTED_METHODS: dict[str, tuple[str, ...]] = {
    "weighted-points": ("cost", "co2e", "quality", "supply"),
    "value-for-money": ("co2e", "quality", "supply"),
    "fictive-price": (),
    "lowest-lcc": (),
}
"""Per award method, the criterion kinds that carry a published weight (their weights sum to 100)."""
_RULES_BY_KIND: dict[str, tuple[str, ...]] = {
    "cost": ("proportional", "linear", "lowest"),
    "co2e": ("proportional", "linear"),
    "quality": ("scale",),
    "supply": ("thresholds", "linear-bounds"),
}
_SLUG = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _no_bool(value: object) -> object:
    # Runs before coercion, so ``true`` is refused instead of becoming the number 1.
    if isinstance(value, bool):
        raise ValueError("expected a number, not true/false")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("NaN and infinity are not allowed")
    return value


class CarbonPrice(_Strict):
    """The carbon price of the award: a shipped set by name, or a user-supplied price.

    A user-supplied price needs its value, year, price level and source (rule
    carbon-price-basis): a price without the year of its money is not verifiable (art. 68
    Directive 2014/24/EU).
    """

    set: str | None = Field(default=None, description="name of a shipped carbon price, e.g. ce-delft-2023-central")
    name: str | None = None
    eur_per_tonne: float | None = Field(default=None, ge=0, le=10_000)
    year: int | None = Field(default=None, ge=1990, le=2100)
    price_level: int | None = Field(default=None, ge=1990, le=2100, description="year of the money (EUR of ...)")
    source: str | None = None
    range_eur_per_tonne: tuple[float, float] | None = Field(
        default=None, description="plausible range for the robustness map (default the set's low-high, else 0-3x)"
    )

    _check_numbers = field_validator("eur_per_tonne", mode="before")(_no_bool)

    @model_validator(mode="after")
    def _set_or_basis(self) -> CarbonPrice:
        """Rule carbon-price-basis: a shipped set, or a value with year, price level and source."""
        if self.set is not None:
            if self.eur_per_tonne is not None:
                raise ValueError("carbon-price-basis: give a shipped 'set' or your own 'eur_per_tonne', not both")
            return self
        missing = [k for k in ("eur_per_tonne", "year", "price_level", "source") if getattr(self, k) is None]
        if missing:
            raise ValueError(
                "carbon-price-basis: a user-supplied carbon price needs " + ", ".join(missing) + " (or a shipped 'set')"
            )
        return self

    @field_validator("range_eur_per_tonne")
    @classmethod
    def _ordered(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        """Rule carbon-price-range: low < high, both 0 or more."""
        if value is not None and not (0 <= value[0] < value[1]):
            raise ValueError("carbon-price-range: give [low, high] with 0 <= low < high")
        return value


class Scale(_Strict):
    """The committee's scoring scale of a quality criterion (e.g. 1 to 10)."""

    min: float = 0
    max: float = 10

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        """Rule scale-order: min below max."""
        if not self.min < self.max:
            raise ValueError("scale-order: the scale's min must be below its max")
        return self


class Threshold(_Strict):
    """One step of a threshold rule: the points a bid gets when its figure reaches ``at``."""

    at: float
    points: float = Field(ge=0, le=10_000)

    _check_numbers = field_validator("at", "points", mode="before")(_no_bool)


class Scoring(_Strict):
    """How a criterion's figure becomes points.

    ``proportional``: ``S * X_min / X_i``; ``linear``: ``S * (n X_best - X_i) / ((n - 1) X_best)``,
    not below 0; ``scale``: ``S * (q - q_min) / (q_max - q_min)``; ``lowest``: the figure itself,
    lowest wins (lowest life-cycle cost). For supply indicators, published in advance:
    ``thresholds``: the points of the best step the figure reaches (``>= at`` where higher is
    better, ``<= at`` where lower is better), else 0; ``linear-bounds``:
    ``S * (x - worst) / (best - worst)`` clipped to ``[0, S]``. A bid that does not state the
    indicator gets 0 points.
    """

    rule: Literal["proportional", "linear", "scale", "lowest", "thresholds", "linear-bounds"]
    max_points: float = Field(default=100, gt=0, le=10_000)
    n: float = Field(default=2.0, gt=1.0, le=100, description="linear rule: 0 points at n times the best figure")
    thresholds: list[Threshold] | None = Field(default=None, min_length=1, description="thresholds rule: the steps")
    bounds: tuple[float, float] | None = Field(
        default=None, description="linear-bounds rule: [worst, best] figure (0 and max_points)"
    )

    @model_validator(mode="after")
    def _rule_fields(self) -> Scoring:
        """Rule scoring-rule: a threshold rule has its steps, a bounded linear rule its two bounds."""
        if self.rule == "thresholds":
            if not self.thresholds:
                raise ValueError("scoring-rule: the thresholds rule needs its steps (thresholds: [{at, points}, ...])")
            if any(step.points > self.max_points for step in self.thresholds):
                raise ValueError("scoring-rule: a threshold gives more than max_points")
        if self.rule == "linear-bounds" and (self.bounds is None or self.bounds[0] == self.bounds[1]):
            raise ValueError("scoring-rule: the linear-bounds rule needs bounds: [worst, best], two different figures")
        return self


class Criterion(_Strict):
    """One published award criterion."""

    id: str = Field(pattern=_SLUG, max_length=64)
    title: str = ""
    kind: Literal["cost", "co2e", "quality", "supply"]
    indicator: str | None = Field(default=None, description="supply criterion: the indicator id it scores")
    weight: float | None = Field(default=None, ge=0, le=100, description="percent of the award")
    scoring: Scoring | None = None
    scale: Scale | None = None
    value_eur: float | None = Field(
        default=None, ge=0, le=1e12, description="fictive price: EUR deducted at the top of the scale"
    )
    include_carbon: bool = Field(default=False, description="cost criterion: add NPV(CO2e x carbon price)")

    _check_numbers = field_validator("weight", "value_eur", mode="before")(_no_bool)

    @model_validator(mode="after")
    def _scoring_rule(self) -> Criterion:
        """Rule scoring-rule: every criterion publishes a scoring rule fitting its kind."""
        if self.scoring is None:
            raise ValueError(f"scoring-rule: criterion {self.id!r} has no scoring rule (scoring: {{rule: ...}})")
        allowed = _RULES_BY_KIND[self.kind]
        if self.scoring.rule not in allowed:
            raise ValueError(
                f"scoring-rule: a {self.kind} criterion is scored by {' or '.join(allowed)}, not {self.scoring.rule}"
            )
        if self.kind == "quality" and self.scale is None:
            raise ValueError(f"scoring-rule: quality criterion {self.id!r} needs its scale (scale: {{min, max}})")
        if self.kind == "supply" and self.indicator not in INDICATOR_IDS:
            raise ValueError(
                f"scoring-rule: supply criterion {self.id!r} names indicator {self.indicator!r}; "
                f"expected one of {', '.join(INDICATOR_IDS)}"
            )
        return self


class BidPrice(_Strict):
    """The price a supplier offers, replacing the case option's own lines of that cost category."""

    amount: str | float = Field(description="a quantity such as '1.90 EUR'")
    per: Literal["use", "cycle", "life", "year", "contract"] = "use"
    category: Literal["acquisition", "capital", "reprocessing", "logistics"] = "acquisition"

    _check_amount = field_validator("amount", mode="before")(_no_bool)


class Bid(_Strict):
    """One bid: an option of a case file, the supplier's price and declarations, the committee's scores."""

    id: str = Field(pattern=_SLUG, max_length=48)
    supplier: str
    case: str = Field(description="a shipped case name (kocher-clamp) or a case file path, relative to the tender")
    option: str
    price: BidPrice
    declared: dict[str, str | float] = Field(default_factory=dict, description="the supplier's declarations")
    quality: dict[str, float] = Field(default_factory=dict, description="committee score per quality criterion id")
    co2_ladder_level: int | None = Field(default=None, ge=0, le=5)

    @field_validator("quality", mode="before")
    @classmethod
    def _scores_are_numbers(cls, value: object) -> object:
        if isinstance(value, dict):
            for score in value.values():
                _no_bool(score)
        return value


class Pins(_Strict):
    """The versions the tender was published under; a run under others refuses unless upgraded."""

    method: str
    method_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    datasets_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    lcacompare: str
    ranking: list[str] | None = Field(default=None, description="the ranking published under these versions")


class Robustness(_Strict):
    """Paired Monte Carlo settings and the grid of the robustness map."""

    samples: int = Field(default=2000, ge=0, le=200_000)
    seed: int = Field(default=20261123, ge=0)
    grid: int = Field(default=41, ge=5, le=201)


class Tender(_Strict):
    """A published tender: how bids are compared and awarded, and the bids."""

    id: str = Field(pattern=_SLUG, max_length=64)
    title: str
    buyer: str
    country: Literal["NL", "BE"]
    functional_unit: str
    annual_volume: float = Field(gt=0, le=1e9, description="uses per year")
    contract_years: float = Field(gt=0, le=50)
    method: AwardMethod
    carbon_price: CarbonPrice
    criteria: list[Criterion] = Field(min_length=1)
    co2_ladder: dict[int, float] | None = Field(
        default=None, description="fictive discount per CO2-ladder level, fraction of the price (e.g. {5: 0.10})"
    )
    required_declarations: list[str] = Field(default_factory=list)
    bids: list[Bid] = Field(min_length=2)
    pins: Pins
    robustness: Robustness = Field(default_factory=Robustness)

    _path: Path | None = PrivateAttr(default=None)
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    _check_numbers = field_validator("annual_volume", "contract_years", mode="before")(_no_bool)

    @property
    def path(self) -> Path | None:
        """The file the tender was read from, if any."""
        return self._path

    def line_of(self, *loc: str | int) -> int | None:
        """Line number of a field in the source file, where known (:func:`~lcacompare.errors.nearest_line`)."""
        return nearest_line(self._lines, loc)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def cost_criterion(self) -> Criterion:
        """The one cost criterion."""
        return next(c for c in self.criteria if c.kind == "cost")
