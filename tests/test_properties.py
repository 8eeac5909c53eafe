"""Property tests: random bad input never crashes; random valid cases give finite, linear results.

* Random mutations of the test case and of the shipped cases (``lcacompare/data/cases/*.yaml``) end in
  either a valid case or a :class:`~lcacompare.errors.CaseError` listing problems, never another
  exception (which would be a traceback at the command line).
* Random valid cases (the test clamp with drawn figures) give finite per-use results; doubling every
  inventory amount doubles CO2e per use; one more use per life never raises the per-use
  production (A1-A3) burden of a reusable option.
"""

from __future__ import annotations

import copy
import math
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lcacompare import compare
from lcacompare.compile import compile_case
from lcacompare.datasets import load_datasets
from lcacompare.errors import CaseError
from lcacompare.model.load import load_case, parse_case

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
TEST_CASE = TESTS / "data" / "clamp.yaml"
TEST_DATASETS = TESTS / "data" / "datasets"
SHIPPED = sorted((ROOT / "lcacompare" / "data" / "cases").glob("*.yaml"))
SHIPPED_DATASETS = ROOT / "lcacompare" / "data" / "datasets"
REL = 1e-9
# Examples per mutation test; raise it for a longer hunt: LCACOMPARE_MUTATIONS=5000 pytest ...
MUTATIONS = int(os.environ.get("LCACOMPARE_MUTATIONS", "40"))


def _shipped_cases_that_validate() -> list[Path]:
    """Shipped cases that validate today against the shipped datasets (colleagues are writing them)."""
    found = []
    for path in SHIPPED:
        try:
            compile_case(load_case(path), load_datasets(SHIPPED_DATASETS))
        except CaseError:
            continue
        found.append(path)
    return found


VALID_SHIPPED = _shipped_cases_that_validate()
SOURCES: list[tuple[Path, Path]] = [(TEST_CASE, TEST_DATASETS)] + [(p, SHIPPED_DATASETS) for p in VALID_SHIPPED]


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key/index path in a parsed YAML document."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


DOCUMENTS = [yaml.safe_load(source.read_text(encoding="utf-8")) for source, _ in SOURCES]
PATHS = [_paths(document) for document in DOCUMENTS]

NASTY_TEXT = [
    "__import__('os').system('echo pwned')",
    "clamp_mass.__class__",
    "a.b",
    "(lambda: 1)()",
    "10 ** 10 ** 10",
    "((10 ** 60) ** 60) ** 60",
    "1e400 kg",
    "-1 kg",
    "1 / 0",
    "nan",
    "inf kg",
    "kg",
    "1 kWh",
    "1 EUR",
    "1 kg * 1 kg",
    "EUR / kg",
    "price('nothing')",
    "price()",
    "undefined_name",
    "'text'",
    "1 <",
    "[1, 2]",
    "{'a': 1}['a']",
    "0",
    "-5",
    "1.0",
    "",
    " ",
    "LCAC-HC/9",
    "XX",
]
NASTY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _set(document: Any, path: tuple, value: Any) -> None:
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value


def _delete(document: Any, path: tuple) -> None:
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]


def _outcome(file: Path, datasets: Path) -> None:
    """Load, validate and compare: only CaseError may come out, and it lists located problems."""
    try:
        compile_case(load_case(file), load_datasets(datasets))
    except CaseError as error:
        assert error.problems, "a CaseError without problems"
        for problem in error.problems:
            assert problem.field and problem.message
            assert str(file) in problem.render(error.file)


@settings(
    max_examples=MUTATIONS, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_structural_mutation_never_crashes(data: st.DataObject, tmp_path: Path) -> None:
    which = data.draw(st.integers(0, len(SOURCES) - 1), label="case")
    document = copy.deepcopy(DOCUMENTS[which])
    path = data.draw(st.sampled_from(PATHS[which]), label="path")
    action = data.draw(st.sampled_from(["replace", "delete", "add-key", "repeat-item"]), label="action")
    if action == "replace":
        _set(document, path, data.draw(NASTY, label="value"))
    elif action == "delete":
        _delete(document, path)
    else:
        parent = document
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict):
            parent[data.draw(st.text(min_size=1, max_size=8), label="key")] = data.draw(NASTY, label="value")
        else:
            parent.append(copy.deepcopy(parent[path[-1]]))
    file = tmp_path / "mutated.yaml"
    file.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _outcome(file, SOURCES[which][1])


YAML_BITS = st.sampled_from(
    [":", "-", " ", "\n", "\t", "[", "]", "{", "}", '"', "'", "#", "&a", "*a", "!!", "---", "? ", "|", ">", "%", "\\"]
)


@settings(
    max_examples=MUTATIONS, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_text_mutation_never_crashes(data: st.DataObject, tmp_path: Path) -> None:
    which = data.draw(st.integers(0, len(SOURCES) - 1), label="case")
    text = SOURCES[which][0].read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)), label="start")
    stop = data.draw(st.integers(start, min(len(text), start + 40)), label="stop")
    insert = data.draw(st.lists(YAML_BITS | st.text(max_size=3), max_size=5).map("".join), label="insert")
    file = tmp_path / "mutated.yaml"
    file.write_bytes((text[:start] + insert + text[stop:]).encode("utf-8", "surrogatepass"))
    _outcome(file, SOURCES[which][1])


# -- valid random cases -----------------------------------------------------------------------------
BASE = yaml.safe_load(TEST_CASE.read_text(encoding="utf-8"))


@st.composite
def valid_cases(draw: st.DrawFn) -> dict[str, Any]:
    """The test clamp with every figure drawn from a plausible range."""
    document = copy.deepcopy(BASE)
    positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_infinity=False)
    document["parameters"]["clamp_mass"]["value"] = f"{draw(positive)} g"
    document["parameters"]["steriliser_kwh_per_cycle"]["value"] = f"{draw(positive)} kWh"
    single, reusable = document["options"]
    single["inventory"][0]["amount"] = f"{draw(positive)} g"
    single["inventory"][1]["amount"] = f"{draw(positive)} kg * {draw(positive)} km"
    single["inventory"][2]["amount"] = f"{draw(positive)} kg"
    reusable["uses_per_life"] = draw(st.integers(min_value=1, max_value=5000))
    reusable["loss_rate"] = draw(st.floats(min_value=0.0, max_value=0.5))
    reusable["cycle"]["capacity"] = draw(st.integers(min_value=1, max_value=1000))
    reusable["cycle"]["fill_rate"] = draw(st.floats(min_value=0.05, max_value=1.0))
    reusable["inventory"][3]["amount"] = f"{draw(positive)} L"
    return document


def _double_amounts(document: dict[str, Any]) -> dict[str, Any]:
    doubled = copy.deepcopy(document)
    for option in doubled["options"]:
        for line in option.get("inventory", []):
            line["amount"] = f"2 * ({line['amount']})"
        for flow in _template_line_amounts(option.get("reprocessing")):
            flow["amount"] = f"2 * ({flow['amount']})"
    return doubled


def _template_line_amounts(template: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The amounts a reprocessing template turns into lines (not the load mass, which shares a load)."""
    if not template:
        return []
    washer = template.get("washer") or {}
    found = [template.get("steriliser_kwh_per_cycle"), template.get("water_per_cycle")]
    found += [washer.get(name) for name in ("kwh_per_cycle", "gas_per_cycle", "water_per_cycle", "detergent_per_cycle")]
    found.append((template.get("packaging") or {}).get("mass"))
    return [flow for flow in found if flow]


@pytest.fixture(scope="module")
def test_datasets_loaded():
    return load_datasets(TEST_DATASETS)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=valid_cases())
def test_valid_random_case_gives_finite_results(document, test_datasets_loaded, home) -> None:
    result = compare(parse_case(document), datasets=test_datasets_loaded, home=home)
    for option in result.options:
        assert math.isfinite(option.kg_co2e_per_use) and option.kg_co2e_per_use >= 0
        assert math.isfinite(option.eur_per_use) and option.eur_per_use >= 0
        assert all(math.isfinite(v) for v in option.kg_co2e_by_module.values())


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=valid_cases())
def test_doubling_every_amount_doubles_co2e_per_use(document, test_datasets_loaded, home) -> None:
    once = compare(parse_case(document), datasets=test_datasets_loaded, home=home)
    twice = compare(parse_case(_double_amounts(document)), datasets=test_datasets_loaded, home=home)
    for a, b in zip(once.options, twice.options, strict=True):
        assert b.kg_co2e_per_use == pytest.approx(2 * a.kg_co2e_per_use, rel=REL)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=valid_cases())
def test_one_more_use_per_life_never_raises_production_per_use(document, test_datasets_loaded, home) -> None:
    more = copy.deepcopy(document)
    more["options"][1]["uses_per_life"] += 1
    before = compare(parse_case(document), datasets=test_datasets_loaded, home=home).option("reusable")
    after = compare(parse_case(more), datasets=test_datasets_loaded, home=home).option("reusable")
    assert after.kg_co2e_by_module["A1-A3"] <= before.kg_co2e_by_module["A1-A3"] * (1 + REL)
    assert after.expected_uses >= before.expected_uses


@pytest.mark.parametrize("path", VALID_SHIPPED, ids=[p.stem for p in VALID_SHIPPED])
def test_doubling_every_amount_of_a_shipped_case_doubles_co2e(path: Path, home: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if document.get("context", {}).get("background"):
        pytest.skip("linked to a user's Brightway project")
    datasets = load_datasets(SHIPPED_DATASETS)
    once = compare(parse_case(document), datasets=datasets, home=home)
    twice = compare(parse_case(_double_amounts(document)), datasets=datasets, home=home)
    for a, b in zip(once.options, twice.options, strict=True):
        assert b.kg_co2e_per_use == pytest.approx(2 * a.kg_co2e_per_use, rel=REL)
