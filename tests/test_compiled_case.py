"""The compiled case: frozen, parsed once, evaluated in one place; break-even in the comparison layer."""

from __future__ import annotations

import ast
import dataclasses
import pickle
from pathlib import Path

import numpy as np
import pytest

import lcacompare.breakeven as breakeven
import lcacompare.compile.amounts as amounts
from lcacompare import compare, prepare
from lcacompare.compile import BasisFactors, compile_case
from lcacompare.compile.amounts import plan_amount
from lcacompare.expressions import evaluate
from lcacompare.units import ureg
from lcacompare.whole_life import cost_analysis

PACKAGE = Path(__file__).resolve().parent.parent / "lcacompare"


def _snapshot(compiled) -> bytes:
    """Everything a compiled case holds, as bytes (its fields, pickled)."""
    return pickle.dumps(compiled.__getstate__())


@pytest.fixture
def compiled(clamp_case, test_datasets):
    return compile_case(clamp_case, test_datasets)


def test_compiled_case_refuses_assignment_to_its_fields(compiled):
    with pytest.raises(dataclasses.FrozenInstanceError):
        compiled.parameter_order = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        compiled.lines = {}  # type: ignore[misc]


def test_compiled_case_mappings_and_line_lists_are_read_only(compiled):
    option_id = compiled.option_ids[0]
    with pytest.raises(TypeError):
        compiled.lines[option_id] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        compiled.costs[option_id] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        compiled.prices_used["x"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        compiled.parameter_units["x"] = None  # type: ignore[index]
    with pytest.raises(AttributeError):
        compiled.lines[option_id].append(compiled.lines[option_id][0])  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        compiled.lines[option_id][0].activity_unit = "g"  # type: ignore[misc]


def test_basis_factors_are_frozen_and_replacing_n_makes_new_factors():
    factors = BasisFactors.of_option(reusable=True, uses_per_life=100, loss_rate=0.0, cycle=0.01)
    with pytest.raises(dataclasses.FrozenInstanceError):
        factors.cycle = 0.0  # type: ignore[misc]
    at_50 = factors.at_uses(50)
    assert (factors.life, at_50.life, at_50.cycle) == (1 / 100, 1 / 50, 0.01)
    assert BasisFactors.of_option(reusable=False, uses_per_life=9, loss_rate=0.5, cycle=0.0).at_uses(50).life == 1.0


def test_compare_cost_and_uncertainty_leave_the_compiled_case_unchanged(clamp_case, test_datasets, home):
    from lcacompare.uncertainty import run_uncertainty

    prepared = prepare(clamp_case, datasets=test_datasets, home=home)
    before = _snapshot(prepared.compiled)
    comparison = compare(clamp_case, prepared=prepared)
    cost_analysis(prepared, comparison)
    run_uncertainty(prepared, 200, 1)
    assert _snapshot(prepared.compiled) == before


def test_with_lines_gives_a_new_case_and_leaves_the_first_as_it_was(compiled):
    option_id = compiled.option_ids[0]
    before = _snapshot(compiled)
    relabelled = tuple(dataclasses.replace(info, activity_name="other") for info in compiled.lines[option_id])
    other = compiled.with_lines({option_id: relabelled})
    assert other is not compiled
    assert other.lines[option_id][0].activity_name == "other"
    assert _snapshot(compiled) == before


def test_evaluate_parses_no_expression_and_calls_no_pint_evaluation_after_compile(compiled, monkeypatch):
    values = compiled.parameter_values()
    compiled.evaluate()  # builds the plans once
    name = next(n for n in compiled.parameter_order if not compiled.case.parameters[n].unit)

    def refuse(*args, **kwargs):
        raise AssertionError("parsed or evaluated with pint again")

    monkeypatch.setattr(amounts, "_parsed", refuse)
    monkeypatch.setattr(amounts, "evaluate", refuse)
    monkeypatch.setattr(ureg, "parse_units", refuse)
    monkeypatch.setattr(ureg, "parse_expression", refuse)
    samples = {name: ureg.Quantity(np.linspace(0.5, 2.0, 7) * values[name].magnitude, values[name].units)}
    evaluation = compiled.evaluate(samples)
    assert all(np.shape(row) in ((), (7,)) for rows in evaluation.line_amounts.values() for row in rows)


def test_sampled_evaluation_equals_one_evaluation_per_sample(compiled):
    values = compiled.parameter_values()
    name = compiled.parameter_order[0]
    scales = np.array([0.5, 1.0, 3.0])
    sampled = compiled.inventory_per_use({name: values[name] * scales})
    for k, scale in enumerate(scales):
        single = compiled.inventory_per_use({name: values[name] * float(scale)})
        for option_id, rows in single.items():
            np.testing.assert_allclose(np.broadcast_to(sampled[option_id].T, (3, *rows.shape))[k], rows, rtol=1e-15)


@pytest.mark.parametrize(
    "text",
    [
        "250 g + 0.1 kg",
        "0.1 kg + 250 g - mass",
        "2 * mass / (3 L)",
        "mass ** 2 / 4",
        "-mass + 1 kg",
        "18.7 kWh / items",
        "(1 - rate) ** 3",
        "3",
        "1.5e3 g",
    ],
)
def test_a_planned_amount_gives_pint_s_magnitude_exactly(text):
    parameters = {
        "mass": ureg.Quantity(0.085, "kg"),
        "items": ureg.Quantity(400, ""),
        "rate": ureg.Quantity(0.02, ""),
    }
    plan = plan_amount(text, parameters, {})
    expected = evaluate(text, parameters)
    found = plan.magnitude({name: q.magnitude for name, q in parameters.items()}, {})
    assert found == expected.m_as(plan.unit)
    assert plan.unit.dimensionality == expected.units.dimensionality


def test_an_offset_unit_is_evaluated_with_pint_to_the_same_value():
    parameters = {"t": ureg.Quantity(20.0, "degC")}
    plan = plan_amount("t", parameters, {})
    assert plan.magnitude({"t": 20.0}, {}) == 20.0
    shifted = plan_amount("t + 5 delta_degC", parameters, {})
    assert shifted.magnitude({"t": 20.0}, {}) == evaluate("t + 5 delta_degC", parameters).m_as(shifted.unit)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_cost_package_imports_neither_the_comparison_nor_lca():
    forbidden = ("lcacompare.engine", "lcacompare.results", "lcacompare.lca", "lcacompare.breakeven")
    forbidden += ("lcacompare.whole_life", "lcacompare.uncertainty", "lcacompare.report", "lcacompare.run")
    for path in sorted((PACKAGE / "cost").glob("*.py")):
        bad = {name for name in _imports(path) if name.startswith(forbidden)}
        assert not bad, f"{path.name} imports {sorted(bad)}"


def test_compile_package_imports_nothing_above_it():
    forbidden = ("lcacompare.engine", "lcacompare.results", "lcacompare.cost", "lcacompare.breakeven")
    forbidden += ("lcacompare.uncertainty", "lcacompare.report", "lcacompare.run", "lcacompare.whole_life")
    for path in sorted((PACKAGE / "compile").glob("*.py")):
        bad = {name for name in _imports(path) if name.startswith(forbidden)}
        assert not bad, f"{path.name} imports {sorted(bad)}"


def test_units_are_stripped_with_m_as_nowhere_in_compile_engine_cost_or_break_even():
    paths = [*(PACKAGE / "compile").glob("*.py"), *(PACKAGE / "cost").glob("*.py")]
    paths += [PACKAGE / "engine.py", PACKAGE / "breakeven.py", PACKAGE / "whole_life.py"]
    paths += [*(PACKAGE / "uncertainty").glob("*.py")]
    for path in paths:
        calls = [
            node.lineno
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and node.attr in ("m_as", "to")
        ]
        assert not calls, f"{path.name} converts units itself at lines {calls}"


def test_cost_and_co2e_break_evens_come_from_the_one_solver(clamp_case, test_datasets, home, monkeypatch):
    prepared = prepare(clamp_case, datasets=test_datasets, home=home)
    comparison = compare(clamp_case, prepared=prepared)
    calls = []
    solver = breakeven.solve_breakeven

    def counting(per_use, target, **kwargs):
        calls.append(target)
        return solver(per_use, target, **kwargs)

    monkeypatch.setattr(breakeven, "solve_breakeven", counting)
    result = breakeven.breakeven_analysis(prepared, comparison)
    reusable = [o.id for o in clamp_case.options if o.kind == "reusable"]
    assert set(result) == set(reusable)
    baseline = comparison.option(comparison.baseline)
    assert calls == [baseline.eur_per_use, baseline.kg_co2e_per_use] * len(reusable)


def test_conventions_state_the_search_constants_the_solver_uses(clamp_case, test_datasets, home):
    prepared = prepare(clamp_case, datasets=test_datasets, home=home)
    text = cost_analysis(prepared, compare(clamp_case, prepared=prepared))["conventions"]["breakeven"]
    for number in (breakeven.GRID_POINTS, breakeven.REFINE_ROUNDS, breakeven.REFINE_POINTS):
        assert f" {number} " in text
    assert f"{breakeven.DEFAULT_N_MAX:g}" in text
    assert {"always", "equal", "never"} <= set(text.replace(",", " ").split())


def test_a_pickled_compiled_case_evaluates_to_the_same_numbers(compiled):
    again = pickle.loads(pickle.dumps(compiled))
    first, second = compiled.inventory_per_use(), again.inventory_per_use()
    assert first.keys() == second.keys()
    for option_id in first:
        assert np.array_equal(first[option_id], second[option_id])
