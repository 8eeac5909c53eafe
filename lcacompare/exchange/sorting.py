"""Which sheet of a request an inventory line belongs on."""

from __future__ import annotations

__all__ = ["sheet_of"]


MATERIAL_CATEGORIES = ("material", "chemical")
"""Factor categories asked for on the Materials sheet."""
WASTE_CATEGORIES = ("waste-treatment",)
"""Factor categories asked for on the End of life sheet."""


def sheet_of(
    module: str, unit: str, category: str = "material", *, stream: str | None = None, location: str | None = None
) -> str:
    """The key of the request sheet that asks for a line of this module and activity unit.

    Transport in t.km goes to ``transport``; product materials in kg and manufacturing energy in
    kWh (A1-A3) to ``materials`` and ``energy``; waste treatments in kg (C, D) to
    ``end_of_life``; everything else to ``reprocessing``, whose rows name module and unit. A line
    with a detail its usual sheet has no column for (a waste stream on a material, a country on
    a transport leg) goes to ``reprocessing`` too, so nothing is lost.

    Examples
    --------
    >>> sheet_of("A4", "t*km", "transport"), sheet_of("A1-A3", "kg"), sheet_of("B", "kWh", "energy")
    ('transport', 'materials', 'reprocessing')
    """
    if unit == "t*km" and module in ("A4", "B", "C") and not stream and not location:
        return "transport"
    if module == "A1-A3" and unit == "kg" and category in MATERIAL_CATEGORIES and not stream:
        return "materials"
    if module == "A1-A3" and unit == "kWh" and not stream:
        return "energy"
    if module in ("C", "D") and unit == "kg" and category in WASTE_CATEGORIES and not location:
        return "end_of_life"
    return "reprocessing"
