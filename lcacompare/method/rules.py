"""The rules of the harmonised method that a case must obey, one function per rule.

Each rule returns a list of :class:`~lcacompare.errors.Problem` carrying the rule's id (catalogued,
with its message and check, in :mod:`lcacompare.method.catalogue`), so a case breaking several
rules hears about all of them at once. Rules that need units or datasets are
checked while amounts are evaluated, in :mod:`lcacompare.compile`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from lcacompare.errors import CaseError, Problem
from lcacompare.method.spec import MethodSpec, known_methods, load_method
from lcacompare.model.case import Case

__all__ = ["RULES", "applied_method", "check_rules"]

Rule = Callable[[Case, MethodSpec], list[Problem]]


def method_version(case: Case, method: MethodSpec) -> list[Problem]:
    """The case names the method this comparison applies (one version for every option)."""
    if case.method != method.id:
        return [
            Problem(
                "method",
                f"case is built under {case.method!r}, this comparison applies {method.id!r}",
                f"one of {known_methods()}",
                "method-version",
                case.line_of("method"),
            )
        ]
    return []


def applied_method(method: str | MethodSpec, field: str = "--method") -> MethodSpec:
    """The method spec a run applies instead of the one its case states (``--method``).

    Parameters
    ----------
    method : str or MethodSpec
        A known method id (:func:`~lcacompare.method.spec.known_methods`), or a spec object
        (returned as it is: ``lcacompare diff`` builds intermediate ones in memory).
    field : str
        Where the id was given, for the message.

    Raises
    ------
    CaseError
        Rule ``method-unknown``, listing the known versions, if the id is not one of them.

    Examples
    --------
    >>> applied_method("LCAC-HC/2").version
    2
    """
    if isinstance(method, MethodSpec):
        return method
    if method not in known_methods():
        problem = Problem(
            field, f"{method!r} is not a method version lcacompare knows", f"one of {known_methods()}", "method-unknown"
        )
        raise CaseError("command line", [problem])
    return load_method(method)


def unique_option_ids(case: Case, method: MethodSpec) -> list[Problem]:
    """Option ids are unique within a case."""
    counts = Counter(option.id for option in case.options)
    return [
        Problem(
            f"options[{i}].id",
            f"option id {option.id!r} is used {counts[option.id]} times",
            "unique option ids",
            "unique-option-ids",
            case.line_of("options", i, "id"),
        )
        for i, option in enumerate(case.options)
        if counts[option.id] > 1
    ]


def modules_covered(case: Case, method: MethodSpec) -> list[Problem]:
    """Every option declares every module: lines in it, or a stated reason why it is zero."""
    problems = []
    for i, option in enumerate(case.options):
        with_lines = {line.module for line in option.inventory}
        for module in method.modules:
            reason = option.zero_modules.get(module)  # type: ignore[call-overload]
            if module in with_lines and reason is not None:
                problems.append(
                    Problem(
                        f"options[{i}].zero_modules.{module}",
                        f"module {module} has inventory lines and is also declared zero",
                        "either lines or a zero reason, not both",
                        "modules-covered",
                        case.line_of("options", i, "zero_modules", module),
                    )
                )
            elif module not in with_lines and not (reason and reason.strip()):
                problems.append(
                    Problem(
                        f"options[{i}].zero_modules",
                        f"option {option.id!r} has no lines in module {module} and gives no reason",
                        f"inventory lines in {module}, or zero_modules: {{{module}: 'why it is zero'}}",
                        "modules-covered",
                        case.line_of("options", i),
                    )
                )
    return problems


def reusable_fields(case: Case, method: MethodSpec) -> list[Problem]:
    """Reusable options give uses_per_life and loss_rate; single-use options give neither."""
    problems = []
    for i, option in enumerate(case.options):
        if option.kind == "reusable":
            for name in ("uses_per_life", "loss_rate"):
                if getattr(option, name) is None:
                    problems.append(
                        Problem(
                            f"options[{i}].{name}",
                            f"reusable option {option.id!r} needs {name}",
                            "uses_per_life >= 1 and loss_rate in [0, 1)",
                            "reusable-fields",
                            case.line_of("options", i),
                        )
                    )
        else:
            for name in ("uses_per_life", "loss_rate", "cycle", "stock_items"):
                if getattr(option, name) is not None:
                    problems.append(
                        Problem(
                            f"options[{i}].{name}",
                            f"single-use option {option.id!r} sets {name}",
                            "kind: reusable, or remove the field",
                            "single-use-fields",
                            case.line_of("options", i, name),
                        )
                    )
    return problems


def cycle_lines_shared(case: Case, method: MethodSpec) -> list[Problem]:
    """Per-cycle lines need the option's cycle block saying how a cycle is shared."""
    problems = []
    for i, option in enumerate(case.options):
        lines = [(j, line) for j, line in enumerate(option.inventory) if line.per == "cycle"]
        costs = [(j, line) for j, line in enumerate(option.costs) if line.per == "cycle"]
        if option.cycle is None:
            problems += [
                Problem(
                    f"options[{i}].inventory[{j}].per",
                    "a per-cycle line needs the option's cycle block",
                    "cycle: {allocation, capacity, fill_rate} on a reusable option",
                    "cycle-sharing",
                    case.line_of("options", i, "inventory", j, "per"),
                )
                for j, _ in lines
            ]
            problems += [
                Problem(
                    f"options[{i}].costs[{j}].per",
                    "a per-cycle cost needs the option's cycle block",
                    "cycle: {allocation, capacity, fill_rate} on a reusable option",
                    "cycle-sharing",
                    case.line_of("options", i, "costs", j, "per"),
                )
                for j, _ in costs
            ]
    return problems


def credits_apart(case: Case, method: MethodSpec) -> list[Problem]:
    """Module D holds credits only: it must never be counted in a total."""
    if set(method.reported_apart) & set(method.total_modules):
        return [
            Problem(
                "method", "a module is both in the total and reported apart", "D reported apart only", "credits-apart"
            )
        ]
    return []


def reference_options(case: Case, method: MethodSpec) -> list[Problem]:
    """A replication reference names options that exist in the case."""
    if case.reference is None:
        return []
    ids = {option.id for option in case.options}
    return [
        Problem(
            f"reference.published.{name}",
            f"no option {name!r} in the case",
            f"one of {sorted(ids)}",
            "reference-options",
            case.line_of("reference", "published", name),
        )
        for name in case.reference.published
        if name not in ids
    ]


def cross_check_names(case: Case, method: MethodSpec) -> list[Problem]:
    """A cross-check names options and parameters of the case, and a country code the case could use."""
    ids = sorted(option.id for option in case.options)
    problems = []
    seen: set[str] = set()
    for i, check in enumerate(case.cross_checks):
        if check.id in seen:
            problems.append(
                Problem(
                    f"cross_checks[{i}].id",
                    f"cross-check id {check.id!r} is used twice",
                    "unique cross-check ids",
                    "cross-check",
                    case.line_of("cross_checks", i, "id"),
                )
            )
        seen.add(check.id)
        for field in ("option", "baseline"):
            name = getattr(check, field)
            if name not in ids:
                problems.append(
                    Problem(
                        f"cross_checks[{i}].{field}",
                        f"no option {name!r} in the case",
                        f"one of {ids}",
                        "cross-check",
                        case.line_of("cross_checks", i, field),
                    )
                )
        if check.option == check.baseline:
            problems.append(
                Problem(
                    f"cross_checks[{i}].baseline",
                    "the baseline is the option itself",
                    "another option of the case",
                    "cross-check",
                    case.line_of("cross_checks", i, "baseline"),
                )
            )
        for j, step in enumerate(check.steps):
            for name in step.parameters:
                if name not in case.parameters:
                    problems.append(
                        Problem(
                            f"cross_checks[{i}].steps[{j}].parameters.{name}",
                            f"no parameter {name!r} in the case",
                            "a parameter of the case's parameters: block",
                            "cross-check",
                            case.line_of("cross_checks", i, "steps", j, "parameters", name),
                        )
                    )
    return problems


RULES: tuple[Rule, ...] = (
    method_version,
    unique_option_ids,
    modules_covered,
    reusable_fields,
    cycle_lines_shared,
    credits_apart,
    reference_options,
    cross_check_names,
)


def check_rules(case: Case, method: MethodSpec) -> list[Problem]:
    """Run every method rule; return all problems found (empty when the case obeys them)."""
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(case, method))
    return problems
