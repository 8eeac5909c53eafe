"""Break-even uses per life: the generic solver, the analytic case and brute force, CO2e glue."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lcacompare import compare, prepare
from lcacompare.breakeven import (
    analytic_breakeven,
    co2e_per_use_function,
    cost_per_use_function,
    curve_grid,
    per_use_curve,
    solve_breakeven,
)
from lcacompare.compile import compile_case

# tests/data/datasets/factors/test.csv, kg CO2e per unit
STEEL, HGV, ELEC_BE, WATER = 6.15, 0.1016, 0.138, 0.191


@pytest.fixture(scope="module")
def clamp(clamp_case, test_datasets):
    return compile_case(clamp_case, test_datasets)


@pytest.fixture(scope="module")
def prepared(clamp_case, test_datasets, home):
    return prepare(clamp_case, datasets=test_datasets, home=home)


def _brute_force(per_use, target, n_max=2000):
    uses = np.arange(1, n_max + 1, dtype=float)
    below = np.nonzero(np.asarray(per_use(uses)) <= target)[0]
    return int(uses[below[0]]) if below.size else None


def test_cost_breakeven_matches_the_analytic_formula_and_brute_force(clamp):
    # clamp.yaml: r = 0, l = 0; fixed 40 EUR per life, variable 20 EUR / (400 x 0.8) per use.
    single_use = 0.95 + 0.03 * 0.60
    n_star = analytic_breakeven(40.0, single_use, 20 / 320)
    per_use = cost_per_use_function(clamp, "reusable")
    found = solve_breakeven(per_use, single_use)
    assert found.status == "breaks-even"
    assert found.uses_per_life == pytest.approx(n_star, rel=1e-9)
    assert _brute_force(per_use, single_use) == math.ceil(n_star) == 45


def test_co2e_breakeven_matches_the_analytic_formula_and_brute_force(prepared):
    single_use = compare(prepared.compiled.case, prepared=prepared).option("single-use").kg_co2e_per_use
    fixed = 0.085 * STEEL + 0.085 * 0.2 * HGV
    variable = (18.7 * ELEC_BE + 0.838 * WATER) / 320
    n_star = analytic_breakeven(fixed, single_use, variable)
    per_use = co2e_per_use_function(prepared, "reusable")
    found = solve_breakeven(per_use, single_use)
    assert found.uses_per_life == pytest.approx(n_star, rel=1e-6)
    assert _brute_force(per_use, single_use) == math.ceil(n_star)


def test_co2e_function_at_the_case_uses_equals_the_comparison(prepared):
    result = compare(prepared.compiled.case, prepared=prepared)
    per_use = co2e_per_use_function(prepared, "reusable")
    assert per_use(500.0) == pytest.approx(result.option("reusable").kg_co2e_per_use, rel=1e-9)
    assert per_use(np.array([100.0, 500.0])).shape == (2,)


def test_never_breaks_even_when_variable_cost_alone_exceeds_single_use():
    found = solve_breakeven(lambda n: 40 / np.asarray(n) + 1.2, 1.0)
    assert found.status == "never" and found.uses_per_life is None
    assert analytic_breakeven(40.0, 1.0, 1.2) is None


def test_never_breaks_even_when_losses_cap_the_expected_uses(clamp_case, test_datasets):
    variant = clamp_case.model_copy(deep=True)
    variant.options[1].loss_rate = 0.5  # E <= 2 uses: at least 20 EUR per use of capital
    compiled = compile_case(variant, test_datasets)
    found = solve_breakeven(cost_per_use_function(compiled, "reusable"), 0.968)
    assert found.status == "never"


def test_always_cheaper_when_reusable_beats_single_use_at_one_use():
    found = solve_breakeven(lambda n: 0.5 + 0.1 / np.asarray(n), 1.0)
    assert found.status == "always" and found.uses_per_life is None


def test_solver_accepts_a_function_that_only_takes_scalars():
    def scalar_only(n):
        if np.ndim(n):
            raise TypeError("scalars only")
        return 40 / n + 0.1

    assert solve_breakeven(scalar_only, 0.9).uses_per_life == pytest.approx(50.0, rel=1e-9)


def test_curve_grid_holds_the_case_uses_and_the_breakeven():
    grid = curve_grid(500, [44.2, None])
    assert grid[0] == 1 and 500 in grid and 45 in grid
    assert np.all(np.diff(grid) > 0)
    values = per_use_curve(lambda n: 40 / np.asarray(n), grid)
    assert values.shape == grid.shape and np.all(np.diff(values) < 0)


def test_vectorised_refinement_finds_the_same_root_as_brent(clamp_case, test_datasets):
    variant = clamp_case.model_copy(deep=True)
    variant.options[1].loss_rate = 0.002  # E(N) bends the curve: no closed form
    per_use = cost_per_use_function(compile_case(variant, test_datasets), "reusable")

    def scalar_only(n):
        if np.ndim(n):
            raise TypeError("scalars only")
        return per_use(n)

    fast, brent = solve_breakeven(per_use, 0.968), solve_breakeven(scalar_only, 0.968)
    assert fast.status == brent.status == "breaks-even"
    assert fast.uses_per_life == pytest.approx(brent.uses_per_life, rel=1e-9)
