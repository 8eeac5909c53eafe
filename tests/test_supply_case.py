"""The ``supply:`` block of a case: strict, every figure with a source or an assumption, bad input exits 2."""

from __future__ import annotations

import contextlib
import copy
import io
import sys
from pathlib import Path

import pytest
import yaml

from lcacompare import cli, load_case
from lcacompare.data import shipped_case
from lcacompare.errors import CaseError
from lcacompare.model import parse_case

TESTS = Path(__file__).resolve().parent
BASE = yaml.safe_load((TESTS / "data" / "clamp.yaml").read_text())
SECTOR_CASES = ("kocher-clamp", "suture-set", "incontinence")


def _with_supply(option: int, supply: dict) -> dict:
    data = copy.deepcopy(BASE)
    data["options"][option]["supply"] = supply
    return data


def _rules(data: dict) -> list[str]:
    with pytest.raises(CaseError) as info:
        parse_case(data, "case.yaml")
    return info.value.rules


@pytest.mark.parametrize(
    ("rule_id", "option", "supply"),
    [
        ("supply-shares", 0, {"manufacture_shares": {"value": {"CN": 0.6, "PK": 0.3}, "assumption": "t"}}),
        ("supply-country", 0, {"manufacture_shares": {"value": {"XX": 1.0}, "assumption": "t"}}),
        ("supply-country", 0, {"manufacture_shares": {"value": {"de": 1.0}, "assumption": "t"}}),
        ("supply-reusable-only", 0, {"pool_items": {"value": 100, "assumption": "t"}}),
        ("range", 1, {"lead_time_days": {"value": -3, "assumption": "t"}}),
        ("range", 1, {"otif": {"percent": 101, "period": "2024", "basis": "orders", "assumption": "t"}}),
        ("range", 1, {"otif": {"percent": -1, "period": "2024", "basis": "orders", "assumption": "t"}}),
        ("range", 1, {"manufacture_shares": {"value": {"CN": 1.5, "PK": -0.5}, "assumption": "t"}}),
        ("allowed-value", 1, {"otif": {"percent": 95, "period": "2024", "basis": "shipments", "assumption": "t"}}),
        ("provenance-required", 1, {"qualified_sources": {"value": 3}}),
        ("boolean-number", 1, {"qualified_sources": {"value": True, "assumption": "t"}}),
        ("unknown-key", 1, {"stock_days": {"value": 3, "assumption": "t"}}),
    ],
)
def test_bad_supply_input_is_refused_under_its_rule(rule_id, option, supply):
    assert rule_id in _rules(_with_supply(option, supply))


def test_a_second_source_flag_is_yes_or_no_not_a_number():
    assert _rules(_with_supply(1, {"second_source_contracted": {"value": 1, "assumption": "t"}})) == ["type"]


def test_shares_summing_to_one_within_rounding_are_accepted():
    data = _with_supply(0, {"manufacture_shares": {"value": {"CN": 1 / 3, "PK": 1 / 3, "IN": 1 / 3}, "source": "s"}})
    case = parse_case(data, "case.yaml")
    assert case.option("single-use").supply.manufacture_shares.value["IN"] == pytest.approx(1 / 3)


def _validate(tmp_path: Path, data: dict) -> tuple[int, str]:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    saved, sys.argv = sys.argv, ["lcacompare", "validate", str(path)]
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = saved
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize(
    ("supply", "field"),
    [
        ({"manufacture_shares": {"value": {"CN": 0.5, "PK": 0.4}, "assumption": "t"}}, "supply.manufacture_shares"),
        ({"manufacture_shares": {"value": {"ZZ": 1.0}, "assumption": "t"}}, "supply.manufacture_shares"),
        ({"turnaround_days": {"value": -1, "assumption": "t"}}, "supply.turnaround_days"),
        ({"otif": {"percent": 140, "period": "2024", "basis": "orders", "assumption": "t"}}, "supply.otif.percent"),
    ],
)
def test_bad_supply_input_exits_2_naming_the_field(tmp_path, monkeypatch, supply, field):
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")
    code, text = _validate(tmp_path, _with_supply(1, supply))
    assert code == 2
    assert f"options[1].{field}" in text


@pytest.mark.parametrize("name", SECTOR_CASES)
def test_shipped_sector_cases_carry_a_supply_block_on_every_option(name):
    with shipped_case(name) as path:
        case = load_case(path)
    for option in case.options:
        assert option.supply is not None, option.id
        figures = [getattr(option.supply, f) for f in type(option.supply).model_fields]
        stated = [f for f in figures if f is not None]
        assert len(stated) >= 5
        # Provenance is enforced by the model; an assumption is labelled as one, in its field.
        assert all(f.source or f.assumption for f in stated)
