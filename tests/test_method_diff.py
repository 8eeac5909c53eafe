"""``lcacompare diff``: per option and module, what moved between two method versions and which section moved it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from lcacompare import engine, load_case
from lcacompare.data import shipped_case
from lcacompare.lca.backend import BrightwayBackend
from lcacompare.method.spec import MethodSpec, load_method, with_sections
from lcacompare.method_diff import IDENTITY_STEP, differing_sections, method_diff
from lcacompare.result.diff import MethodDiff, diff_schema
from lcacompare.run import analyse
from tests.test_award_cli import run_cli

V2_SECTIONS = [
    "pef_data_quality",
    "circular_footprint_formula",
    "circularity",
    "reuse_identity",
    "sterilisation",
    "electricity",
    "iso_reporting",
]
FIGURES = ("kg_co2e_per_use", "eur_per_use")


@pytest.fixture(scope="module")
def clamp():
    with shipped_case("kocher-clamp") as path:
        return load_case(path)


def _spec(base: str, **changes: Any) -> MethodSpec:
    """A test spec: a shipped version with some top-level fields replaced, and a digest of its own."""
    data = {**load_method(base).model_dump(), **changes}
    data.setdefault("digest", "")
    spec = MethodSpec.model_validate(data)
    # with_sections gives the content digest; taking no section from a spec gives it whole, renamed.
    return with_sections(spec, spec, [])


def _fake_rule(monkeypatch: pytest.MonkeyPatch, *, by_id: str | None = None) -> None:
    """A rule under test, keyed as the contract says: module B times ``fake_sterilisation.b_factor``.

    With ``by_id`` it breaks the contract instead and tests the method id.
    """
    original = engine._option_result

    def with_rule(prepared: Any, option_id: str, values: Any, amounts: Any) -> Any:
        result = original(prepared, option_id, values, amounts)
        method = prepared.compiled.method
        section = method.section("fake_sterilisation")
        if by_id is not None:
            section = {"b_factor": 1.5} if method.id == by_id else None
        if section is None:
            return result
        extra = result.kg_co2e_by_module["B"] * (float(section["b_factor"]) - 1)
        by_module = {**result.kg_co2e_by_module, "B": result.kg_co2e_by_module["B"] + extra}
        return dataclasses.replace(result, kg_co2e_by_module=by_module, kg_co2e_per_use=result.kg_co2e_per_use + extra)

    monkeypatch.setattr(engine, "_option_result", with_rule)


def _assert_steps_add_up(diff: MethodDiff) -> None:
    for option in diff.options:
        steps = [next(f for f in step.options if f.id == option.id) for step in diff.steps]
        assert sum(s.kg_co2e_per_use for s in steps) == pytest.approx(option.kg_co2e_per_use.absolute, abs=1e-12)
        assert sum(s.eur_per_use for s in steps) == pytest.approx(option.eur_per_use.absolute, abs=1e-12)
        for module, movement in option.kg_co2e_by_module.items():
            assert sum(s.kg_co2e_by_module[module] for s in steps) == pytest.approx(movement.absolute, abs=1e-12)


# -- the intermediate specs -------------------------------------------------------------------------
def test_an_intermediate_spec_is_the_first_version_plus_one_section_with_its_own_digest() -> None:
    v1, v2 = load_method("LCAC-HC/1"), load_method("LCAC-HC/2")
    step = with_sections(v1, v2, ["sterilisation"])
    assert step.id == "LCAC-HC/1+sterilisation"
    assert set(step.sections()) == set(v1.sections()) | {"sterilisation"}
    assert step.section("sterilisation") == v2.section("sterilisation")
    assert step.section("electricity") is None
    assert len({step.digest, v1.digest, v2.digest, with_sections(v1, v2, ["electricity"]).digest}) == 4


def test_an_intermediate_spec_can_drop_a_section_the_second_version_lacks() -> None:
    v1, v2 = load_method("LCAC-HC/1"), load_method("LCAC-HC/2")
    back = with_sections(v2, v1, ["sterilisation"])
    assert back.section("sterilisation") is None and back.section("electricity") is not None


def test_version_2_differs_from_version_1_by_its_seven_sections_in_file_order() -> None:
    assert differing_sections(load_method("LCAC-HC/1"), load_method("LCAC-HC/2")) == V2_SECTIONS


def test_caches_keyed_on_the_method_never_mix_two_sets_of_sections(tmp_path: Path, clamp: Any) -> None:
    v1 = load_method("LCAC-HC/1")
    doubled_factors = {gas: 2 * factor for gas, factor in v1.characterisation.factors.items()}
    doubled = with_sections(
        v1,
        _spec("LCAC-HC/1", characterisation={**v1.characterisation.model_dump(), "factors": doubled_factors}),
        ["characterisation"],
    )
    other = with_sections(v1, load_method("LCAC-HC/2"), ["iso_reporting"])  # a section that moves no figure
    projects = {BrightwayBackend(clamp_datasets(), spec, tmp_path).project for spec in (v1, doubled, other)}
    assert len(projects) == 3
    # The doubled spec runs first in a fresh home; the one after it must not reuse its unit impacts.
    first = analyse(clamp, samples=0, method=doubled, home=tmp_path).result
    second = analyse(clamp, samples=0, method=other, home=tmp_path).result
    plain = analyse(clamp, samples=0, home=tmp_path).result
    for a, b, c in zip(first.options, second.options, plain.options, strict=True):
        assert b.kg_co2e_per_use == c.kg_co2e_per_use
        assert a.kg_co2e_per_use == pytest.approx(2 * c.kg_co2e_per_use, rel=1e-6)  # Brightway keeps float32


def clamp_datasets() -> Any:
    from lcacompare.datasets import load_datasets

    return load_datasets()


# -- attribution ------------------------------------------------------------------------------------
def test_every_version_2_section_is_a_step_and_each_is_classed_once(clamp: Any) -> None:
    diff = method_diff(clamp, "LCAC-HC/1", "LCAC-HC/2")
    assert diff.order == V2_SECTIONS
    classes = [*diff.moving, *diff.reporting_only, *diff.no_effect]
    assert sorted(classes) == sorted(V2_SECTIONS)
    assert [step.method for step in diff.steps][:2] == [
        "LCAC-HC/1+pef_data_quality",
        "LCAC-HC/1+pef_data_quality+circular_footprint_formula",
    ]
    assert diff.steps[4].rule == load_method("LCAC-HC/2").section("sterilisation")["rule"]
    # the data-quality rule adds a section to the result but moves no figure
    assert "pef_data_quality" in diff.reporting_only
    assert diff.first.sha256 == load_method("LCAC-HC/1").digest


def test_a_rule_keyed_on_its_section_is_attributed_to_that_section(monkeypatch: pytest.MonkeyPatch, clamp: Any) -> None:
    _fake_rule(monkeypatch)
    # On top of version 1, so the real version-2 rules (which may move figures) stay out of the hand check.
    fake = _spec(
        "LCAC-HC/1", id="TEST/3", fake_sterilisation={"rule": "module B x 1.5 (a rule under test)", "b_factor": 1.5}
    )
    diff = method_diff(clamp, "LCAC-HC/1", fake)
    assert diff.moving == ["fake_sterilisation"]
    assert diff.no_effect == [] and diff.reporting_only == []
    step = diff.steps[-1]
    assert (step.section, step.change, step.rule) == (
        "fake_sterilisation",
        "added",
        "module B x 1.5 (a rule under test)",
    )
    plain = analyse(clamp, samples=0).result
    for option in plain.options:
        b = option.kg_co2e_by_module["B"]
        moved = diff.options[[o.id for o in diff.options].index(option.id)]
        # Hand-worked: only B moves, by half of its version-1 value; the total moves with it; cost does not.
        assert moved.kg_co2e_by_module["B"].absolute == pytest.approx(0.5 * b, rel=1e-12)
        assert moved.kg_co2e_by_module["A1-A3"].absolute == 0
        assert moved.kg_co2e_per_use.absolute == pytest.approx(0.5 * b, rel=1e-12)
        assert moved.eur_per_use.absolute == 0
        if b:
            assert moved.kg_co2e_by_module["B"].relative == pytest.approx(0.5, rel=1e-12)
    _assert_steps_add_up(diff)


def test_steps_over_changed_declared_fields_add_up_to_the_total_movement(clamp: Any) -> None:
    v1 = load_method("LCAC-HC/1")
    factors = {gas: 2 * factor for gas, factor in v1.characterisation.factors.items()}
    second = _spec(
        "LCAC-HC/1",
        id="TEST/2",
        total_modules=["A1-A3", "B", "C"],
        characterisation={**v1.characterisation.model_dump(), "factors": factors},
        comparative_assertion={**v1.comparative_assertion, "threshold": 0.9},
        note={"rule": "a section no rule reads"},
    )
    diff = method_diff(clamp, v1, second)
    assert diff.order == ["total_modules", "characterisation", "comparative_assertion", "note"]
    assert diff.moving == ["total_modules", "characterisation"]
    assert diff.reporting_only == ["comparative_assertion"]  # the threshold is quoted in the report's texts
    assert diff.no_effect == ["note"]
    _assert_steps_add_up(diff)
    plain = {o.id: o for o in analyse(clamp, samples=0).result.options}
    for step_a4, step_cf in zip(diff.steps[0].options, diff.steps[1].options, strict=True):
        before = plain[step_a4.id]
        # Hand-worked: leaving A4 out of the total removes it; doubling every gas's factor doubles what is left.
        assert step_a4.kg_co2e_per_use == pytest.approx(-before.kg_co2e_by_module["A4"], rel=1e-12, abs=1e-15)
        kept = before.kg_co2e_per_use - before.kg_co2e_by_module["A4"]
        assert step_cf.kg_co2e_per_use == pytest.approx(kept, rel=1e-5)
        assert step_cf.eur_per_use == 0


def test_a_rule_that_tests_the_version_id_shows_as_a_last_step(monkeypatch: pytest.MonkeyPatch, clamp: Any) -> None:
    _fake_rule(monkeypatch, by_id="TEST/3")
    fake = _spec("LCAC-HC/1", id="TEST/3")  # version 1's sections under another id
    diff = method_diff(clamp, "LCAC-HC/1", fake)
    assert diff.moving == [IDENTITY_STEP]
    assert diff.steps[-1].method == "TEST/3"
    _assert_steps_add_up(diff)


def test_a_version_against_itself_has_no_steps(clamp: Any) -> None:
    diff = method_diff(clamp, "LCAC-HC/2", "LCAC-HC/2")
    assert diff.steps == [] and diff.order == []


# -- the command ------------------------------------------------------------------------------------
def test_cli_diff_json_is_the_typed_model(tmp_path: Path) -> None:
    outcome = run_cli("diff", "kocher-clamp", "--method", "LCAC-HC/1", "--method", "LCAC-HC/2", "--format", "json")
    assert outcome.code == 0, outcome.stderr
    diff = MethodDiff.model_validate(json.loads(outcome.stdout))
    assert (diff.first.id, diff.second.id) == ("LCAC-HC/1", "LCAC-HC/2")
    assert sorted([*diff.moving, *diff.reporting_only, *diff.no_effect]) == sorted(V2_SECTIONS)


@pytest.mark.parametrize(("lang", "words"), [("en", "Reporting only"), ("nl", "Alleen rapportage")])
def test_cli_diff_text_names_the_reporting_only_sections(lang: str, words: str) -> None:
    outcome = run_cli("diff", "kocher-clamp", "--method", "LCAC-HC/1", "--method", "LCAC-HC/2", "--lang", lang)
    assert outcome.code == 0, outcome.stderr
    assert words in outcome.stdout and "sterilisation" in outcome.stdout
    assert "reusable-cssd" in outcome.stdout and "A1-A3" in outcome.stdout


def test_cli_diff_with_samples_runs(tmp_path: Path) -> None:
    outcome = run_cli(
        "diff", "suture-set", "--method", "LCAC-HC/1", "--method", "LCAC-HC/2", "-n", "1000", "-f", "json"
    )
    assert outcome.code == 0, outcome.stderr
    assert json.loads(outcome.stdout)["samples"] == 1000


@pytest.mark.parametrize("methods", [[], ["LCAC-HC/1"], ["LCAC-HC/1", "LCAC-HC/2", "LCAC-HC/1"]])
def test_cli_diff_needs_exactly_two_methods(methods: list[str]) -> None:
    args = [a for m in methods for a in ("--method", m)]
    outcome = run_cli("diff", "kocher-clamp", *args)
    assert outcome.code == 2
    assert "exactly two" in outcome.stderr and "Traceback" not in outcome.stderr


def test_cli_diff_unknown_version_exits_2_listing_the_known_ones() -> None:
    outcome = run_cli("diff", "kocher-clamp", "--method", "LCAC-HC/1", "--method", "LCAC-HC/7")
    assert outcome.code == 2
    assert "LCAC-HC/2" in outcome.stderr and "LCAC-HC/7" in outcome.stderr


def test_the_committed_diff_schema_is_the_generated_one() -> None:
    committed = Path(__file__).resolve().parent.parent / "lcacompare" / "schemas" / "diff.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == diff_schema()
    outcome = run_cli("schema", "--diff")
    assert outcome.code == 0 and json.loads(outcome.stdout)["$id"] == "lcacompare.diff/1"


@pytest.mark.parametrize(("lang", "words"), [("en", "No effect on this case"), ("nl", "Geen effect op deze casus")])
def test_cli_diff_text_names_the_sections_without_effect(lang: str, words: str) -> None:
    # incontinence reprocesses by laundry, not steam sterilisation: the sterilisation rule has nothing to act on
    outcome = run_cli("diff", "incontinence", "--method", "LCAC-HC/1", "--method", "LCAC-HC/2", "--lang", lang)
    assert outcome.code == 0, outcome.stderr
    line = next(text for text in outcome.stdout.splitlines() if words in text)
    assert "sterilisation" in line
