"""PEF data quality (LCAC-HC/2 ``pef_data_quality``): DQR arithmetic, pedigree mapping, roll-up, warning, penalty."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from lcacompare import load_case
from lcacompare.data import shipped_case
from lcacompare.method import load_method
from lcacompare.model.quality import StatedDqr
from lcacompare.quality import Criteria, dqr, from_pedigree, level_of, most_relevant, penalised, weighted_dqr, worst
from lcacompare.run import analyse

DATA = Path(__file__).resolve().parent / "data" / "pef_dqr"
SECTION = load_method("LCAC-HC/2").section("pef_data_quality")


def _case_with(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    document = yaml.safe_load((DATA / "two-lines.yaml").read_text())
    edit(document)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def two_lines(home):
    return analyse(load_case(DATA / "two-lines.yaml"), samples=0, home=home).result


@pytest.fixture(scope="module")
def clamp_v1(home):
    with shipped_case("kocher-clamp") as path:
        case = load_case(path)
    return analyse(case, samples=0, home=home).result


@pytest.fixture(scope="module")
def clamp_v2(home):
    with shipped_case("kocher-clamp") as path:
        case = load_case(path)
    return analyse(case.model_copy(update={"method": "LCAC-HC/2"}), samples=0, home=home).result


# -- arithmetic ---------------------------------------------------------------------------------
def test_dqr_is_the_plain_mean_of_the_four_criteria():
    assert dqr(Criteria(ter=2, ger=3, tir=2, p=2)) == 2.25
    assert dqr(Criteria(1, 1, 1, 1)) == 1.0
    assert dqr(Criteria(5, 4, 3, 5)) == 4.25


def test_quality_levels_follow_the_spec_bounds_inclusive():
    levels = SECTION["levels"]
    assert [level_of(x, levels) for x in (1.0, 1.5, 1.51, 2.0, 2.25, 3.0, 3.01, 4.0, 4.25)] == [
        "excellent",
        "excellent",
        "very good",
        "very good",
        "good",
        "good",
        "fair",
        "fair",
        "poor",
    ]


def test_pedigree_maps_technological_geographical_temporal_and_reliability():
    # pedigree order: reliability, completeness, temporal, geographical, technological
    assert from_pedigree([4, 3, 2, 5, 1]) == Criteria(ter=1, ger=5, tir=2, p=4)


def test_completeness_does_not_move_the_dqr():
    assert from_pedigree([3, 1, 2, 2, 2]) == from_pedigree([3, 5, 2, 2, 2])


def test_an_input_without_pedigree_counts_five_on_every_criterion():
    assert from_pedigree(None) == Criteria(5, 5, 5, 5)


def test_worst_takes_the_highest_score_per_criterion():
    assert worst(Criteria(1, 4, 2, 2), Criteria(3, 1, 2, 5)) == Criteria(3, 4, 2, 5)


def test_unverified_penalty_adds_to_precision_and_stops_at_five():
    assert penalised(Criteria(2, 2, 2, 3), 1) == Criteria(2, 2, 2, 4)
    assert penalised(Criteria(2, 2, 2, 5), 1).p == 5


# -- roll-up ------------------------------------------------------------------------------------
def test_weighted_dqr_weighs_by_absolute_contribution():
    # 0.30 kg (DQR 2.25) and a credit of -0.10 kg (DQR 4.0): weights 0.75 and 0.25
    assert weighted_dqr([0.30, -0.10], [2.25, 4.0]) == pytest.approx(0.75 * 2.25 + 0.25 * 4.0)


def test_weighted_dqr_is_none_without_any_co2e():
    assert weighted_dqr([0.0, 0.0], [2.0, 3.0]) is None


def test_most_relevant_takes_the_largest_lines_until_eighty_percent():
    assert most_relevant([0.05, 0.60, 0.25, 0.10], 0.80) == [1, 2]  # 60 %, then 85 %
    assert most_relevant([0.5, 0.3, 0.2], 0.80) == [0, 1]  # exactly 80 % is enough
    assert most_relevant([0.75, 0.25], 0.80) == [0, 1]  # 75 % is not


def test_option_dqr_of_the_hand_worked_two_line_case(two_lines):
    first = two_lines.data_quality.options["first"]
    # line 0: stated 2, 3, 2, 2 -> 2.25; line 1: pedigree [5, 1, 3, 4, 4] -> TeR 4, GeR 4, TiR 3, P 5 -> 4.0
    # weights 0.30 / 0.40 and 0.10 / 0.40: 0.75 x 2.25 + 0.25 x 4.0 = 2.6875 (good)
    assert first.dqr == pytest.approx(2.6875)
    assert first.level == "good"
    rows = {row.index: row for row in first.inputs}
    assert (rows[0].basis, rows[0].dqr) == ("stated", 2.25)
    assert (rows[1].TeR, rows[1].GeR, rows[1].TiR, rows[1].P, rows[1].basis) == (4, 4, 3, 5, "mapped")
    assert [row.index for row in first.inputs] == [0, 1]  # largest share first
    assert first.inputs[0].share == pytest.approx(0.75)


def test_most_relevant_line_above_the_required_dqr_gives_a_warning_not_a_refusal(two_lines):
    first = two_lines.data_quality.options["first"]
    # 75 % is short of 80 %, so the 0.10 kg line is most relevant too, and its DQR 4.0 > 3.0
    assert all(row.most_relevant for row in first.inputs)
    assert first.short_of_requirement == [1] and not first.meets_requirement
    assert len(two_lines.data_quality.warnings) == 1
    assert (
        "'first'" in two_lines.data_quality.warnings[0] and "line 2" in two_lines.data_quality.warnings[0]
    )  # the second line, numbered from 1
    assert two_lines.data_quality.options["second"].meets_requirement
    assert two_lines.option("first").kg_co2e_per_use == pytest.approx(0.40)  # the result is still there


def test_a_line_without_its_own_score_takes_the_worst_of_its_parameters(tmp_path, home):
    def edit(doc):
        doc["parameters"] = {
            "good": {"value": 1, "assumption": "test", "dqr": {"TeR": 1, "GeR": 1, "TiR": 1, "P": 1}},
            "weak": {"value": 1, "assumption": "test", "pedigree": [4, 1, 1, 1, 3]},
        }
        line = doc["options"][0]["inventory"][0]
        del line["dqr"]
        line["amount"] = "good * weak"

    result = analyse(load_case(_case_with(tmp_path, edit)), samples=0, home=home).result
    row = next(r for r in result.data_quality.options["first"].inputs if r.index == 0)
    assert (row.TeR, row.GeR, row.TiR, row.P) == (3, 1, 1, 4)
    assert row.scored_from == ["parameters.good", "parameters.weak"]


def test_a_line_on_a_dataset_row_takes_the_worse_of_the_line_and_the_row(clamp_v2):
    from lcacompare.datasets import load_datasets

    factor = load_datasets().factor("stainless-steel-average", "GLO")
    assert factor is not None
    expected = worst(from_pedigree([2, 3, 2, 3, 3]), from_pedigree(list(factor.provenance.pedigree)))
    row = next(r for r in clamp_v2.data_quality.options["single-use"].inputs if r.index == 0)
    assert row.scored_from == ["options[single-use].inventory[0]", "datasets stainless-steel-average|GLO"]
    assert (row.TeR, row.GeR, row.TiR, row.P) == (expected.ter, expected.ger, expected.tir, expected.p)


# -- unverified data ----------------------------------------------------------------------------
def _unverified(doc, switch: bool) -> None:
    doc["options"][0]["inventory"][0]["dqr"] = {"TeR": 2, "GeR": 2, "TiR": 2, "P": 3, "verified": False}
    if switch:
        doc["context"]["pef_data_quality"] = {"unverified_penalty": True}


def test_unverified_penalty_is_off_by_default(tmp_path, home):
    result = analyse(load_case(_case_with(tmp_path, lambda d: _unverified(d, False))), samples=0, home=home).result
    row = next(r for r in result.data_quality.options["first"].inputs if r.index == 0)
    assert (row.P, row.unverified, row.penalised, result.data_quality.unverified_penalty) == (3, True, False, False)


def test_unverified_penalty_raises_precision_when_the_case_switches_it_on(tmp_path, home):
    result = analyse(load_case(_case_with(tmp_path, lambda d: _unverified(d, True))), samples=0, home=home).result
    row = next(r for r in result.data_quality.options["first"].inputs if r.index == 0)
    assert (row.P, row.dqr, row.penalised) == (4, 2.5, True)
    assert result.data_quality.unverified_penalty
    assert result.context.pef_data_quality == {"unverified_penalty": True}


def test_a_supplier_declaration_not_verified_counts_as_unverified(tmp_path, home):
    def edit(doc):
        line = doc["options"][0]["inventory"][0]
        line["source"] = "supplier declaration: Acme, 2025-01-01, contact x <x@y.z>; evidence: EPD; not verified"
        doc["context"]["pef_data_quality"] = {"unverified_penalty": True}

    result = analyse(load_case(_case_with(tmp_path, edit)), samples=0, home=home).result
    row = next(r for r in result.data_quality.options["first"].inputs if r.index == 0)
    assert (row.unverified, row.P) == (True, 3)  # stated P 2 + 1


def test_stated_criteria_come_all_four_or_none():
    with pytest.raises(ValidationError) as caught:
        StatedDqr.model_validate({"TeR": 2, "GeR": 3})
    assert caught.value.errors()[0]["type"] == "pef-dqr-criteria"
    assert StatedDqr.model_validate({"verified": False}).stated is None


# -- versions and outputs -----------------------------------------------------------------------
def test_version_one_result_has_no_data_quality_section(clamp_v1):
    document = clamp_v1.to_dict()
    assert "data_quality" not in document
    assert "pef_data_quality" not in document["context"]


def test_version_two_result_of_kocher_clamp_has_the_section(clamp_v2, clamp_v1):
    section = clamp_v2.to_dict()["data_quality"]
    assert list(section["options"]) == ["single-use", "reusable-cssd", "reusable-external"]
    for option in section["options"].values():
        assert 1.0 <= option["dqr"] <= 5.0
        assert option["inputs"] and sum(row["share"] for row in option["inputs"]) == pytest.approx(1.0)
    # the data-quality rule moves no figure: v2 without its sterilisation rule (which moves B) equals v1
    with shipped_case("kocher-clamp") as path:
        case = load_case(path)
    same = analyse(case, samples=0, method=_v2_without_sterilisation()).result
    assert same.data_quality is not None
    assert [o.kg_co2e_per_use for o in same.options] == [o.kg_co2e_per_use for o in clamp_v1.options]


def test_reports_show_the_data_quality_table_in_both_languages(clamp_v2):
    import openpyxl

    from lcacompare.report.html import render_html
    from lcacompare.report.xlsx import render_xlsx

    assert 'id="data-quality"' in render_html(clamp_v2) and 'id="dqr-single-use"' in render_html(clamp_v2)
    assert "Datakwaliteit (PEF DQR)" in render_html(clamp_v2, lang="nl")
    assert "Data quality" in openpyxl.load_workbook(io.BytesIO(render_xlsx(clamp_v2))).sheetnames


def test_terminal_summary_has_the_dqr_line_and_the_warning(two_lines, capsys):
    from lcacompare.cli import _print_summary

    _print_summary(two_lines)
    out = capsys.readouterr().out
    assert "PEF DQR" in out and "first 2.69" in out
    assert "line 2 (C published" in out  # the second inventory line, numbered from 1 (its index is 1)


def _v2_without_sterilisation():
    """LCAC-HC/2 without its sterilisation-by-load rule (the one v2 rule that moves the clamp's CO2e)."""
    from lcacompare.method import load_method
    from lcacompare.method.spec import with_sections

    return with_sections(load_method("LCAC-HC/2"), load_method("LCAC-HC/1"), ["sterilisation"])


def test_the_mapping_applied_is_the_one_the_method_spec_states():
    from lcacompare.method import load_method
    from lcacompare.quality.pef import PEDIGREE_MAPPING

    section = load_method("LCAC-HC/2").section("pef_data_quality")
    assert dict(section["pedigree_mapping"]) == dict(PEDIGREE_MAPPING)
    swapped = {"TeR": "geographical", "GeR": "technological", "TiR": "temporal", "P": "reliability"}
    assert from_pedigree([4, 3, 2, 5, 1], swapped) == Criteria(ter=5, ger=1, tir=2, p=4)
