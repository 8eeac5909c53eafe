"""The award result as pydantic models (``lcacompare.tender/1``); the JSON Schema is generated from them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from lcacompare.tender.carbon_prices import CarbonPriceRow

__all__ = [
    "AWARD_SCHEMA",
    "BidResult",
    "MapResult",
    "ReversalResult",
    "RobustnessResult",
    "Versions",
    "AwardResult",
]

AWARD_SCHEMA = "lcacompare.tender/1"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BidResult(_Model):
    """One bid's figures, points and place."""

    id: str
    supplier: str
    case: str
    option: str
    price: str
    declared: dict[str, str | float]
    quality: dict[str, float]
    kg_co2e_per_use: float
    kg_co2e_per_year: float
    eur_per_use: float = Field(description="levelised whole-life cost per use, NPV(costs) / NPV(uses)")
    eur_per_year: float
    npv_cost_eur: float = Field(description="NPV of the cash costs over the contract")
    npv_kg_co2e: float = Field(description="emissions over the contract discounted like money")
    monetised_co2e_eur: float = Field(description="NPV(CO2e x carbon price), shown apart from the cash cost")
    cost_criterion_eur: float = Field(description="the figure the cost criterion scores")
    points: dict[str, float]
    supply: dict[str, float | None] = Field(
        default_factory=dict, description="per supply criterion id, the bid's indicator value (None: not stated)"
    )
    total: float
    rank: int
    probability_of_winning: float | None = None


class MapResult(_Model):
    """Winner per carbon price (columns) x sustainability weight (rows); -1 a tie."""

    prices_eur_per_tonne: list[float]
    sustainability_weights_percent: list[float] | None
    winner: list[list[int]]
    bid_ids: list[str]


class ReversalResult(_Model):
    """The nearest value of one axis at which the second bid overtakes the first."""

    axis: str
    unit: str
    published: float
    reverses_at: float | None
    change: float | None


class RobustnessResult(_Model):
    """P(win), the winner map, the smallest reversal and the statement in words."""

    samples: int
    seed: int
    map: MapResult
    reversals: list[ReversalResult]
    robust: bool
    statement: str


class Versions(_Model):
    """The versions the tender pinned and those of this run."""

    pinned_method: str
    pinned_method_sha256: str
    pinned_datasets_sha256: str
    pinned_lcacompare: str
    method: str
    method_sha256: str
    datasets_sha256: str
    lcacompare: str
    differ: list[str]
    pinned_ranking: list[str] | None = None


class AwardResult(_Model):
    """Everything an award decision needs: figures, points, ranking, robustness, basis."""

    schema_id: str = Field(default=AWARD_SCHEMA, alias="schema")
    tender_id: str
    title: str
    buyer: str
    country: str
    functional_unit: str
    annual_volume: float
    contract_years: float
    discount_rate: float
    method: str
    cost_basis: str
    weights: dict[str, float]
    criteria: list[dict[str, str | float | bool | None]]
    carbon_price: CarbonPriceRow
    bids: list[BidResult]
    ranking: list[list[str]]
    winner: list[str]
    robustness: RobustnessResult
    versions: Versions
    legal_basis: list[str]
    warnings: list[str]

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def bid(self, bid_id: str) -> BidResult:
        """The result of one bid."""
        for bid in self.bids:
            if bid.id == bid_id:
                return bid
        raise KeyError(bid_id)
