"""Study units, reporting units, fleets, published figures and default waste fees (issue 16)."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from lcacompare import cli, load_case
from lcacompare.cost.cashflow import option_cash_flows
from lcacompare.data import shipped_datasets_dir
from lcacompare.engine import prepare
from lcacompare.report.render import render_reports
from lcacompare.report.xlsx_study import STUDY_SHEET
from lcacompare.run import analyse

CASES = shipped_datasets_dir().parent / "cases"


def _data(name: str = "kocher-clamp") -> dict:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    saved, sys.argv = sys.argv, ["lcacompare", *args]
    code = 0
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = saved
    return code, err.getvalue()


def test_a_study_unit_of_5000_cycles_gives_5000_times_per_use(tmp_path: Path) -> None:
    data = _data() | {
        "study_unit": {"name": "5,000 sterilisation cycles", "uses": 5000},
        "per_unit": {"name": "1,000 procedures", "uses_per_unit": 1000},
    }
    result = analyse(load_case(_write(tmp_path, data)), samples=0, home=tmp_path / "home").result
    for option in result.options:
        total = result.study.study_unit.options[option.id]
        assert total.kg_co2e == pytest.approx(5000 * option.kg_co2e_per_use, rel=1e-12)
        assert total.eur == pytest.approx(5000 * option.eur_per_use, rel=1e-12)
        assert result.study.per_unit.options[option.id].kg_co2e == pytest.approx(1000 * option.kg_co2e_per_use)
    assert result.study.study_unit.name == "5,000 sterilisation cycles"


def test_a_fleet_is_bought_in_year_1_and_spread_over_expected_uses_per_use(tmp_path: Path) -> None:
    data = _data()
    reusable = next(o for o in data["options"] if o["kind"] == "reusable")
    reusable["fleet"] = {"items": 1200, "bought": 1, "replacements_per_year": 40, "eur_per_item": "85 EUR"}
    case = load_case(_write(tmp_path, data))
    compiled = prepare(case, home=tmp_path / "home").compiled
    with_fleet = option_cash_flows(compiled, reusable["id"])
    plain_case = load_case(_write(tmp_path / "..", _data()))
    plain = option_cash_flows(prepare(plain_case, home=tmp_path / "home").compiled, reusable["id"])
    capital = with_fleet.by_category["capital"] - plain.by_category.get("capital", 0.0)
    assert capital[0] == pytest.approx(1200 * 85, rel=1e-12)  # year 1: bought at the start of the contract
    assert capital[1] == pytest.approx(40 * 85, rel=1e-12)  # then 40 replacements a year
    result = analyse(case, samples=0, home=tmp_path / "home").result
    fleet = result.study.fleets[0]
    expected = 1200 * result.option(reusable["id"]).expected_uses
    assert fleet.expected_uses == pytest.approx(expected, rel=1e-12)
    assert fleet.eur_per_use == pytest.approx(1200 * 85 / expected, rel=1e-12)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["options"][1].update(fleet={"items": -5, "eur_per_item": "85 EUR"}), "options[1].fleet.items"),
        (
            lambda d: d["factors"].append(
                {
                    "id": "x",
                    "name": "x",
                    "unit": "kg",
                    "kg_co2e": 1,
                    "year": 2024,
                    "geography": "SE",
                    "pedigree": [1, 1, 1, 1, 1],
                }
            ),
            "factors[0].source",
        ),
        (
            lambda d: d["options"][0]["costs"].append({"category": "logistics", "amount": "5 XYZ", "source": "s"}),
            "options[0].costs[3].amount",
        ),
        (
            lambda d: d["options"][0]["costs"].append(
                {"category": "logistics", "amount": "5 USD", "year": 1995, "source": "s"}
            ),
            "options[0].costs[3].amount",
        ),
    ],
    ids=["negative-fleet", "factor-without-source", "unknown-currency", "rate-missing-for-the-year"],
)
def test_bad_study_values_exit_2_naming_the_field(tmp_path: Path, change, field: str) -> None:
    data = copy.deepcopy(_data()) | {"factors": []}
    change(data)
    code, err = _cli("run", str(_write(tmp_path, data)), "--samples", "0", "--output", str(tmp_path / "out"))
    assert code == 2, err
    assert field in err and "Traceback" not in err


def test_reference_figures_are_in_json_html_and_excel(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    case = load_case(CASES / "replication-rizan-lap-chole.yaml")
    result = analyse(case, samples=0, home=tmp_path / "home").result
    rows = result.study.reference
    published = case.reference.published["single-use"].kg_co2e_per_use
    row = next(r for r in rows if r.option == "single-use" and r.metric == "kg_co2e_per_use")
    ours = result.option("single-use").kg_co2e_per_use
    assert row.published == published and row.computed == ours
    assert row.relative_difference == pytest.approx((ours - published) / published, rel=1e-12)
    assert row.tolerance == case.reference.tolerance
    assert json.loads(result.to_json())["study"]["reference"][0]["tolerance"] == case.reference.tolerance
    reports = render_reports(result)
    html = reports["report.html"].decode()
    assert "Published figures and ours" in html and "Relative difference" in html
    sheet = load_workbook(io.BytesIO(reports["report.xlsx"]))[STUDY_SHEET]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert published in values and pytest.approx(row.relative_difference) in values


def _single_use_without_waste_cost(tmp_path: Path, extra_cost: dict | None = None) -> Path:
    data = _data()
    single = data["options"][0]
    single["costs"] = [c for c in single["costs"] if c["category"] != "waste"] + ([extra_cost] if extra_cost else [])
    return _write(tmp_path, data)


def test_risk_bearing_waste_without_a_cost_line_pays_the_default_fee_named_in_the_report(tmp_path: Path) -> None:
    case = load_case(_single_use_without_waste_cost(tmp_path))
    result = analyse(case, samples=0, home=tmp_path / "home").result
    fees = {fee.stream: fee for fee in result.study.default_fees if fee.option == "single-use"}
    fee = fees["risk-bearing"]
    assert (fee.price_id, fee.geography, fee.eur_per_kg) == ("waste-risk-bearing", "BE", 0.6)
    compiled = prepare(case, home=tmp_path / "home").compiled
    flows = option_cash_flows(compiled, "single-use")
    uses = flows.uses[1]
    # Every default fee is booked per use, indexed from its price year (HICP factor > 1)
    booked = flows.by_category["waste"][1] / uses
    named = sum(f.kg_per_use * f.eur_per_kg for f in fees.values())
    assert booked > named > 0
    assert booked == pytest.approx(named * (booked / named), rel=1e-12)
    html = render_reports(result, formats=("html",))["report.html"].decode()
    assert "Default waste fees" in html and "waste-risk-bearing" in html


def test_a_waste_cost_line_overrides_the_default_fee(tmp_path: Path) -> None:
    own = {"category": "waste", "amount": "0.01 EUR", "per": "use", "source": "our contract"}
    case = load_case(_single_use_without_waste_cost(tmp_path, own))
    result = analyse(case, samples=0, home=tmp_path / "home").result
    assert not (result.study and result.study.default_fees)
    assert result.option("single-use").eur_by_category["waste"] == pytest.approx(0.01, rel=1e-12)


def test_the_template_written_by_init_has_a_waste_fee(tmp_path: Path) -> None:
    code, err = _cli("init", "my-case", "--folder", str(tmp_path))
    assert code == 0, err
    case = load_case(tmp_path / "my-case.yaml")
    result = analyse(case, samples=0, home=tmp_path / "home").result
    single = next(o for o in result.options if o.kind == "single-use")
    assert single.eur_by_category.get("waste", 0) > 0
