"""One home per rule: the rule catalogue, structured case-model errors, docs/errors.md, the verdict rule."""

from __future__ import annotations

import ast
import copy
import dataclasses
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from lcacompare.errors import CaseError
from lcacompare.method.assertion import EQUAL, HIGHER, LOWER, NOT_SIGNIFICANT, comparative_verdict
from lcacompare.method.catalogue import PYDANTIC_RULES, RULES, Rule, rule, rule_of_pydantic_type
from lcacompare.model import Case, parse_case
from lcacompare.model.load import _problem_from_pydantic

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lcacompare"
BASE = yaml.safe_load((Path(__file__).parent / "data" / "clamp.yaml").read_text())
# Problem(...) calls whose rule is not a literal, and why that is safe.
DYNAMIC_RULE_SITES = {
    # the rule read from the pydantic error's type by rule_of_pydantic_type (always catalogued)
    "lcacompare.model.load:_problem_from_pydantic",
    # a per-use-bound problem re-made with the cycle capacity's hint and line, keeping its rule
    "lcacompare.compile.checks:_cycle_share_bound",
    # the case model's one builder of rule errors, which looks the id up with rule() (unknown ids raise)
    "lcacompare.model.case:_broken",
}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _calls(tree: ast.Module) -> Iterator[tuple[str, ast.Call]]:
    """Every call in a module with the top-level function (or ``Class.method``) it is in."""

    def walk(node: ast.AST, owner: str) -> Iterator[tuple[str, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            name = owner
            if isinstance(node, ast.ClassDef) and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{node.name}.{child.name}"
            elif not owner and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = child.name
            if isinstance(child, ast.Call):
                yield owner, child
            yield from walk(child, name)

    yield from walk(tree, "")


def _called(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _rule_sites() -> list[tuple[str, str, ast.expr | None]]:
    """(check, rule literal or None, rule node) for every Problem(...) and case-model rule error."""
    sites = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        for owner, call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            name = _called(call)
            if name == "Problem":
                node = call.args[3] if len(call.args) > 3 else None
                node = next((k.value for k in call.keywords if k.arg == "rule"), node)
            elif name in ("_broken", "PydanticCustomError") and call.args:
                node = call.args[0]
            else:
                continue
            literal = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
            sites.append((f"{module}:{owner}", literal, node))
    return sites


def test_the_package_raises_problems_and_case_model_errors():
    # Guards the scan itself: it finds the Problem calls of the package.
    checks = {check for check, _, _ in _rule_sites()}
    assert "lcacompare.method.rules:method_version" in checks
    assert "lcacompare.model.case:Provenance._source_or_assumption" in checks


def test_every_problem_names_a_catalogued_rule():
    unknown = [(check, literal) for check, literal, node in _rule_sites() if literal and literal not in RULES]
    no_rule = [check for check, literal, node in _rule_sites() if node is None]
    dynamic = {check for check, literal, node in _rule_sites() if node is not None and literal is None}
    assert unknown == []
    assert no_rule == []
    assert dynamic <= DYNAMIC_RULE_SITES


def test_each_rule_is_raised_only_by_the_checks_the_catalogue_names():
    misplaced = [
        (literal, check)
        for check, literal, _ in _rule_sites()
        if literal in RULES and check not in RULES[literal].checks and check.split(":")[0] not in RULES[literal].checks
    ]
    assert misplaced == []


def test_every_check_the_catalogue_names_exists():
    missing = []
    for entry in RULES.values():
        for check in entry.checks:
            module_name, _, qualname = check.partition(":")
            target: object = importlib.import_module(module_name)
            for part in qualname.split(".") if qualname else ():
                target = getattr(target, part, None)
            if target is None or (qualname and not callable(target)):
                missing.append((entry.id, check))
    assert missing == []


def test_every_catalogued_rule_is_raised_somewhere():
    raised = {literal for _, literal, _ in _rule_sites() if literal}
    raised |= set(PYDANTIC_RULES.values()) | {rule_of_pydantic_type("int_parsing"), rule_of_pydantic_type("other")}
    assert sorted(set(RULES) - raised) == []


def test_catalogue_entries_are_frozen_and_the_mapping_read_only():
    entry = RULES["yaml-number"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.summary = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        RULES["made-up"] = entry  # type: ignore[index]
    assert all(isinstance(value, Rule) and key == value.id for key, value in RULES.items())
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", key) for key in RULES)


def test_looking_up_an_unknown_rule_id_raises_naming_it():
    with pytest.raises(KeyError, match="made-up"):
        rule("made-up")


def _validate(mutate) -> list[dict]:
    data = copy.deepcopy(BASE)
    mutate(data)
    with pytest.raises(ValidationError) as info:
        Case.model_validate(data)
    return info.value.errors(include_url=False)


@pytest.mark.parametrize(
    ("rule_id", "mutate"),
    [
        ("provenance-required", lambda c: c["options"][0]["inventory"][0].pop("source")),
        ("distribution-fields", lambda c: c["parameters"]["steriliser_kwh_per_cycle"]["distribution"].pop("gsd")),
        ("cycle-allocation", lambda c: c["options"][1]["cycle"].update(allocation="mass")),
        ("boolean-number", lambda c: c["options"][0]["inventory"][0].update(amount=True)),
        ("finite-number", lambda c: c["options"][0]["inventory"][0].update(amount=float("nan"))),
        ("activity-reference", lambda c: c["options"][0]["inventory"][0].update(activity={"database": "x"})),
    ],
)
def test_case_model_errors_carry_the_rule_id_as_their_type(rule_id, mutate):
    errors = [error for error in _validate(mutate) if error["type"] == rule_id]
    assert errors, f"no pydantic error of type {rule_id!r}"
    # The message is the catalogue's template filled from the error's context.
    assert errors[0]["msg"] == rule(rule_id).message.format(**errors[0].get("ctx", {}))


def test_loaded_case_problems_take_the_rule_from_the_error_type():
    data = copy.deepcopy(BASE)
    data["parameters"]["steriliser_kwh_per_cycle"]["distribution"].pop("gsd")
    with pytest.raises(CaseError) as info:
        parse_case(data, "case.yaml")
    assert info.value.rules == ["distribution-fields"]
    assert info.value.problems[0].message == "a lognormal distribution needs gsd"


def test_a_rule_id_written_in_an_error_message_is_not_taken_as_its_rule():
    # A plain ValueError whose text looks like "rule-id: message" is pydantic's value_error, so
    # it gets the catalogue's fallback rule; ids are never recovered from message text.
    error = {"type": "value_error", "loc": ("title",), "msg": "Value error, provenance-required: x", "input": 1}
    problem = _problem_from_pydantic(error, {}, {"title": 1})
    assert problem.rule == "shape"


@pytest.mark.parametrize(
    ("rule_id", "mutate"),
    [
        ("range", lambda c: c["context"].update(discount_rate=2.25)),
        ("pattern", lambda c: c["context"].update(country="belgium")),
        ("unknown-key", lambda c: c["options"][1].update(uses_per_lfe=3)),
        ("missing", lambda c: c.pop("title")),
        ("allowed-value", lambda c: c["options"][0]["inventory"][0].update(per="fortnight")),
        ("length", lambda c: c.update(options=c["options"][:1])),
        ("type", lambda c: c["context"].update(price_year="soon")),
    ],
)
def test_pydantic_own_checks_are_reported_under_catalogued_rules(rule_id, mutate):
    data = copy.deepcopy(BASE)
    mutate(data)
    with pytest.raises(CaseError) as info:
        parse_case(data, "case.yaml")
    assert info.value.rules == [rule_id]


def _documented_rule_ids() -> list[str]:
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    index = text.split("## Rule index", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z0-9-]+)` \|", index, flags=re.M)


def test_docs_errors_lists_every_catalogued_rule_and_no_other():
    documented = _documented_rule_ids()
    assert len(documented) == len(set(documented)), "a rule is listed twice"
    assert sorted(set(RULES) - set(documented)) == []
    assert sorted(set(documented) - set(RULES)) == []


# The comparative-assertion rule: one function decides, everything else calls it.


def test_the_uncertainty_verdict_is_the_method_rule():
    from lcacompare.uncertainty import paired

    assert paired.verdict is comparative_verdict


@pytest.mark.parametrize("threshold", [0.9, 0.95])
def test_the_report_words_the_verdict_the_method_rule_gives(threshold):
    from lcacompare.report.verdict import assertion

    for p in [i / 100 for i in range(101)]:
        assert assertion(None, p, threshold) == comparative_verdict(p, 1.0 - p, threshold)
    assert assertion(None, 1.0, threshold, samples=10, min_samples=1000) == NOT_SIGNIFICANT
    assert assertion(EQUAL, 1.0, threshold) == EQUAL  # a stored verdict wins


def test_the_verdict_rule_decides_ties_thresholds_and_too_few_draws():
    assert comparative_verdict(0.95, 0.05, 0.95) == LOWER
    assert comparative_verdict(0.05, 0.95, 0.95) == HIGHER
    assert comparative_verdict(0.94, 0.06, 0.95) == NOT_SIGNIFICANT
    assert comparative_verdict(0.0, 0.0, 0.95) == EQUAL
    assert comparative_verdict(1.0, 0.0, 0.95, samples=999, min_samples=1000) == NOT_SIGNIFICANT
    assert comparative_verdict(1.0, 0.0, 0.95, samples=1000, min_samples=1000) == LOWER


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
    }


def test_only_the_method_rule_compares_a_probability_with_the_threshold():
    home = PACKAGE / "method" / "assertion.py"
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == home:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any("threshold" in name for name in _names(node)):
                copies.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Compare) and any("min_samples" in name for name in _names(node)):
                copies.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert copies == []
