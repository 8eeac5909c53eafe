"""A case's cross-checks: a published study's relative claims, and the steps from the case's setting to the study's.

A replication case rebuilds one study's own figures (``reference:``). A product case often meets a
study of a similar product in another setting, which publishes only relative figures ("60-70 %
lower at about 500 uses, better from the third use"). A cross-check states those figures and the
changes of setting that separate the case from the study (another country's grid, another set
size), each as a step; the engine reruns the case after each step, so the report shows which
assumption moves the case towards the study, and says why the case keeps its own figure.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["CrossCheck", "CrossCheckStep", "PublishedClaim"]

_SLUG = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PublishedClaim(_Strict):
    """What the study publishes about the option against the baseline (relative figures only).

    ``reduction_min``/``reduction_max`` bound ``1 - CO2e(option) / CO2e(baseline)`` per use;
    ``better_from_use`` is the use ``k`` from which the reusable is published to be better, i.e.
    ``ceil(break-even uses per item) = k``.
    """

    reduction_min: float | None = Field(default=None, ge=-10.0, le=1.0, description="lower bound, fraction (0.6: 60 %)")
    reduction_max: float | None = Field(default=None, ge=-10.0, le=1.0, description="upper bound, fraction")
    at_uses_per_life: float | None = Field(default=None, gt=0, le=1e7, description="uses per item the study assumes")
    better_from_use: int | None = Field(default=None, ge=1, le=1_000_000, description="first use at which it is better")

    @model_validator(mode="after")
    def _something_published(self) -> PublishedClaim:
        """Rule cross-check: a claim gives a reduction range or a break-even use; min <= max."""
        from lcacompare.model.case import _broken

        if self.reduction_min is None and self.reduction_max is None and self.better_from_use is None:
            raise _broken("cross-check", why="give reduction_min/reduction_max or better_from_use")
        if (self.reduction_min is None) != (self.reduction_max is None):
            raise _broken("cross-check", why="give both reduction_min and reduction_max (a range)")
        low, high = self.reduction_min, self.reduction_max
        if low is not None and high is not None and low > high:
            raise _broken("cross-check", why="reduction_min is above reduction_max")
        return self


class CrossCheckStep(_Strict):
    """One change from the case's setting towards the study's, applied on top of the steps before it."""

    label: str = Field(min_length=1, max_length=300, description="what the step changes, for the report")
    country: str | None = Field(default=None, min_length=2, max_length=2, description="hospital country (grid)")
    parameters: dict[str, str | int | float] = Field(
        default_factory=dict, description="parameter name -> value in the study's setting (with its unit)"
    )
    source: str | None = None
    assumption: str | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> CrossCheckStep:
        """Rule cross-check: a step changes the country or a parameter, and says why (source or assumption)."""
        from lcacompare.model.case import _broken

        if self.country is None and not self.parameters:
            raise _broken("cross-check", why=f"step {self.label!r} changes nothing (give country or parameters)")
        if not (self.source or self.assumption):
            raise _broken("cross-check", why=f"step {self.label!r} needs a source or an assumption label")
        return self


class CrossCheck(_Strict):
    """A published study the case is checked against, with the steps from the case's setting to the study's."""

    id: str = Field(pattern=_SLUG, max_length=64)
    citation: str = Field(min_length=1)
    url: str | None = None
    read: Literal["full text", "abstract", "summary"] = Field(
        description="what of the study could be read: its figures are quoted from that"
    )
    option: str = Field(description="the case's option the study's alternative corresponds to")
    baseline: str = Field(description="the case's option the study compares it with")
    published: PublishedClaim
    steps: list[CrossCheckStep] = Field(default_factory=list, max_length=20)
    explanation: str = Field(
        min_length=1, description="why the case keeps its own figures where they differ from the study's"
    )
