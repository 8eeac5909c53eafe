"""ISO 14044:2006 5.2 and 5.3 reporting under LCAC-HC/2, the case's study: block and the review warning."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from lcacompare import analyse, load_case
from lcacompare.data import shipped_case, shipped_case_names
from lcacompare.errors import CaseError
from lcacompare.model.study import Study
from lcacompare.report.html import render_html, render_summary_html
from lcacompare.report.xlsx import render_xlsx

DATA = Path(__file__).resolve().parent / "data"

# Hand-written from ISO 14044:2006 5.2 a-g and 5.3 as the brief of issue 23 paraphrases them.
EXPECTED_IDS = [
    "5.2.a.commissioner",
    "5.2.a.practitioner",
    "5.2.a.report_date",
    "5.2.a.iso_statement",
    "5.2.b.reasons",
    "5.2.b.intended_applications",
    "5.2.b.target_audiences",
    "5.2.b.public_comparative_assertion",
    "5.2.c.function",
    "5.2.c.functional_unit",
    "5.2.c.system_boundary",
    "5.2.c.omissions",
    "5.2.c.energy_and_material",
    "5.2.c.cut_off",
    "5.2.c.allocation",
    "5.2.c.data_quality_requirements",
    "5.2.c.software_and_data",
    "5.2.d.data_collection",
    "5.2.d.unit_processes",
    "5.2.d.literature",
    "5.2.d.calculation",
    "5.2.d.validation",
    "5.2.d.sensitivity_boundary",
    "5.2.d.allocation",
    "5.2.e.procedures",
    "5.2.e.results",
    "5.2.e.limitations",
    "5.2.e.lci_relation",
    "5.2.e.value_choices",
    "5.2.e.category_indicators",
    "5.2.f.results",
    "5.2.f.assumptions_and_limitations",
    "5.2.f.data_quality_assessment",
    "5.2.f.value_choices",
    "5.2.g.reviewers",
    "5.2.g.review_report",
    "5.2.g.responses",
    "5.3.flows",
    "5.3.data_precision",
    "5.3.equivalence",
    "5.3.review_process",
    "5.3.lcia_completeness",
    "5.3.indicator_acceptance",
    "5.3.indicator_validity",
    "5.3.uncertainty_and_sensitivity",
    "5.3.significance",
]

FULL_STUDY: dict[str, Any] = {
    "commissioner": "Purchasing group Noord (test)",
    "practitioner": "A. Practitioner, Example LCA bureau (test)",
    "report_date": "2026-03-01",
    "reasons": "choose between single-use and reusable clamps in the next tender",
    "intended_application": "award criterion of the 2026 instrument tender",
    "intended_audience": "the tender team",
    "public_comparative_assertion": True,
    "reason_public_comparative_assertion": "the hospital will publish the comparison",
    "critical_review": {
        "status": "panel",
        "reviewers": [
            {"name": "R. Chair", "affiliation": "University X"},
            {"name": "S. Member", "affiliation": "NGO Y"},
            {"name": "T. Member", "affiliation": "Hospital Z"},
        ],
        "report": "https://example.org/review-2026.pdf",
        "responses": "all recommendations taken up, see annex B",
        "process": "accompanying review, three rounds",
    },
}


def _v2(case: Any, study: dict[str, Any] | None = None) -> Any:
    update: dict[str, Any] = {"method": "LCAC-HC/2"}
    if study is not None:
        update["study"] = Study.model_validate(study)
    return case.model_copy(update=update)


def _items(result: Any) -> dict[str, Any]:
    return {item.id: item for item in result.iso_reporting.items}


@pytest.fixture(scope="module")
def clamp() -> Any:
    return load_case(DATA / "clamp.yaml")


def _run(case: Any, test_datasets: Any, samples: int = 0, **options: Any) -> Any:
    return analyse(case, samples=samples, datasets=test_datasets, **options).result


@pytest.mark.parametrize("name", shipped_case_names())
def test_every_iso_item_is_present_for_every_shipped_case_under_v2_with_text_or_what_would_provide_it(
    name: str,
) -> None:
    with shipped_case(name) as path:
        case = load_case(path)
    section = analyse(_v2(case), samples=0).result.iso_reporting
    assert section is not None
    assert [item.id for item in section.items] == EXPECTED_IDS
    for item in section.items:
        if item.status == "provided":
            assert item.text and item.provide is None, item.id
        else:
            assert item.status == "not provided" and item.provide and item.text is None, item.id
    assert section.provided + section.not_provided == len(EXPECTED_IDS)
    assert section.provided == sum(1 for item in section.items if item.status == "provided")


def test_the_kocher_clamp_states_only_what_is_known_and_flags_commissioner_and_review() -> None:
    with shipped_case("kocher-clamp") as path:
        case = load_case(path)
    items = _items(analyse(_v2(case), samples=0).result)
    for flagged in ("5.2.a.commissioner", "5.2.a.report_date", "5.2.g.reviewers", "5.2.g.review_report"):
        assert items[flagged].status == "not provided"
        assert "study" in items[flagged].provide
    assert items["5.2.a.practitioner"].status == "provided"
    assert items["5.2.b.public_comparative_assertion"].text.startswith("The results are not intended")


def test_a_full_study_block_provides_every_general_and_critical_review_item(clamp: Any, test_datasets: Any) -> None:
    items = _items(_run(_v2(clamp, FULL_STUDY), test_datasets))
    for item_id in EXPECTED_IDS:
        if item_id.startswith(("5.2.a.", "5.2.g.")):
            assert items[item_id].status == "provided", item_id
    assert items["5.2.a.commissioner"].text == "Purchasing group Noord (test)"
    assert items["5.2.a.report_date"].text == "2026-03-01"
    assert "R. Chair (University X)" in items["5.2.g.reviewers"].text
    assert items["5.3.review_process"].status == "provided"


def test_without_a_study_block_the_people_items_are_not_provided_and_say_which_field(
    clamp: Any, test_datasets: Any
) -> None:
    items = _items(_run(_v2(clamp), test_datasets))
    assert items["5.2.a.commissioner"].status == "not provided"
    assert "study.commissioner" in items["5.2.a.commissioner"].provide
    # No samples: the uncertainty-based 5.3 items wait for a run with samples.
    assert items["5.3.significance"].status == "not provided"
    assert "--samples" in items["5.3.significance"].provide


def test_the_transparency_texts_are_reused_verbatim_where_they_answer_an_item(clamp: Any, test_datasets: Any) -> None:
    result = _run(_v2(clamp), test_datasets)
    items = _items(result)
    assert items["5.2.c.cut_off"].text == result.transparency.cut_off
    assert items["5.2.c.allocation"].text == result.transparency.allocation
    assert items["5.2.f.results"].text == result.transparency.interpretation


def test_significance_lists_each_paired_difference_when_the_run_samples(clamp: Any, test_datasets: Any) -> None:
    result = _run(_v2(clamp), test_datasets, samples=200, sensitivity=False)
    text = _items(result)["5.3.significance"].text
    for key in result.uncertainty.differences:
        assert key in text


@pytest.mark.parametrize("status", [None, "none", "internal", "external"])
def test_a_public_comparative_claim_without_a_panel_review_is_flagged_on_the_first_page(
    clamp: Any, test_datasets: Any, status: str | None
) -> None:
    study: dict[str, Any] = {"public_comparative_assertion": True}
    if status is not None:
        study["critical_review"] = {"status": status}
    result = _run(_v2(clamp, study), test_datasets)
    assert result.iso_reporting.review_missing is True
    for lang in ("en", "nl"):
        page = render_summary_html(result, lang=lang)
        assert 'class="review-warning"' in page
        report = render_html(result, lang=lang)
        first_page = report[report.index('id="summary"') : report.index('class="verdict-heading"')]
        assert "review-warning" in first_page
    assert render_summary_html(result, lang="nl") != render_summary_html(result, lang="en")


def test_a_panel_review_or_no_public_claim_gives_no_warning(clamp: Any, test_datasets: Any) -> None:
    panel = _run(_v2(clamp, FULL_STUDY), test_datasets)
    internal = _run(_v2(clamp, {"public_comparative_assertion": False}), test_datasets)
    for result in (panel, internal):
        assert result.iso_reporting.review_missing is False
        assert 'class="review-warning"' not in render_html(result)


def test_the_html_appendix_and_the_excel_sheet_list_every_item(clamp: Any, test_datasets: Any) -> None:
    from openpyxl import load_workbook

    result = _run(_v2(clamp), test_datasets)
    html = render_html(result)
    for item_id in EXPECTED_IDS:
        assert f'id="iso-{item_id}"' in html
    assert html.count("What would provide it:") == result.iso_reporting.not_provided
    workbook = load_workbook(io.BytesIO(render_xlsx(result, lang="nl")))
    sheet = workbook["ISO 14044"]
    ids = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == EXPECTED_IDS
    titles = {row[2]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles["5.2.a.commissioner"] == "Opdrachtgever van de studie"


def test_v1_has_no_iso_reporting_key_even_with_a_study_block(clamp: Any, test_datasets: Any) -> None:
    result = _run(clamp.model_copy(update={"study": Study.model_validate(FULL_STUDY)}), test_datasets)
    assert result.iso_reporting is None
    document = json.loads(result.to_json())
    assert "iso_reporting" not in document
    assert "ISO 14044 reporting items" not in render_html(result)
    assert "ISO 14044" not in _sheet_names(render_xlsx(result))


def _sheet_names(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data)).sheetnames


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", *args], capture_output=True, text=True, timeout=300, env=env
    )


def _case_file(tmp_path: Path, study: Any, method: str = "LCAC-HC/2") -> Path:
    data = yaml.safe_load((DATA / "clamp.yaml").read_text(encoding="utf-8"))
    data["method"] = method
    data["study"] = study
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("study", "field", "rule"),
    [
        ({"critical_review": {"status": "maybe"}}, "study.critical_review.status", "allowed-value"),
        ({"public_comparative_assertion": "perhaps"}, "study.public_comparative_assertion", "type"),
        ({"report_date": "last spring"}, "study.report_date", "type"),
        ({"comissioner": "typo"}, "study.comissioner", "unknown-key"),
        (
            {"critical_review": {"status": "none", "reviewers": [{"name": "A"}]}},
            "study.critical_review",
            "study-review-consistent",
        ),
        (
            {"critical_review": {"status": "panel", "reviewers": [{"affiliation": "X"}]}},
            "study.critical_review.reviewers[0].name",
            "missing",
        ),
    ],
)
def test_bad_study_fields_exit_2_naming_the_field(tmp_path: Path, study: dict[str, Any], field: str, rule: str) -> None:
    path = _case_file(tmp_path, study)
    done = _cli("validate", str(path), "--datasets", str(DATA / "datasets"))
    assert done.returncode == 2, done.stdout + done.stderr
    assert field in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(CaseError) as caught:
        load_case(path)
    assert caught.value.rules == [rule]


def test_the_terminal_summary_warns_of_a_public_claim_without_a_panel_review(tmp_path: Path) -> None:
    path = _case_file(tmp_path, {"public_comparative_assertion": True})
    done = _cli(
        "run",
        str(path),
        "--samples",
        "0",
        "--output",
        str(tmp_path / "out"),
        "--report",
        "json",
        "--datasets",
        str(DATA / "datasets"),
    )
    assert done.returncode == 0, done.stderr
    assert "panel of interested parties" in done.stdout


def test_the_init_template_carries_a_commented_study_block() -> None:
    from lcacompare.data import case_template

    text = case_template()
    assert "# study:" in text and "public_comparative_assertion" in text
    assert "\nstudy:" not in text
