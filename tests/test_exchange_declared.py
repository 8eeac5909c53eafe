"""Declared versus computed: a figure 40 % below ours is flagged with the lines that explain the gap."""

from __future__ import annotations

import pytest

from lcacompare import compare, load_case
from lcacompare.data import shipped_case
from lcacompare.exchange.answers import DeclaredFootprint
from lcacompare.exchange.check import check_supplier_data, render_markdown
from lcacompare.exchange.declared import check_declared

TOTAL = ("A1-A3", "A4", "B", "C")


@pytest.fixture(scope="module")
def kocher():
    with shipped_case("kocher-clamp") as path:
        case = load_case(path)
    return case, compare(case)


def test_a_declared_figure_40_percent_below_ours_is_outside_tolerance_with_top_contributors(kocher):
    _, result = kocher
    ours = result.option("single-use")
    declared = DeclaredFootprint(kg_co2e=0.6 * ours.kg_co2e_per_use, per="use", modules=TOTAL)
    check = check_declared(ours, declared, total_modules=TOTAL, tolerance=0.10)
    assert check.relative_difference == pytest.approx(-0.4, rel=1e-9)
    assert not check.within_tolerance
    lines = [c for c in check.contributors if c.kind == "line"]
    biggest = max(ours.lines, key=lambda ln: abs(ln.kg_co2e_per_use))
    assert lines and biggest.activity in lines[0].label
    assert sum(abs(c.kg_co2e) for c in lines) >= 0.4 * ours.kg_co2e_per_use  # they cover the gap
    gap = ours.kg_co2e_per_use - declared.kg_co2e
    assert lines[0].factor_change_to_close_gap == pytest.approx(-gap / lines[0].kg_co2e, rel=1e-12)


def test_a_declared_figure_equal_to_ours_is_within_tolerance(kocher):
    _, result = kocher
    ours = result.option("reusable-cssd")
    check = check_declared(
        ours, DeclaredFootprint(kg_co2e=ours.kg_co2e_per_use, per="use", modules=TOTAL), total_modules=TOTAL
    )
    assert check.within_tolerance and check.relative_difference == pytest.approx(0.0, abs=1e-12)


def test_a_cradle_to_gate_declaration_per_item_is_compared_on_its_own_boundary(kocher):
    _, result = kocher
    ours = result.option("reusable-cssd")
    a1a3_per_item = ours.kg_co2e_by_module["A1-A3"] * ours.expected_uses
    check = check_declared(ours, DeclaredFootprint(kg_co2e=a1a3_per_item, per="item"), total_modules=TOTAL)
    assert check.computed_kg_co2e == pytest.approx(a1a3_per_item, rel=1e-12) and check.within_tolerance
    boundary = {c.label for c in check.contributors if c.kind == "boundary"}
    assert "module B not in the declaration" in boundary  # reprocessing left out of a cradle-to-gate figure


def test_the_report_shows_declared_ours_difference_tolerance_and_contributors(kocher):
    case, result = kocher
    ours = result.option("single-use")
    figure = DeclaredFootprint(kg_co2e=0.6 * ours.kg_co2e_per_use, per="use", modules=TOTAL, source="PACT test")
    text = render_markdown(check_supplier_data(case, footprints={"single-use": figure}, tolerance=0.1))
    assert "-40.0%" in text and "OUTSIDE the tolerance of 10%" in text
    assert "stainless-steel-average" in text and "What explains most of the gap" in text
