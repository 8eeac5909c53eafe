"""The transparency section: the ISO 14040/14044 reporting items as generated text."""

from __future__ import annotations

from lcacompare.result.base import Section

__all__ = ["TRANSPARENCY_ITEMS", "Transparency"]

TRANSPARENCY_ITEMS: dict[str, str] = {
    "goal_and_scope": "Goal and scope",
    "functional_unit": "Functional unit",
    "system_boundary": "System boundary",
    "cut_off": "Cut-off criteria",
    "allocation": "Allocation",
    "data_sources_and_quality": "Data sources and data quality",
    "impact_method": "Impact assessment method",
    "uncertainty": "Uncertainty",
    "sensitivity": "Sensitivity",
    "limitations": "Limitations",
    "interpretation": "Interpretation",
}
"""ISO 14040/14044 reporting items: key in the result to the heading in the reports."""


class Transparency(Section):
    """One text per ISO 14040/14044 reporting item (:data:`TRANSPARENCY_ITEMS`)."""

    goal_and_scope: str
    """Goal and scope."""
    functional_unit: str
    """Functional unit and expected uses of reusables."""
    system_boundary: str
    """Life-cycle modules and background."""
    cut_off: str
    """Cut-off criteria."""
    allocation: str
    """Allocation rule."""
    data_sources_and_quality: str
    """Data sources and data quality."""
    impact_method: str
    """Impact assessment and cost method."""
    uncertainty: str
    """Uncertainty analysis."""
    sensitivity: str
    """Sensitivity analysis."""
    limitations: str
    """Limitations."""
    interpretation: str
    """Interpretation."""

    def items(self) -> list[tuple[str, str]]:
        """``(key, text)`` in the order of :data:`TRANSPARENCY_ITEMS`."""
        return [(key, getattr(self, key)) for key in TRANSPARENCY_ITEMS]
