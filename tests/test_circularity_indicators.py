"""The circularity indicators of LCAC-HC/2, each on a hand-worked case, on the shipped cases and in a portfolio.

Hand-worked values of ``tests/data/circular_small.yaml`` (annual uses 1000):

- ``gown`` (single-use): 0.2 kg polypropylene (virgin fraction 0.75, fossil) and 0.05 kg paper
  (virgin, bio-based, renewable) per use; 0.2 kg incinerated, 0.05 kg recycled per use.
  Material 0.25 kg; non-renewable virgin 0.2 x 0.75 = 0.15 kg; bio-based 0.05 / 0.25 = 20 %;
  recycled content 0.2 x 0.25 / 0.25 = 20 %; reusable or recyclable 0.05 / 0.25 = 20 %.
- ``linen`` (reusable, N = 50, l = 0, E = 50, fleet of 100 items): 0.5 kg cotton per life, so
  0.01 kg per use, incinerated at end of life (0.01 kg per use). Non-renewable virgin 0; bio-based
  100 %; recycled 0 %; back in service 0.01 x (50 - 1) = 0.49 kg, leaving 0.5 kg, share 98 %;
  1000 / 100 = 10 uses per item a year, service life 50 / 10 = 5 years.
- ``tray`` (reusable, N = 2, l = 0.5, E = (1 - 0.25) / 0.5 = 1.5, stock 10 items): 1 kg steel per
  life (virgin fraction 0.5), recycled at end of life: 1 / 1.5 kg per use each. Non-renewable
  virgin 1 / 3 kg; recycled content 50 %; back in service (2/3) x 0.5 = 1/3 kg, leaving 1 kg of
  which all is reused or recycled (100 %); 1000 / 10 = 100 uses per item a year, 2 / 100 = 0.02 years.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from portfolio_helpers import hand_table

from lcacompare import load_case
from lcacompare.circular.indicators import circularity, material_flows
from lcacompare.circular.properties import CircularData, load_circular_data
from lcacompare.compile import compile_case
from lcacompare.data import shipped_case
from lcacompare.datasets import datasets_dir, load_datasets
from lcacompare.errors import CaseError
from lcacompare.portfolios.circularity import circularity_rollup
from lcacompare.portfolios.evaluate import CIRCULARITY_METRICS
from lcacompare.portfolios.table import current_mix
from lcacompare.result.document import Result
from lcacompare.run import analyse

SMALL = Path(__file__).resolve().parent / "data" / "circular_small.yaml"

HAND_WORKED = {
    ("total_material_kg", "gown"): 0.25,
    ("total_material_kg", "linen"): 0.01,
    ("total_material_kg", "tray"): 2 / 3,
    ("non_renewable_virgin_kg", "gown"): 0.15,
    ("non_renewable_virgin_kg", "linen"): 0.0,
    ("non_renewable_virgin_kg", "tray"): 1 / 3,
    ("bio_based_share", "gown"): 20.0,
    ("bio_based_share", "linen"): 100.0,
    ("bio_based_share", "tray"): 0.0,
    ("recycled_content_share", "gown"): 20.0,
    ("recycled_content_share", "linen"): 0.0,
    ("recycled_content_share", "tray"): 50.0,
    ("service_life_uses", "gown"): 1.0,
    ("service_life_uses", "linen"): 50.0,
    ("service_life_uses", "tray"): 2.0,
    ("service_life_years", "linen"): 5.0,
    ("service_life_years", "tray"): 0.02,
    ("reusable_or_recyclable_share", "gown"): 20.0,
    ("reusable_or_recyclable_share", "linen"): 98.0,
    ("reusable_or_recyclable_share", "tray"): 100.0,
}


@pytest.fixture(scope="module")
def small_result(home: Path) -> Result:
    return analyse(load_case(SMALL), samples=0, home=home).result


@pytest.mark.parametrize(("indicator", "option"), sorted(HAND_WORKED))
def test_each_indicator_gives_the_hand_worked_value(small_result: Result, indicator: str, option: str) -> None:
    assert small_result.circularity is not None
    value = small_result.circularity.indicator(indicator).values[option]
    assert value.status == "stated"
    assert value.value == pytest.approx(HAND_WORKED[indicator, option], rel=1e-12, abs=1e-15)


def test_service_life_gives_expected_uses_beside_rated_uses(small_result: Result) -> None:
    assert small_result.circularity is not None
    values = small_result.circularity.indicator("service_life_uses").values
    assert values["linen"].expected_uses == pytest.approx(50.0)
    assert values["tray"].expected_uses == pytest.approx(1.5)


def test_service_life_years_is_not_applicable_to_a_single_use_item(small_result: Result) -> None:
    assert small_result.circularity is not None
    assert small_result.circularity.indicator("service_life_years").values["gown"].status == "not applicable"


def test_service_life_years_is_not_stated_without_fleet_or_stock(home: Path) -> None:
    case = load_case(SMALL)
    tray = case.option("tray").model_copy(update={"stock_items": None})
    case = case.model_copy(update={"options": [case.options[0], case.options[1], tray]})
    result = analyse(case, samples=0, home=home).result
    assert result.circularity is not None
    value = result.circularity.indicator("service_life_years").values["tray"]
    assert value.status == "not stated" and value.value is None


def test_every_indicator_has_its_rule_and_unit_in_the_method() -> None:
    from lcacompare.circular.indicators import INDICATORS
    from lcacompare.method import load_method

    section = load_method("LCAC-HC/2").section("circularity")
    assert section is not None
    in_spec = {entry["id"]: entry for entry in section["indicators"]}
    assert [i.id for i in INDICATORS] == list(in_spec)
    assert all(in_spec[i.id]["unit"] == i.unit and in_spec[i.id]["rule"] for i in INDICATORS)


def test_a_material_without_properties_counts_as_non_renewable_and_is_named() -> None:
    compiled = compile_case(load_case(SMALL), load_datasets())
    options = circularity(compiled, compiled.evaluate(), CircularData({}, {}))
    linen, tray = options["linen"].flows, options["tray"].flows
    assert float(linen.non_renewable_virgin_kg) == pytest.approx(0.01)  # cotton, now unclassified
    assert float(linen.bio_based_kg) == 0.0
    assert linen.unclassified_materials == ("cotton-textile",)
    # the steel sent to recycling is no longer counted recycled; the item back in service still is
    assert tray.reusable_or_recyclable_share == pytest.approx(100.0 / 3.0)
    assert tray.unclassified_routes == ("recycling-metal",)


def test_unclassified_activities_are_an_assumption_of_the_result(tmp_path: Path, home: Path) -> None:
    import shutil

    for folder in ("factors", "prices", "indices", "exchange_rates"):
        shutil.copytree(datasets_dir() / folder, tmp_path / folder)
    result = analyse(load_case(SMALL), samples=0, home=home, datasets=load_datasets(tmp_path)).result
    assert result.circularity is not None
    assumptions = " ".join(result.circularity.assumptions)
    assert "cotton-textile" in assumptions and "recycling-metal" in assumptions


def test_the_shipped_material_tables_classify_every_shipped_material_and_waste_route() -> None:
    data = load_circular_data(datasets_dir())
    datasets = load_datasets()
    for (activity, _geo), factor in datasets.factors.items():
        if factor.category == "material":
            assert activity in data.materials, activity
        if factor.category == "waste-treatment" and factor.unit == "kg":
            assert activity in data.routes, activity
    assert all(row.source for row in [*data.materials.values(), *data.routes.values()])


def test_a_bad_flag_in_the_properties_table_names_row_and_column(tmp_path: Path) -> None:
    (tmp_path / "materials").mkdir()
    (tmp_path / "materials" / "properties.csv").write_text(
        "id,bio_based,renewable,source,year,geography,pedigree\npaper,maybe,yes,test,2014,GLO,1;1;1;1;1\n",
        encoding="utf-8",
    )
    with pytest.raises(CaseError) as raised:
        load_circular_data(tmp_path)
    assert "bio_based" in str(raised.value) and "row 2" in str(raised.value)


def test_the_materials_tables_are_part_of_the_datasets_digest(tmp_path: Path) -> None:
    import shutil

    copied = tmp_path / "datasets"
    shutil.copytree(datasets_dir(), copied)
    assert load_datasets(copied).digest == load_datasets().digest
    shutil.rmtree(copied / "materials")
    assert load_datasets(copied).digest != load_datasets().digest


@pytest.mark.parametrize("name", ["kocher-clamp", "incontinence"])
def test_shipped_cases_under_version_2_have_the_circularity_section(name: str, home: Path) -> None:
    with shipped_case(name) as path:
        case = load_case(path)
    v2 = analyse(case.model_copy(update={"method": "LCAC-HC/2"}), samples=0, home=home).to_dict()
    ids = [option["id"] for option in v2["options"]]
    indicators = {i["id"]: i for i in v2["circularity"]["indicators"]}
    assert set(indicators) == {
        "total_material_kg",
        "non_renewable_virgin_kg",
        "bio_based_share",
        "recycled_content_share",
        "service_life_uses",
        "service_life_years",
        "reusable_or_recyclable_share",
    }
    assert all(list(i["values"]) == ids for i in indicators.values())
    # the virgin-material indicator of version 1 bounds the non-renewable part of it
    for option in v2["options"]:
        value = indicators["non_renewable_virgin_kg"]["values"][option["id"]]["value"]
        assert value <= option["virgin_material_kg_per_use"] + 1e-15
    reusables = [o["id"] for o in v2["options"] if o["kind"] == "reusable"]
    assert sorted(v2["reuse_identity"]) == sorted(reusables)


@pytest.mark.parametrize("name", ["kocher-clamp", "incontinence"])
def test_version_1_documents_have_no_circularity_keys(name: str, home: Path) -> None:
    with shipped_case(name) as path:
        case = load_case(path)
    v1 = analyse(case, samples=0, home=home).to_dict()
    assert "circularity" not in v1 and "reuse_identity" not in v1


def test_portfolio_shares_are_mass_weighted_over_the_lines_under_version_2() -> None:
    table = hand_table(
        volume=[100, 300, 50], reusable=[[False], [False], [False]], kg=[[1.0], [1.0], [1.0]], eur=[[1.0]] * 3
    )
    flows = {  # per use: material, non-renewable virgin, bio-based, recycled, leaving, reused or recycled
        "material_kg_per_use": [0.2, 0.1, np.nan],
        "non_renewable_virgin_kg_per_use": [0.1, 0.05, np.nan],
        "bio_based_kg_per_use": [0.0, 0.1, np.nan],
        "recycled_kg_per_use": [0.1, 0.0, np.nan],
        "leaving_kg_per_use": [0.2, 0.1, np.nan],
        "reusable_or_recyclable_kg_per_use": [0.2, 0.0, np.nan],
    }
    for metric in CIRCULARITY_METRICS:
        table.metrics[metric] = np.array(flows[metric], dtype=float)[:, None]
    rolled = circularity_rollup(table, current_mix(table))
    assert rolled is not None
    # material 100 x 0.2 + 300 x 0.1 = 50 kg; bio-based 30 kg (60 %); recycled 10 kg (20 %);
    # leaving 50 kg of which 20 kg reused or recycled (40 %); the third line (version 1) is not counted
    assert rolled["product_lines_counted"] == 2 and rolled["product_lines"] == 3
    assert rolled["material_kg_per_year"] == pytest.approx(50.0)
    assert rolled["non_renewable_virgin_kg_per_year"] == pytest.approx(25.0)
    assert rolled["bio_based_share"] == pytest.approx(60.0)
    assert rolled["recycled_content_share"] == pytest.approx(20.0)
    assert rolled["reusable_or_recyclable_share"] == pytest.approx(40.0)


def test_portfolio_without_version_2_lines_has_no_circularity_rollup() -> None:
    table = hand_table(volume=[100], reusable=[[False]], kg=[[1.0]], eur=[[1.0]])
    assert circularity_rollup(table, current_mix(table)) is None


def test_portfolio_primary_material_target_reads_non_renewable_virgin_under_version_2(
    tmp_path: Path, home: Path
) -> None:
    import csv

    import yaml

    from lcacompare.portfolios.document import portfolio_document
    from lcacompare.portfolios.load import load_portfolio
    from lcacompare.portfolios.runner import run_portfolio

    text = SMALL.read_text(encoding="utf-8")
    (tmp_path / "v2.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "v1.yaml").write_text(text.replace("method: LCAC-HC/2", "method: LCAC-HC/1"), encoding="utf-8")
    with open(tmp_path / "rows.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "product_group", "annual_volume", "current", "alternatives"])
        writer.writerow(["R-1", "gowns", "100", "v2.yaml:gown", "v2.yaml:linen"])
        writer.writerow(["R-2", "gowns", "100", "v1.yaml:gown", "v1.yaml:linen"])
    settings = {
        "title": "circularity test",
        "rows": "rows.csv",
        "year": 2026,
        "baselines": {2016: {"primary_material_kg": 100.0}},
        "targets": [
            {"id": "half", "kind": "primary-material-reduction", "reduction": 0.5, "baseline_year": 2016, "year": 2030}
        ],
    }
    (tmp_path / "portfolio.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = run_portfolio(load_portfolio(tmp_path / "portfolio.yaml", home=home))
    document = portfolio_document(result)
    current = document["mixes"]["current"]
    # primary: 100 x 0.15 (non-renewable virgin, v2) + 100 x 0.2 (virgin, v1) = 35 kg a year
    assert current["totals"]["primary_material_kg_per_year"] == pytest.approx(35.0)
    (target,) = current["targets"]
    assert target["achieved"] == pytest.approx(0.65) and target["met"]
    rolled = current["circularity"]
    assert rolled["product_lines_counted"] == 1
    assert rolled["material_kg_per_year"] == pytest.approx(25.0)
    assert rolled["reusable_or_recyclable_share"] == pytest.approx(20.0)
    from lcacompare.portfolios.output import render_html

    assert 'id="circularity"' in render_html(result, document).decode("utf-8")


def test_flows_accept_arrays_of_rows() -> None:
    compiled = compile_case(load_case(SMALL), load_datasets())
    data = load_circular_data(datasets_dir())
    lines = compiled.lines["tray"]
    amounts = [np.array([1.0, 2.0]) * 2 / 3 for _ in lines]
    flows = material_flows(lines, amounts, np.array([1.5, 1.5]), data)
    assert np.allclose(flows.material_kg, [2 / 3, 4 / 3])
    assert np.allclose(flows.reusable_or_recyclable_share, [100.0, 100.0])
    assert not math.isnan(float(flows.recycled_content_share[0]))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_html_report_shows_circularity_and_reuse_identity_under_version_2(small_result: Result, lang: str) -> None:
    from lcacompare.report.html import render_html

    page = render_html(small_result, {}, lang=lang)
    text = page.decode("utf-8") if isinstance(page, bytes) else page
    assert 'id="circularity-non_renewable_virgin_kg"' in text
    assert 'id="reuse-identity-tray"' in text and 'id="reuse-identity-gown"' not in text


def test_the_html_report_of_a_version_1_result_has_no_circularity(home: Path) -> None:
    from lcacompare.report.html import render_html

    result = analyse(load_case(SMALL).model_copy(update={"method": "LCAC-HC/1"}), samples=0, home=home).result
    page = render_html(result, {})
    text = page.decode("utf-8") if isinstance(page, bytes) else page
    assert 'id="circularity"' not in text and 'id="reuse-identity"' not in text


def test_the_workbook_has_a_circularity_sheet_with_the_numbers(small_result: Result) -> None:
    import io

    import openpyxl

    from lcacompare.report.xlsx import render_xlsx

    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(small_result)))
    rows = list(book["Circularity"].iter_rows(values_only=True))
    by_title = {row[0]: row for row in rows if row and row[0]}
    assert by_title["Non-renewable virgin material"][3:6] == pytest.approx((0.15, 0.0, 1 / 3))
    assert by_title["tray"][1:6] == pytest.approx((2.0, 0.5, 1.5, 2.0, 0.25))
