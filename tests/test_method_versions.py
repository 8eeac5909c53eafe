"""A case states its method version; ``--method`` / ``method=`` applies another, and the result records both."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from lcacompare import load_case
from lcacompare.data import shipped_case, shipped_case_names
from lcacompare.errors import CaseError
from lcacompare.method.spec import _FILES, known_methods, load_method
from lcacompare.run import analyse, run_case
from tests.test_award_cli import run_cli

# The digest the shipped tender pins (lcacompare/data/tenders/kocher-clamp-tender.yaml, pins.method_sha256).
V1_SHA256 = "857fe0d6480d2395731e918caf0d1e8c11daaa88020db6f0205540b9a1c469f7"


def _case(name: str = "kocher-clamp"):
    with shipped_case(name) as path:
        return load_case(path)


def test_the_version_1_spec_file_is_byte_for_byte_the_one_tenders_pin() -> None:
    assert hashlib.sha256(_FILES["LCAC-HC/1"].read_bytes()).hexdigest() == V1_SHA256
    assert load_method("LCAC-HC/1").digest == V1_SHA256


def test_a_run_under_another_version_records_the_applied_one_and_the_one_the_case_states() -> None:
    result = analyse(_case(), samples=0, method="LCAC-HC/2").result
    assert result.method == "LCAC-HC/2"
    assert result.method_spec is not None
    assert result.method_spec.id == "LCAC-HC/2"
    assert result.method_spec.sha256 == load_method("LCAC-HC/2").digest
    assert result.method_spec.case_method == "LCAC-HC/1"


def test_a_run_under_the_stated_version_adds_no_key_to_the_result() -> None:
    for method in (None, "LCAC-HC/1"):
        document = analyse(_case(), samples=0, method=method).to_dict()
        assert "case_method" not in document["method_spec"]
        assert document["method"] == "LCAC-HC/1"


def test_a_case_stating_version_2_run_under_version_1_records_version_2_as_stated() -> None:
    case = _case().model_copy(update={"method": "LCAC-HC/2"})
    assert analyse(case, samples=0).result.method_spec.to_dict().get("case_method") is None
    result = analyse(case, samples=0, method="LCAC-HC/1").result
    assert (result.method, result.method_spec.case_method) == ("LCAC-HC/1", "LCAC-HC/2")


def test_an_unknown_method_id_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(CaseError) as caught:
        analyse(_case(), samples=0, method="LCAC-HC/9")
    assert caught.value.rules == ["method-unknown"]
    assert all(known in str(caught.value) for known in known_methods())


def test_run_case_writes_the_result_under_the_version_asked_for(tmp_path: Path) -> None:
    run_case(_case(), tmp_path, formats=["json"], samples=0, method="LCAC-HC/2")
    document = json.loads((tmp_path / "kocher-clamp" / "result.json").read_text(encoding="utf-8"))
    assert document["method"] == "LCAC-HC/2"
    assert document["method_spec"]["case_method"] == "LCAC-HC/1"


def test_cli_run_with_method_prints_the_applied_version(tmp_path: Path) -> None:
    outcome = run_cli(
        "run",
        "kocher-clamp",
        "--method",
        "LCAC-HC/2",
        "--samples",
        "0",
        "--report",
        "json",
        "-o",
        str(tmp_path),
        "-f",
        "json",
    )
    assert outcome.code == 0, outcome.stderr
    document = json.loads(outcome.stdout)
    assert (document["method"], document["method_spec"]["case_method"]) == ("LCAC-HC/2", "LCAC-HC/1")


@pytest.mark.parametrize("command", ["run", "validate"])
def test_cli_unknown_method_exits_2_naming_the_known_versions(command: str, tmp_path: Path) -> None:
    extra = ["--samples", "0", "-o", str(tmp_path)] if command == "run" else []
    outcome = run_cli(command, "kocher-clamp", "--method", "LCAC-HC/9", *extra)
    assert outcome.code == 2
    assert "LCAC-HC/1" in outcome.stderr and "LCAC-HC/2" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert not (tmp_path / "kocher-clamp").exists()


def test_cli_validate_under_another_version_says_which() -> None:
    outcome = run_cli("validate", "kocher-clamp", "--method", "LCAC-HC/2")
    assert outcome.code == 0, outcome.stderr
    assert "valid under LCAC-HC/2" in outcome.stdout and "LCAC-HC/1" in outcome.stdout


def test_cli_list_methods_shows_every_version_with_its_digest() -> None:
    outcome = run_cli("list", "--methods")
    assert outcome.code == 0
    for method_id in known_methods():
        assert method_id in outcome.stdout
        assert load_method(method_id).digest in outcome.stdout


def test_the_shipped_tender_pinned_to_version_1_still_runs(tmp_path: Path) -> None:
    outcome = run_cli("award", "kocher-clamp-tender", "--output", str(tmp_path))
    assert outcome.code == 0, outcome.stderr
    document = json.loads(next(tmp_path.rglob("award.json")).read_text(encoding="utf-8"))
    assert V1_SHA256 in json.dumps(document)


@pytest.mark.parametrize("method", ["LCAC-HC/1", "LCAC-HC/2"])
@pytest.mark.parametrize("name", shipped_case_names())
def test_every_shipped_case_runs_under_both_versions(name: str, method: str) -> None:
    result = analyse(_case(name), samples=0, method=method).result
    assert result.method == method
    assert all(option.kg_co2e_per_use == option.kg_co2e_per_use for option in result.options)  # no NaN


def test_a_shipped_case_runs_under_version_2_with_uncertainty() -> None:
    result = analyse(_case("kocher-clamp"), samples=1000, sensitivity=False, method="LCAC-HC/2").result
    assert result.method == "LCAC-HC/2"
    assert result.uncertainty is not None
