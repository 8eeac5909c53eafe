"""Hardening of expressions and units (issue 15): bad amounts and units exit 2 at their cause.

Bad case files are mutations of ``tests/data/clamp.yaml`` run through the real CLI in-process, with
the helpers of :mod:`test_bad_inputs`; the rest checks values and messages of the evaluator.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from test_bad_inputs import (
    BASE,
    CLAMP_MASS,
    DATASETS,
    MASS_VALUE,
    PP_AMOUNT,
    RE_ELEC,
    SU_ACQ,
    Bad,
    Make,
    _line_number,
    assert_clear_error,
    clamp_mass,
    pp_amount,
    replace,
    run_cli,
)

from lcacompare import units
from lcacompare.expressions import ExpressionError, evaluate
from lcacompare.units import ureg

ACQ_AMOUNT = "options[0].costs[0].amount"
ELEC_AMOUNT = "options[1].inventory[2].amount"
MASS_UNIT = "parameters.clamp_mass.unit"
EVALUATOR_MEMORY_BYTES = 50_000_000  # far above what refusing an amount needs, far below a GB


@pytest.fixture(autouse=True)
def _test_datasets_and_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolve cases against the test datasets; let unexpected exceptions escape as failures."""
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(DATASETS))
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")


def mass_unit(unit: str) -> Make:
    """Mutation: parameter ``clamp_mass`` declares ``unit``."""
    return replace(CLAMP_MASS, CLAMP_MASS.replace("value: 85 g,", f"value: 85 g, unit: '{unit}',"))


def acq_amount(amount: str) -> Make:
    """Mutation: the single-use acquisition cost line (``options[0].costs[0]``) gets ``amount``."""
    return replace(SU_ACQ, SU_ACQ.replace("amount: 0.95 EUR", f"amount: {amount}"))


def elec_per_use(amount: str) -> Make:
    """Mutation: the reusable's electricity line becomes ``per: use`` with ``amount``."""
    line = RE_ELEC.replace("amount: steriliser_kwh_per_cycle", f"amount: {amount}").replace("per: cycle", "per: use")
    return replace(RE_ELEC, line)


CATALOGUE: list[Bad] = [
    # --- item 1: units that are not units, numbers that cannot be numbers --------------------
    Bad("expr-unit-divided-by-zero", mass_unit("kg/0"), MASS_UNIT, ("'kg/0' is not a unit", "a unit"), "unit: 'kg/0'"),
    Bad("expr-unit-unbalanced-bracket", mass_unit("kg)"), MASS_UNIT, ("'kg)' is not a unit", "a unit")),
    Bad("expr-unit-with-a-number", mass_unit("0 kg"), MASS_UNIT, ("'0 kg' is not a unit", "without a number")),
    Bad("expr-unit-unknown", mass_unit("kgg"), MASS_UNIT, ("unknown unit 'kgg'", "did you mean 'kg'")),
    Bad("expr-integer-over-308-digits", pp_amount("1" + "0" * 400 + " g"), PP_AMOUNT, ("too large", "an amount in kg")),
    Bad(
        "expr-integer-product-over-308-digits",
        pp_amount('"1' + "0" * 200 + " * 1" + "0" * 200 + ' g"'),
        PP_AMOUNT,
        ("too large",),
    ),
    # --- item 2: text cannot be built up in an amount ----------------------------------------
    Bad("expr-format-string-width", pp_amount("\"('%0'+'999999999'+'d') % 1\""), PP_AMOUNT, ("text", "price")),
    Bad("expr-percent-format", pp_amount("\"'%0999999999d' % 1\""), PP_AMOUNT, ("text",)),
    Bad("expr-f-string-width", pp_amount("\"f'{1:>999999999}'\""), PP_AMOUNT, ("f-strings",)),
    Bad("expr-long-quoted-text", pp_amount("\"price('" + "x" * 500 + "')\""), PP_AMOUNT, ("longer than",)),
    # --- item 4: a count unit naming another basis than per: ---------------------------------
    Bad(
        "expr-kwh-per-cycle-on-per-use",
        elec_per_use('"18.7 kWh/cycle"'),
        ELEC_AMOUNT,
        ("per cycle", "contradicts per: use"),
        "18.7 kWh/cycle",
    ),
    Bad("expr-eur-per-load-on-per-use", acq_amount('"60 EUR/load"'), ACQ_AMOUNT, ("per load", "contradicts per: use")),
    Bad(
        "expr-kg-per-use-on-per-life",
        replace("amount: clamp_mass, per: life", 'amount: "0.2 g/use", per: life'),
        "options[1].inventory[0].amount",
        ("per use", "contradicts per: life"),
    ),
    # --- item 6: suggestions and look-alike characters -------------------------------------
    Bad(
        "expr-unit-typo-suggests-unit",
        pp_amount("30 kgg"),
        PP_AMOUNT,
        ("unknown name or unit 'kgg'", "did you mean 'kg'"),
    ),
    Bad("expr-unit-case-suggests-unit", pp_amount("30 kwh"), PP_AMOUNT, ("did you mean 'kWh'",)),
    Bad("expr-parameter-typo-suggests-name", pp_amount("clamp_mas"), PP_AMOUNT, ("did you mean 'clamp_mass'",)),
    Bad("expr-cyrillic-letter", pp_amount("30 \u043a\u0433"), PP_AMOUNT, ("U+043A", "CYRILLIC SMALL LETTER KA")),
    Bad("expr-micro-sign", pp_amount("30 \u00b5g"), PP_AMOUNT, ("U+00B5", "MICRO SIGN", "ug")),
    Bad("expr-greek-mu", clamp_mass("85 \u03bcg"), MASS_VALUE, ("U+03BC",)),
    Bad("expr-unit-field-cyrillic", mass_unit("\u043ag"), MASS_UNIT, ("U+043A",)),
]


@pytest.mark.parametrize("bad", CATALOGUE, ids=[bad.id for bad in CATALOGUE])
def test_bad_amount_or_unit_exits_2_naming_file_field_and_expectation(bad: Bad, tmp_path: Path) -> None:
    content = bad.make(BASE)
    assert isinstance(content, str)
    file = tmp_path / f"{bad.id}.yaml"
    file.write_text(content, encoding="utf-8")
    line = _line_number(content, bad.at.strip()) if bad.at else None
    assert_clear_error(run_cli("validate", str(file)), file, bad.field, bad.expected, line)


# --- item 1: amounts that overflow only when multiplied out ------------------------------------
OVERFLOWING = [
    ("expr-co2e-overflow", pp_amount("1e308 kg"), PP_AMOUNT, ("per use", "beyond")),
    ("expr-cost-overflow", acq_amount("1e308 EUR"), ACQ_AMOUNT, ("per use", "beyond")),
]


@pytest.mark.parametrize(("name", "make", "field", "expected"), OVERFLOWING, ids=[o[0] for o in OVERFLOWING])
def test_amount_overflowing_to_infinity_exits_2_and_writes_nothing(
    name: str, make: Make, field: str, expected: tuple[str, ...], tmp_path: Path, home: Path
) -> None:
    file = tmp_path / f"{name}.yaml"
    file.write_text(str(make(BASE)), encoding="utf-8")
    out = tmp_path / "out"
    outcome = run_cli("run", str(file), "--samples", "0", "--output", str(out), "--report", "json", "--home", str(home))
    assert_clear_error(outcome, file, field, expected, None)
    assert "RuntimeWarning" not in outcome.stderr
    assert not out.exists()


# --- item 2: refusing text costs no memory -----------------------------------------------------
@pytest.mark.parametrize("amount", ["('%0'+'999999999'+'d') % 1", "f'{1:>999999999}'"])
def test_text_building_is_refused_without_allocating_it(amount: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(ExpressionError):
            evaluate(amount)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < EVALUATOR_MEMORY_BYTES


# --- item 3: scientific notation ---------------------------------------------------------------
SCIENTIFIC = [
    ("1e-3", 1e-3, ""),
    ("1e3", 1e3, ""),
    ("4e2", 4e2, ""),
    ("2E3", 2e3, ""),
    ("1.5e-3", 1.5e-3, ""),
    ("1.5e-3 kg", 1.5e-3, "kg"),
    ("4e2 g", 400.0, "g"),
    ("1e3kg", 1e3, "kg"),
    ("2 * 1e3 kWh", 2e3, "kWh"),
    ("10 kg * 1e-3", 1e-2, "kg"),
    ("4e2 * g", 400.0, "g"),
    (".5e1 L", 5.0, "L"),
]


def test_scientific_notation_gives_its_number() -> None:
    for amount, magnitude, unit in SCIENTIFIC:
        value = evaluate(amount)
        assert value.units == ureg.Unit(unit), amount
        assert value.magnitude == pytest.approx(magnitude, rel=1e-12), amount


def test_scientific_notation_in_a_case_gives_the_same_result_as_the_decimal(tmp_path: Path, home: Path) -> None:
    decimal, scientific = tmp_path / "decimal.yaml", tmp_path / "scientific.yaml"
    decimal.write_text(pp_amount("0.03 kg")(BASE), encoding="utf-8")  # type: ignore[arg-type]
    scientific.write_text(pp_amount('"3e-2 * kg"')(BASE), encoding="utf-8")  # type: ignore[arg-type]
    outputs = []
    for file in (decimal, scientific):
        out = str(tmp_path / file.stem)
        outcome = run_cli("run", str(file), "--samples", "0", "-f", "json", "--output", out, "--home", str(home))
        assert outcome.code == 0, outcome.stderr
        text = outcome.stdout.replace(str(file), "<case>").replace(file.stem, "<stem>")
        outputs.append(text.replace('"3e-2 * kg"', '"<amount>"').replace('"0.03 kg"', '"<amount>"'))
    assert outputs[0] == outputs[1]


# --- item 5: one error at the cause --------------------------------------------------------------
def _problem_lines(outcome_stderr: str, file: Path) -> list[str]:
    return [line for line in outcome_stderr.splitlines() if f"{file}:" in line]


def test_unit_typo_in_a_parameter_is_reported_once_beside_the_other_problems(tmp_path: Path) -> None:
    file = tmp_path / "typo.yaml"
    file.write_text(pp_amount("3 EUR")(clamp_mass("85 kgg")(BASE)), encoding="utf-8")  # type: ignore[arg-type]
    outcome = run_cli("validate", str(file))
    assert_clear_error(outcome, file, MASS_VALUE, ("unknown name or unit 'kgg'", "did you mean 'kg'"), None)
    assert_clear_error(outcome, file, PP_AMOUNT, ("kg",), None)  # an independent problem is still listed
    assert "NaN" not in outcome.stderr
    assert len(_problem_lines(outcome.stderr, file)) == 2, outcome.stderr


def test_error_in_a_parameter_is_not_repeated_by_parameters_that_use_it(tmp_path: Path) -> None:
    text = replace(
        CLAMP_MASS, CLAMP_MASS.replace("85 g", "85 kgg") + "\n  twice_mass: {value: 2 * clamp_mass, assumption: t}"
    )(BASE)
    text = text.replace("amount: clamp_mass, per: life", "amount: twice_mass, per: life")  # type: ignore[union-attr]
    file = tmp_path / "chain.yaml"
    file.write_text(text, encoding="utf-8")
    outcome = run_cli("validate", str(file))
    assert_clear_error(outcome, file, MASS_VALUE, ("kgg",), None)
    assert len(_problem_lines(outcome.stderr, file)) == 1, outcome.stderr


def test_circular_parameters_are_reported_once_without_unknown_name_errors(tmp_path: Path) -> None:
    file = tmp_path / "circular.yaml"
    file.write_text(clamp_mass("2 * clamp_mass")(BASE), encoding="utf-8")  # type: ignore[arg-type]
    outcome = run_cli("validate", str(file))
    assert_clear_error(outcome, file, "parameters", ("circular",), None)
    assert len(_problem_lines(outcome.stderr, file)) == 1, outcome.stderr


def test_bad_parameter_unit_is_reported_once_at_the_unit(tmp_path: Path) -> None:
    file = tmp_path / "unit.yaml"
    file.write_text(mass_unit("kg/0")(BASE), encoding="utf-8")  # type: ignore[arg-type]
    outcome = run_cli("validate", str(file))
    assert_clear_error(outcome, file, MASS_UNIT, ("kg/0",), None)
    assert len(_problem_lines(outcome.stderr, file)) == 1, outcome.stderr


# --- units read with suggestions -----------------------------------------------------------------
@pytest.mark.parametrize("text", ["kg/0", "kg)", "0 kg", "kgg", "\u043ag", "(", "kg**", ""])
def test_read_unit_refuses_what_is_not_a_unit_with_unit_error(text: str) -> None:
    if text == "":  # the empty unit is "no unit", a valid plain number
        assert units.read_unit(text) == ureg.Unit("")
        return
    with pytest.raises(units.UnitError):
        units.read_unit(text)


def test_count_unit_is_refused_on_another_basis_and_accepted_on_its_own(tmp_path: Path) -> None:
    per_cycle = '"18.7 kWh/cycle"'
    own = replace(RE_ELEC, RE_ELEC.replace("amount: steriliser_kwh_per_cycle", f"amount: {per_cycle}"))(BASE)
    own = acq_amount('"0.95 EUR/use"')(own)  # type: ignore[arg-type]
    for name, text, code in (("own", own, 0), ("other", elec_per_use(per_cycle)(BASE), 2)):
        file = tmp_path / f"{name}.yaml"
        file.write_text(str(text), encoding="utf-8")
        outcome = run_cli("validate", str(file))
        assert outcome.code == code, outcome.stderr


def test_linked_activity_unit_that_is_not_a_unit_exits_2_naming_it(tmp_path: Path) -> None:
    linked = "{name: polypropylene granulate, location: GLO, unit: 'kg/0'}"
    text = pp_amount("30 g")(BASE).replace("activity: polypropylene,", f"activity: {linked},", 1)  # type: ignore[union-attr]
    text = text.replace("annual_uses: 1000}", "annual_uses: 1000, background: {project: nowhere}}")
    file = tmp_path / "linked.yaml"
    file.write_text(text, encoding="utf-8")
    outcome = run_cli("validate", str(file))
    assert_clear_error(outcome, file, "options[0].inventory[0].activity.unit", ("'kg/0' is not a unit",), None)
