"""The reprocessing template of an option: steam sterilisation of a reusable, stated once.

An option that is reprocessed in a CSSD or an external centre may state ``reprocessing:`` instead
of writing the steriliser, washer-disinfector and packaging lines by hand. The compile step
(:mod:`lcacompare.compile.reprocessing`) expands the template into ordinary inventory lines and
the option's cycle block; :mod:`lcacompare.reprocessing.steam` holds the formulas. Every amount
is an expression over the case's parameters and carries its own source or assumption label, like
an inventory line (``docs/case-format.md``, "Reprocessing template").
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from lcacompare.model.case import Amount, Provenance, _broken, _finite, _Strict

__all__ = [
    "ReprocessingAmount",
    "Washer",
    "Packaging",
    "SteamSterilisation",
    "WATER_TREATMENT_DEFAULT",
    "WRAP_DISPOSAL_DEFAULT",
    "CONTAINER_DISPOSAL_DEFAULT",
    "EXPECTED",
]

WATER_TREATMENT_DEFAULT = "assumption (template default): all water discharged to sewer and treated"
"""Assumption label of a generated wastewater line when the case states none."""
WRAP_DISPOSAL_DEFAULT = "assumption (template default): opened wrap discarded as non-risk waste and incinerated"
"""Assumption label of a generated wrap disposal line when the case states none."""
CONTAINER_DISPOSAL_DEFAULT = "assumption (template default): a retired rigid container goes to metal recycling"
"""Assumption label of a generated container end-of-life line when the case states none."""


EXPECTED = {
    "items_per_load": "a positive number of items in a full load (> 0)",
    "fill_rate": "the share of a full load used, 0 < fill_rate <= 1",
    "items_per_set": "a positive number of instruments per wrap or container (> 0)",
    "container_uses": "a positive number of cycles a container lasts (> 0)",
}
"""What each count or share of the template must be (rule ``reprocessing-value``)."""


def _in_range(value: Amount | None, info: ValidationInfo) -> Amount | None:
    """Rule reprocessing-value: a count written as a number is positive, a fill rate in (0, 1].

    An expression is checked once the parameters are evaluated
    (:func:`lcacompare.compile.reprocessing.check_template_values`).
    """
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    name = str(info.field_name)
    if value <= 0 or (name == "fill_rate" and value > 1):
        raise _broken("reprocessing-value", value=value, expected=EXPECTED[name])
    return value


class ReprocessingAmount(Provenance):
    """One number of the template: an amount (expression over the parameters) with its provenance."""

    amount: Amount

    _check_amount = field_validator("amount", mode="before")(_finite)


class Washer(_Strict):
    """The washer-disinfector cycles that go with one steriliser load."""

    cycles_per_load: Amount = Field(default=1, description="washer cycles per steriliser load")
    kwh_per_cycle: ReprocessingAmount
    gas_per_cycle: ReprocessingAmount | None = Field(default=None, description="natural gas per washer cycle (m**3)")
    gas_gcv: Amount | None = Field(default=None, description="gross calorific value of the gas (kWh/m**3)")
    water_per_cycle: ReprocessingAmount | None = None
    water_treatment: Provenance | None = None
    detergent_per_cycle: ReprocessingAmount | None = None

    _check_numbers = field_validator("cycles_per_load", "gas_gcv", mode="before")(_finite)

    @model_validator(mode="after")
    def _gas_with_calorific_value(self) -> Washer:
        """Rule reprocessing-template: gas in m**3 needs its calorific value to become kWh."""
        if self.gas_per_cycle is not None and self.gas_gcv is None:
            raise _broken("reprocessing-template", field="washer.gas_gcv", why="gas_per_cycle needs gas_gcv (kWh/m**3)")
        return self


class Packaging(_Strict):
    """The sterile barrier of a set: single-use wrap, or a rigid container with its own life."""

    type: Literal["wrap", "rigid-container"]
    mass: ReprocessingAmount = Field(description="wrap per set per cycle, or the mass of one container")
    items_per_set: Amount = Field(description="instruments sharing one wrap or container")
    container_uses: Amount | None = Field(default=None, description="cycles a rigid container lasts")
    material: str | None = Field(default=None, description="activity of the material (default by type)")
    disposal: Provenance | None = None
    disposal_activity: str | None = None
    stream: str | None = None

    _check_numbers = field_validator("items_per_set", "container_uses", mode="before")(_finite)
    _check_ranges = field_validator("items_per_set", "container_uses")(_in_range)

    @model_validator(mode="after")
    def _container_life(self) -> Packaging:
        """Rule reprocessing-template: a rigid container states how many cycles it lasts."""
        if self.type == "rigid-container" and self.container_uses is None:
            raise _broken(
                "reprocessing-template", field="packaging.container_uses", why="a rigid container needs its life"
            )
        if self.type == "rigid-container" and self.material is None:
            raise _broken(
                "reprocessing-template", field="packaging.material", why="a rigid container names its material activity"
            )
        if self.type == "wrap" and self.container_uses is not None:
            raise _broken(
                "reprocessing-template", field="packaging.container_uses", why="only a rigid container has one"
            )
        return self


class SteamSterilisation(_Strict):
    """Steam sterilisation of a reusable in loads, with its washer-disinfector and packaging.

    Under a method without the ``sterilisation`` section the steriliser electricity per cycle is
    ``steriliser_kwh_per_cycle``; under one with it, ``base_kwh + kwh_per_kg_load x load mass``
    (McGain et al. 2017), the load mass being ``load_mass x fill_rate``. One item's share of a
    load is ``1 / (items_per_load x fill_rate)`` by count, ``item_mass / (load_mass x fill_rate)``
    by mass.
    """

    template: Literal["steam-sterilisation"]
    items_per_load: Amount = Field(description="items in a full load")
    fill_rate: Amount = Field(default=1, description="share of a full load actually used (expression allowed)")
    load_mass: ReprocessingAmount = Field(description="mass of a full load (instruments, trays, packaging)")
    allocation: Literal["count", "mass"] = "count"
    item_mass: Amount | None = Field(default=None, description="mass of one item (allocation by mass)")
    location: str | None = Field(default=None, description="grid of the reprocessing site's electricity")
    electricity: str = Field(
        default="electricity-grid", description="activity of the steriliser's and washer's electricity"
    )
    steriliser_kwh_per_cycle: ReprocessingAmount
    base_kwh: ReprocessingAmount | None = None
    kwh_per_kg_load: ReprocessingAmount | None = None
    water_per_cycle: ReprocessingAmount | None = None
    water_treatment: Provenance | None = None
    washer: Washer | None = None
    packaging: Packaging | None = None

    _check_numbers = field_validator("items_per_load", "fill_rate", "item_mass", mode="before")(_finite)
    _check_ranges = field_validator("items_per_load", "fill_rate")(_in_range)

    @model_validator(mode="after")
    def _mass_for_mass_allocation(self) -> SteamSterilisation:
        """Rule reprocessing-template: allocation by mass needs the item's mass."""
        if self.allocation == "mass" and self.item_mass is None:
            raise _broken("reprocessing-template", field="item_mass", why="allocation by mass needs item_mass")
        if (self.base_kwh is None) != (self.kwh_per_kg_load is None):
            raise _broken(
                "reprocessing-template",
                field="base_kwh" if self.base_kwh is None else "kwh_per_kg_load",
                why="give both base_kwh and kwh_per_kg_load, or neither (shipped defaults)",
            )
        return self
