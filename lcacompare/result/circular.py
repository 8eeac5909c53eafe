"""The recycled-content section (LCAC-HC/2): R1 of every material line and, under the CFF, its terms by module."""

from __future__ import annotations

from typing import Literal

from lcacompare.result.base import Module, Section

__all__ = ["CircularLine", "CircularOption", "CircularFootprint"]


class CircularLine(Section):
    """One line the rule decided on: a material line (its R1) or a module C recycling line."""

    index: int
    """Index of the line in the option's ``inventory``."""
    role: Literal["material", "recycling"]
    """``material``: an A1-A3 material line; ``recycling``: a module C line to a recycling route."""
    activity: str
    """The line's activity id."""
    material: str | None = None
    """Row of ``datasets/cff/annex_c.csv`` (absent: no Annex C row, the line stays cut-off)."""
    r1: float | None = None
    """Recycled content R1 the line used (material lines), 0-1."""
    r1_source: str | None = None
    """Where R1 came from: the line's ``cff.r1`` or ``virgin_fraction``, the Annex C default, or none."""
    a: float | None = None
    """Allocation factor A, 0-1."""
    quality: float | None = None
    """Qsin/Qp (material line) or Qsout/Qp (recycling line), 0-1."""
    r2: float | None = None
    """Recycling line: the recycled mass per kg of the option's lines of that material (R2), dimensionless."""
    kg_co2e_per_use_by_module: dict[Module, float] | None = None
    """Under the formula: kg CO2e per use of the line's terms by module (the credit in D)."""
    defaults_source: str | None = None
    """Source of the Annex C figures (second-hand where the row says so)."""


class CircularOption(Section):
    """One option under the rule."""

    kg_co2e_per_use: float
    """The method's total (modules A1-A3 to C), kg CO2e per use: as in ``options``."""
    credits_kg_co2e_per_use: float
    """Module D, kg CO2e per use, reported apart (negative: credits)."""
    pef_total_kg_co2e_per_use: float
    """The PEF figure, module D added in (``kg_co2e_per_use + credits_kg_co2e_per_use``), kg CO2e per use."""
    virgin_material_kg_per_use: float
    """Primary material, kg per use: each material line's mass times ``1 - R1``."""
    lines: list[CircularLine]
    """The lines decided on, in inventory order."""


class CircularFootprint(Section):
    """Recycled content and recycling: which allocation was applied, R1 per line, the CFF terms by module."""

    allocation: Literal["cut-off", "circular-footprint-formula"]
    """The allocation applied to recycled content and recycling."""
    rule: str
    """The method's rule, in words."""
    reference: str
    """Where the rule comes from."""
    modules: dict[str, str]
    """Each term of the formula and the module it is booked in."""
    options: dict[str, CircularOption]
    """By option id, in the case's order."""
