"""Supply-security indicators on hand-worked examples, and "not stated" for missing inputs."""

from __future__ import annotations

import copy
import math
from pathlib import Path

import pytest
import yaml

from lcacompare.model import parse_case
from lcacompare.model.countries import EU_MEMBER_STATES, is_country_code, is_eu_member
from lcacompare.result import SupplyValue
from lcacompare.supply import INDICATOR_IDS, compare_values, indicator, option_values, supply_section
from lcacompare.supply import indicators as formulas

BASE = yaml.safe_load((Path(__file__).parent / "data" / "clamp.yaml").read_text())


def _case(single_use: dict | None = None, reusable: dict | None = None, annual_uses: float = 1000):
    data = copy.deepcopy(BASE)
    data["context"]["annual_uses"] = annual_uses
    if single_use is not None:
        data["options"][0]["supply"] = single_use
    if reusable is not None:
        data["options"][1]["supply"] = reusable
    return parse_case(data, "case.yaml")


def test_hhi_of_given_shares_is_the_sum_of_squared_percentages():
    # 60 % and 40 %: 60^2 + 40^2 = 3600 + 1600 = 5200.
    assert formulas.herfindahl_hirschman_index({"CN": 0.6, "PK": 0.4}) == pytest.approx(5200.0)
    # Four equal suppliers: 4 x 25^2 = 2500.
    assert formulas.herfindahl_hirschman_index(dict.fromkeys(["DE", "FR", "CN", "IN"], 0.25)) == pytest.approx(2500)
    assert formulas.herfindahl_hirschman_index({"DE": 1.0}) == 10_000.0


def test_hhi_refuses_shares_that_do_not_sum_to_one():
    with pytest.raises(ValueError):
        formulas.herfindahl_hirschman_index({"CN": 0.6, "PK": 0.3})


def test_non_eu_share_counts_only_countries_outside_the_eu():
    shares = {"DE": 0.2, "PL": 0.3, "CN": 0.4, "CH": 0.1}
    assert formulas.non_eu_share_percent(shares, is_eu_member) == pytest.approx(50.0)


def test_stock_cover_is_stock_over_daily_use():
    # 600 items at 1000 uses a year: 1000 / 365 = 2.7397 a day, 600 / 2.7397 = 219 days.
    assert formulas.stock_cover_days(600, formulas.average_daily_use(1000)) == pytest.approx(219.0)
    assert formulas.stock_cover_days(300, 20) == 15.0


def test_pool_buffer_is_the_pool_beyond_one_days_need_in_days():
    # 120 items, 30 used a day: (120 - 30) / 30 = 3 days.
    assert formulas.pool_buffer_days(120, 30) == 3.0
    # A pool smaller than a day's need is a shortfall, shown as negative.
    assert formulas.pool_buffer_days(20, 30) < 0


def test_outage_cover_leaves_out_the_items_in_the_reprocessing_loop():
    # 120 items, 30 a day, 2 days to return: 60 in the loop, 60 on the shelf = 2 days.
    assert formulas.outage_cover_days(120, 30, 2) == 2.0


def test_capacity_share_is_used_over_available_in_percent():
    assert formulas.capacity_share_percent(180, 240) == 75.0
    with pytest.raises(ValueError):
        formulas.capacity_share_percent(1, 0)


def test_country_table_knows_iso_codes_and_the_27_eu_members():
    assert len(EU_MEMBER_STATES) == 27
    assert all(is_country_code(code) for code in EU_MEMBER_STATES)
    assert is_country_code("PK") and not is_country_code("XX") and not is_country_code("EL")


def test_every_indicator_has_unit_direction_formula_and_reference():
    for indicator_id in INDICATOR_IDS:
        entry = indicator(indicator_id)
        assert entry.unit and entry.formula and entry.reference
        assert entry.direction in ("higher", "lower")


def test_a_case_without_supply_blocks_has_every_indicator_not_stated_or_not_applicable():
    section = supply_section(_case())
    statuses = {v.status for i in section.indicators for v in i.values.values()}
    assert statuses == {"not stated", "not applicable"}
    assert {i.comparison for i in section.indicators} == {"not comparable"}


def test_indicators_an_option_does_not_state_are_not_stated_never_zero():
    case = _case(single_use={"lead_time_days": {"value": 40, "assumption": "test"}})
    values = option_values(case.option("single-use"), 1000)
    assert values["lead_time_days"].value == 40
    for name in ("qualified_sources", "country_hhi", "stock_cover_days", "otif_percent"):
        assert values[name].status == "not stated"
        assert values[name].value is None
    # The reusable option has no supply block at all: every indicator not stated.
    reusable = option_values(case.option("reusable"), 1000)
    assert {v.status for v in reusable.values()} == {"not stated"}


def test_reusables_only_indicators_do_not_apply_to_single_use_options():
    case = _case(single_use={"lead_time_days": {"value": 40, "assumption": "test"}})
    values = option_values(case.option("single-use"), 1000)
    for name in ("pool_buffer_days", "reprocessing_capacity_share", "reprocessing_sites", "outage_cover_days"):
        assert values[name].status == "not applicable"


def test_section_computes_each_indicator_from_the_supply_block():
    reusable = {
        "qualified_sources": {"value": 2, "source": "tender register"},
        "second_source_contracted": {"value": True, "assumption": "test"},
        "manufacture_shares": {"value": {"DE": 0.5, "CN": 0.5}, "assumption": "test"},
        "daily_use": {"value": 10, "source": "ward count"},
        "stock_items": {"value": 50, "assumption": "test"},
        "pool_items": {"value": 60, "assumption": "test"},
        "turnaround_days": {"value": 2, "assumption": "test"},
        "reprocessing_capacity": {"used": 30, "available": 40, "unit": "loads per week", "assumption": "test"},
        "reprocessing_sites": {"value": 1, "assumption": "test"},
        "otif": {"percent": 96.5, "period": "2024", "basis": "orders", "source": "supplier report"},
        "transport_distance_km": {"value": 600, "assumption": "test"},
        "border_crossings": {"value": 1, "assumption": "test"},
        "lead_time_days": {"value": 3, "assumption": "test"},
    }
    section = supply_section(_case(reusable=reusable))
    got = {i.id: i.values["reusable"] for i in section.indicators}
    assert got["country_hhi"].value == pytest.approx(5000.0)
    assert got["non_eu_share"].value == pytest.approx(50.0)
    assert got["stock_cover_days"].value == pytest.approx(5.0)
    assert got["pool_buffer_days"].value == pytest.approx(5.0)  # (60 - 10) / 10
    assert got["outage_cover_days"].value == pytest.approx(4.0)  # (60 - 10 x 2) / 10
    assert got["reprocessing_capacity_share"].value == pytest.approx(75.0)
    assert got["second_source_contracted"].value is True
    assert got["otif_percent"].value == 96.5
    assert "orders" in got["otif_percent"].detail and "2024" in got["otif_percent"].detail
    assert got["qualified_sources"].source == "tender register"
    assert section.daily_use_basis["reusable"].startswith("stated")
    assert "annual_uses" in section.daily_use_basis["single-use"]


def test_daily_use_defaults_to_the_cases_annual_uses_over_365_days():
    case = _case(single_use={"stock_items": {"value": 365, "assumption": "test"}}, annual_uses=3650)
    assert option_values(case.option("single-use"), 3650)["stock_cover_days"].value == pytest.approx(36.5)


def test_the_better_option_follows_the_indicators_direction():
    stated = {"a": SupplyValue(status="stated", value=40.0), "b": SupplyValue(status="stated", value=3.0)}
    assert compare_values(indicator("lead_time_days"), stated) == ("better", ["b"])
    assert compare_values(indicator("qualified_sources"), stated) == ("better", ["a"])


def test_an_option_that_does_not_state_an_indicator_is_never_its_better_option():
    values = {"a": SupplyValue(status="stated", value=40.0), "b": SupplyValue(status="not stated")}
    assert compare_values(indicator("lead_time_days"), values) == ("not comparable", [])


def test_equal_values_give_no_better_option():
    values = {"a": SupplyValue(status="stated", value=1), "b": SupplyValue(status="stated", value=1)}
    assert compare_values(indicator("border_crossings"), values) == ("equal", [])


def test_a_contracted_second_source_is_better_than_none():
    values = {"a": SupplyValue(status="stated", value=False), "b": SupplyValue(status="stated", value=True)}
    assert compare_values(indicator("second_source_contracted"), values) == ("better", ["b"])


def test_worse_lists_each_options_indicators_where_another_is_better():
    section = supply_section(
        _case(
            single_use={"lead_time_days": {"value": 40, "assumption": "test"}},
            reusable={"lead_time_days": {"value": 3, "assumption": "test"}},
        )
    )
    assert section.worse() == {"single-use": ["lead_time_days"]}
    assert not math.isnan(section.indicator("lead_time_days").values["reusable"].value)
