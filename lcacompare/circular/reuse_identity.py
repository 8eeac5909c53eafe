"""The PEF reuse identity beside the method's expected uses.

The PEF method (Commission Recommendation (EU) 2021/2279, Annex I, section 4.4.4.3) counts the
uses of a reusable product from its reuse rate ``R`` (the share of items that come back after a use):

``uses_PEF = 1 / (1 - R)``

LCAC-HC counts the expected uses of an item retired after ``N`` uses and lost with probability
``l`` at each use:

``E = (1 - (1 - l)^N) / l``  (``E = N`` when ``l = 0``).

With ``l = 1 - R`` the two agree as ``N`` grows: ``E -> 1 / l = uses_PEF``. For a finite ``N``,
``E < 1 / l`` and the relative gap is exactly

``(1/l - E) / (1/l) = (1 - l)^N``,

the probability that an item survives all ``N`` uses (and is retired by plan, not lost). PEF's
figure ignores the planned retirement; the method's does not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lcacompare.compile.per_use import expected_uses

__all__ = ["ReuseIdentity", "pef_number_of_uses", "reuse_identity"]


def pef_number_of_uses(reuse_rate: float) -> float:
    """PEF number of uses of a reusable product: ``1 / (1 - R)``.

    Parameters
    ----------
    reuse_rate : float
        R, share of items reused after a use, in [0, 1].

    Returns
    -------
    float
        Uses per item; infinite when ``R = 1`` (no item is ever lost).

    References
    ----------
    Commission Recommendation (EU) 2021/2279, Annex I (PEF method), section 4.4.4.3.

    Examples
    --------
    >>> round(pef_number_of_uses(0.98), 9)
    50.0
    >>> pef_number_of_uses(1.0)
    inf
    """
    if not 0.0 <= reuse_rate <= 1.0:
        raise ValueError(f"reuse rate {reuse_rate!r} is not in [0, 1]")
    return math.inf if reuse_rate == 1.0 else 1.0 / (1.0 - reuse_rate)


@dataclass(frozen=True)
class ReuseIdentity:
    """Both counts of uses of one reusable option, and how far apart they are.

    Attributes
    ----------
    loss_rate : float
        l, loss or scrap probability per use.
    reuse_rate : float
        R = 1 - l.
    uses_per_life : float
        N, rated uses per item.
    expected_uses : float
        E = (1 - (1 - l)^N) / l.
    pef_uses : float
        1 / (1 - R) = 1 / l (infinite when l = 0).
    relative_gap : float
        (1/l - E) / (1/l) = (1 - l)^N (1 when l = 0: PEF's count is unbounded).
    """

    loss_rate: float
    reuse_rate: float
    uses_per_life: float
    expected_uses: float
    pef_uses: float
    relative_gap: float


def reuse_identity(uses_per_life: float, loss_rate: float) -> ReuseIdentity:
    """The PEF count ``1 / (1 - R)`` and the method's ``E`` for one reusable item, with ``R = 1 - l``.

    Parameters
    ----------
    uses_per_life : float
        N.
    loss_rate : float
        l, in [0, 1).

    Returns
    -------
    ReuseIdentity

    Examples
    --------
    >>> identity = reuse_identity(100, 0.01)
    >>> round(identity.expected_uses, 3), round(identity.pef_uses, 3), round(identity.relative_gap, 4)
    (63.397, 100.0, 0.366)
    """
    e = float(expected_uses(uses_per_life, loss_rate))
    reuse = 1.0 - float(loss_rate)
    # 1 / (1 - R) with 1 - R written as l itself: no round-off from forming R first.
    pef = math.inf if float(loss_rate) == 0.0 else 1.0 / float(loss_rate)
    gap = (1.0 - float(loss_rate)) ** float(uses_per_life)
    return ReuseIdentity(float(loss_rate), reuse, float(uses_per_life), e, pef, gap)
