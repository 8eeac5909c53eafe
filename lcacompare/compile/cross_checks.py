"""A cross-check's steps, applied to the case and compiled, so ``validate`` refuses a step ``run`` would refuse.

Each step of a cross-check (:class:`lcacompare.model.crosscheck.CrossCheckStep`) changes the case's
setting (its country, parameter values); the steps apply on top of one another. A step whose
setting does not compile (a value of the wrong unit, 0 where the case divides by it, an unknown
country) is a problem of the case itself, reported at the step's field with the compile problem
beside it.
"""

from __future__ import annotations

from typing import Any

from lcacompare.errors import CaseError, Problem
from lcacompare.model.case import Case
from lcacompare.model.crosscheck import CrossCheckStep

__all__ = ["apply_step", "cross_check_settings", "check_cross_check_steps"]


def apply_step(case: Case, step: CrossCheckStep) -> Case:
    """The case with one step's changes of setting (country, parameter values) applied.

    A changed parameter keeps its provenance but loses its distribution (the study's setting is a
    point, not a range); the step's own source or assumption says where the value comes from.

    Parameters
    ----------
    case : Case
        The case (or the case after the earlier steps).
    step : CrossCheckStep
        The change.

    Returns
    -------
    Case
        A copy without cross-checks; ``case`` is not changed.
    """
    parameters = dict(case.parameters)
    for name, value in step.parameters.items():
        parameters[name] = parameters[name].model_copy(update={"value": value, "distribution": None})
    context = case.context
    if step.country is not None:
        context = context.model_copy(update={"country": step.country})
    return case.model_copy(update={"parameters": parameters, "context": context, "cross_checks": []})


def cross_check_settings(case: Case, index: int) -> list[Case]:
    """The case as stated, then after each step of cross-check ``index`` (cumulative), without cross-checks.

    Parameters
    ----------
    case : Case
        The case as written (a reprocessing template not yet expanded).
    index : int
        Which cross-check.

    Returns
    -------
    list of Case
        ``len(steps) + 1`` cases.
    """
    current = case.model_copy(update={"cross_checks": []})
    settings = [current]
    for step in case.cross_checks[index].steps:
        current = apply_step(current, step)
        settings.append(current)
    return settings


def check_cross_check_steps(case: Case, datasets: Any, method: Any) -> list[Problem]:
    """Compile the case after each step of each cross-check; a step that does not compile is a problem.

    Parameters
    ----------
    case : Case
        The case as written.
    datasets : Datasets
        The datasets the case compiles against.
    method : MethodSpec
        The method the case runs under.

    Returns
    -------
    list of Problem
        Rule ``cross-check``, at ``cross_checks[i].steps[j]``, quoting the compile problem.
    """
    from lcacompare.compile.compiled import compile_case

    problems: list[Problem] = []
    for i, _check in enumerate(case.cross_checks):
        for j, setting in enumerate(cross_check_settings(case, i)[1:]):
            try:
                compile_case(setting, datasets, method)
            except CaseError as error:
                problems += [
                    Problem(
                        f"cross_checks[{i}].steps[{j}]",
                        f"in the study's setting the case does not compile: {problem.field}: {problem.message}",
                        problem.hint,
                        "cross-check",
                        case.line_of("cross_checks", i, "steps", j),
                    )
                    for problem in error.problems
                ]
                break  # the later steps build on this one
    return problems
