"""The portfolio's array evaluation equals one `compare` per row, and its roll-up their sum."""

from __future__ import annotations

import math

import numpy as np
import pytest
from portfolio_helpers import write_portfolio

from lcacompare import compare, load_case
from lcacompare.data import shipped_case
from lcacompare.portfolios.load import load_portfolio
from lcacompare.portfolios.runner import run_portfolio
from lcacompare.portfolios.table import ANNUAL

FIGURES = {
    "kg_co2e_per_use": "kg_co2e_per_use",
    "eur_per_use": "eur_per_use",
    "primary_kg_per_use": "virgin_material_kg_per_use",
    "waste_kg_per_use": "waste_kg_per_use",
    "water_m3_per_use": "water_m3_per_use",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = write_portfolio(tmp_path_factory.mktemp("small"), partition_rows=4)
    loaded = load_portfolio(path)
    return loaded, run_portfolio(loaded)


def _row_compare(row, ref):
    """One `compare` of the row's case with the row's overrides written into the case."""
    with shipped_case(ref.case) as file:
        case = load_case(file)
    case = case.model_copy(deep=True)
    for name, quantity in row.overrides.items():
        if name in case.parameters:
            case.parameters[name] = case.parameters[name].model_copy(
                update={"value": f"{quantity:~}".replace(" ", " ")}
            )
    return compare(case).option(ref.option)


def test_every_row_and_option_equals_a_compare_of_the_row(small):
    loaded, result = small
    table = result.table
    for k, row in enumerate(loaded.portfolio.rows):
        for slot, ref in enumerate(row.options):
            expected = _row_compare(row, ref)
            for ours, theirs in FIGURES.items():
                assert table.metrics[ours][k, slot] == pytest.approx(getattr(expected, theirs), rel=1e-9, abs=1e-15)
            for stream, kg in expected.waste_kg_by_stream.items():
                assert table.waste_by_stream[stream][k, slot] == pytest.approx(kg, rel=1e-9)


def test_the_rollup_equals_the_sum_of_per_row_compare_results(small):
    loaded, result = small
    totals = result.totals()
    expected = dict.fromkeys(FIGURES, 0.0)
    for row in loaded.portfolio.rows:
        option = _row_compare(row, row.current)
        for ours, theirs in FIGURES.items():
            expected[ours] += row.annual_volume * getattr(option, theirs)
    for ours, total in expected.items():
        assert totals[ANNUAL[ours]] == pytest.approx(total, rel=1e-9)


def test_the_rollup_by_product_group_adds_up_to_the_total(small):
    _, result = small
    frame = result.rollup()
    groups = frame.drop(index="total")
    assert set(groups.index) == {"instruments", "sets", "packaging"}
    for column in frame.columns:
        assert groups[column].sum() == pytest.approx(frame.loc["total", column], rel=1e-12)
    assert frame.loc["total", "product_lines"] == 6


def test_a_scenario_rollup_uses_the_switched_options(small):
    _, result = small
    name = "cheapest:lines"
    mix = result.mixes[name]
    volume = result.table.volume
    kg = result.table.metrics["kg_co2e_per_use"]
    expected = float(np.sum(volume * kg[np.arange(len(mix)), mix]))
    assert result.totals(name)["kg_co2e_per_year"] == pytest.approx(expected, rel=1e-12)


def test_rows_come_back_as_a_dataframe_with_one_line_per_row_and_option(small):
    loaded, result = small
    frame = result.rows_frame()
    assert len(frame) == sum(len(row.options) for row in loaded.portfolio.rows)
    current = frame[frame["role"] == "current"]
    assert list(current["id"]) == [row.id for row in loaded.portfolio.rows]
    assert current["kg_co2e_per_year"].sum() == pytest.approx(result.totals()["kg_co2e_per_year"], rel=1e-12)
    assert not math.isnan(frame["eur_cash_per_year"].sum())
