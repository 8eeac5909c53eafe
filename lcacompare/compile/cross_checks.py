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

__all__ = ["apply_step", "cross_check_settings", "check_cross_check_steps", "step_problems", "validate_case"]


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
                problems += step_problems(case, i, j, error)
                break  # the later steps build on this one
    return problems


def step_problems(case: Case, check: int, step: int, error: CaseError) -> list[Problem]:
    """The problems of a step's setting, restated at the step's field (rule ``cross-check``).

    Parameters
    ----------
    case : Case
        The case as written (for line numbers).
    check, step : int
        Which cross-check and which of its steps.
    error : CaseError
        What compiling the step's setting raised.

    Returns
    -------
    list of Problem
    """
    return [
        Problem(
            f"cross_checks[{check}].steps[{step}]",
            f"in the study's setting the case does not compile: {problem.field}: {problem.message}",
            problem.hint,
            "cross-check",
            case.line_of("cross_checks", check, "steps", step),
        )
        for problem in error.problems
    ]


def validate_case(case: Case, datasets: Any, method: Any = None) -> Any:
    """Compile a case and every setting of its cross-checks: what ``lcacompare validate`` checks.

    :func:`~lcacompare.compile.compile_case` alone does not compile the cross-check settings
    (that would multiply every run's compile time by the number of steps); a run compiles
    them when it reruns the steps, and reports a failing step the same way.

    Parameters
    ----------
    case : Case
        The case as written.
    datasets : Datasets
        The datasets.
    method : MethodSpec, optional
        The method applied; default the one the case names.

    Returns
    -------
    CompiledCase

    Raises
    ------
    CaseError
        With every problem of the case, then (when it compiles) of its cross-check steps.
    """
    from lcacompare.compile.compiled import compile_case

    compiled = compile_case(case, datasets, method)
    problems = check_cross_check_steps(case, datasets, compiled.method)
    if problems:
        raise CaseError(case.path, problems)
    return compiled
