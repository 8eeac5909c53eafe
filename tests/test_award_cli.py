"""``lcacompare award``: the shipped tender runs; bad tenders and other versions exit 2, nothing written."""

from __future__ import annotations

import copy
import json
import os
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from tests.test_bad_inputs import Outcome
from tests.test_bad_inputs import run_cli as shared_run_cli

SHIPPED_TEXT = files("lcacompare.data").joinpath("tenders", "kocher-clamp-tender.yaml").read_text("utf-8")
SHIPPED = yaml.safe_load(SHIPPED_TEXT)


def run_cli(*args: str) -> Outcome:
    """The shared in-process CLI runner, with LCACOMPARE_DEBUG=1 so an unexpected exception fails the test."""
    saved = os.environ.get("LCACOMPARE_DEBUG")
    os.environ["LCACOMPARE_DEBUG"] = "1"
    try:
        return shared_run_cli(*args)
    finally:
        if saved is None:
            os.environ.pop("LCACOMPARE_DEBUG", None)
        else:
            os.environ["LCACOMPARE_DEBUG"] = saved


def _write(tmp_path: Path, data: dict, samples: int = 100) -> Path:
    data = copy.deepcopy(data)
    data.setdefault("robustness", {})["samples"] = samples
    data["robustness"]["grid"] = 5
    path = tmp_path / "tender.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _changed(change) -> dict:
    data = copy.deepcopy(SHIPPED)
    change(data)
    return data


def test_the_shipped_tender_runs_and_writes_the_three_award_files(tmp_path: Path) -> None:
    out = tmp_path / "award"
    outcome = run_cli("award", "kocher-clamp-tender", "--output", str(out))
    assert outcome.code == 0, outcome.stderr
    assert sorted(p.name for p in out.iterdir()) == ["award.html", "award.json", "award.xlsx"]
    document = json.loads((out / "award.json").read_text("utf-8"))
    assert document["schema"] == "lcacompare.tender/1"
    assert {b["id"] for b in document["bids"]} == {"single-use", "in-house-reprocessed", "external-rental"}
    assert sum(b["probability_of_winning"] for b in document["bids"]) == pytest.approx(1.0)
    assert document["winner"][0] in outcome.stdout
    html = (out / "award.html").read_text("utf-8")
    for part in ("<svg", "Directive 2014/24/EU", "LCAC-HC/1", "degressive", document["robustness"]["statement"][:30]):
        assert part in html


def test_the_dutch_report_carries_the_dutch_justification(tmp_path: Path) -> None:
    outcome = run_cli("award", "kocher-clamp-tender", "--lang", "nl", "--output", str(tmp_path))
    assert outcome.code == 0, outcome.stderr
    html = (tmp_path / "award.html").read_text("utf-8")
    assert 'lang="nl"' in html and "wordt gegund aan" in html and "Wet inzake overheidsopdrachten" in html


def test_the_award_workbook_writes_each_formula_beside_its_value_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert run_cli("award", "kocher-clamp-tender", "--output", str(tmp_path)).code == 0
    sheet = load_workbook(tmp_path / "award.xlsx")["Bids"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["bid", "supplier", "rank"]
    assert sheet.max_row == 4  # one row per bid
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
        formula = row[header.index("NPV costs, EUR") + 1].value
        assert " x " in formula and not formula.startswith("=")


BAD = {
    "weights-not-100": (lambda d: d["criteria"][0].update(weight=50), "criteria[].weight"),
    "criterion-without-scoring-rule": (lambda d: d["criteria"][1].pop("scoring"), "criteria[1]"),
    "missing-declaration": (
        lambda d: d["bids"][1]["declared"].pop("kg_co2e_per_use"),
        "bids[1].declared.kg_co2e_per_use",
    ),
    "quality-outside-scale": (lambda d: d["bids"][0]["quality"].update(service=11), "bids[0].quality.service"),
    "duplicate-bid-ids": (lambda d: d["bids"][2].update(id="single-use"), "bids[2].id"),
    "carbon-price-without-year": (
        lambda d: d.update(carbon_price={"eur_per_tonne": 100, "source": "own estimate"}),
        "carbon_price",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_tender_exits_2_naming_the_field_and_writes_nothing(tmp_path: Path, name: str) -> None:
    change, field = BAD[name]
    path = _write(tmp_path, _changed(change))
    out = tmp_path / "out"
    outcome = run_cli("award", str(path), "--output", str(out))
    assert outcome.code == 2, outcome.stderr
    assert field in outcome.stderr and "tender.yaml" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert not out.exists()


def test_a_carbon_price_without_year_and_price_level_names_both(tmp_path: Path) -> None:
    data = _changed(lambda d: d.update(carbon_price={"eur_per_tonne": 100, "source": "own estimate"}))
    outcome = run_cli("award", str(_write(tmp_path, data)), "--output", str(tmp_path / "out"))
    assert outcome.code == 2
    assert "year" in outcome.stderr and "price_level" in outcome.stderr


def test_a_user_carbon_price_with_its_basis_is_used_and_reported(tmp_path: Path) -> None:
    price = {"name": "own", "eur_per_tonne": 200, "year": 2025, "price_level": 2025, "source": "board decision"}
    data = _changed(lambda d: d.update(carbon_price=price))
    assert run_cli("award", str(_write(tmp_path, data)), "--output", str(tmp_path / "out")).code == 0
    document = json.loads((tmp_path / "out" / "award.json").read_text("utf-8"))
    assert document["carbon_price"]["eur_per_tonne"] == 200 and document["carbon_price"]["seen"] == "user-supplied"


def test_a_tender_pinned_to_other_datasets_refuses_without_allow_upgrade(tmp_path: Path) -> None:
    data = _changed(lambda d: d["pins"].update(datasets_sha256="0" * 64, ranking=["single-use", "external-rental"]))
    path = _write(tmp_path, data)
    refused = run_cli("award", str(path), "--output", str(tmp_path / "out"))
    assert refused.code == 2
    assert "pins.datasets_sha256" in refused.stderr and "--allow-upgrade" in refused.stderr
    assert not (tmp_path / "out").exists()
    upgraded = run_cli("award", str(path), "--allow-upgrade", "--output", str(tmp_path / "out"))
    assert upgraded.code == 0, upgraded.stderr
    assert "pinned ranking single-use > external-rental" in upgraded.stdout
    assert "this run in-house-reprocessed" in upgraded.stdout
    document = json.loads((tmp_path / "out" / "award.json").read_text("utf-8"))
    assert document["versions"]["differ"] == ["datasets_sha256"]


def test_the_shipped_tender_pins_the_versions_of_this_checkout() -> None:
    from lcacompare.tender import award, load_tender

    result = award(load_tender("kocher-clamp-tender"))
    assert result.versions.differ == []


def test_schema_tender_prints_the_tender_json_schema() -> None:
    outcome = run_cli("schema", "--tender")
    assert outcome.code == 0
    schema = json.loads(outcome.stdout)
    assert {"bids", "criteria", "pins", "carbon_price"} <= set(schema["properties"])


def test_award_stays_the_public_function_after_the_tender_package_loads() -> None:
    import lcacompare
    import lcacompare.tender.tender  # binds lcacompare.tender, which must not shadow lcacompare.award
    from lcacompare import AwardResult, award, load_tender

    tender = load_tender("kocher-clamp-tender")
    tender.robustness.samples = 0
    result = award(tender)
    assert isinstance(result, AwardResult)
    assert lcacompare.award is award
    assert callable(lcacompare.award) and award.__module__ == "lcacompare.tender.decide"


def test_a_bid_may_name_a_case_file_relative_to_the_tender(tmp_path: Path) -> None:
    from lcacompare.data import shipped_case

    with shipped_case("kocher-clamp") as case:
        (tmp_path / "my-clamps.yaml").write_text(case.read_text("utf-8"), encoding="utf-8")
    data = _changed(lambda d: d["bids"][0].update(case="my-clamps.yaml"))
    outcome = run_cli("award", str(_write(tmp_path, data)), "--output", str(tmp_path / "out"))
    assert outcome.code == 0, outcome.stderr
    document = json.loads((tmp_path / "out" / "award.json").read_text("utf-8"))
    assert document["bids"][0]["case"] == "kocher-clamp"


def test_a_bid_naming_an_option_its_case_lacks_exits_2_naming_the_field(tmp_path: Path) -> None:
    data = _changed(lambda d: d["bids"][1].update(option="no-such-option"))
    outcome = run_cli("award", str(_write(tmp_path, data)), "--output", str(tmp_path / "out"))
    assert outcome.code == 2
    assert "bids[1].option" in outcome.stderr and "reusable-cssd" in outcome.stderr


def test_a_bid_price_in_a_wrong_unit_is_named_at_the_bid_in_the_tender(tmp_path: Path) -> None:
    data = _changed(lambda d: d["bids"][0]["price"].update(amount="0.90 kg"))
    path = _write(tmp_path, data)
    outcome = run_cli("award", str(path), "--output", str(tmp_path / "out"))
    assert outcome.code == 2, outcome.stderr
    assert f"{path}" in outcome.stderr and "bids[0].price.amount" in outcome.stderr
    assert "lcacompare/data/cases" not in outcome.stderr
    assert not (tmp_path / "out").exists()


def test_a_bid_naming_no_case_is_named_at_the_bid(tmp_path: Path) -> None:
    data = _changed(lambda d: d["bids"][0].update(case="no-such-case"))
    path = _write(tmp_path, data)
    outcome = run_cli("award", str(path), "--output", str(tmp_path / "out"))
    assert outcome.code == 2, outcome.stderr
    assert "bids[0].case" in outcome.stderr and "no-such-case" in outcome.stderr
