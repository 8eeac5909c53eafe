"""Evaluating once and booking many times gives exactly the numbers of evaluating every time.

The whole-life cost, the break-even curves and the Monte Carlo break-even evaluate each amount
once and reuse it for every N; these tests compare them, float for float, with the direct way
(every amount evaluated again at each N, samples repeated along the N axis).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lcacompare import load_case, prepare
from lcacompare.breakeven import co2e_per_use_function, cost_per_use_function
from lcacompare.compile import expected_uses
from lcacompare.cost import option_cash_flows, option_cost
from lcacompare.cost.cashflow import cost_lines
from lcacompare.expressions import ExpressionError, evaluate
from lcacompare.uncertainty import build_model
from lcacompare.uncertainty.paired import _breakeven_cost, _first_as_column
from lcacompare.units import ureg

# Discounting, a partial last period, losses, sampled prices and N, pedigree spreads on literal
# cost lines, every cost basis, and a rental option whose cost does not depend on N.
SPEED_CASE = """
id: speed-test
title: Reusable options with every cost basis
method: LCAC-HC/1
functional_unit: one use
context: {country: BE, price_year: 2025, discount_rate: 0.03, horizon_years: 4.5, annual_uses: 1500}
parameters:
  item_price:
    value: 60 EUR
    assumption: test
    distribution: {type: triangular, min: 40 EUR, mode: 60 EUR, max: 90 EUR}
  lifetime: {value: 300, assumption: test, distribution: {type: uniform, min: 150, max: 450}}
  loss: {value: 0.004, assumption: test, distribution: {type: uniform, min: 0.001, max: 0.01}}
  item_mass: {value: 85 g, assumption: test, distribution: {type: lognormal, gsd: 1.3}}
options:
  - id: single-use
    kind: single-use
    zero_modules: {A4: test, B: used once, C: test, D: no credits}
    inventory:
      - {module: A1-A3, activity: polypropylene, amount: 30 g, per: use, source: test}
    costs:
      - {category: acquisition, amount: 0.95 EUR, per: use, source: test, pedigree: [3, 3, 2, 3, 3]}
      - {category: waste, amount: "0.03 kg * price('waste-risk-bearing')", per: use, source: test}
  - id: reusable
    kind: reusable
    uses_per_life: lifetime
    loss_rate: loss
    cycle: {allocation: count, capacity: 400, fill_rate: 0.8}
    zero_modules: {A4: test, C: test, D: no credits}
    inventory:
      - {module: A1-A3, activity: steel, amount: item_mass, per: life, source: test}
      - {module: B, activity: electricity-grid, amount: 18.7 kWh, per: cycle, source: test}
    costs:
      - {category: capital, amount: item_price, per: life, source: test}
      - {category: reprocessing, amount: 20 EUR, per: cycle, source: test, pedigree: [3, 3, 2, 3, 3]}
      - {category: logistics, amount: 0.10 EUR, per: use, source: test, pedigree: [3, 3, 2, 3, 3]}
      - {category: consumables, amount: 100 EUR, per: year, source: test}
      - {category: acquisition, amount: 300 EUR, per: contract, source: test}
  - id: rental
    kind: reusable
    uses_per_life: 200
    loss_rate: 0.01
    zero_modules: {A4: test, B: test, C: test, D: no credits}
    inventory:
      - {module: A1-A3, activity: steel, amount: 85 g, per: life, source: test}
    costs:
      - {category: acquisition, amount: 0.90 EUR, per: use, source: test, pedigree: [3, 3, 2, 3, 3]}
"""

USES = np.geomspace(1.0, 1e6, 37)


@pytest.fixture(scope="module")
def speed_prepared(tmp_path_factory, test_datasets, home):
    path = Path(tmp_path_factory.mktemp("speed")) / "speed.yaml"
    path.write_text(SPEED_CASE)
    return prepare(load_case(path), datasets=test_datasets, home=home)


@pytest.fixture(scope="module")
def speed_model(speed_prepared):
    return build_model(speed_prepared, background="fixed")


@pytest.fixture(scope="module")
def sampled(speed_model):
    draws = speed_model.sample(300, 7)
    return draws, speed_model.evaluate(draws, 300)


def _same(a, b) -> bool:
    """Bit-for-bit equal arrays of the same shape."""
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.array_equal(a, b))


# -- expressions --------------------------------------------------------------------------------


def test_an_expression_parsed_once_gives_the_value_of_a_fresh_parse():
    from lcacompare import expressions

    mass = {"mass": ureg.Quantity(np.array([0.5, 2.0]), "kg")}
    first = evaluate("3 kg * mass^2 / 250 g", mass)
    expressions._parsed.cache_clear()
    fresh = evaluate("3 kg * mass^2 / 250 g", mass)
    again = evaluate("3 kg * mass^2 / 250 g", mass)
    assert first.units == fresh.units == again.units
    assert _same(first.magnitude, fresh.magnitude) and _same(fresh.magnitude, again.magnitude)


def test_a_bad_expression_fails_every_time_not_only_the_first():
    for _ in range(2):
        with pytest.raises(ExpressionError, match="cannot parse"):
            evaluate("3 kg *")
        with pytest.raises(ExpressionError, match="unknown name or unit"):
            evaluate("3 flurbs")


def test_expected_uses_without_loss_is_n_and_with_loss_follows_the_formula():
    n = np.array([[1.0, 10.0, 1e6]])
    loss = np.array([[0.0], [0.02]])
    result = expected_uses(n, loss)
    assert result.shape == (2, 3)
    assert _same(result[0], n[0])
    assert result[1] == pytest.approx((1 - (1 - 0.02) ** n[0]) / 0.02, rel=1e-12)


# -- deterministic cost and break-even curves ---------------------------------------------------


@pytest.mark.parametrize("option_id", ["reusable", "rental", "single-use"])
def test_cost_lines_booked_at_any_n_equal_the_cash_flows_evaluated_at_that_n(speed_prepared, option_id):
    compiled = speed_prepared.compiled
    lines = cost_lines(compiled, option_id)
    for uses in (None, 250.0, USES):
        booked, direct = lines.cash_flows(uses), option_cash_flows(compiled, option_id, uses_per_life=uses)
        assert list(booked.by_category) == list(direct.by_category)
        for category, flows in direct.by_category.items():
            assert _same(booked.by_category[category], flows)
        assert _same(booked.npv_eur, direct.npv_eur) and _same(booked.stock_items, direct.stock_items)


def test_cost_per_use_curve_equals_option_cost_at_every_n(speed_prepared):
    compiled = speed_prepared.compiled
    per_use = cost_per_use_function(compiled, "reusable")
    assert _same(per_use(USES), option_cost(compiled, "reusable", uses_per_life=USES).eur_per_use)
    assert per_use(300.0) == option_cost(compiled, "reusable").eur_per_use


def test_co2e_per_use_curve_equals_the_inventory_evaluated_at_every_n(speed_prepared):
    compiled = speed_prepared.compiled
    weights = speed_prepared.impact_vectors()["reusable"]
    amounts = compiled.inventory_per_use(compiled.parameter_values(), uses_per_life={"reusable": USES})["reusable"]
    assert _same(co2e_per_use_function(speed_prepared, "reusable")(USES), np.tensordot(weights, amounts, axes=(0, 0)))


# -- Monte Carlo break-even ---------------------------------------------------------------------


@pytest.mark.parametrize("option_id", ["reusable", "rental"])
def test_sampled_cost_booked_over_a_grid_of_n_equals_samples_repeated_along_n(speed_model, sampled, option_id):
    draws, outcome = sampled
    count, points = 120, 5
    uses = np.exp(np.linspace(0.0, np.log(1e5), count * points)).reshape(count, points)
    column_values = {name: _first_as_column(value, count) for name, value in outcome.values.items()}
    column_draws = {name: array[:count, None] for name, array in draws.items()}
    booked = speed_model.option_eur_function(option_id, column_values, column_draws)(uses)
    repeated_values = {
        name: ureg.Quantity(np.repeat(value.magnitude[:count], points), value.units)
        if np.ndim(value.magnitude)
        else value
        for name, value in outcome.values.items()
    }
    repeated_draws = {name: np.repeat(array[:count], points) for name, array in draws.items()}
    direct = speed_model.option_eur(option_id, repeated_values, repeated_draws, uses.ravel())
    assert _same(booked, direct.reshape(count, points))


def test_sampled_cost_breakeven_matches_a_scalar_search_per_draw(speed_model, sampled):
    from lcacompare.breakeven import solve_breakeven

    draws, outcome = sampled
    count = 40
    found = _breakeven_cost(speed_model, "reusable", outcome, draws, count)
    assert found.shape == (count,)
    for i in range(0, count, 7):
        values = {name: _first_as_column(value, count)[i] for name, value in outcome.values.items()}
        draw = {name: array[i] for name, array in draws.items()}
        eur = speed_model.option_eur_function("reusable", values, draw)
        target = float(outcome.eur_per_use[speed_model.baseline][i])
        expected = solve_breakeven(lambda n, eur=eur: np.asarray(eur(n)).reshape(np.shape(n)), target)
        if expected.status == "breaks-even":
            assert found[i] == pytest.approx(expected.uses_per_life, rel=1e-5)
        else:
            assert (found[i] == 1.0) if expected.status == "always" else np.isinf(found[i])
