"""The ``sterilisation`` section of the result, under a method with the sterilisation rule (LCAC-HC/2).

For each option with a steam-sterilisation template: its load, the steriliser electricity by the
load rule beside the case's fixed per-cycle figure, and one item's share by count and by mass
(:mod:`lcacompare.reprocessing.steam`).
"""

from __future__ import annotations

from typing import Any

from lcacompare.compile import CompiledCase
from lcacompare.compile.reprocessing import SECTION
from lcacompare.datasets import datasets_dir
from lcacompare.model.reprocessing import SteamSterilisation
from lcacompare.reprocessing.steam import count_share, load_in_chamber, mass_share, steam_defaults, steriliser_kwh
from lcacompare.result.sterilisation import Sterilisation, SterilisationOption

__all__ = ["sterilisation_section"]


def _option(compiled: CompiledCase, template: SteamSterilisation, values: Any) -> SterilisationOption:
    def number(text: Any, unit: str = "") -> float:
        quantity = compiled.amount(text, values)
        return float(quantity.m_as(unit) if unit else quantity.m_as(""))

    if template.base_kwh is not None and template.kwh_per_kg_load is not None:
        base, slope = template.base_kwh.amount, template.kwh_per_kg_load.amount
        source = f"case: {template.base_kwh.source or template.base_kwh.assumption}"
    else:
        defaults = steam_defaults(compiled.datasets.root or datasets_dir())
        base, slope = defaults.base_kwh, defaults.kwh_per_kg_load
        source = f"{defaults.file.parent.name}/{defaults.file.name}: {defaults.base_provenance.source}"
    items, fill = number(template.items_per_load), number(template.fill_rate)
    load_kg = number(template.load_mass.amount, "kg")
    in_chamber = load_in_chamber(load_kg, fill)
    kwh = steriliser_kwh(number(base, "kWh"), number(slope, "kWh/kg"), in_chamber)
    by_count = count_share(items, fill)
    by_mass = mass_share(number(template.item_mass, "kg"), load_kg, fill) if template.item_mass is not None else None
    share = by_mass if template.allocation == "mass" and by_mass is not None else by_count
    return SterilisationOption(
        template=template.template,
        allocation=template.allocation,
        items_per_load=items,
        fill_rate=fill,
        load_mass_kg=load_kg,
        load_in_chamber_kg=in_chamber,
        base_kwh=number(base, "kWh"),
        kwh_per_kg_load=number(slope, "kWh/kg"),
        kwh_per_cycle=kwh,
        kwh_per_cycle_fixed=number(template.steriliser_kwh_per_cycle.amount, "kWh"),
        share_by_count=by_count,
        share_by_mass=by_mass,
        share=share,
        kwh_per_item=kwh * share,
        coefficients_source=source,
        load_mass_source=template.load_mass.source or template.load_mass.assumption or "",
    )


def sterilisation_section(compiled: CompiledCase) -> Sterilisation | None:
    """The sterilisation section, or None under a method without the rule or a case without templates.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.

    Returns
    -------
    Sterilisation or None
        Per templated option: load, ``kWh = base + k x load_mass x fill_rate`` (McGain et al.
        2017) beside the fixed figure, and the share by count ``1 / (items x fill)`` and by mass
        ``item_mass / (load_mass x fill)``.
    """
    section = compiled.method.section(SECTION)
    templated = [o for o in compiled.case.options if o.reprocessing is not None]
    if section is None or not templated:
        return None
    values = compiled.parameter_values()
    return Sterilisation(
        rule=str(section.get("rule", "")),
        reference=str(section.get("reference", "")),
        options={o.id: _option(compiled, o.reprocessing, values) for o in templated if o.reprocessing is not None},
    )
