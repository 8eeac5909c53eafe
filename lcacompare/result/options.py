"""Per-use results of each option and of each of its inventory lines."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from lcacompare.result.base import CostCategory, Module, OptionKind, Pedigree, Section

__all__ = ["Line", "Option"]


class Line(Section):
    """One inventory line's contribution per use."""

    option_id: str
    """Id of the option the line belongs to."""
    index: int
    """Position of the line in the option's inventory (0-based)."""
    module: Module
    """Life-cycle module (``A1-A3``, ``A4``, ``B``, ``C``, ``D``)."""
    activity: str
    """Background activity id."""
    activity_name: str
    """Background activity name."""
    geography: str
    """Geography of the background activity."""
    amount_per_use: float
    """Amount per use, in ``unit``."""
    unit: str
    """Unit of the activity (of ``amount_per_use``)."""
    kg_co2e_per_unit: float
    """Emission factor, kg CO2e per ``unit``."""
    kg_co2e_per_use: float
    """Contribution, kg CO2e per use."""
    basis: Literal["use", "cycle", "life"]
    """What the amount was given per: ``use``, ``cycle`` or ``life``."""
    stream: str | None
    """Waste stream (end-of-life lines), else null."""
    source: str | None
    """Citation of the amount."""
    assumption: str | None
    """What is assumed, when there is no source."""
    pedigree: Pedigree | None
    """Pedigree scores (five scores 1-5), null when not given."""


class Option(Section):
    """Per-use results of one option."""

    id: str
    """Option id."""
    title: str
    """Option title."""
    kind: OptionKind
    """``single-use`` or ``reusable``."""
    kg_co2e_per_use: float
    """Total of the method's total modules, kg CO2e per use."""
    kg_co2e_by_module: dict[Module, float]
    """kg CO2e per use by life-cycle module, D included (not in the total)."""
    credits_kg_co2e_per_use: float
    """Module D credits, kg CO2e per use, never in the total."""
    eur_per_use: float
    """Levelised cost, EUR per use (excluding VAT, case price year)."""
    eur_by_category: dict[CostCategory, float]
    """EUR per use by cost category (``residual`` is negative)."""
    virgin_material_kg_per_use: float
    """Primary (virgin) material, kg per use."""
    waste_kg_per_use: float
    """Waste, kg per use."""
    waste_kg_by_stream: dict[str, float]
    """Waste, kg per use, by waste stream."""
    water_m3_per_use: float
    """Water, m3 per use."""
    expected_uses: float
    """Expected uses per item E (1 for single-use), corrected for losses."""
    lines: list[Line] = Field(default_factory=list)
    """Every inventory line's contribution."""
