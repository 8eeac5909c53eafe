"""The method's comparative-assertion rule: when "A is lower than B" may be said.

LCAC-HC/1 (after ISO 14044 4.5.3.3) allows "A has lower CO2e per use than B" only when the
paired Monte Carlo probability ``P(A < B)`` reaches the method's threshold (0.95), from at least
the method's minimum number of paired draws. This module is the one home of that decision: the
uncertainty analysis stores the verdict it gives, and the reports word the same verdict.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["LOWER", "HIGHER", "EQUAL", "NOT_SIGNIFICANT", "Verdict", "comparative_verdict", "too_few_draws"]

LOWER: Final = "lower"
HIGHER: Final = "higher"
NOT_SIGNIFICANT: Final = "no significant difference"
EQUAL: Final = "equal"
"""Every paired draw gives the same value: a tie, neither lower nor higher."""

Verdict = Literal["lower", "higher", "equal", "no significant difference"]


def too_few_draws(samples: int | None, min_samples: int) -> bool:
    """True when ``samples`` paired draws are fewer than the method's minimum (no assertion then).

    A probability of 1.0 from two draws says nothing against a 95 % threshold. Unknown
    ``samples`` (None) is not "too few": the caller has no count to hold against the minimum.

    Examples
    --------
    >>> too_few_draws(999, 1000), too_few_draws(1000, 1000), too_few_draws(None, 1000)
    (True, False, False)
    """
    return samples is not None and samples < min_samples


def comparative_verdict(
    probability_lower: float,
    probability_higher: float,
    threshold: float,
    samples: int | None = None,
    min_samples: int = 0,
) -> Verdict:
    r"""The verdict on an alternative A against a baseline B from the paired draws.

    With :math:`p_< = P(A < B)` and :math:`p_> = P(A > B)` over the paired draws and the
    threshold :math:`t`:

    - fewer than ``min_samples`` draws: ``no significant difference`` (no assertion is made);
    - :math:`p_< = p_> = 0` (every draw ties): ``equal``, never "lower";
    - :math:`p_< \ge t`: ``lower``; else :math:`p_> \ge t`: ``higher``;
    - otherwise ``no significant difference``.

    Parameters
    ----------
    probability_lower, probability_higher : float
        Shares of paired draws in which A is lower, resp. higher, than B.
    threshold : float
        The method's comparative-assertion threshold (0.95 in LCAC-HC/1).
    samples : int, optional
        Number of paired draws (not checked against ``min_samples`` when None).
    min_samples : int
        The method's minimum number of paired draws for an assertion.

    Returns
    -------
    str
        :data:`LOWER`, :data:`HIGHER`, :data:`EQUAL` or :data:`NOT_SIGNIFICANT`.

    Examples
    --------
    >>> comparative_verdict(0.97, 0.03, 0.95), comparative_verdict(0.9, 0.1, 0.95)
    ('lower', 'no significant difference')
    >>> comparative_verdict(0.0, 0.0, 0.95), comparative_verdict(1.0, 0.0, 0.95, samples=10, min_samples=1000)
    ('equal', 'no significant difference')
    """
    if too_few_draws(samples, min_samples):
        return NOT_SIGNIFICANT
    if probability_lower == 0.0 and probability_higher == 0.0:
        return EQUAL
    if probability_lower >= threshold:
        return LOWER
    if probability_higher >= threshold:
        return HIGHER
    return NOT_SIGNIFICANT
