"""Cross-checks against published studies: the CE Delft reconciliation of the Kocher clamp case, and bad input."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest
import yaml

import lcacompare
from lcacompare.compile.cross_checks import apply_step
from lcacompare.model.crosscheck import CrossCheckStep
from tests.test_bad_inputs import run_cli

SHIPPED = Path(lcacompare.__file__).resolve().parent / "data" / "cases"
KOCHER = SHIPPED / "kocher-clamp.yaml"


@pytest.fixture(scope="module")
def kocher_result(home):
    case = lcacompare.load_case(KOCHER)
    return lcacompare.analyse(case, samples=0, home=home).result


def _points(result):
    (check,) = result.cross_checks
    return check, check.points


def test_the_kocher_clamp_case_as_stated_is_outside_ce_delfts_range(kocher_result) -> None:
    check, points = _points(kocher_result)
    stated = points[0]
    assert check.read == "summary"
    assert stated.label == "the case as stated"
    assert stated.reduction > check.published.reduction_max
    assert stated.reduction_within is False
    # the point "as stated" is the case's own per-use figure at its 500 uses per item
    assert stated.kg_co2e_per_use == pytest.approx(kocher_result.option("reusable-cssd").kg_co2e_per_use, rel=1e-12)


def test_the_dutch_grid_and_a_five_instrument_set_bring_the_reduction_inside_60_to_70_percent(kocher_result) -> None:
    _, points = _points(kocher_result)
    after_set = points[2]
    assert "five-instrument set" in after_set.label
    assert 0.60 <= after_set.reduction <= 0.70
    assert after_set.reduction_within is True
    # each step lowers the reduction: the grid raises the reusable's B, the small set its wrap share
    assert points[0].reduction > points[1].reduction > points[2].reduction


def test_the_break_even_reaches_the_third_use_only_at_the_low_manufacturing_electricity(kocher_result) -> None:
    _, points = _points(kocher_result)
    assert [p.better_from_use for p in points] == [2, 2, 2, 3]
    assert [p.better_from_use_matches for p in points] == [False, False, False, True]
    for p in points:
        assert p.better_from_use == math.ceil(p.breakeven_uses)
    assert points[3].reduction_within is False  # the reduction then falls just below 60 %


def test_the_reduction_is_one_minus_the_ratio_of_per_use_figures(kocher_result) -> None:
    _, points = _points(kocher_result)
    for p in points:
        assert p.reduction == pytest.approx(1 - p.kg_co2e_per_use / p.baseline_kg_co2e_per_use, rel=1e-12)


def test_a_step_changes_a_copy_of_the_case_and_drops_the_distribution() -> None:
    case = lcacompare.load_case(KOCHER)
    step = CrossCheckStep(label="x", country="NL", parameters={"su_clamp_mass": "45 g"}, assumption="test")
    changed = apply_step(case, step)
    assert changed.context.country == "NL" and case.context.country == "BE"
    assert changed.parameters["su_clamp_mass"].value == "45 g"
    assert changed.parameters["su_clamp_mass"].distribution is None
    assert case.parameters["su_clamp_mass"].distribution is not None
    assert changed.cross_checks == [] and case.cross_checks


def test_the_report_and_the_workbook_show_the_reconciliation(tmp_path, home) -> None:
    case = lcacompare.load_case(KOCHER)
    lcacompare.run_case(case, tmp_path, samples=0, home=home, formats=["html", "xlsx"])
    html = (tmp_path / "kocher-clamp" / "report.html").read_text(encoding="utf-8")
    assert 'id="cross-checks"' in html and "Why the case keeps its own figures" in html
    assert "partusset" in html
    sheet = openpyxl.load_workbook(tmp_path / "kocher-clamp" / "report.xlsx")["Study"]
    texts = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert any(text.startswith("Cross-check: CE Delft") for text in texts)
    assert "Why the case keeps its own figures" in texts


def test_the_dutch_report_words_the_section_in_dutch(tmp_path, home) -> None:
    case = lcacompare.load_case(KOCHER)
    lcacompare.run_case(case, tmp_path, samples=0, home=home, formats=["html"], lang="nl")
    html = (tmp_path / "kocher-clamp" / "report.html").read_text(encoding="utf-8")
    assert "Gepubliceerde studies en deze casus" in html


def test_a_case_without_cross_checks_has_no_section(home) -> None:
    case = lcacompare.load_case(SHIPPED / "incontinence.yaml")
    assert "cross_checks" not in lcacompare.analyse(case, samples=0, home=home).to_dict()


def _broken_copy(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load(KOCHER.read_text(encoding="utf-8"))
    edit(data["cross_checks"][0])
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda c: c.update(option="reusable-nowhere"), "cross_checks[0].option"),
        (lambda c: c.update(baseline=c["option"]), "cross_checks[0].baseline"),
        (lambda c: c["steps"][1]["parameters"].update(no_such_parameter=3), "cross_checks[0].steps[1].parameters"),
        (lambda c: c.update(published={"at_uses_per_life": 500}), "cross_checks[0].published"),
        (lambda c: c["published"].update(reduction_min=0.9), "cross_checks[0].published"),
        (lambda c: c["published"].pop("reduction_max"), "cross_checks[0].published"),
        (lambda c: c["steps"][0].pop("source"), "cross_checks[0].steps[0]"),
        (lambda c: c["steps"][0].pop("country"), "cross_checks[0].steps[0]"),
        (lambda c: c.update(read="hearsay"), "cross_checks[0].read"),
    ],
)
def test_a_broken_cross_check_exits_2_naming_its_field(tmp_path, edit, field) -> None:
    outcome = run_cli("validate", str(_broken_copy(tmp_path, edit)))
    assert outcome.code == 2
    assert field in outcome.stderr + outcome.stdout
    assert "Traceback" not in outcome.stderr


def test_two_cross_checks_with_one_id_exit_2(tmp_path) -> None:
    data = yaml.safe_load(KOCHER.read_text(encoding="utf-8"))
    data["cross_checks"].append(dict(data["cross_checks"][0]))
    path = tmp_path / "twice.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    outcome = run_cli("validate", str(path))
    assert outcome.code == 2 and "cross_checks[1].id" in outcome.stderr + outcome.stdout


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda c: c["steps"][1]["parameters"].update(instruments_per_set=0), "cross_checks[0].steps[1]"),
        (lambda c: c["steps"][1]["parameters"].update(instruments_per_set="5 kg"), "cross_checks[0].steps[1]"),
        (lambda c: c["steps"][0].update(country="XX"), "cross_checks[0].steps[0]"),
    ],
)
def test_validate_refuses_a_step_whose_setting_does_not_compile(tmp_path, monkeypatch, edit, field) -> None:
    monkeypatch.delenv("LCACOMPARE_DATASETS", raising=False)  # the shipped datasets: the case's own
    outcome = run_cli("validate", str(_broken_copy(tmp_path, edit)))
    assert outcome.code == 2
    assert field in outcome.stderr + outcome.stdout
    assert "Traceback" not in outcome.stderr


def test_a_step_value_that_does_not_compile_exits_2_naming_the_step(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("LCACOMPARE_DATASETS", raising=False)  # the shipped datasets: the case's own
    path = _broken_copy(tmp_path, lambda c: c["steps"][1]["parameters"].update(instruments_per_set="5 kg"))
    out, cache = str(tmp_path / "out"), str(tmp_path / "h")
    outcome = run_cli("run", str(path), "--samples", "0", "--output", out, "--home", cache)
    assert outcome.code == 2
    assert "cross_checks[0].steps[1]" in outcome.stderr + outcome.stdout
    assert not (tmp_path / "out" / "kocher-clamp" / "result.json").exists()
