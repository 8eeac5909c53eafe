"""The supply-security section: stated indicators per option, their direction and which option is better."""

from __future__ import annotations

from typing import Literal

from lcacompare.result.base import Section

__all__ = ["Direction", "SupplyStatus", "SupplyComparison", "SupplyValue", "SupplyIndicator", "Supply"]

Direction = Literal["higher", "lower"]
"""Whether a higher or a lower value of an indicator is better for supply security."""

SupplyStatus = Literal["stated", "not stated", "not applicable"]
"""``stated`` (computed from the case's inputs), ``not stated`` (an input is missing; never a zero
or a good score), ``not applicable`` (a reusables-only indicator of a single-use option)."""

SupplyComparison = Literal["better", "equal", "not comparable"]
"""``better``: some stated options are best; ``equal``: all stated options agree; ``not comparable``:
fewer than two options state the indicator."""


class SupplyValue(Section):
    """One option's value of one indicator, with where its inputs come from."""

    status: SupplyStatus
    """Whether the value is stated, not stated or not applicable."""
    value: bool | int | float | None = None
    """The value in the indicator's unit (absent unless stated)."""
    detail: str | None = None
    """How it was computed, or the basis and period it was measured on (OTIF)."""
    source: str | None = None
    """Sources of the inputs, joined by '; '."""
    assumption: str | None = None
    """Assumptions of the inputs, joined by '; '."""


class SupplyIndicator(Section):
    """One supply-security indicator for every option."""

    id: str
    """Indicator id (e.g. ``country_hhi``)."""
    title: str
    """Name in the reports."""
    unit: str
    """Unit of the values."""
    direction: Direction
    """Whether higher or lower is better."""
    formula: str
    """How the value is computed from the case's inputs."""
    reference: str
    """Where the indicator is defined."""
    values: dict[str, SupplyValue]
    """By option id, in the case's order."""
    comparison: SupplyComparison
    """Whether an option is better, all are equal, or fewer than two state it."""
    better: list[str]
    """Ids of the best options when ``comparison`` is ``better`` (ties listed together), else empty."""


class Supply(Section):
    """Supply security beside cost and CO2e: figures, not a score (docs/supply-security.md)."""

    indicators: list[SupplyIndicator]
    """Every indicator, in the order of docs/supply-security.md."""
    daily_use_basis: dict[str, str]
    """By option id: where the average daily use comes from (stated, or the case's annual uses / 365)."""

    def indicator(self, indicator_id: str) -> SupplyIndicator:
        """The indicator with this id.

        Raises
        ------
        KeyError
            If there is no indicator ``indicator_id``.
        """
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def worse(self) -> dict[str, list[str]]:
        """By option id, the indicators on which another option is better (for a one-line warning).

        Only options that state the indicator and are not among the best count as worse.
        """
        out: dict[str, list[str]] = {}
        for indicator in self.indicators:
            if indicator.comparison != "better":
                continue
            for option_id, value in indicator.values.items():
                if value.status == "stated" and option_id not in indicator.better:
                    out.setdefault(option_id, []).append(indicator.id)
        return out
