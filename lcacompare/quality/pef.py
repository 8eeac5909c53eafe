"""The PEF data-quality arithmetic: criteria, DQR, quality level, pedigree mapping and penalty.

PEF (Commission Recommendation (EU) 2021/2279, Annex I, section 4.6.5) rates each dataset on
technological (TeR), geographical (GeR) and time-related (TiR) representativeness and precision
(P), 1 best to 5 worst, and averages them: ``DQR = (TeR + GeR + TiR + P) / 4``. Pure functions
over plain numbers; the method spec (``pef_data_quality``) supplies the levels and the penalty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lcacompare.pedigree import INDICATORS

__all__ = ["Criteria", "CRITERIA", "PEDIGREE_MAPPING", "dqr", "from_pedigree", "level_of", "penalised", "worst"]

CRITERIA: tuple[str, ...] = ("TeR", "GeR", "TiR", "P")
"""The four PEF criteria, in the order they are written."""

PEDIGREE_MAPPING: Mapping[str, str] = {
    "TeR": "technological",
    "GeR": "geographical",
    "TiR": "temporal",
    "P": "reliability",
}
"""Which pedigree indicator stands for each PEF criterion; completeness has no PEF twin and is left out."""


@dataclass(frozen=True)
class Criteria:
    """The four PEF criteria of one input, each 1 (best) to 5 (worst)."""

    ter: int
    ger: int
    tir: int
    p: int

    def as_dict(self) -> dict[str, int]:
        """``{"TeR": .., "GeR": .., "TiR": .., "P": ..}``."""
        return dict(zip(CRITERIA, (self.ter, self.ger, self.tir, self.p), strict=True))


def dqr(criteria: Criteria) -> float:
    """Data quality rating ``DQR = (TeR + GeR + TiR + P) / 4``.

    Parameters
    ----------
    criteria : Criteria

    Returns
    -------
    float
        1 (best) to 5 (worst).

    References
    ----------
    Commission Recommendation (EU) 2021/2279, Annex I (PEF method), section 4.6.5.

    Examples
    --------
    >>> dqr(Criteria(ter=2, ger=3, tir=2, p=2))
    2.25
    """
    return (criteria.ter + criteria.ger + criteria.tir + criteria.p) / 4


def from_pedigree(pedigree: Sequence[int] | None, mapping: Mapping[str, str] = PEDIGREE_MAPPING) -> Criteria:
    """PEF criteria mapped from a pedigree score (reliability, completeness, temporal, geographical, technological).

    ``TeR <- technological``, ``GeR <- geographical``, ``TiR <- temporal``, ``P <- reliability``;
    completeness has no PEF twin and is left out. No pedigree counts 5 on every criterion, as
    :func:`lcacompare.pedigree.pedigree_sigma` treats an unknown score. ``mapping`` is the method
    spec's ``pef_data_quality.pedigree_mapping`` (criterion -> pedigree indicator); by default
    :data:`PEDIGREE_MAPPING`, the one LCAC-HC/2 states.

    Examples
    --------
    >>> from_pedigree([4, 3, 2, 3, 1])
    Criteria(ter=1, ger=3, tir=2, p=4)
    >>> from_pedigree(None)
    Criteria(ter=5, ger=5, tir=5, p=5)
    """
    scores = dict(zip(INDICATORS, pedigree if pedigree is not None else [5] * 5, strict=True))
    ter, ger, tir, p = (int(scores[mapping[name]]) for name in CRITERIA)
    return Criteria(ter=ter, ger=ger, tir=tir, p=p)


def worst(*criteria: Criteria) -> Criteria:
    """Per criterion, the worst (highest) of several inputs' scores.

    Examples
    --------
    >>> worst(Criteria(1, 3, 2, 4), Criteria(2, 2, 2, 2))
    Criteria(ter=2, ger=3, tir=2, p=4)
    """
    if not criteria:
        raise ValueError("worst() needs at least one set of criteria")
    return Criteria(
        ter=max(c.ter for c in criteria),
        ger=max(c.ger for c in criteria),
        tir=max(c.tir for c in criteria),
        p=max(c.p for c in criteria),
    )


def penalised(criteria: Criteria, penalty_p: int) -> Criteria:
    """The criteria with ``penalty_p`` added to P, capped at 5 (the unverified-data penalty).

    Examples
    --------
    >>> penalised(Criteria(2, 2, 2, 3), 1), penalised(Criteria(2, 2, 2, 5), 1).p
    (Criteria(ter=2, ger=2, tir=2, p=4), 5)
    """
    return Criteria(criteria.ter, criteria.ger, criteria.tir, min(5, criteria.p + int(penalty_p)))


def level_of(rating: float, levels: Sequence[Mapping[str, Any]]) -> str:
    """The quality level word of a DQR: the first level whose ``max`` the rating does not exceed.

    Parameters
    ----------
    rating : float
        A DQR, 1 to 5.
    levels : sequence of mappings with ``max`` and ``level``
        Ascending upper bounds, as in the method spec's ``pef_data_quality.levels``.

    Examples
    --------
    >>> levels = [{"max": 1.5, "level": "excellent"}, {"max": 2.0, "level": "very good"},
    ...           {"max": 3.0, "level": "good"}, {"max": 4.0, "level": "fair"}, {"max": 5.0, "level": "poor"}]
    >>> level_of(1.5, levels), level_of(2.25, levels), level_of(4.1, levels)
    ('excellent', 'good', 'poor')
    """
    for entry in levels:
        if rating <= float(entry["max"]):
            return str(entry["level"])
    return str(levels[-1]["level"])
