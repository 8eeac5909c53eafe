"""The result-level DQR of an option: its lines' DQR weighted by their share of the option's CO2e.

``DQR_option = sum_l w_l * DQR_l`` with ``w_l = |c_l| / sum_k |c_k|``, ``c_l`` the line's kg CO2e
per use in the method's total modules (module D, reported apart, is not weighed). The most
relevant lines are the largest ones that together make up at least the method's
``most_relevant_share`` (0.80) of ``sum_k |c_k|``; each must reach ``most_relevant_max_dqr``, else
the section carries a warning naming them (never a refusal).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lcacompare.compile import CompiledCase
from lcacompare.quality.pef import CRITERIA, dqr, level_of
from lcacompare.quality.scoring import LineScore, score_line
from lcacompare.result.data_quality import DataQuality, DataQualityInput, OptionDataQuality

__all__ = ["Contribution", "contributions_of", "weighted_dqr", "most_relevant", "data_quality_section", "ASK_FOR"]

ASK_FOR: Mapping[str, str] = {
    "TeR": "data for the technology actually used (the product's own process, not a proxy)",
    "GeR": "data for the country or region where it is made or used",
    "TiR": "more recent data (within the last few years)",
    "P": "measured or verified figures (an EPD or a third-party verified declaration)",
}
"""What to ask a supplier or data provider for, by the criterion that scores worst."""


@dataclass(frozen=True)
class Contribution:
    """One line's kg CO2e per use in an option's total modules."""

    index: int
    module: str
    activity: str
    kg_co2e_per_use: float


def contributions_of(comparison: Any, method: Any) -> dict[str, list[Contribution]]:
    """Each option's lines in the method's total modules, from a comparison's line results.

    Parameters
    ----------
    comparison : lcacompare.results.Comparison
        Its options' ``lines`` (``index``, ``module``, ``activity``, ``kg_co2e_per_use``).
    method : MethodSpec
        Its ``total_modules``.
    """
    modules = set(method.total_modules)
    return {
        option.id: [
            Contribution(line.index, line.module, line.activity, float(line.kg_co2e_per_use))
            for line in option.lines
            if line.module in modules
        ]
        for option in comparison.options
    }


def weighted_dqr(contributions: Sequence[float], ratings: Sequence[float]) -> float | None:
    """Mean DQR weighted by the absolute contributions: ``sum |c_l| DQR_l / sum |c_l|``.

    Parameters
    ----------
    contributions : sequence of float
        Each line's kg CO2e per use (signed; the weight is its absolute value).
    ratings : sequence of float
        Each line's DQR.

    Returns
    -------
    float or None
        None when every contribution is zero (nothing to weigh).

    Examples
    --------
    Two lines: steel 0.30 kg CO2e (DQR 2.25) and electricity 0.10 kg CO2e (DQR 3.5); weights
    0.30 / 0.40 = 0.75 and 0.10 / 0.40 = 0.25, so 0.75 x 2.25 + 0.25 x 3.5 = 1.6875 + 0.875:

    >>> round(weighted_dqr([0.30, 0.10], [2.25, 3.5]), 4)
    2.5625
    >>> weighted_dqr([0.0], [4.0]) is None
    True
    """
    total = math.fsum(abs(c) for c in contributions)
    if total == 0.0:
        return None
    return math.fsum(abs(c) * r for c, r in zip(contributions, ratings, strict=True)) / total


def most_relevant(contributions: Sequence[float], share: float) -> list[int]:
    """Positions of the largest contributions that together reach ``share`` of the absolute total.

    Lines are taken largest ``|c|`` first (ties in the given order) until their cumulative share
    is at least ``share``; the line that crosses the bound is included.

    Examples
    --------
    >>> most_relevant([0.05, 0.60, 0.25, 0.10], 0.80)
    [1, 2]
    >>> most_relevant([0.5, 0.2, 0.2, 0.1], 0.80)
    [0, 1, 2]
    """
    total = math.fsum(abs(c) for c in contributions)
    if total == 0.0:
        return []
    order = sorted(range(len(contributions)), key=lambda i: -abs(contributions[i]))
    chosen: list[int] = []
    running = 0.0
    for i in order:
        chosen.append(i)
        running += abs(contributions[i])
        if running / total >= share - 1e-12:
            break
    return chosen


def _worst_criterion(score: LineScore) -> str:
    values = score.criteria.as_dict()
    return max(CRITERIA, key=lambda name: values[name])


def _warning(option_id: str, short: Sequence[tuple[Contribution, LineScore]], limit: float) -> str:
    # Lines are numbered from 1 in the sentence, as in the reports; ``index`` in the data counts from 0.
    parts = []
    for item, score in short:
        values = score.criteria.as_dict()
        worst_name = _worst_criterion(score)
        parts.append(
            f"line {item.index + 1} ({item.module} {item.activity}, DQR {dqr(score.criteria):.2f}, worst {worst_name} "
            f"{values[worst_name]}): ask for {ASK_FOR[worst_name]}"
        )
    return f"option {option_id!r}: the most relevant inputs do not all reach DQR {limit:g}: " + "; ".join(parts) + "."


def data_quality_section(
    compiled: CompiledCase, contributions: Mapping[str, Sequence[Contribution]]
) -> DataQuality | None:
    """The ``data_quality`` section of a result, or None when the method has no ``pef_data_quality``.

    Parameters
    ----------
    compiled : CompiledCase
        The case, its method (the section's constants) and its resolved lines.
    contributions : mapping of option id to sequence of Contribution
        Each option's lines in the total modules with their kg CO2e per use.

    Returns
    -------
    DataQuality or None
    """
    settings = compiled.method.section("pef_data_quality")
    if settings is None:
        return None
    chosen = compiled.case.context.pef_data_quality
    penalty_on = bool(chosen is not None and chosen.unverified_penalty)
    levels: Sequence[Mapping[str, Any]] = settings["levels"]
    share = float(settings["most_relevant_share"])
    limit = float(settings["most_relevant_max_dqr"])
    options: dict[str, OptionDataQuality] = {}
    warnings: list[str] = []
    for option_id in compiled.option_ids:
        infos = {info.index: info for info in compiled.lines[option_id]}
        items = list(contributions.get(option_id, ()))
        scores = [score_line(compiled.case, infos[item.index], settings, penalty_on) for item in items]
        kg = [item.kg_co2e_per_use for item in items]
        ratings = [dqr(score.criteria) for score in scores]
        relevant = set(most_relevant(kg, share))
        total = math.fsum(abs(c) for c in kg)
        order = sorted(range(len(items)), key=lambda i: -abs(kg[i]))
        rows: list[DataQualityInput] = []
        running = 0.0
        for i in order:
            running += abs(kg[i])
            criteria = scores[i].criteria.as_dict()
            rows.append(
                DataQualityInput(
                    index=items[i].index,
                    module=items[i].module,  # type: ignore[arg-type]
                    activity=items[i].activity,
                    kg_co2e_per_use=kg[i],
                    share=abs(kg[i]) / total if total else 0.0,
                    cumulative_share=running / total if total else 0.0,
                    most_relevant=i in relevant,
                    **criteria,
                    dqr=ratings[i],
                    level=level_of(ratings[i], levels),
                    worst_criterion=_worst_criterion(scores[i]),  # type: ignore[arg-type]
                    basis=scores[i].basis,
                    scored_from=[item.name for item in scores[i].inputs],
                    unverified=scores[i].unverified,
                    penalised=scores[i].penalised,
                )
            )
        short = [i for i in order if i in relevant and ratings[i] > limit + 1e-12]
        rating = weighted_dqr(kg, ratings)
        options[option_id] = OptionDataQuality(
            dqr=rating,
            level=level_of(rating, levels) if rating is not None else None,
            meets_requirement=not short,
            short_of_requirement=[items[i].index for i in short],
            inputs=rows,
        )
        if short:
            warnings.append(_warning(option_id, [(items[i], scores[i]) for i in short], limit))
    return DataQuality(
        reference=str(settings["reference"]),
        most_relevant_share=share,
        most_relevant_max_dqr=limit,
        requirement_reference=str(settings["most_relevant_max_dqr_reference"]),
        unverified_penalty=penalty_on,
        unverified_penalty_p=int(settings["unverified_penalty_p"]),
        unverified_penalty_reference=str(settings["unverified_penalty_reference"]),
        options=options,
        warnings=warnings,
    )
