"""The Circular Footprint Formula (LCAC-HC/2): the formula, its defaults, choosing it, and v1 unchanged.

Hand-worked figures use the shipped rows: stainless-steel-primary 6.8 and stainless-steel-eu 1.95
kg CO2e/kg (Ev and Erec of stainless steel), recycling-metal 0.021 kg CO2e/kg (ErecEoL),
cardboard 1.2 kg CO2e/kg, and the Annex C figures of ``datasets/cff/annex_c.csv``: stainless steel
A = 0.2, Qs/Qp = 1.0; cardboard A = 0.2, R1 = 0.88, Qs/Qp = 0.85.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from lcacompare import load_case
from lcacompare.circular.footprint_formula import MODULE_OF_TERM, circular_footprint
from lcacompare.compile import compile_case
from lcacompare.compile.circular import annex_c
from lcacompare.datasets import load_datasets
from lcacompare.errors import CaseError
from lcacompare.run import analyse

DATA = Path(__file__).resolve().parent / "data"
SHIPPED = Path(__file__).resolve().parent.parent / "lcacompare" / "data" / "cases"

# Stainless steel with its Annex C parameters and the shipped routes
R1, A, Q = 0.5, 0.2, 1.0
EV, EREC, EREC_EOL = 6.8, 1.95, 0.021


@pytest.fixture(scope="module")
def shipped():
    return load_datasets()


# -- the formula ------------------------------------------------------------------------------------
def test_each_term_of_the_formula_matches_the_hand_worked_stainless_steel_example():
    terms = circular_footprint(r1=R1, a=A, ev=EV, erec=EREC, qsin_qp=Q, r2=0.9, erec_eol=EREC_EOL, qsout_qp=Q)
    assert terms.virgin == pytest.approx(0.5 * 6.8)  # 3.4
    assert terms.recycled_content == pytest.approx(0.5 * (0.2 * 1.95 + 0.8 * 6.8 * 1.0))  # 2.915
    assert terms.recycling_burden == pytest.approx(0.8 * 0.9 * 0.021)  # 0.01512
    assert terms.recycling_credit == pytest.approx(-0.8 * 0.9 * 6.8 * 1.0)  # -4.896
    assert terms.disposal == pytest.approx(0.0)
    assert terms.material == pytest.approx(3.4 + 2.915 + 0.01512 - 4.896)
    assert terms.total == pytest.approx(1.43412)


def test_the_energy_and_disposal_terms_match_a_hand_worked_example():
    # Test figures: R3 = 0.3 of PP incinerated (EER = 3.14 kg CO2/kg, the shipped incineration-pp-pe row),
    # LHV 44 MJ/kg, 10 % heat and 20 % electricity recovered, substituting 0.07 and 0.05 kg CO2e/MJ;
    # R2 = 0.2 recycled, the rest (0.5) landfilled at ED = 0.5 kg CO2e/kg.
    terms = circular_footprint(
        r1=0.0, a=0.5, ev=2.578, erec=2.578, r2=0.2, r3=0.3, eer=3.14, lhv=44.0,
        x_er_heat=0.1, e_se_heat=0.07, x_er_elec=0.2, e_se_elec=0.05, ed=0.5,
    )  # fmt: skip
    assert terms.energy_recovery_burden == pytest.approx(0.3 * 3.14)  # 0.942
    assert terms.energy_recovery_credit == pytest.approx(-0.3 * 44.0 * (0.1 * 0.07 + 0.2 * 0.05))  # -0.2244
    assert terms.energy == pytest.approx(0.942 - 0.2244)
    assert terms.disposal == pytest.approx(0.5 * 0.5)


def test_no_recycled_content_and_no_recovery_reduce_to_cut_off_virgin_production_plus_disposal():
    terms = circular_footprint(r1=0.0, a=A, ev=EV, erec=EREC, r2=0.0, r3=0.0, erec_eol=EREC_EOL, ed=0.4)
    assert terms.total == pytest.approx(EV + 0.4)
    assert terms.by_module() == pytest.approx({"A1-A3": EV, "C": 0.4, "D": 0.0})


def test_a_equal_to_one_gives_the_recycled_input_its_process_only_and_no_end_of_life_credit():
    terms = circular_footprint(r1=R1, a=1.0, ev=EV, erec=EREC, r2=0.9, erec_eol=EREC_EOL)
    assert terms.recycled_content == pytest.approx(R1 * EREC)
    assert terms.recycling_burden == 0.0 and terms.recycling_credit == 0.0


def test_a_equal_to_zero_credits_the_recycled_input_as_virgin_and_gives_the_full_credit_at_end_of_life():
    terms = circular_footprint(r1=R1, a=0.0, ev=EV, erec=EREC, qsin_qp=0.9, r2=0.9, erec_eol=EREC_EOL, qsout_qp=0.9)
    assert terms.recycled_content == pytest.approx(R1 * EV * 0.9)
    assert terms.recycling_burden + terms.recycling_credit == pytest.approx(0.9 * (EREC_EOL - EV * 0.9))


def test_the_formula_is_vectorised_over_samples():
    r1 = np.array([0.0, 0.5, 1.0])
    terms = circular_footprint(r1=r1, a=A, ev=EV, erec=EREC)
    assert terms.total == pytest.approx(np.array([6.8, 6.315, 5.83]))


def test_every_term_is_booked_in_a1_a3_c_or_d_and_credits_only_in_d():
    assert set(MODULE_OF_TERM.values()) == {"A1-A3", "C", "D"}
    assert {term for term, module in MODULE_OF_TERM.items() if module == "D"} == {
        "recycling_credit",
        "energy_recovery_credit",
    }


# -- the defaults ----------------------------------------------------------------------------------
def test_annex_c_rows_carry_source_year_geography_and_pedigree_for_the_materials_of_the_cases(shipped):
    table = annex_c(shipped)
    assert {"stainless-steel", "polypropylene", "ldpe", "paper", "cardboard", "cotton-textile"} <= set(table)
    for row in table.values():
        assert row.source and row.source_row and row.year >= 2020 and row.geography
        assert len(row.pedigree.split(";")) == 5
        for activity in (*row.activities, row.virgin_activity, row.recycled_activity, *row.recycling_activities):
            assert activity is None or shipped.factor(activity, "BE") is not None, activity
    assert table["cardboard"].r1 == 0.88 and table["stainless-steel"].r1 is None  # none found: left out


def test_the_annex_c_table_is_part_of_the_datasets_digest(tmp_path):
    import shutil

    from lcacompare.datasets import datasets_dir

    copied = tmp_path / "datasets"
    shutil.copytree(datasets_dir(), copied)
    before = load_datasets(copied).digest
    table = copied / "cff" / "annex_c.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",0.2,,,1.0,1.0,", ",0.3,,,1.0,1.0,", 1))
    assert load_datasets(copied).digest != before


# -- choosing it, applied in compile ---------------------------------------------------------------
SMALL = {
    "id": "cff-small",
    "title": "A stainless instrument, recycled at end of life",
    "method": "LCAC-HC/2",
    "functional_unit": "one instrument used once",
    "context": {
        "country": "BE",
        "price_year": 2025,
        "discount_rate": 0.0,
        "horizon_years": 1,
        "annual_uses": 100,
        "allocation": "circular-footprint-formula",
    },
    "options": [
        {
            "id": "single-use",
            "kind": "single-use",
            "zero_modules": {"A4": "test", "B": "test", "D": "test"},
            "inventory": [
                {
                    "module": "A1-A3",
                    "activity": "stainless-steel-average",
                    "amount": "0.1 kg",
                    "virgin_fraction": 0.5,
                    "source": "test",
                },
                {"module": "C", "activity": "recycling-metal", "amount": "0.1 kg", "source": "test"},
            ],
            "costs": [{"category": "acquisition", "amount": "1 EUR", "source": "test"}],
        },
        {
            "id": "plastic",
            "kind": "single-use",
            "zero_modules": {"A4": "test", "B": "test", "D": "test"},
            "inventory": [
                {"module": "A1-A3", "activity": "polypropylene-primary", "amount": "0.05 kg", "source": "test"},
                {"module": "C", "activity": "incineration-pp-pe", "amount": "0.05 kg", "source": "test"},
            ],
            "costs": [{"category": "acquisition", "amount": "0.5 EUR", "source": "test"}],
        },
    ],
}


def _case(tmp_path: Path, data: dict, name: str = "case.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data))
    return load_case(path)


def test_the_cff_books_material_in_a1_a3_recycling_in_c_and_its_credit_in_d(tmp_path, shipped, home):
    result = analyse(_case(tmp_path, SMALL), samples=0, datasets=shipped, home=home).result
    option = result.option("single-use")
    material = 0.1 * (0.5 * 6.8 + 0.5 * (0.2 * 1.95 + 0.8 * 6.8 * 1.0))  # 0.6315
    recycling = 0.1 * 0.8 * 0.021  # 0.00168
    credit = -0.1 * 0.8 * 6.8 * 1.0  # -0.544
    modules = option.kg_co2e_by_module
    assert modules["A1-A3"] == pytest.approx(material)
    assert modules["C"] == pytest.approx(recycling)
    assert modules["D"] == pytest.approx(credit)
    assert option.kg_co2e_per_use == pytest.approx(material + recycling)  # D reported apart
    assert option.waste_kg_per_use == pytest.approx(0.1)  # masses unchanged
    assert option.virgin_material_kg_per_use == pytest.approx(0.05)
    section = result.circular_footprint
    assert section is not None and section.allocation == "circular-footprint-formula"
    mine = section.options["single-use"]
    assert mine.pef_total_kg_co2e_per_use == pytest.approx(material + recycling + credit)
    steel, scrap = mine.lines
    assert (steel.role, steel.material, steel.r1) == ("material", "stainless-steel", 0.5)
    assert "virgin_fraction" in (steel.r1_source or "")
    assert scrap.role == "recycling" and scrap.r2 == pytest.approx(1.0)
    assert scrap.kg_co2e_per_use_by_module == pytest.approx({"C": recycling, "D": credit})


def test_a_line_override_of_r1_with_its_source_is_used(tmp_path, shipped):
    data = copy.deepcopy(SMALL)
    line = data["options"][0]["inventory"][0]
    del line["virgin_fraction"]
    line["cff"] = {"r1": 0.3, "source": "supplier declaration 2025 (test)"}
    compiled = compile_case(_case(tmp_path, data), shipped)
    steel = compiled.lines["single-use"][0]
    assert steel.virgin_fraction == pytest.approx(0.7)
    expected = 0.7 * 6.8 + 0.3 * (0.2 * 1.95 + 0.8 * 6.8)
    assert compiled.own_impacts[steel.activity_key] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"r1": 0.3}, "cff"),  # a figure without its source
        ({"material": "unobtainium"}, "cff.material"),  # not a row of annex_c.csv
    ],
)
def test_a_bad_line_override_is_refused_naming_the_field(tmp_path, shipped, override, field):
    data = copy.deepcopy(SMALL)
    data["options"][0]["inventory"][0]["cff"] = override
    with pytest.raises(CaseError) as raised:
        compile_case(_case(tmp_path, data), shipped)
    assert "cff-override" in raised.value.rules
    assert any(field in problem.field for problem in raised.value.problems)


def test_choosing_the_cff_under_lcac_hc_1_exits_2_naming_the_field(tmp_path):
    data = copy.deepcopy(SMALL)
    data["method"] = "LCAC-HC/1"
    path = tmp_path / "v1.yaml"
    path.write_text(yaml.safe_dump(data))
    env = dict(os.environ, COLUMNS="200")
    proc = subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "context.allocation" in proc.stderr and "circular_footprint_formula" in proc.stderr


def test_cut_off_stays_the_default_under_lcac_hc_2_but_primary_material_follows_r1(shipped, home):
    case = load_case(SHIPPED / "kocher-clamp.yaml")
    v1 = analyse(case, samples=0, datasets=shipped, home=home).result
    # v2 without its sterilisation rule (the one that moves the clamp's module B)
    v2 = analyse(case, samples=0, datasets=shipped, home=home, method=_v2_without_sterilisation()).result
    for option in v1.options:
        assert v2.option(option.id).kg_co2e_per_use == pytest.approx(option.kg_co2e_per_use, rel=1e-12)
    # single-use: steel 0.078 kg at R1 0.5 (its virgin_fraction), paper 5 g and LDPE 4 g at R1 0,
    # carton 10 g at the Annex C cardboard R1 0.88 (v1 counted it all virgin)
    assert v1.option("single-use").virgin_material_kg_per_use == pytest.approx(0.039 + 0.005 + 0.004 + 0.010)
    assert v2.option("single-use").virgin_material_kg_per_use == pytest.approx(0.039 + 0.005 + 0.004 + 0.0012)
    assert v2.circular_footprint is not None and v2.circular_footprint.allocation == "cut-off"
    assert v1.circular_footprint is None and "circular_footprint" not in v1.to_dict()
    assert "allocation" not in v1.to_dict()["context"]


def test_the_shipped_kocher_clamp_runs_under_lcac_hc_2_with_the_cff_chosen(tmp_path, shipped, home):
    from lcacompare.run import run_case

    cut_off = analyse(load_case(SHIPPED / "kocher-clamp.yaml"), samples=0, datasets=shipped, home=home).result
    analysis = run_case(
        load_case(DATA / "kocher-clamp-cff.yaml"),
        tmp_path,
        formats=["json", "html"],
        samples=200,
        seed=1,
        datasets=shipped,
        home=home,
    )
    result = analysis.result
    single = result.option("single-use")
    # A1-A3: steel 0.078 kg from 3.7 (cut-off, mixed route) to 0.5 x 6.8 + 0.5 x (0.2 x 1.95 + 0.8 x 6.8);
    # carton 0.01 kg from 1.2 to 0.12 x 1.2 + 0.88 x (0.2 x 1.2 + 0.8 x 1.2 x 0.85)
    steel = 0.078 * (0.5 * 6.8 + 0.5 * (0.2 * 1.95 + 0.8 * 6.8) - 3.7)
    carton = 0.01 * (0.12 * 1.2 + 0.88 * (0.2 * 1.2 + 0.8 * 1.2 * 0.85) - 1.2)
    before = cut_off.option("single-use").kg_co2e_by_module
    assert single.kg_co2e_by_module["A1-A3"] == pytest.approx(before["A1-A3"] + steel + carton)
    # C: the carton's recycling keeps (1 - A) of its 0.021; D: credit -(1 - A) x 1.2 x 0.85 per kg
    assert single.kg_co2e_by_module["C"] == pytest.approx(before["C"] - 0.2 * 0.01 * 0.021)
    assert single.kg_co2e_by_module["D"] == pytest.approx(-0.01 * 0.8 * 1.2 * 0.85)
    assert result.option("reusable-cssd").kg_co2e_by_module["D"] < 0  # the reusable clamp's scrap
    assert result.uncertainty is not None
    assert (tmp_path / "kocher-clamp" / "result.json").is_file()
    assert (tmp_path / "kocher-clamp" / "report.html").is_file()
    assert "Circular Footprint Formula" in result.transparency.allocation  # the ISO 14044 item says so
    lines = {line.index: line for line in result.circular_footprint.options["single-use"].lines}
    assert lines[0].r1 == 0.5 and lines[0].material == "stainless-steel"


def test_v1_compiled_lines_are_those_of_cut_off(shipped):
    case = load_case(SHIPPED / "kocher-clamp.yaml")
    compiled = compile_case(case, shipped)
    for option_lines in compiled.lines.values():
        assert all(
            not info.activity_key.endswith(("cff-material", "cff-recycling", "cff-credit")) for info in option_lines
        )
        assert all(info.module != "D" for info in option_lines)


def test_line_figures_under_lcac_hc_1_are_refused_with_rule_cff_method(tmp_path, shipped):
    data = copy.deepcopy(SMALL)
    data["method"] = "LCAC-HC/1"
    del data["context"]["allocation"]
    data["options"][0]["inventory"][0]["cff"] = {"material": "stainless-steel"}
    with pytest.raises(CaseError) as raised:
        compile_case(_case(tmp_path, data), shipped)
    assert raised.value.rules == ["cff-method"] or set(raised.value.rules) == {"cff-method"}
    assert raised.value.problems[0].field == "options[0].inventory[0].cff"


def _v2_without_sterilisation():
    """LCAC-HC/2 without its sterilisation-by-load rule (the one v2 rule that moves the clamp's CO2e)."""
    from lcacompare.method import load_method
    from lcacompare.method.spec import with_sections

    return with_sections(load_method("LCAC-HC/2"), load_method("LCAC-HC/1"), ["sterilisation"])
