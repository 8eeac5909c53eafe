"""The circularity section (LCAC-HC/2 ``circularity``) and the reuse identity (``reuse_identity``)."""

from __future__ import annotations

from typing import Literal

from lcacompare.result.base import Section

__all__ = ["CircularityStatus", "CircularityValue", "CircularityIndicator", "Circularity", "ReuseIdentityOption"]

CircularityStatus = Literal["stated", "not stated", "not applicable"]
"""``stated`` (computed from the case and the datasets), ``not stated`` (the case lacks an input,
e.g. the items in circulation for years of service life; never a zero), ``not applicable``
(years of service life of a single-use item; a share of zero mass)."""


class CircularityValue(Section):
    """One option's value of one indicator."""

    status: CircularityStatus
    """Whether the value is stated, not stated or not applicable."""
    value: float | None = None
    """The value in the indicator's unit (absent unless stated)."""
    expected_uses: float | None = None
    """``service_life_uses`` only: E = (1 - (1 - l)^N) / l beside N in ``value``, uses."""
    detail: str | None = None
    """How it was computed, or what is missing."""


class CircularityIndicator(Section):
    """One circularity indicator for every option."""

    id: str
    """Indicator id (e.g. ``non_renewable_virgin_kg``)."""
    title: str
    """Name in the reports."""
    unit: str
    """Unit of the values."""
    rule: str
    """How the value is computed (the method's ``circularity`` section)."""
    values: dict[str, CircularityValue]
    """By option id, in the case's order."""


class Circularity(Section):
    """Material circularity beside CO2e, per use and per option (docs/method.md, "Circularity indicators")."""

    indicators: list[CircularityIndicator]
    """Every indicator, in the order of the method's ``circularity`` section."""
    assumptions: list[str]
    """Materials and waste routes the datasets do not classify, and how they were counted."""
    sources: list[str]
    """Sources of the material properties and end-of-life routes used."""
    reference: str
    """Where the indicator set comes from."""

    def indicator(self, indicator_id: str) -> CircularityIndicator:
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


class ReuseIdentityOption(Section):
    """PEF's number of uses 1 / (1 - R) beside the method's expected uses E, for one reusable option."""

    uses_per_life: float
    """N, rated uses per item."""
    loss_rate: float
    """l, loss or scrap probability per use."""
    reuse_rate: float
    """R = 1 - l."""
    expected_uses: float
    """E = (1 - (1 - l)^N) / l, uses per item (the method's count)."""
    pef_uses: float | None
    """1 / (1 - R) = 1 / l, uses per item (PEF's count); null when l = 0 (unbounded)."""
    relative_gap: float
    """(1/l - E) / (1/l) = (1 - l)^N: how far E falls short of PEF's count (fraction)."""
