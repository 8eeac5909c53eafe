"""PEF data-quality criteria an input may state, and the case's switch for the unverified-data penalty.

Used only under a method with a ``pef_data_quality`` section (LCAC-HC/2); see ``docs/method.md``,
"PEF data quality (DQR)". An input that states no criteria has them mapped from its pedigree.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator, model_validator
from pydantic_core import PydanticCustomError

from lcacompare.method.catalogue import rule

__all__ = ["StatedDqr", "PefDataQualitySettings"]


class StatedDqr(BaseModel):
    """The PEF criteria of one input, 1 (best) to 5, as the case states them; and whether it is verified.

    Written ``dqr: {TeR: 2, GeR: 3, TiR: 2, P: 2}``; ``dqr: {verified: false}`` alone marks an
    input as unverified and keeps the criteria mapped from its pedigree.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    ter: int | None = Field(default=None, ge=1, le=5, alias="TeR", description="technological representativeness")
    ger: int | None = Field(default=None, ge=1, le=5, alias="GeR", description="geographical representativeness")
    tir: int | None = Field(default=None, ge=1, le=5, alias="TiR", description="time-related representativeness")
    p: int | None = Field(default=None, ge=1, le=5, alias="P", description="precision")
    verified: StrictBool = Field(
        default=True, description="false: a figure not verified by an independent party (e.g. a supplier's own)"
    )

    @field_validator("verified", mode="before")
    @classmethod
    def _verified_is_a_boolean(cls, value: Any) -> Any:
        """Rule pef-dqr-verified: ``verified`` is YAML's true or false, never "yes", 1 or "true"."""
        if not isinstance(value, bool):
            raise PydanticCustomError(
                "pef-dqr-verified", rule("pef-dqr-verified").message.format(value=value), {"value": repr(value)}
            )
        return value

    @model_validator(mode="after")
    def _all_or_none(self) -> StatedDqr:
        """Rule pef-dqr-criteria: the four criteria are stated together or not at all."""
        given = [name for name in ("ter", "ger", "tir", "p") if getattr(self, name) is not None]
        if given and len(given) != 4:
            missing = [alias for name, alias in _ALIASES.items() if getattr(self, name) is None]
            raise PydanticCustomError(
                "pef-dqr-criteria",
                rule("pef-dqr-criteria").message.format(missing=", ".join(missing)),
                {"missing": missing},
            )
        return self

    @property
    def stated(self) -> tuple[int, int, int, int] | None:
        """``(TeR, GeR, TiR, P)`` when all four are stated, else None."""
        if self.ter is None or self.ger is None or self.tir is None or self.p is None:
            return None
        return (self.ter, self.ger, self.tir, self.p)


_ALIASES = {"ter": "TeR", "ger": "GeR", "tir": "TiR", "p": "P"}


class PefDataQualitySettings(BaseModel):
    """The case's choices for the PEF data-quality rule (``context.pef_data_quality``)."""

    model_config = ConfigDict(extra="forbid")

    unverified_penalty: bool = Field(
        default=False,
        description="add the method's penalty to P of every unverified input (supplier declarations, verified: false)",
    )
