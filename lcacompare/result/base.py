"""The base of every result model: strict (unknown keys are refused), JSON-ready values."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Section", "Module", "Pedigree", "OptionKind", "CostCategory", "BreakEvenStatus", "Verdict"]

Module = Literal["A1-A3", "A4", "B", "C", "D"]
"""Life-cycle modules (EN 15804 naming): D is reported apart, never in a total."""

OptionKind = Literal["single-use", "reusable"]
"""What kind of product an option is."""

CostCategory = Literal["acquisition", "reprocessing", "consumables", "logistics", "waste", "capital", "residual"]
"""The method's cost categories (``residual`` is negative)."""

BreakEvenStatus = Literal["breaks-even", "never", "always", "equal"]
"""``breaks-even`` at N*, ``never`` (no N makes it lower), ``always`` (lower from N = 1), ``equal`` (same at any N)."""

Verdict = Literal["lower", "higher", "no significant difference", "equal"]
"""The method's comparative verdict of a paired difference."""

Pedigree = Annotated[list[Annotated[int, Field(ge=1, le=5)]], Field(min_length=5, max_length=5)]
"""Pedigree scores: reliability, completeness, temporal, geographical, technological correlation, 1 best to 5 worst."""


class Section(BaseModel):
    """A part of the result: unknown keys are an error, every field is documented with its unit.

    Values are validated as given (a float stays a float, an int an int), so a document read back
    from ``result.json`` is the same model it was written from.
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, validate_default=False)

    def to_dict(self) -> dict[str, Any]:
        """The section as plain JSON-ready data; keys that were never set are left out."""
        return self.model_dump(mode="json", exclude_unset=True)
