"""A case's own emission factors and published module figures (issue 16)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from lcacompare import load_case
from lcacompare.data import shipped_datasets_dir
from lcacompare.engine import compare, prepare
from lcacompare.errors import CaseError

OWN = {
    "id": "my-steel",
    "name": "Stainless steel, supplier EPD",
    "unit": "kg",
    "kg_co2e": 2.87,
    "source": "Supplier EPD S-P-01234, 2024",
    "year": 2024,
    "geography": "SE",
    "pedigree": [2, 2, 1, 2, 1],
}


def _case_data() -> dict:
    return yaml.safe_load((shipped_datasets_dir().parent / "cases" / "kocher-clamp.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _with_own_line(data: dict, factor: dict, amount: str = "0.085 kg") -> dict:
    data = copy.deepcopy(data)
    data["factors"] = [factor]
    data["options"][1]["inventory"].append(
        {"module": "A1-A3", "activity": factor["id"], "amount": amount, "per": "use", "source": "test"}
    )
    return data


def test_own_factor_gives_amount_times_factor_beside_shipped_lines(tmp_path: Path) -> None:
    data = _with_own_line(_case_data(), OWN)
    case = load_case(_write(tmp_path, data))
    prepared = prepare(case, home=tmp_path / "home")
    comparison = compare(case, prepared=prepared)
    option = comparison.option(data["options"][1]["id"])
    own = [line for line in option.lines if line.activity == "my-steel"]
    assert len(own) == 1
    assert own[0].kg_co2e_per_use == pytest.approx(0.085 * 2.87, rel=1e-9)
    shipped = [line for line in option.lines if line.activity != "my-steel"]
    assert shipped and any(line.kg_co2e_per_unit > 0 for line in shipped)


def test_own_factor_gas_by_gas_is_characterised_like_a_dataset_row(tmp_path: Path) -> None:
    factor = {k: v for k, v in OWN.items() if k != "kg_co2e"} | {"kg_co2_fossil": 1.5, "kg_ch4_fossil": 0.01}
    case = load_case(_write(tmp_path, _with_own_line(_case_data(), factor, "1 kg")))
    comparison = compare(case, prepared=prepare(case, home=tmp_path / "home"))
    line = next(ln for ln in comparison.option(case.options[1].id).lines if ln.activity == "my-steel")
    assert line.kg_co2e_per_use == pytest.approx(1.5 + 0.01 * 29.8, rel=1e-9)


def test_own_factor_leaves_the_shared_project_identity_unchanged(tmp_path: Path) -> None:
    plain = prepare(load_case(_write(tmp_path, _case_data())), home=tmp_path / "home")
    own = prepare(load_case(_write(tmp_path, _with_own_line(_case_data(), OWN))), home=tmp_path / "home")
    assert own.backend.datasets.identity == plain.backend.identity
    # bw2calc's score of the shipped part agrees with the plain project's
    key = next(k for k in plain.unit_impacts)
    assert own.backend.score({key: 2.0}) == pytest.approx(plain.backend.score({key: 2.0}), rel=1e-9)


def test_case_factor_with_a_shipped_id_is_refused_naming_the_field(tmp_path: Path) -> None:
    factor = OWN | {"id": "stainless-steel-average"}
    with pytest.raises(CaseError) as caught:
        prepare(load_case(_write(tmp_path, _with_own_line(_case_data(), factor))), home=tmp_path / "home")
    assert any(p.field == "factors[0].id" and p.rule == "case-factor" for p in caught.value.problems)


def test_case_factor_without_source_is_refused(tmp_path: Path) -> None:
    factor = {k: v for k, v in OWN.items() if k != "source"}
    with pytest.raises(CaseError) as caught:
        load_case(_write(tmp_path, _with_own_line(_case_data(), factor)))
    assert any("factors[0].source" in p.field for p in caught.value.problems)


def test_published_module_figure_is_the_line_impact(tmp_path: Path) -> None:
    data = _case_data()
    option = data["options"][0]
    option["inventory"] = [ln for ln in option["inventory"] if ln["module"] != "A1-A3"]
    option["inventory"].append({"module": "A1-A3", "kg_co2e": 0.374, "source": "Published study, table 3"})
    case = load_case(_write(tmp_path, data))
    comparison = compare(case, prepared=prepare(case, home=tmp_path / "home"))
    result = comparison.option(option["id"])
    assert result.kg_co2e_by_module["A1-A3"] == pytest.approx(0.374, rel=1e-12)


def test_monte_carlo_keeps_own_factors_fixed_beside_sampled_shipped_rows(tmp_path: Path) -> None:
    from lcacompare.uncertainty import build_model

    case = load_case(_write(tmp_path, _with_own_line(_case_data(), OWN)))
    model = build_model(prepare(case, home=tmp_path / "home"))
    assert model.background_mode == "exchanges"
    row = model.position["case:my-steel"]
    assert model.exchanges.fixed[row] == pytest.approx(2.87, rel=1e-12)
    assert not [term for term in model.exchanges.terms if term.activity == row]
    assert model.exchanges.terms  # the shipped rows keep their uncertain exchanges
