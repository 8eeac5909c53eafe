"""Case-model types of the Circular Footprint Formula: the allocation a case chooses, per-line overrides.

A case chooses ``context.allocation: circular-footprint-formula`` (cut-off when absent); a
material line (module A1-A3) may override the Annex C defaults of its material, and a module C
recycling line may name the material it recycles, each figure with its source (rule
``cff-override``). Only a method with a ``circular_footprint_formula`` section applies them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from lcacompare.method.catalogue import rule

__all__ = ["Allocation", "CUT_OFF", "CIRCULAR_FOOTPRINT_FORMULA", "CircularOverride"]

CUT_OFF = "cut-off"
CIRCULAR_FOOTPRINT_FORMULA = "circular-footprint-formula"
Allocation = Literal["cut-off", "circular-footprint-formula"]
"""How recycled content and recycling are allocated: cut-off (the default) or the PEF CFF."""


class CircularOverride(BaseModel):
    """A line's own Circular Footprint Formula parameters, instead of the Annex C defaults.

    ``r1`` is the recycled content of a material line (it may also be given as ``virgin_fraction
    = 1 - R1`` on the line); ``material`` names the row of ``datasets/cff/annex_c.csv`` the line
    belongs to (a material line, or the material a module C recycling line recycles).
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    material: str | None = Field(default=None, description="row of datasets/cff/annex_c.csv")
    r1: float | None = Field(default=None, ge=0.0, le=1.0, description="recycled content R1")
    a: float | None = Field(default=None, ge=0.0, le=1.0, description="allocation factor A")
    qsin_qp: float | None = Field(default=None, ge=0.0, le=1.0, description="Qsin/Qp")
    qsout_qp: float | None = Field(default=None, ge=0.0, le=1.0, description="Qsout/Qp")
    source: str | None = Field(default=None, description="where the figures come from")

    @model_validator(mode="after")
    def _figures_have_a_source(self) -> CircularOverride:
        """Rule cff-override: a figure given instead of Annex C carries its source."""
        given = [name for name in ("r1", "a", "qsin_qp", "qsout_qp") if getattr(self, name) is not None]
        if given and not self.source:
            fields = ", ".join(given)
            raise PydanticCustomError("cff-override", rule("cff-override").message.format(fields=fields), {})
        return self
