"""Brightway's unit names read as lcacompare units (no Brightway import)."""

from __future__ import annotations

from lcacompare.units import NOT_A_UNIT, parse_unit

__all__ = ["brightway_unit"]

# Brightway writes units as words (bw2io.units.normalize_units); pint reads most of them, but
# "unit" is a count and pint's "ton" is the short ton, so these are spelled out.
_BRIGHTWAY_UNITS = {
    "unit": "item",
    "units": "item",
    "item": "item",
    "items": "item",
    "piece": "piece",
    "ton kilometer": "tonne * km",
    "tonne kilometer": "tonne * km",
    "metric ton*km": "tonne * km",
    "ton": "tonne",
    "tonne": "tonne",
    "metric ton": "tonne",
    "cubic meter": "m**3",
    "square meter": "m**2",
    "square meter-year": "m**2 * year",
    "cubic meter-year": "m**3 * year",
    "meter-year": "m * year",
    "kilowatt hour": "kWh",
    "megajoule": "MJ",
    "kilojoule": "kJ",
    "gigajoule": "GJ",
    "litre": "L",
    "liter": "L",
    "kilogram kilometer": "kg * km",
    "person kilometer": "km",
    "vehicle kilometer": "km",
}


def brightway_unit(text: str) -> str | None:
    """The pint unit for a Brightway unit name (``"kilogram"`` -> ``"kg"``), or None if unknown.

    Parameters
    ----------
    text : str
        A unit as Brightway stores it.

    Returns
    -------
    str or None
        A unit string of :data:`lcacompare.units.ureg`.
    """
    name = " ".join(str(text or "").strip().split())
    candidate = _BRIGHTWAY_UNITS.get(name.lower(), name)
    try:
        parse_unit(candidate)
    except NOT_A_UNIT:
        return None
    return candidate
