"""Electricity location-based and market-based (LCAC-HC/2 section ``electricity``, issue 23).

The hand-worked case (country BE) has only electricity lines, so every total is kWh x factor:

- single-use: 2 kWh per use in A1-A3 at a supplier's factory (``location: DE``, 0.381).
- reusable (N = 100, no loss, 10 items a cycle): 50 kWh per life in A1-A3 at ``DE`` (0.5 kWh per
  use); 20 kWh per cycle in B at the hospital (2 kWh per use, BE grid 0.138); 5 kWh per cycle in
  B at an external centre (``location: NL``, 0.5 kWh per use, 0.268).

Location-based: single-use 2 x 0.381 = 0.762; reusable A1-A3 0.5 x 0.381 = 0.1905, B 2 x 0.138
+ 0.5 x 0.268 = 0.41, total 0.6005. Grid factors of ``datasets/factors/core.csv`` (Ember 2023).
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from lcacompare import analyse, load_case
from lcacompare.compile.electricity import residual_mixes, upstream_of
from lcacompare.errors import CaseError

ROOT = Path(__file__).resolve().parents[1]

HAND: dict[str, Any] = {
    "id": "hand-electricity",
    "title": "Hand-worked electricity case",
    "method": "LCAC-HC/2",
    "functional_unit": "one use",
    "context": {"country": "BE", "price_year": 2025, "discount_rate": 0.0, "horizon_years": 5, "annual_uses": 1000},
    "options": [
        {
            "id": "single-use",
            "kind": "single-use",
            "zero_modules": {"A4": "test", "B": "used once", "C": "test", "D": "no credits"},
            "inventory": [
                {"module": "A1-A3", "activity": "electricity-grid", "amount": "2 kWh", "location": "DE", "source": "t"}
            ],
            "costs": [{"category": "acquisition", "amount": "1 EUR", "per": "use", "source": "test"}],
        },
        {
            "id": "reusable",
            "kind": "reusable",
            "uses_per_life": 100,
            "loss_rate": 0.0,
            "cycle": {"allocation": "count", "capacity": 10, "fill_rate": 1.0},
            "zero_modules": {"A4": "test", "C": "test", "D": "no credits"},
            "inventory": [
                {
                    "module": "A1-A3",
                    "activity": "electricity-grid",
                    "amount": "50 kWh",
                    "per": "life",
                    "location": "DE",
                },
                {"module": "B", "activity": "electricity-grid", "amount": "20 kWh", "per": "cycle"},
                {"module": "B", "activity": "electricity-grid", "amount": "5 kWh", "per": "cycle", "location": "NL"},
            ],
            "costs": [{"category": "acquisition", "amount": "50 EUR", "per": "life", "source": "test"}],
        },
    ],
}
for _line in HAND["options"][1]["inventory"]:
    _line["source"] = "test"

SUPPLIER = {"instrument": "supplier-mix", "kg_co2e_per_kwh": 0.05, "source": "supplier's 2024 fuel mix disclosure"}
BE, DE, NL = 0.138, 0.381, 0.268


def _case(tmp_path: Path, electricity: dict[str, Any] | None = None, method: str = "LCAC-HC/2") -> Path:
    data = copy.deepcopy(HAND)
    data["method"] = method
    if electricity is not None:
        data["context"]["electricity"] = electricity
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _result(path: Path, home: Path, samples: int = 0) -> Any:
    return analyse(load_case(path), samples=samples, home=home).result


def test_both_views_are_kwh_times_factor_per_module(tmp_path: Path, home: Path) -> None:
    result = _result(_case(tmp_path, {"basis": "location", "market": SUPPLIER}), home)
    section = result.electricity
    reusable = section.options["reusable"]
    assert reusable.kwh_per_use == pytest.approx(3.0)
    assert reusable.kwh_per_use_covered == pytest.approx(2.0)
    assert reusable.kg_co2e_per_use_location["A1-A3"] == pytest.approx(0.5 * DE)
    assert reusable.kg_co2e_per_use_location["B"] == pytest.approx(2 * BE + 0.5 * NL)
    assert reusable.kg_co2e_per_use_market["A1-A3"] == pytest.approx(0.5 * DE)
    assert reusable.kg_co2e_per_use_market["B"] == pytest.approx(2 * 0.05 + 0.5 * NL)
    assert reusable.total_location == pytest.approx(0.6005)
    assert reusable.total_market == pytest.approx(0.4245)
    assert section.options["single-use"].total_location == pytest.approx(2 * DE)
    assert section.options["single-use"].total_market == pytest.approx(2 * DE)


def test_location_basis_total_uses_the_grid_factor(tmp_path: Path, home: Path) -> None:
    result = _result(_case(tmp_path, {"basis": "location", "market": SUPPLIER}), home)
    assert result.electricity.basis == "location"
    assert result.option("reusable").kg_co2e_per_use == pytest.approx(0.6005)
    assert result.option("reusable").kg_co2e_by_module["B"] == pytest.approx(0.41)


def test_market_basis_total_uses_the_market_factor(tmp_path: Path, home: Path) -> None:
    result = _result(_case(tmp_path, {"basis": "market", "market": SUPPLIER}), home)
    assert result.electricity.basis == "market"
    assert result.option("reusable").kg_co2e_per_use == pytest.approx(0.4245)
    assert result.option("reusable").kg_co2e_by_module["B"] == pytest.approx(0.234)
    assert result.option("single-use").kg_co2e_per_use == pytest.approx(0.762)
    market = next(f for f in result.electricity.factors if f.view == "market")
    assert (market.activity, market.kg_co2e_per_kwh, market.source) == ("supplier-mix", 0.05, SUPPLIER["source"])


def test_lines_with_a_location_keep_the_grid_factor_in_the_market_view(tmp_path: Path, home: Path) -> None:
    result = _result(_case(tmp_path, {"basis": "market", "market": SUPPLIER}), home)
    lines = {line.index: line for line in result.electricity.options["reusable"].lines}
    assert [lines[i].covered for i in (0, 1, 2)] == [False, True, False]
    assert lines[0].market_factor == lines[0].location_factor == "location|electricity-grid|DE"
    assert lines[2].market_factor == lines[2].location_factor == "location|electricity-grid|NL"
    assert lines[2].kg_co2e_per_use_market == pytest.approx(0.5 * NL)
    assert lines[1].market_factor == "market|supplier-mix|BE"


def test_applies_to_all_covers_lines_with_a_location(tmp_path: Path, home: Path) -> None:
    market = SUPPLIER | {"applies_to": "all"}
    result = _result(_case(tmp_path, {"basis": "market", "market": market}), home)
    assert result.option("reusable").kg_co2e_per_use == pytest.approx(3.0 * 0.05)
    assert result.option("single-use").kg_co2e_per_use == pytest.approx(2.0 * 0.05)


def test_market_view_without_instrument_uses_the_shipped_residual_mix(tmp_path: Path, home: Path) -> None:
    result = _result(_case(tmp_path), home)
    section = result.electricity
    assert section.basis == "location" and not section.basis_stated
    assert section.instrument == "residual-mix"
    assert section.options["reusable"].total_market == pytest.approx(0.5 * DE + 2 * 0.16749 + 0.5 * NL)
    assert result.option("reusable").kg_co2e_per_use == pytest.approx(0.6005)  # the totals stay location-based


def test_guarantees_of_origin_on_every_line_make_every_monte_carlo_draw_zero(tmp_path: Path, home: Path) -> None:
    market = {"instrument": "guarantees-of-origin", "applies_to": "all"}
    result = _result(_case(tmp_path, {"basis": "market", "market": market}), home, samples=200)
    summary = result.uncertainty.options["reusable"].kg_co2e_per_use
    assert summary.mean == 0.0 and summary.p97_5 == 0.0
    # on the location basis the grid rows are sampled, so the draws spread
    located = _result(_case(tmp_path, {"basis": "location", "market": market}), home, samples=200)
    assert located.uncertainty.options["reusable"].kg_co2e_per_use.sd > 0.0


def test_each_factor_states_its_upstream_from_its_row(tmp_path: Path, home: Path) -> None:
    result = _result(_case(tmp_path), home)
    by_key = {f.key: f for f in result.electricity.factors}
    assert by_key["location|electricity-grid|BE"].upstream == "included"  # Ember lifecycle factors
    assert by_key["market|residual-mix|BE"].upstream == "excluded"  # AIB: direct CO2 of generation
    assert upstream_of("Generation-based, CO2 only (no upstream, no T&D losses)") == "excluded"


def test_market_basis_is_refused_under_a_method_without_the_section(tmp_path: Path, home: Path) -> None:
    path = _case(tmp_path, {"basis": "market", "market": SUPPLIER}, method="LCAC-HC/1")
    with pytest.raises(CaseError) as caught:
        analyse(load_case(path), samples=0, home=home)
    assert [p.rule for p in caught.value.problems] == ["electricity-basis"]
    assert caught.value.problems[0].field == "context.electricity.basis"


def test_market_basis_under_v1_exits_2_naming_the_field(tmp_path: Path, home: Path) -> None:
    path = _case(tmp_path, {"basis": "market", "market": SUPPLIER}, method="LCAC-HC/1")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LCACOMPARE_HOME": str(home)}
    code = "from lcacompare.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "validate", str(path)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 2
    assert "context.electricity.basis" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("electricity", "field"),
    [
        ({"basis": "market"}, "context.electricity"),
        ({"basis": "market", "market": {"instrument": "supplier-mix", "source": "x"}}, "context.electricity.market"),
        ({"market": {"instrument": "supplier-mix", "kg_co2e_per_kwh": 0.1}}, "context.electricity.market"),
    ],
)
def test_market_instrument_without_its_factor_or_source_is_refused(
    tmp_path: Path, electricity: dict[str, Any], field: str
) -> None:
    with pytest.raises(CaseError) as caught:
        load_case(_case(tmp_path, electricity))
    assert [(p.rule, p.field) for p in caught.value.problems] == [("electricity-market", field)]


def test_residual_mix_for_a_country_without_a_shipped_one_needs_its_factor(tmp_path: Path, home: Path) -> None:
    data = copy.deepcopy(HAND)
    data["context"]["country"] = "GB"
    data["context"]["electricity"] = {"basis": "market", "market": {"instrument": "residual-mix"}}
    path = tmp_path / "gb.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert "GB" not in residual_mixes()
    with pytest.raises(CaseError) as caught:
        analyse(load_case(path), samples=0, home=home)
    assert "electricity-market" in [p.rule for p in caught.value.problems]


def test_v1_result_has_no_electricity_section(home: Path) -> None:
    case = load_case(ROOT / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml")
    document = analyse(case, samples=0, home=home).result.to_dict()
    assert "electricity" not in document
    assert "electricity" not in document["context"]


def test_v2_kocher_clamp_has_the_section_and_unchanged_totals(home: Path) -> None:
    case = load_case(ROOT / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml")
    v1 = analyse(case, samples=0, home=home).result
    v2 = analyse(case.model_copy(update={"method": "LCAC-HC/2"}), samples=0, home=home).result
    assert v2.electricity is not None and v2.electricity.basis == "location"
    # the location basis moves nothing: v2 without its sterilisation rule (which moves B) equals v1
    same = analyse(case, samples=0, home=home, method=_v2_without_sterilisation()).result
    assert same.electricity is not None
    assert [o.kg_co2e_per_use for o in same.options] == [o.kg_co2e_per_use for o in v1.options]
    for option in v2.options:
        assert v2.electricity.options[option.id].total_location <= option.kg_co2e_per_use


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Electricity: location-based"), ("nl", "Elektriciteit: locatiegebonden")]
)
def test_reports_show_both_views_in_html_and_excel(tmp_path: Path, home: Path, lang: str, title: str) -> None:
    import io

    import openpyxl

    from lcacompare.report.html import render_html
    from lcacompare.report.xlsx import render_xlsx

    result = _result(_case(tmp_path, {"basis": "market", "market": SUPPLIER}), home)
    html = render_html(result, lang=lang)
    assert 'id="electricity"' in html and title in html
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(result, lang=lang)))
    sheet = book[{"en": "Electricity", "nl": "Elektriciteit"}[lang]]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 0.234 in values and 0.41 in values  # module B market and location of the reusable option


def test_reports_of_a_v1_result_have_no_electricity_part(home: Path) -> None:
    import io

    import openpyxl

    from lcacompare.report.html import render_html
    from lcacompare.report.xlsx import SHEETS, render_xlsx
    from lcacompare.report.xlsx_study import STUDY_SHEET

    case = load_case(ROOT / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml")
    result = analyse(case, samples=0, home=home).result
    assert 'id="electricity"' not in render_html(result)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(result)))
    # the case's cross-check fills a Study sheet; no sheet of the v2 rules
    assert set(book.sheetnames) <= set(SHEETS.values()) | {STUDY_SHEET}


def test_break_even_follows_the_basis_of_the_totals(tmp_path: Path, home: Path) -> None:
    # per-life burden 50 kWh x 0.381 = 19.05 kg; per use: single-use 0.762, reusable B 0.41 (location) or 0.234 (market)
    located = _result(_case(tmp_path, {"basis": "location", "market": SUPPLIER}), home)
    market = _result(_case(tmp_path, {"basis": "market", "market": SUPPLIER}), home)
    assert located.breakeven["reusable"].uses_co2e == pytest.approx(50 * DE / (2 * DE - 0.41), rel=1e-6)
    assert market.breakeven["reusable"].uses_co2e == pytest.approx(50 * DE / (2 * DE - 0.234), rel=1e-6)


def _v2_without_sterilisation():
    """LCAC-HC/2 without its sterilisation-by-load rule (the one v2 rule that moves the clamp's CO2e)."""
    from lcacompare.method import load_method
    from lcacompare.method.spec import with_sections

    return with_sections(load_method("LCAC-HC/2"), load_method("LCAC-HC/1"), ["sterilisation"])
