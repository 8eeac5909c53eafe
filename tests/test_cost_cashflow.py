"""Cash flows, discounting, indexation and levelised cost per use, against independent sums."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pytest

from lcacompare import load_case
from lcacompare.compile import compile_case, expected_uses
from lcacompare.cost import option_cash_flows, option_cost
from lcacompare.cost.discount import discount_factors, npv, period_grid
from lcacompare.errors import CaseError
from lcacompare.units import ureg

DATA = Path(__file__).resolve().parent / "data"
HICP = Path(__file__).resolve().parent.parent / "lcacompare" / "data" / "datasets" / "indices" / "hicp.csv"


def _hicp(geography: str, year: int) -> float:
    with HICP.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["geography"] == geography and int(row["year"]) == year:
                return float(row["index"])
    raise KeyError((geography, year))


@pytest.fixture(scope="module")
def hand_case():
    return load_case(DATA / "cost_hand.yaml")


@pytest.fixture(scope="module")
def hand(hand_case, test_datasets):
    return compile_case(hand_case, test_datasets)


def _compile(case, test_datasets, **context):
    variant = case.model_copy(deep=True)
    for key, value in context.items():
        setattr(variant.context, key, value)
    return compile_case(variant, test_datasets)


# -- discounting conventions ------------------------------------------------------------------
def test_npv_matches_numpy_financial_which_does_not_discount_the_first_flow(hand):
    flows = option_cash_flows(hand, "reusable")
    assert flows.times.tolist() == [0.0, 1.0, 2.0, 3.0]
    total = np.asarray(flows.total)
    assert flows.npv_eur == pytest.approx(npf.npv(0.05, total), rel=1e-12)


def test_npv_equals_excel_npv_of_later_flows_plus_the_first_undiscounted():
    values = np.array([-500.0, 120.0, 130.0, 140.0])

    def excel_npv(rate, later):  # Excel: first value discounted by one period
        return sum(v / (1 + rate) ** (i + 1) for i, v in enumerate(later))

    assert npv(0.07, values, np.arange(4.0)) == pytest.approx(excel_npv(0.07, values[1:]) + values[0])


def test_levelised_cost_times_annual_uses_is_the_numpy_financial_annuity(hand):
    result = option_cost(hand, "reusable")
    eac = -npf.pmt(0.05, 3, result.npv_eur)
    assert result.eur_per_use * 1000 == pytest.approx(eac, rel=1e-12)


def test_hand_worked_levelised_cost_per_use(hand):
    # r = 5 %, H = 3, U = 1000; item 50 EUR, S = 10, N = 200, l = 0; 0.10 EUR/use; 16 EUR per
    # cycle of 80 items; 100 EUR/year; 300 EUR per contract. Worked by hand:
    #   discount factors 0.952381, 0.907029, 0.863838 -> annuity 2.723248
    #   each year end: 100 + 200 + 100 + 5 items x 50 = 650 EUR
    #   NPV(costs) = 300 + 500 + 650 x 2.723248 - 500 x 0.863838 = 2138.192 EUR
    #   NPV(uses) = 1000 x 2.723248 = 2723.248 -> 0.785163 EUR per use
    assert option_cost(hand, "reusable").eur_per_use == pytest.approx(0.785163, rel=2e-6)


def test_hand_case_levelised_cost_equals_the_hand_calculation(hand):
    v = [1 / 1.05, 1 / 1.05**2, 1 / 1.05**3]
    npv_costs = 300 + 500 + 650 * sum(v) - 500 * v[2]
    result = option_cost(hand, "reusable")
    assert result.eur_per_use == pytest.approx(npv_costs / (1000 * sum(v)), rel=1e-12)
    assert sum(result.by_category.values()) == pytest.approx(result.eur_per_use, rel=1e-12)
    assert result.by_category["reprocessing"] == pytest.approx(0.2)  # paid with each use: not distorted


def test_zero_discount_rate_levelised_is_total_cost_over_total_uses(hand_case, test_datasets):
    compiled = _compile(hand_case, test_datasets, discount_rate=0.0)
    result = option_cost(compiled, "reusable")
    total = 300 + 3 * (100 + 200 + 100) + 3 * 1000 / 200 * 50  # stock bought and sold back
    assert result.eur_per_use == pytest.approx(total / 3000, rel=1e-12)
    assert result.by_category["capital"] + result.by_category["residual"] == pytest.approx(50 / 200)


def test_discount_factor_at_time_zero_is_one_and_later_ones_fall():
    factors = discount_factors(0.03, np.array([0.0, 1.0, 2.5]))
    assert factors[0] == 1.0
    assert factors[2] == pytest.approx(1.03**-2.5)


def test_fractional_horizon_books_a_partial_last_period(hand_case, test_datasets):
    times, lengths = period_grid(2.5)
    assert times.tolist() == [0.0, 1.0, 2.0, 2.5] and lengths.tolist() == [0.0, 1.0, 1.0, 0.5]
    compiled = _compile(hand_case, test_datasets, horizon_years=2.5, discount_rate=0.0)
    flows = option_cash_flows(compiled, "reusable")
    assert flows.uses.tolist() == [0.0, 1000.0, 1000.0, 500.0]
    assert option_cost(compiled, "reusable").by_category["consumables"] == pytest.approx(0.1)


# -- capital, stock and residual --------------------------------------------------------------
def test_stock_is_bought_at_start_replaced_at_the_renewal_rate_and_credited_at_the_end(hand):
    capital = option_cash_flows(hand, "reusable").by_category
    assert capital["capital"].tolist() == pytest.approx([500.0, 250.0, 250.0, 250.0])
    assert capital["residual"].tolist() == pytest.approx([0.0, 0.0, 0.0, -500.0])


def test_default_stock_is_a_week_of_uses_and_is_stated(hand_case, test_datasets):
    variant = hand_case.model_copy(deep=True)
    variant.options[1].stock_items = None
    flows = option_cash_flows(compile_case(variant, test_datasets), "reusable")
    assert flows.stock_items == 20.0  # ceil(1000 * 7 / 365)
    assert "7 days" in flows.stock_basis


def test_rental_option_has_no_capital_and_no_residual(hand):
    result = option_cost(hand, "rental")
    assert set(result.by_category) == {"acquisition"}
    assert result.eur_per_use == pytest.approx(0.80)
    assert result.cash_flows.stock_items == 0.0


def test_residual_lines_replace_the_computed_stock_residual(hand_case, test_datasets):
    variant = hand_case.model_copy(deep=True)
    line = (
        variant.options[1].costs[0].model_copy(update={"category": "residual", "amount": "120 EUR", "per": "contract"})
    )
    variant.options[1].costs.append(line)
    flows = option_cash_flows(compile_case(variant, test_datasets), "reusable")
    assert flows.by_category["residual"].tolist() == pytest.approx([0.0, 0.0, 0.0, -120.0])


def test_horizon_shorter_than_one_life_credits_unused_life(hand_case, test_datasets):
    # S = 10 items of N = 200 uses serve 2000 uses; one year brings only 1000.
    undiscounted = _compile(hand_case, test_datasets, horizon_years=1, discount_rate=0.0)
    cost = option_cost(undiscounted, "reusable").by_category
    assert cost["capital"] + cost["residual"] == pytest.approx(50 / 200)
    discounted = _compile(hand_case, test_datasets, horizon_years=1, discount_rate=0.05)
    cost = option_cost(discounted, "reusable").by_category
    stock_net = 500 - 500 / 1.05  # bought at t = 0, credited at t = 1
    assert cost["capital"] + cost["residual"] == pytest.approx((stock_net + 250 / 1.05) / (1000 / 1.05))
    assert 50 / 200 < cost["capital"] + cost["residual"] < 500 / 1000


def test_loss_rate_near_one_replaces_almost_every_item_after_each_use(hand_case, test_datasets):
    variant = hand_case.model_copy(deep=True)
    variant.options[1].loss_rate = 0.999
    variant.context.discount_rate = 0.0
    cost = option_cost(compile_case(variant, test_datasets), "reusable").by_category
    e = expected_uses(200, 0.999)
    assert e == pytest.approx(1.001, rel=1e-3)
    assert cost["capital"] + cost["residual"] == pytest.approx(50 / e, rel=1e-12)


# -- indexation ---------------------------------------------------------------------------------
def test_older_price_is_indexed_with_the_country_hicp(hand):
    flows = option_cash_flows(hand, "single-use")
    factor = _hicp("NL", 2024) / _hicp("NL", 2020)
    assert flows.indexations[0].indexation.series == "NL"
    # the acquisition line (the option's waste stream pays its default fee beside it, issue 16)
    assert option_cost(hand, "single-use").by_category["acquisition"] == pytest.approx(1.00 * factor, rel=1e-12)


def test_country_without_its_own_series_falls_back_to_the_euro_area(hand_case, test_datasets):
    compiled = _compile(hand_case, test_datasets, country="BE")
    ix = option_cash_flows(compiled, "single-use").indexations[0].indexation
    assert ix.series == "EA"
    assert ix.factor == pytest.approx(_hicp("EA", 2024) / _hicp("EA", 2020))


def test_price_year_outside_the_index_table_is_a_case_error_naming_the_field(hand_case, test_datasets):
    variant = hand_case.model_copy(deep=True)
    variant.options[0].costs[0].year = 1950
    with pytest.raises(CaseError) as info:
        option_cost(compile_case(variant, test_datasets), "single-use")
    assert "options[0].costs[0].year" in str(info.value)
    assert info.value.rules == ["price-index"]


def test_every_index_row_has_a_source_and_a_positive_value():
    with HICP.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["geography"] for r in rows} >= {"EA", "NL"}
    assert all(r["source"].strip() and float(r["index"]) > 0 for r in rows)
    assert all(abs(float(r["index"]) - 100) < 0.01 for r in rows if r["year"] == "2015")


# -- vectorised evaluation ------------------------------------------------------------------------
def test_sampled_values_give_the_same_results_as_one_by_one(hand):
    prices = np.array([40.0, 50.0, 65.0])
    values = hand.parameter_values({"item_price": ureg.Quantity(prices, "EUR")})
    sampled = option_cost(hand, "reusable", values).eur_per_use
    one_by_one = [
        option_cost(hand, "reusable", hand.parameter_values({"item_price": ureg.Quantity(p, "EUR")})).eur_per_use
        for p in prices
    ]
    assert np.shape(sampled) == (3,)
    assert np.allclose(sampled, one_by_one, rtol=1e-12)


def test_array_of_uses_per_life_gives_an_array_of_costs(hand):
    uses = np.array([50.0, 200.0, 800.0])
    costs = option_cost(hand, "reusable", uses_per_life=uses).eur_per_use
    assert costs.shape == (3,)
    assert costs[1] == pytest.approx(option_cost(hand, "reusable").eur_per_use)
    assert np.all(np.diff(costs) < 0)
