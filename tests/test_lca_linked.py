"""Linking inventory lines to a user's own Brightway project (bw2io's Mobility example + our own)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lcacompare import compare, load_case, prepare
from lcacompare.errors import CaseError
from lcacompare.lca.linked import find_climate_method
from lcacompare.lca.session import quiet_progress, use_project

PROJECT = "hospital-user"
MOBILITY = "Mobility example"
IPCC_2021 = ("IPCC 2021", "climate change", "global warming potential (GWP100)")


@pytest.fixture(scope="module")
def user_brightway(tmp_path_factory) -> Path:
    """A user's Brightway folder: bw2io's Mobility example plus a small sterilisation database."""
    base = tmp_path_factory.mktemp("user-brightway")
    bd, _ = use_project(base, PROJECT)
    import bw2io

    with quiet_progress():
        bw2io.add_example_database()
        co2 = bd.get_node(database=MOBILITY, code="CO2")
        bd.Database("hospital").write(
            {
                ("hospital", "steam"): {
                    "name": "steam for sterilisation",
                    "location": "BE",
                    "unit": "kilogram",
                    "type": "process",
                    "exchanges": [
                        {"input": ("hospital", "steam"), "amount": 1.0, "type": "production"},
                        {"input": (MOBILITY, "Electricity"), "amount": 0.7, "type": "technosphere"},
                        {"input": co2.key, "amount": 0.25, "type": "biosphere"},
                    ],
                },
                ("hospital", "steam-nl"): {
                    "name": "steam for sterilisation",
                    "location": "NL",
                    "unit": "kilogram",
                    "type": "process",
                    "exchanges": [
                        {"input": ("hospital", "steam-nl"), "amount": 1.0, "type": "production"},
                        {"input": co2.key, "amount": 0.2, "type": "biosphere"},
                    ],
                },
            }
        )
        method = bd.Method(IPCC_2021)
        method.register(unit="kg CO2e")
        method.write([(co2.key, 1.0)])
        # A project with no climate method at all.
        bd, _ = use_project(base, "no-methods")
        bd.Database("tiny").write(
            {("tiny", "a"): {"name": "a", "unit": "kilogram", "exchanges": [], "type": "process", "location": "GLO"}}
        )
    return base


def linked_case(tmp_path: Path, base: Path, *, background: dict | None = None, edit=None):
    data = {
        "id": "linked-test",
        "title": "Linked test",
        "method": "LCAC-HC/1",
        "functional_unit": "one use",
        "context": {
            "country": "BE",
            "price_year": 2025,
            "discount_rate": 0.0,
            "horizon_years": 5,
            "annual_uses": 1000,
            "background": {"project": PROJECT, "database": MOBILITY, "brightway_dir": str(base), **(background or {})},
        },
        "options": [
            {
                "id": "single-use",
                "kind": "single-use",
                "zero_modules": {"B": "used once", "C": "test", "D": "no credits"},
                "inventory": [
                    {
                        "module": "A1-A3",
                        "activity": {"name": "Steel", "location": "GLO", "unit": "kg"},
                        "amount": "300 g",
                        "per": "use",
                        "source": "test",
                    },
                    {
                        "module": "A4",
                        "activity": {"name": "Driving an combustion car", "location": "Europe", "unit": "kilometer"},
                        "amount": "2 km",
                        "per": "use",
                        "source": "test",
                    },
                ],
                "costs": [{"category": "acquisition", "amount": "1 EUR", "per": "use", "source": "test"}],
            },
            {
                "id": "reusable",
                "kind": "reusable",
                "uses_per_life": 100,
                "loss_rate": 0.0,
                "zero_modules": {"A4": "test", "C": "test", "D": "no credits"},
                "inventory": [
                    {
                        "module": "A1-A3",
                        "activity": {"database": MOBILITY, "code": "Steel"},
                        "amount": "2 kg",
                        "per": "life",
                        "source": "test",
                    },
                    {
                        "module": "B",
                        "activity": {"database": MOBILITY, "code": "Electricity"},
                        "amount": "0.5 kWh",
                        "per": "use",
                        "source": "test",
                    },
                    {
                        "module": "B",
                        "activity": {
                            "database": "hospital",
                            "name": "steam for sterilisation",
                            "location": "BE",
                            "unit": "kg",
                        },
                        "amount": "1.5 kg",
                        "per": "use",
                        "source": "test",
                    },
                ],
                "costs": [{"category": "acquisition", "amount": "2 EUR", "per": "use", "source": "test"}],
            },
        ],
    }
    if edit:
        edit(data)
    path = tmp_path / "linked.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return load_case(path)


def plain_lca(base: Path, demand: dict[tuple[str, str], float], method=IPCC_2021) -> float:
    bd, bc = use_project(base, PROJECT)
    lca = bc.LCA({bd.get_node(database=k[0], code=k[1]).id: v for k, v in demand.items()}, method=method)
    lca.lci()
    lca.lcia()
    return float(lca.score)


def test_linked_option_totals_equal_plain_bw2calc_lca_of_the_same_demand(tmp_path, user_brightway, home):
    result = compare(linked_case(tmp_path, user_brightway), home=home)
    single = plain_lca(user_brightway, {(MOBILITY, "Steel"): 0.3})
    single += plain_lca(user_brightway, {(MOBILITY, "Driving an combustion car"): 2.0})
    assert result.option("single-use").kg_co2e_per_use == pytest.approx(single, rel=1e-6)
    reusable = plain_lca(
        user_brightway, {(MOBILITY, "Steel"): 2.0 / 100, (MOBILITY, "Electricity"): 0.5, ("hospital", "steam"): 1.5}
    )
    assert result.option("reusable").kg_co2e_per_use == pytest.approx(reusable, rel=1e-6)
    assert result.option("reusable").kg_co2e_by_module["B"] == pytest.approx(
        plain_lca(user_brightway, {(MOBILITY, "Electricity"): 0.5, ("hospital", "steam"): 1.5}), rel=1e-6
    )


def test_linked_lines_take_the_activity_unit_name_and_location(tmp_path, user_brightway, home):
    result = compare(linked_case(tmp_path, user_brightway), home=home)
    steel, car = result.option("single-use").lines
    assert steel.amount_per_use == pytest.approx(0.3)  # 300 g in the activity's kilogram
    assert (steel.activity_name, steel.geography, steel.unit) == ("Steel", "GLO", "kilogram")
    assert car.activity_name == "Driving an combustion car" and car.geography == "Europe"
    expected = plain_lca(user_brightway, {(MOBILITY, "Driving an combustion car"): 2.0})
    assert car.kg_co2e_per_use == pytest.approx(expected, rel=1e-6)


def test_code_and_name_references_to_one_activity_give_the_same_unit_impact(tmp_path, user_brightway, home):
    prepared = prepare(linked_case(tmp_path, user_brightway), home=home)
    by_name = prepared.compiled.lines["single-use"][0]
    by_code = prepared.compiled.lines["reusable"][0]
    assert by_name.bw_key == by_code.bw_key == (MOBILITY, "Steel")
    assert prepared.unit_impacts[by_name.activity_key] == prepared.unit_impacts[by_code.activity_key]


def test_climate_method_is_found_by_name_and_can_be_given(tmp_path, user_brightway, home):
    found = prepare(linked_case(tmp_path, user_brightway), home=home)
    assert found.backend.method_key == IPCC_2021
    given = prepare(linked_case(tmp_path, user_brightway, background={"method": ["IPCC", "simple"]}), home=home)
    assert given.backend.method_key == ("IPCC", "simple")
    kg = compare(given.compiled.case, prepared=given).option("single-use").kg_co2e_by_module["A1-A3"]
    assert kg == pytest.approx(plain_lca(user_brightway, {(MOBILITY, "Steel"): 0.3}, ("IPCC", "simple")), rel=1e-6)


def test_ecoinvent_style_method_list_yields_the_plain_climate_change_indicator():
    methods = [
        ("ecoinvent-3.10", "IPCC 2021", "climate change", "global warming potential (GWP100)"),
        ("ecoinvent-3.10", "IPCC 2021 no LT", "climate change no LT", "global warming potential (GWP100) no LT"),
        ("ecoinvent-3.10", "IPCC 2021", "climate change: fossil", "global warming potential (GWP100)"),
        ("ecoinvent-3.10", "IPCC 2021", "climate change", "global warming potential (GWP20)"),
        ("EF v3.1", "climate change", "global warming potential (GWP100)"),
    ]
    assert find_climate_method(methods) == [methods[0]]


@pytest.mark.parametrize(
    ("background", "field"),
    [
        ({"method": ["no", "such", "method"]}, "context.background.method"),
        ({"project": "no-methods", "database": "tiny"}, "context.background.method"),
        ({"project": "not-there"}, "context.background.project"),
        ({"database": "not-there"}, "context.background.database"),
        ({"brightway_dir": "/no/such/folder"}, "context.background.brightway_dir"),
    ],
)
def test_missing_background_pieces_are_case_errors_naming_the_field(tmp_path, user_brightway, home, background, field):
    with pytest.raises(CaseError) as info:
        prepare(linked_case(tmp_path, user_brightway, background=background), home=home)
    assert field in str(info.value)


def test_missing_project_is_not_created_in_the_user_folder(tmp_path, user_brightway, home):
    from lcacompare.lca.session import project_names

    with pytest.raises(CaseError):
        prepare(linked_case(tmp_path, user_brightway, background={"project": "typo"}), home=home)
    assert "typo" not in project_names(user_brightway)


def set_line(option: int, line: int, **changes):
    def edit(data):
        data["options"][option]["inventory"][line].update(changes)

    return edit


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        (set_line(1, 0, activity={"database": MOBILITY, "code": "nope"}), "options[1].inventory[0].activity", "nope"),
        (
            set_line(1, 2, activity={"database": "hospital", "name": "steam for sterilisation"}),
            "options[1].inventory[2].activity",
            "2 activities",
        ),
        (set_line(1, 1, amount="3 kg"), "options[1].inventory[1].amount", "kilowatt hour"),
        (
            set_line(0, 0, activity={"name": "Steel", "unit": "kWh"}, amount="300 Wh"),
            "options[0].inventory[0].activity",
            "no activity",
        ),
        (set_line(0, 0, activity="stainless-steel-average"), "options[0].inventory[0].activity", "one background"),
    ],
)
def test_bad_links_are_case_errors_naming_the_line(tmp_path, user_brightway, home, edit, field, words):
    with pytest.raises(CaseError) as info:
        prepare(linked_case(tmp_path, user_brightway, edit=edit), home=home)
    assert field in str(info.value)
    assert words in str(info.value)


def test_linked_monte_carlo_draws_come_from_bw2calc_and_are_cached(tmp_path, user_brightway, monkeypatch):
    monkeypatch.setenv("LCACOMPARE_HOME", str(tmp_path / "home"))
    prepared = prepare(linked_case(tmp_path, user_brightway))
    keys = [info.activity_key for info in prepared.compiled.lines["reusable"]]
    draws = prepared.backend.sample_unit_impacts(keys, 4, seed=5)
    assert draws.shape == (3, 4)
    # The Mobility example has no uncertainty: every draw equals the deterministic unit impact.
    deterministic = prepared.backend.unit_impacts(keys)
    for k, key in enumerate(keys):
        assert draws[k] == pytest.approx(deterministic[key], rel=1e-9)
    assert list((tmp_path / "home" / "samples" / "linked").glob("*.npy"))
