"""The case's ``study:`` block: what only the people behind a study know (ISO 14044:2006 5.2 a, b, g).

The analysis writes most of the ISO 14044 reporting items from the case, the method and the
run (:mod:`lcacompare.analysis.iso14044`); who commissioned the study, who did it, for whom, for
what and who reviewed it cannot be computed, so the case states them here. Every field is
optional: an item whose field is missing is reported as "not provided", with the field that
would provide it. Not to be confused with the result's ``study`` section (study totals and
published figures, :mod:`lcacompare.result.study`).
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from lcacompare.method.catalogue import rule

__all__ = ["ReviewStatus", "Reviewer", "CriticalReview", "Study", "INDEPENDENT_REVIEWS"]

ReviewStatus = Literal["none", "internal", "external", "panel"]
"""Critical review of the study (ISO 14044:2006 6.2 internal or external expert, 6.3 panel of
interested parties), or ``none``."""

INDEPENDENT_REVIEWS: tuple[str, ...] = ("panel",)
"""Review statuses that ISO 14044:2006 6.1 accepts for a comparative assertion disclosed to the
public: a critical review by a panel of interested parties (6.3)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Reviewer(_Strict):
    """A critical reviewer: name and affiliation (ISO 14044:2006 5.2 g)."""

    name: str = Field(min_length=1, max_length=200)
    affiliation: str | None = Field(default=None, min_length=1, max_length=300)


class CriticalReview(_Strict):
    """The critical review of the study (ISO 14044:2006 clause 6; reported under 5.2 g and 5.3)."""

    status: ReviewStatus = "none"
    reviewers: list[Reviewer] = Field(default_factory=list, max_length=50)
    report: str | None = Field(default=None, min_length=1, max_length=2000)
    """Reference or URL of the critical review report."""
    responses: str | None = Field(default=None, min_length=1, max_length=5000)
    """The practitioner's responses to the reviewers' recommendations, or where they are."""
    process: str | None = Field(default=None, min_length=1, max_length=5000)
    """How the review was run (accompanying or a posteriori, meetings, rounds); ISO 14044 5.3."""

    @model_validator(mode="after")
    def _nothing_reviewed_without_a_review(self) -> CriticalReview:
        """Rule study-review-consistent: reviewers, a review report or responses need a review."""
        given = [name for name in ("reviewers", "report", "responses", "process") if getattr(self, name)]
        if self.status == "none" and given:
            message = rule("study-review-consistent").message.format(fields=", ".join(given))
            raise PydanticCustomError("study-review-consistent", message, {"fields": given})
        return self


class Study(_Strict):
    """Who commissioned and did a study, for what and for whom, and its critical review.

    The free-text fields carry a human judgement that no calculation can give; each names the
    ISO 14044:2006 reporting item it answers.
    """

    commissioner: str | None = Field(default=None, min_length=1, max_length=300)
    """Who commissioned the study (5.2 a)."""
    practitioner: str | None = Field(default=None, min_length=1, max_length=300)
    """Who carried it out (5.2 a)."""
    report_date: datetime.date | None = None
    """Date of the report, ISO 8601 (``2026-03-01``) (5.2 a)."""
    reasons: str | None = Field(default=None, min_length=1, max_length=5000)
    """Why the study is carried out (5.2 b)."""
    intended_application: str | None = Field(default=None, min_length=1, max_length=5000)
    """What the results will be used for (5.2 b)."""
    intended_audience: str | None = Field(default=None, min_length=1, max_length=5000)
    """To whom they are communicated (5.2 b)."""
    public_comparative_assertion: bool | None = None
    """Whether the results are meant for a comparative assertion disclosed to the public (5.2 b, 5.3)."""
    reason_public_comparative_assertion: str | None = Field(default=None, min_length=1, max_length=5000)
    """Why the answer to ``public_comparative_assertion`` is what it is."""
    critical_review: CriticalReview | None = None
    """The critical review (5.2 g); absent means none was stated."""
    value_choices: str | None = Field(default=None, min_length=1, max_length=5000)
    """Value choices and expert judgements beyond the method's (5.2 f)."""
    equivalence: str | None = Field(default=None, min_length=1, max_length=5000)
    """Why the compared systems are equivalent beyond the method's functional unit (5.3; 4.2.3.7)."""
    notes: str | None = Field(default=None, min_length=1, max_length=5000)
    """Anything else the practitioner wants in the reporting items."""
