"""The steam-sterilisation reprocessing template: expansion, the load rule, allocation, bad fields."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from lcacompare import load_case
from lcacompare.compile import compile_case
from lcacompare.data import shipped_case
from lcacompare.datasets import load_datasets
from lcacompare.errors import CaseError
from lcacompare.method.spec import load_method
from lcacompare.model import parse_case
from lcacompare.run import analyse


def _kocher() -> Any:
    with shipped_case("kocher-clamp") as path:
        return load_case(path)


def _kocher_dict() -> dict[str, Any]:
    with shipped_case("kocher-clamp") as path:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def _compiled(case: Any, method: str) -> Any:
    return compile_case(case.model_copy(update={"method": method}), load_datasets(), load_method(method))


def test_v1_expansion_gives_the_lines_the_case_wrote_by_hand() -> None:
    lines = _compiled(_kocher(), "LCAC-HC/1").case.option("reusable-cssd").inventory
    got = [(ln.module, ln.activity, ln.amount, ln.per) for ln in lines[5:15]]
    assert got == [
        ("B", "electricity-grid", "steriliser_kwh_per_cycle", "cycle"),
        ("B", "water-supply", "steriliser_water_per_cycle", "cycle"),
        ("B", "water-treatment", "steriliser_water_per_cycle", "cycle"),
        ("B", "electricity-grid", "washer_kwh_per_cycle * washer_loads_per_steriliser_load", "cycle"),
        ("B", "natural-gas", "washer_gas_per_cycle * gas_gcv * washer_loads_per_steriliser_load", "cycle"),
        ("B", "water-supply", "washer_water_per_cycle * washer_loads_per_steriliser_load", "cycle"),
        ("B", "water-treatment", "washer_water_per_cycle * washer_loads_per_steriliser_load", "cycle"),
        ("B", "detergent", "washer_detergent_per_cycle * washer_loads_per_steriliser_load", "cycle"),
        ("B", "polypropylene-primary", "wrap_mass_per_set / instruments_per_set", "use"),
        ("C", "incineration-pp-pe", "wrap_mass_per_set / instruments_per_set", "use"),
    ]
    cycle = _compiled(_kocher(), "LCAC-HC/1").case.option("reusable-cssd").cycle
    assert (cycle.allocation, cycle.capacity, cycle.fill_rate) == (
        "count",
        "instruments_per_load * load_fill_rate",
        1.0,
    )


def test_v1_steriliser_electricity_is_the_fixed_figure_and_v2_follows_the_load() -> None:
    v1 = _compiled(_kocher(), "LCAC-HC/1").inventory_amounts("reusable-cssd")[5]
    v2 = _compiled(_kocher(), "LCAC-HC/2").inventory_amounts("reusable-cssd")[5]
    assert float(v1) == pytest.approx(18.7, rel=1e-12)
    load_kg = (160 * 0.085 + 8 * 1.2 + 8 * 0.110) * 0.75  # load_mass x load_fill_rate, by hand
    assert float(v2) == pytest.approx(15.7 + 0.14 * load_kg, rel=1e-12)  # 18.2284 kWh


@pytest.mark.parametrize(
    ("allocation", "share"),
    [("count", 1 / (160 * 0.75)), ("mass", 0.085 / ((160 * 0.085 + 8 * 1.2 + 8 * 0.110) * 0.75))],
)
def test_allocation_by_count_or_mass_gives_the_hand_computed_share(allocation: str, share: float) -> None:
    data = _kocher_dict()
    option = next(o for o in data["options"] if o["id"] == "reusable-cssd")
    option["reprocessing"]["allocation"] = allocation
    if allocation == "mass":
        option["reprocessing"]["item_mass"] = "reusable_clamp_mass"
    compiled = _compiled(parse_case(data), "LCAC-HC/1")
    per_use = compiled.inventory_per_use()["reusable-cssd"][5]
    assert float(per_use) == pytest.approx(18.7 * share, rel=1e-9)


def test_mass_allocation_without_item_mass_is_refused_naming_the_field() -> None:
    data = copy.deepcopy(_kocher_dict())
    option = next(o for o in data["options"] if o["id"] == "reusable-cssd")
    option["reprocessing"]["allocation"] = "mass"
    with pytest.raises(CaseError) as caught:
        parse_case(data)
    problems = caught.value.problems
    assert any(p.rule == "reprocessing-template" and "item_mass" in p.message for p in problems)


def test_template_beside_a_cycle_block_is_refused() -> None:
    data = _kocher_dict()
    option = next(o for o in data["options"] if o["id"] == "reusable-cssd")
    option["cycle"] = {"allocation": "count", "capacity": 100}
    with pytest.raises(CaseError) as caught:
        _compiled(parse_case(data), "LCAC-HC/1")
    assert [p.rule for p in caught.value.problems] == ["reprocessing-template"]
    assert caught.value.problems[0].field == "options[1].reprocessing.template"


def test_unknown_template_field_exits_2_naming_it(tmp_path: Path) -> None:
    data = _kocher_dict()
    option = next(o for o in data["options"] if o["id"] == "reusable-cssd")
    option["reprocessing"]["load_mas"] = "20 kg"
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    command = [sys.executable, "-c", "from lcacompare.cli import main; main()", "validate", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 2
    assert "reprocessing.load_mas" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_v2_moves_kocher_clamp_only_in_module_b() -> None:
    v1 = {o["id"]: o for o in analyse(_kocher(), samples=0).to_dict()["options"]}
    v2_case = _kocher().model_copy(update={"method": "LCAC-HC/2"})
    v2 = {o["id"]: o for o in analyse(v2_case, samples=0).to_dict()["options"]}
    for option_id in ("reusable-cssd", "reusable-external"):
        before, after = v1[option_id]["kg_co2e_by_module"], v2[option_id]["kg_co2e_by_module"]
        assert after["B"] < before["B"]
        assert {m: after[m] for m in after if m != "B"} == {m: before[m] for m in before if m != "B"}
    assert v2["single-use"]["kg_co2e_per_use"] == v1["single-use"]["kg_co2e_per_use"]


def test_v2_result_states_each_options_load_and_share_and_v1_has_no_such_section() -> None:
    assert "sterilisation" not in analyse(_kocher(), samples=0).to_dict()
    v2_case = _kocher().model_copy(update={"method": "LCAC-HC/2"})
    section = analyse(v2_case, samples=0).to_dict()["sterilisation"]
    cssd = section["options"]["reusable-cssd"]
    load_kg = 160 * 0.085 + 8 * 1.2 + 8 * 0.110
    assert cssd["allocation"] == "count"
    assert cssd["load_mass_kg"] == pytest.approx(load_kg, rel=1e-12)
    assert cssd["kwh_per_cycle"] == pytest.approx(15.7 + 0.14 * load_kg * 0.75, rel=1e-12)
    assert cssd["kwh_per_cycle_fixed"] == pytest.approx(18.7, rel=1e-12)
    assert cssd["share"] == pytest.approx(1 / 120, rel=1e-12)
    assert cssd["share_by_mass"] is None
    assert "McGain" in section["reference"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_v2_report_shows_the_sterilisation_table_and_v1_does_not(lang: str) -> None:
    from lcacompare.report.html import render_html

    v1 = render_html(analyse(_kocher(), samples=0).result, lang=lang)
    v2_case = _kocher().model_copy(update={"method": "LCAC-HC/2"})
    v2 = render_html(analyse(v2_case, samples=0).result, lang=lang)
    assert 'id="sterilisation"' not in v1
    assert 'id="sterilisation"' in v2
    assert "reusable-cssd" in v2.split('id="sterilisation"')[1]


def test_rigid_container_is_spread_over_its_life_and_the_instruments_it_holds() -> None:
    data = _kocher_dict()
    option = next(o for o in data["options"] if o["id"] == "reusable-cssd")
    option["reprocessing"]["packaging"] = {
        "type": "rigid-container",
        "mass": {"amount": "3 kg", "assumption": "test: an aluminium-like container, counted as steel here"},
        "items_per_set": "instruments_per_set",
        "container_uses": 1000,
        "material": "stainless-steel-average",
    }
    compiled = _compiled(parse_case(data), "LCAC-HC/1")
    lines = compiled.case.option("reusable-cssd").inventory
    assert [(ln.module, ln.activity, ln.stream) for ln in lines[13:15]] == [
        ("B", "stainless-steel-average", None),
        ("C", "recycling-metal", "metal-recycling"),
    ]
    per_use = compiled.inventory_per_use()["reusable-cssd"]
    assert float(per_use[13]) == pytest.approx(3.0 / 20 / 1000, rel=1e-12)  # kg per use, by hand
