"""Impossible inputs of the LCAC-HC/2 case blocks are refused, naming the field the user wrote.

Each broken case is a modified copy of the shipped ``kocher-clamp`` case (option 1 is
``reusable-cssd``, with a steam-sterilisation template). ``validate`` and ``run`` must both exit 2
with one problem line naming the file and the field as written (not a generated inventory line or
cycle block), with no traceback, and ``run`` must write nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_bad_inputs import Outcome, run_cli

CASE = Path(__file__).resolve().parents[1] / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml"
BASE = CASE.read_text(encoding="utf-8")
CSSD_FILL = "fill_rate: load_fill_rate   # inside the cycle capacity, so that it carries its distribution"
CSSD_LOAD = "items_per_load: instruments_per_load\n      fill_rate: load_fill_rate   # inside"
LOAD_MASS = '"instruments_per_load * 85 g + 8 * 1.2 kg + 8 * wrap_mass_per_set"'
CSSD_LOAD_MASS = f'amount: {LOAD_MASS}\n        assumption: "full load: '
CSSD_WRAP = 'type: wrap\n        mass: {amount: wrap_mass_per_set, assumption: "two-sheet SMS wrap per set'
CSSD_GRID_LINE = 'location: DE\n        assumption: "forming and finishing in the Tuttlingen (DE) cluster; German grid"'
CSSD_STEEL_END = "pedigree: [2, 3, 2, 3, 3]\n      - module: A1-A3\n        activity: electricity-grid\n"
V1, V2 = "method: LCAC-HC/1", "method: LCAC-HC/2"


@pytest.fixture(autouse=True)
def _shipped_datasets_and_debug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Resolve against the shipped datasets; let an unexpected exception escape as a failure."""
    monkeypatch.delenv("LCACOMPARE_DATASETS", raising=False)
    monkeypatch.setenv("LCACOMPARE_DEBUG", "1")
    monkeypatch.setenv("LCACOMPARE_HOME", str(tmp_path / "home"))


def _mutate(*pairs: tuple[str, str]) -> str:
    text = BASE
    for old, new in pairs:
        assert text.count(old) == 1, f"mutation target {old!r} is not unique"
        text = text.replace(old, new)
    return text


def _assert_refused(outcome: Outcome, file: Path, field: str, expected: tuple[str, ...]) -> None:
    assert outcome.code == 2, f"exit code {outcome.code}; stderr:\n{outcome.stderr}"
    assert "Traceback" not in outcome.stderr
    assert "internal error" not in outcome.stderr
    lines = [
        text
        for text in outcome.stderr.splitlines()
        if str(file) in text and f" {field}: " in text and all(word.lower() in text.lower() for word in expected)
    ]
    assert lines, f"no problem line names {field!r} and {expected}; stderr:\n{outcome.stderr}"
    for generated in ("cycle.capacity", "inventory[", "unsupported operand"):
        if generated not in field:
            assert generated not in outcome.stderr, f"a generated field or Python message is shown:\n{outcome.stderr}"


def _check(tmp_path: Path, text: str, field: str, expected: tuple[str, ...]) -> None:
    file = tmp_path / "broken.yaml"
    file.write_text(text, encoding="utf-8")
    _assert_refused(run_cli("validate", str(file)), file, field, expected)
    out = tmp_path / "out"
    _assert_refused(run_cli("run", str(file), "--samples", "20", "--output", str(out)), file, field, expected)
    assert not out.exists() or not any(out.iterdir()), "run wrote output for a refused case"


# -- 1. fill rate and items per load --------------------------------------------------------------
@pytest.mark.parametrize("method", [V1, V2])
@pytest.mark.parametrize("fill", ["3", "0", "-0.5", '"load_fill_rate * 2"'])
def test_fill_rate_outside_zero_to_one_names_the_template_field(tmp_path: Path, fill: str, method: str) -> None:
    text = _mutate((CSSD_FILL, f"fill_rate: {fill}"), (V1, method))
    _check(tmp_path, text, "options[1].reprocessing.fill_rate", ("0 < fill_rate <= 1",))


def test_zero_items_per_load_names_the_template_field(tmp_path: Path) -> None:
    text = _mutate((CSSD_LOAD, "items_per_load: 0\n      fill_rate: load_fill_rate   # inside"))
    _check(tmp_path, text, "options[1].reprocessing.items_per_load", ("positive",))


# -- 2. load mass sign ----------------------------------------------------------------------------
@pytest.mark.parametrize("method", [V1, V2])
def test_negative_load_mass_is_refused_under_both_versions(tmp_path: Path, method: str) -> None:
    text = _mutate((CSSD_LOAD_MASS, 'amount: "-24 kg"\n        assumption: "full load: '), (V1, method))
    _check(tmp_path, text, "options[1].reprocessing.load_mass", ("> 0",))


# -- 3. units of the template's amounts -----------------------------------------------------------
@pytest.mark.parametrize("method", [V1, V2])
def test_load_mass_in_energy_says_a_mass_is_expected(tmp_path: Path, method: str) -> None:
    text = _mutate((CSSD_LOAD_MASS, 'amount: "24 kWh"\n        assumption: "full load: '), (V1, method))
    _check(tmp_path, text, "options[1].reprocessing.load_mass", ("expected: a mass (kg)",))


def test_load_coefficient_without_per_kg_says_kwh_per_kg(tmp_path: Path) -> None:
    coefficients = (
        "allocation: count\n      base_kwh: {amount: 10 kWh, assumption: test}\n"
        "      kwh_per_kg_load: {amount: 0.14 kWh, assumption: test}\n      load_mass:\n"
        f"        {CSSD_LOAD_MASS}"
    )
    old = f"allocation: count\n      load_mass:\n        {CSSD_LOAD_MASS}"
    text = _mutate((old, coefficients), (V1, V2))
    _check(tmp_path, text, "options[1].reprocessing.kwh_per_kg_load", ("expected: kWh per kg",))


def test_zero_container_uses_is_refused(tmp_path: Path) -> None:
    container = (
        "type: rigid-container\n        container_uses: 0\n        material: stainless-steel-average\n"
        '        mass: {amount: wrap_mass_per_set, assumption: "two-sheet SMS wrap per set'
    )
    text = _mutate((CSSD_WRAP, container))
    _check(tmp_path, text, "options[1].reprocessing.packaging.container_uses", ("positive",))


# -- 4. the electricity activity ------------------------------------------------------------------
@pytest.mark.parametrize("method", [V1, V2])
def test_template_electricity_must_be_an_electricity_row(tmp_path: Path, method: str) -> None:
    text = _mutate((CSSD_FILL, f"{CSSD_FILL}\n      electricity: natural-gas"), (V1, method))
    _check(tmp_path, text, "options[1].reprocessing.electricity", ("electricity", "kWh"))


# -- 5. CFF overrides only on material and end-of-life lines --------------------------------------
def test_cff_override_on_an_electricity_line_is_refused(tmp_path: Path) -> None:
    cff = f"{CSSD_GRID_LINE}\n        cff: {{r1: 0.3, source: test}}"
    text = _mutate((CSSD_GRID_LINE, cff), (V1, V2))
    _check(tmp_path, text, "options[1].inventory[1].cff", ("material", "end-of-life"))


def test_cff_override_on_the_material_line_is_still_accepted(tmp_path: Path) -> None:
    steel = CSSD_STEEL_END.replace("\n", "\n        cff: {a: 0.2, source: test}\n", 1)
    file = tmp_path / "fine.yaml"
    file.write_text(_mutate((CSSD_STEEL_END, steel), (V1, V2)), encoding="utf-8")
    outcome = run_cli("validate", str(file))
    assert outcome.code == 0, outcome.stderr


# -- 6. strict booleans in dqr --------------------------------------------------------------------
@pytest.mark.parametrize("flag", ['"yes"', "1", '"true"'])
def test_dqr_verified_accepts_only_true_or_false(tmp_path: Path, flag: str) -> None:
    dqr = f"{CSSD_GRID_LINE}\n        dqr: {{verified: {flag}}}"
    text = _mutate((CSSD_GRID_LINE, dqr), (V1, V2))
    _check(tmp_path, text, "options[1].inventory[1].dqr.verified", ("true", "false"))
