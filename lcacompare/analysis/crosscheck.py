"""The ``cross_checks`` section: a published study's relative claims against the case, step by step.

For each cross-check of the case (:class:`lcacompare.model.crosscheck.CrossCheck`) the case is
evaluated as stated and again after each step of the study's setting, the steps applied on top of
one another. At each point::

    reduction = 1 - CO2e(option, N) / CO2e(baseline)        (per use, modules of the method's total)
    break-even N* : CO2e(option, N*) = CO2e(baseline)       (lcacompare.breakeven.solve_breakeven)
    better from use k = ceil(N*)

with ``N`` the study's uses per item (``published.at_uses_per_life``) when it states one, else the
case's own. The reduction agrees with the study when ``reduction_min <= reduction <= reduction_max``; the
break-even when ``ceil(N*) == better_from_use``; each is judged on its own.
"""

from __future__ import annotations

import math
from typing import Any

from lcacompare.compile.cross_checks import cross_check_settings, step_problems
from lcacompare.errors import CaseError
from lcacompare.method.spec import MethodSpec
from lcacompare.model.case import Case
from lcacompare.model.crosscheck import CrossCheck

__all__ = ["cross_check_section"]


def _figures(prepared: Any, comparison: Any, check: CrossCheck) -> dict[str, Any]:
    from lcacompare.breakeven import co2e_per_use_function, solve_breakeven

    baseline = float(comparison.option(check.baseline).kg_co2e_per_use)
    option = comparison.option(check.option)
    per_use = co2e_per_use_function(prepared, check.option)
    uses = check.published.at_uses_per_life
    # At the study's uses per item when it states them (a reusable); else the case's own figure.
    ours = float(option.kg_co2e_per_use) if uses is None or option.kind != "reusable" else float(per_use(float(uses)))
    figures: dict[str, Any] = {
        "kg_co2e_per_use": ours,
        "baseline_kg_co2e_per_use": baseline,
        "reduction": 1.0 - ours / baseline if baseline != 0 else None,
        "breakeven_uses": None,
        "better_from_use": None,
    }
    if option.kind == "reusable":
        found = solve_breakeven(per_use, baseline)
        figures["breakeven_status"] = found.status
        if found.uses_per_life is not None:
            figures["breakeven_uses"] = found.uses_per_life
            figures["better_from_use"] = math.ceil(found.uses_per_life - 1e-9)
        elif found.status == "always":
            figures["better_from_use"] = 1
    return figures


def _agreement(check: CrossCheck, figures: dict[str, Any]) -> dict[str, bool | None]:
    """Whether each published figure is met (None where the study publishes no such figure)."""
    claim, reduction = check.published, figures["reduction"]
    within: bool | None = None
    if claim.reduction_min is not None and claim.reduction_max is not None:
        within = reduction is not None and claim.reduction_min <= reduction <= claim.reduction_max
    matches = None if claim.better_from_use is None else figures["better_from_use"] == claim.better_from_use
    return {"reduction_within": within, "better_from_use_matches": matches}


def cross_check_section(
    case: Case,
    *,
    datasets: Any = None,
    home: Any = None,
    method: MethodSpec | None = None,
    stated: tuple[Any, Any] | None = None,
) -> list[dict[str, Any]] | None:
    """The ``cross_checks`` section of the result, or None when the case states no cross-check.

    Parameters
    ----------
    case : Case
        The case as run (its method applied).
    datasets, home
        As for :func:`lcacompare.engine.prepare`.
    method : MethodSpec, optional
        The method the run applies (default the one the case names); every rerun applies it too.
    stated : (Prepared, Comparison), optional
        The run's own preparation and comparison of ``case``, used for the point "as stated"
        instead of preparing and comparing the case a second time.

    Returns
    -------
    list of dict or None
        Per cross-check: the citation, what was read, the published claim, the figures of the case
        as stated and after each step (cumulative), and the explanation.

    Raises
    ------
    CaseError
        When a step's setting does not compile (rule ``cross-check``, at the step's field), as
        :func:`lcacompare.compile.cross_checks.validate_case` reports it.
    """
    if not case.cross_checks:
        return None
    from lcacompare.engine import compare, prepare

    checks = []
    for i, check in enumerate(case.cross_checks):
        settings = cross_check_settings(case, i)
        points = []
        for j, (setting, step) in enumerate(zip(settings, [None, *check.steps], strict=True)):
            try:
                if step is None and stated is not None:  # the case as stated: the run's own comparison
                    figures = _figures(*stated, check)
                else:
                    prepared = prepare(setting, datasets=datasets, home=home, method=method)
                    figures = _figures(prepared, compare(setting, prepared=prepared), check)
            except CaseError as error:  # a step whose setting does not compile (validate says so too)
                raise CaseError(case.path, step_problems(case, i, j - 1, error)) from None
            if step is None:
                points.append({"label": "the case as stated", "source": None, **figures})
            else:
                points.append(
                    {"label": step.label, "source": step.source or f"assumption: {step.assumption}", **figures}
                )
        for point in points:
            point.update(_agreement(check, point))
        checks.append(
            {
                "id": check.id,
                "citation": check.citation,
                "url": check.url,
                "read": check.read,
                "option": check.option,
                "baseline": check.baseline,
                "published": check.published.model_dump(exclude_none=True),
                "points": points,
                "explanation": check.explanation,
            }
        )
    return checks
