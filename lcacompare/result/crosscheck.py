"""The ``cross_checks`` section: a published study's relative figures against the case, step by step."""

from __future__ import annotations

from typing import Literal

from lcacompare.result.base import Section

__all__ = ["CrossCheckPoint", "CrossCheckResult", "PublishedClaimResult"]


class PublishedClaimResult(Section):
    """What the study publishes (fractions; uses per item)."""

    reduction_min: float | None = None
    """Lower bound of ``1 - CO2e(option) / CO2e(baseline)``, fraction."""
    reduction_max: float | None = None
    """Upper bound, fraction."""
    at_uses_per_life: float | None = None
    """Uses per item at which the study states the reduction."""
    better_from_use: int | None = None
    """The use from which the study finds the option better (``ceil`` of the break-even uses)."""


class CrossCheckPoint(Section):
    """The case's figures as stated, or after one more step towards the study's setting."""

    label: str
    """The step (the first point is "the case as stated")."""
    source: str | None
    """The step's source, or ``assumption: ...``; null for the case as stated."""
    kg_co2e_per_use: float
    """Kg CO2e per use of the option, at the study's uses per item when it states one."""
    baseline_kg_co2e_per_use: float
    """Kg CO2e per use of the baseline."""
    reduction: float | None
    """``1 - kg_co2e_per_use / baseline_kg_co2e_per_use``; null when the baseline is 0."""
    breakeven_uses: float | None
    """Uses per item N* at which the option's CO2e per use equals the baseline's."""
    better_from_use: int | None
    """``ceil(N*)``: the first whole use at which the option is lower (1 when always lower)."""
    breakeven_status: Literal["breaks-even", "always", "never", "equal"] | None = None
    """As in ``breakeven``; null for a single-use option."""
    reduction_within: bool | None
    """Whether the reduction lies in the published range; null when the study publishes none."""
    better_from_use_matches: bool | None
    """Whether ``better_from_use`` equals the published one; null when the study publishes none."""


class CrossCheckResult(Section):
    """One cross-check of the case (``cross_checks:`` in the case)."""

    id: str
    """The cross-check's id."""
    citation: str
    """The study."""
    url: str | None
    """Where it was read."""
    read: Literal["full text", "abstract", "summary"]
    """What of the study could be read."""
    option: str
    """The case's option the study's alternative corresponds to."""
    baseline: str
    """The option it is compared with."""
    published: PublishedClaimResult
    """The study's claim."""
    points: list[CrossCheckPoint]
    """The case as stated, then after each step (cumulative)."""
    explanation: str
    """Why the case keeps its own figures where they differ from the study's."""
