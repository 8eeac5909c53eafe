"""Each rule of LCAC-HC/1: a case breaking it is rejected with that rule's message."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from lcacompare.compile import compile_case
from lcacompare.errors import CaseError
from lcacompare.model import parse_case

DATA = Path(__file__).parent / "data"
BASE = yaml.safe_load((DATA / "clamp.yaml").read_text())


def _reusable(case: dict) -> dict:
    return case["options"][1]


def _single(case: dict) -> dict:
    return case["options"][0]


def _rules_of(mutate: Callable[[dict], None], test_datasets) -> list[str]:
    data = copy.deepcopy(BASE)
    mutate(data)
    try:
        compile_case(parse_case(data, "case.yaml"), test_datasets)
    except CaseError as exc:
        return exc.rules
    return []


def test_base_case_obeys_every_rule(test_datasets):
    assert _rules_of(lambda case: None, test_datasets) == []


RULE_CASES: dict[str, Callable[[dict], None]] = {
    "method-version": lambda c: c.update(method="LCAC-HC/0"),
    "unique-option-ids": lambda c: _reusable(c).update(id="single-use"),
    "modules-covered": lambda c: _single(c)["zero_modules"].pop("B"),
    "reusable-fields": lambda c: _reusable(c).pop("uses_per_life"),
    "single-use-fields": lambda c: _single(c).update(uses_per_life=10),
    "cycle-sharing": lambda c: _reusable(c).pop("cycle"),
    "provenance-required": lambda c: _single(c)["inventory"][0].pop("source"),
    "loss-rate-range": lambda c: _reusable(c).update(loss_rate=1.0),
    "distribution-fields": lambda c: c["parameters"]["steriliser_kwh_per_cycle"]["distribution"].pop("gsd"),
    "cycle-allocation": lambda c: _reusable(c)["cycle"].update(allocation="mass"),
    "parameter-cycle": lambda c: c["parameters"].update(
        a={"value": "b * 2", "assumption": "x"}, b={"value": "a / 2", "assumption": "x"}
    ),
    "parameter-name": lambda c: c["parameters"].update(kg={"value": 1, "assumption": "x"}),
    "unknown-activity": lambda c: _single(c)["inventory"][0].update(activity="unobtainium"),
    "unit": lambda c: _single(c)["inventory"][0].update(amount="3 kWh"),
    "negative-amount": lambda c: _single(c)["inventory"][0].update(amount="-3 g"),
    "reference-options": lambda c: c.update(
        reference={
            "citation": "x",
            "published": {"nope": {"kg_co2e_per_use": 1.0}},
            "tolerance": 0.2,
            "tolerance_reason": "x",
        }
    ),
    "unknown-key": lambda c: _single(c).update(colour="blue"),
    "missing": lambda c: c.pop("functional_unit"),
}


@pytest.mark.parametrize("rule", sorted(RULE_CASES))
def test_case_breaking_a_rule_is_rejected_with_that_rule(rule, test_datasets):
    assert rule in _rules_of(RULE_CASES[rule], test_datasets)


def test_modules_covered_refuses_lines_and_a_zero_reason_for_the_same_module(test_datasets):
    rules = _rules_of(lambda c: _single(c)["zero_modules"].update({"A1-A3": "none"}), test_datasets)
    assert rules == ["modules-covered"]


def test_uses_per_life_below_one_is_rejected(test_datasets):
    assert "reusable-fields" in _rules_of(lambda c: _reusable(c).update(uses_per_life=0), test_datasets)


def test_kg_where_kwh_is_expected_names_the_field_and_the_unit(test_datasets):
    data = copy.deepcopy(BASE)
    _reusable(data)["inventory"][2]["amount"] = "2 kg"
    with pytest.raises(CaseError) as info:
        compile_case(parse_case(data, "case.yaml"), test_datasets)
    text = str(info.value)
    assert "case.yaml" in text and "options[1].inventory[2].amount" in text and "kWh" in text


def test_eur_where_kg_is_expected_is_rejected(test_datasets):
    assert "unit" in _rules_of(lambda c: _single(c)["inventory"][0].update(amount="3 EUR"), test_datasets)


def test_cost_in_kg_is_rejected(test_datasets):
    assert "unit" in _rules_of(lambda c: _single(c)["costs"][0].update(amount="3 kg"), test_datasets)


def test_validate_lists_every_problem_and_exits_2_without_traceback(tmp_path):
    data = copy.deepcopy(BASE)
    _single(data)["zero_modules"].pop("B")
    _reusable(data)["loss_rate"] = 1.5
    _single(data)["inventory"][0]["activity"] = "unobtainium"
    _reusable(data)["inventory"][2]["amount"] = "2 kg"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data))
    env = {"LCACOMPARE_DATASETS": str(DATA / "datasets"), "PATH": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    for expected in ("modules-covered", "unobtainium"):
        assert expected in proc.stderr or expected.split("-")[0] in proc.stderr
    assert "zero_modules" in proc.stderr
    assert "loss_rate" in proc.stderr
    assert proc.stderr.count("broken.yaml") >= 3


def test_case_with_parameters_equals_case_written_out_by_hand(test_datasets, home):
    from lcacompare import compare

    by_hand = copy.deepcopy(BASE)
    by_hand["parameters"] = {}
    reusable = _reusable(by_hand)
    reusable["inventory"][0]["amount"] = "0.085 kg"
    reusable["inventory"][1]["amount"] = "0.017 t*km"
    reusable["inventory"][2]["amount"] = "18.7 kWh"
    with_params = compare(parse_case(BASE, "a.yaml"), datasets=test_datasets, home=home)
    written = compare(parse_case(by_hand, "b.yaml"), datasets=test_datasets, home=home)
    for option in ("single-use", "reusable"):
        assert written.option(option).kg_co2e_per_use == pytest.approx(
            with_params.option(option).kg_co2e_per_use, rel=1e-9
        )
        assert written.option(option).eur_per_use == pytest.approx(with_params.option(option).eur_per_use, rel=1e-9)


def test_module_d_credits_never_enter_the_total(test_datasets, home):
    from lcacompare import compare

    data = copy.deepcopy(BASE)
    _reusable(data)["zero_modules"].pop("D")
    _reusable(data)["inventory"].append(
        {"module": "D", "activity": "steel", "amount": "-0.05 kg", "per": "life", "assumption": "recycling credit"}
    )
    base = compare(parse_case(BASE, "a.yaml"), datasets=test_datasets, home=home).option("reusable")
    credited = compare(parse_case(data, "b.yaml"), datasets=test_datasets, home=home).option("reusable")
    assert credited.kg_co2e_per_use == pytest.approx(base.kg_co2e_per_use, rel=1e-12)
    assert credited.credits_kg_co2e_per_use == pytest.approx(-0.05 * 6.15 / 500, rel=1e-6)


@pytest.mark.parametrize(
    "distribution",
    [
        {"type": "triangular", "min": "15 kWh", "mode": "30 kWh", "max": "25 kWh"},
        {"type": "uniform", "min": "25 kWh", "max": "15 kWh"},
        {"type": "uniform", "min": "20 kWh", "max": "25 kWh"},  # value 18.7 kWh outside the range
        {"type": "normal", "sd": "-1 kWh"},
    ],
)
def test_impossible_distributions_are_rejected(distribution, test_datasets):
    rules = _rules_of(
        lambda c: c["parameters"]["steriliser_kwh_per_cycle"].update(distribution=distribution), test_datasets
    )
    assert "distribution-fields" in rules
