"""The sterilisation section (LCAC-HC/2): per templated option, the load, its electricity and one item's share."""

from __future__ import annotations

from typing import Literal

from lcacompare.result.base import Section

__all__ = ["SterilisationOption", "Sterilisation"]


class SterilisationOption(Section):
    """One option's steam-sterilisation load under the method's load rule."""

    template: Literal["steam-sterilisation"]
    """The reprocessing template the option states."""
    allocation: Literal["count", "mass"]
    """How a load's burden is shared by its items."""
    items_per_load: float
    """Items in a full load."""
    fill_rate: float
    """Share of a full load used per cycle."""
    load_mass_kg: float
    """Mass of a full load, kg."""
    load_in_chamber_kg: float
    """Mass sterilised per cycle, ``load_mass_kg x fill_rate``, kg."""
    base_kwh: float
    """Electricity of a cycle with an empty chamber, kWh."""
    kwh_per_kg_load: float
    """Extra electricity per kg of load, kWh/kg."""
    kwh_per_cycle: float
    """Steriliser electricity per cycle by the load rule, ``base_kwh + kwh_per_kg_load x load_in_chamber_kg``, kWh."""
    kwh_per_cycle_fixed: float
    """The case's fixed per-cycle figure, which LCAC-HC/1 uses, kWh."""
    share_by_count: float
    """One item's share of a load by count, ``1 / (items_per_load x fill_rate)``."""
    share_by_mass: float | None = None
    """One item's share by mass, ``item_mass / load_in_chamber``, when the case gives the item's mass."""
    share: float
    """The share the comparison uses (by the stated allocation)."""
    kwh_per_item: float
    """Steriliser electricity borne by one item per cycle, ``kwh_per_cycle x share``, kWh."""
    coefficients_source: str
    """Where base_kwh and kwh_per_kg_load come from."""
    load_mass_source: str
    """The source or assumption of the load mass."""


class Sterilisation(Section):
    """Sterilisation by load: the rule, its reference and each templated option's load."""

    rule: str
    """The method's rule, in words."""
    reference: str
    """The rule's references."""
    options: dict[str, SterilisationOption]
    """By option id, the options that state a steam-sterilisation template."""
