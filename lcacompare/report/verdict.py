"""The plain-language verdict of a comparison, worded by the method's comparative-assertion rule.

LCAC-HC/1 allows "A has lower CO2e per use than B" only when the paired Monte Carlo probability
reaches the method's threshold; otherwise the report says the difference is not significant and
gives the probability. Without an uncertainty analysis no such claim is made at all: the central
estimates are reported as estimates. The decision itself is the method's
(:func:`lcacompare.method.assertion.comparative_verdict`); this module words it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lcacompare.method.assertion import EQUAL, HIGHER, LOWER, NOT_SIGNIFICANT, comparative_verdict, too_few_draws
from lcacompare.report.formatting import eur, percent, significant, uses
from lcacompare.result import BreakEven, Result, as_result

__all__ = ["LOWER", "HIGHER", "EQUAL", "NOT_SIGNIFICANT", "assertion", "claims", "threshold_of", "verdict_paragraph"]


def threshold_of(result: Result | Mapping[str, Any], default: float) -> float:
    """The comparative-assertion threshold the uncertainty analysis used, else the method's."""
    uncertainty = as_result(result).uncertainty
    return float(uncertainty.assertion_threshold) if uncertainty is not None else float(default)


def assertion(
    verdict: Any,
    probability_lower: Any,
    threshold: float,
    samples: int | None = None,
    min_samples: int = 0,
) -> str | None:
    """The comparative assertion allowed for one difference.

    The stored verdict, else the method's rule
    (:func:`lcacompare.method.assertion.comparative_verdict`) applied to the stored probability,
    taking ``P(higher) = 1 - P(lower)`` (a document without a verdict stores no ``P(higher)``).

    Parameters
    ----------
    verdict : str or None
        The verdict stored in the result, if any (``lower``, ``higher`` or
        ``equal`` or ``no significant difference``); it wins when it is one of those words.
    probability_lower : float or None
        Paired Monte Carlo probability that the alternative is lower than the baseline.
    threshold : float
        The method's threshold (0.95 in LCAC-HC/1).
    samples : int, optional
        Number of paired draws of the uncertainty run.
    min_samples : int
        The method's minimum number of paired draws for an assertion.

    Returns
    -------
    str or None
        :data:`LOWER`, :data:`HIGHER`, :data:`EQUAL`, :data:`NOT_SIGNIFICANT`, or None without
        uncertainty.

    Examples
    --------
    >>> assertion(None, 0.97, 0.95), assertion(None, 0.9, 0.95), assertion(None, None, 0.95)
    ('lower', 'no significant difference', None)
    """
    if verdict in (LOWER, HIGHER, EQUAL, NOT_SIGNIFICANT):
        return str(verdict)
    if probability_lower is None:
        return None
    p = float(probability_lower)
    return comparative_verdict(p, 1.0 - p, threshold, samples, min_samples)


def _cost_phrase(difference: float) -> str:
    if abs(difference) < 1e-12:
        return "costs the same"
    return f"costs {eur(abs(difference))} {'less' if difference < 0 else 'more'}"


def _co2e_phrase(difference: float) -> str:
    if abs(difference) < 1e-12:
        return "emits the same CO2e"
    return f"emits {significant(abs(difference))} kg CO2e {'less' if difference < 0 else 'more'}"


def _breakeven_text(entry: BreakEven | None, what: str) -> str | None:
    if entry is None:
        return None
    status = getattr(entry, f"status_{what}")
    n = getattr(entry, f"uses_{what}")
    label = "cost" if what == "cost" else "CO2e"
    if status == "equal":
        return f"on {label} it equals the baseline whatever the number of uses per item"
    if status == "always":
        return f"on {label} it is lower from the first use"
    if status == "never":
        return f"on {label} it never breaks even, however many uses per item"
    if n is not None:
        return f"on {label} it breaks even after {uses(n)} uses per item"
    return None


def _probability_text(
    kind: str, verdict: str | None, p: Any, threshold: float, baseline: str, too_few: bool = False
) -> str:
    noun = "lower-carbon" if kind == "co2e" else "cheaper"
    quantity = "CO2e per use" if kind == "co2e" else "cost per use"
    if verdict is None:
        return ""
    head = f"the probability that it is {noun} is {percent(p)}" if p is not None else f"on {quantity}"
    if verdict == EQUAL:
        return f"{head}: every paired draw gives the same {quantity} as {baseline}, so the two are equal"
    if verdict == LOWER:
        reaches = f"which reaches the method's threshold of {percent(threshold)}"
        return f"{head}, {reaches}: it has lower {quantity} than {baseline}"
    if verdict == HIGHER:
        return (
            f"{head}, so {baseline} is lower with at least {percent(threshold)} probability: it has higher {quantity}"
        )
    if too_few:
        return (
            f"{head}, but from too few paired draws to assert anything: no significant difference claimed in {quantity}"
        )
    return f"{head}, below the method's threshold of {percent(threshold)}: no significant difference in {quantity}"


def claims(result: Result | Mapping[str, Any], threshold: float) -> list[dict[str, Any]]:
    """One entry per alternative: its differences to the baseline, verdicts and a sentence.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first).
    threshold : float
        The method's comparative-assertion threshold.

    Returns
    -------
    list of dict
        Keys ``option``, ``baseline`` (ids), ``difference_kg_co2e_per_use`` and
        ``difference_eur_per_use`` (alternative minus baseline), ``verdict_co2e`` and
        ``verdict_cost`` (None without uncertainty), ``probability_lower_co2e``,
        ``probability_lower_cost`` and ``sentence``.
    """
    result = as_result(result)
    base = result.option(result.baseline)
    uncertainty = result.uncertainty
    differences = uncertainty.differences if uncertainty is not None else {}
    # Below the method's minimum number of draws the uncertainty run makes no assertion.
    samples = uncertainty.samples if uncertainty is not None else 0
    min_samples = uncertainty.assertion_min_samples if uncertainty is not None else 0
    too_few = uncertainty is not None and too_few_draws(samples, min_samples)
    breakeven = result.breakeven or {}
    out = []
    for option in result.options:
        if option.id == base.id:
            continue
        d_co2e = option.kg_co2e_per_use - base.kg_co2e_per_use
        d_eur = option.eur_per_use - base.eur_per_use
        diff = differences.get(f"{option.id}-vs-{base.id}")
        p_co2e = diff.probability_lower_co2e if diff is not None else None
        p_cost = diff.probability_lower_cost if diff is not None else None
        verdict_co2e = (
            assertion(diff.verdict_co2e, p_co2e, threshold, samples, min_samples) if diff is not None else None
        )
        verdict_cost = (
            assertion(diff.verdict_cost, p_cost, threshold, samples, min_samples) if diff is not None else None
        )
        base_title = base.title or base.id
        parts = [
            f"{option.title or option.id} against {base_title}: "
            f"it {_cost_phrase(d_eur)} and {_co2e_phrase(d_co2e)} per use (central estimates)"
        ]
        parts += [t for t in (_breakeven_text(breakeven.get(option.id), w) for w in ("cost", "co2e")) if t]
        if verdict_co2e is None:
            parts.append(
                "no uncertainty analysis was run, so no claim is made that either option is lower-carbon "
                "(the method allows it only above a probability threshold)"
            )
        else:
            parts.append(_probability_text("co2e", verdict_co2e, p_co2e, threshold, base_title, too_few))
            if verdict_cost is not None:
                parts.append(_probability_text("cost", verdict_cost, p_cost, threshold, base_title, too_few))
        out.append(
            {
                "option": option.id,
                "baseline": base.id,
                "difference_kg_co2e_per_use": d_co2e,
                "difference_eur_per_use": d_eur,
                "verdict_co2e": verdict_co2e,
                "verdict_cost": verdict_cost,
                "probability_lower_co2e": p_co2e,
                "probability_lower_cost": p_cost,
                "sentence": "; ".join(parts) + ".",
            }
        )
    return out


def verdict_paragraph(result: Result | Mapping[str, Any], threshold: float) -> str:
    """The one-paragraph verdict: one sentence per alternative against the baseline.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first).
    threshold : float
        The method's comparative-assertion threshold.

    Returns
    -------
    str
        Plain text (escaped by the template).
    """
    sentences = [claim["sentence"] for claim in claims(result, threshold)]
    return " ".join(sentences) if sentences else "The case has a single option; there is nothing to compare."
