"""A supply-security indicator as an award criterion: published rule, points, award report."""

from __future__ import annotations

import copy
from importlib.resources import files

import numpy as np
import pytest
import yaml

from lcacompare.errors import CaseError
from lcacompare.tender import methods
from lcacompare.tender.decide import award
from lcacompare.tender.load import parse_tender
from lcacompare.tender.scoring import supply_points
from lcacompare.tender.tender import Criterion

TENDER = yaml.safe_load(files("lcacompare.data").joinpath("tenders", "kocher-clamp-tender.yaml").read_text())
LEAD_TIME = {
    "id": "lead-time",
    "title": "Lead time",
    "kind": "supply",
    "indicator": "lead_time_days",
    "weight": 10,
    "scoring": {
        "rule": "thresholds",
        "max_points": 100,
        "thresholds": [{"at": 14, "points": 100}, {"at": 30, "points": 50}],
    },
}
STOCK = {
    "id": "stock",
    "kind": "supply",
    "indicator": "stock_cover_days",
    "weight": 5,
    "scoring": {"rule": "linear-bounds", "max_points": 100, "bounds": [0, 60]},
}


def _tender(*criteria: dict) -> dict:
    data = copy.deepcopy(TENDER)
    data["criteria"][0]["weight"] = 60 - sum(c.get("weight") or 0 for c in criteria)
    data["criteria"].extend(copy.deepcopy(list(criteria)))
    data["robustness"]["samples"] = 0
    return data


def test_threshold_points_give_the_best_step_reached_in_the_indicators_direction():
    steps = [(14.0, 100.0), (30.0, 50.0)]
    points = methods.threshold_points([2.0, 21.0, 42.0], steps, higher_is_better=False)
    assert points.tolist() == [100.0, 50.0, 0.0]
    assert methods.threshold_points([1, 2, 5], [(2, 40), (4, 100)], True).tolist() == [0.0, 40.0, 100.0]


def test_bounded_linear_points_run_from_worst_to_best_and_are_clipped():
    assert methods.bounded_linear_points([0.0, 30.0, 60.0, 90.0], 0.0, 60.0, 100).tolist() == [0, 50, 100, 100]
    # Lower is better: best below worst.
    assert methods.bounded_linear_points([10.0], 40.0, 0.0, 100).tolist() == [75.0]


def test_an_indicator_not_stated_scores_zero_points():
    criterion = Criterion.model_validate(STOCK)
    assert supply_points(criterion, np.array([30.0, np.nan])).tolist() == [50.0, 0.0]
    assert methods.threshold_points([np.nan], [(0.0, 100.0)], True).tolist() == [0.0]


@pytest.mark.parametrize(
    "change",
    [
        {"indicator": "resilience"},
        {"indicator": None},
        {"scoring": {"rule": "thresholds", "max_points": 100}},
        {"scoring": {"rule": "linear-bounds", "max_points": 100, "bounds": [5, 5]}},
        {"scoring": {"rule": "proportional", "max_points": 100}},
        {"scoring": {"rule": "thresholds", "max_points": 50, "thresholds": [{"at": 1, "points": 80}]}},
    ],
)
def test_a_supply_criterion_needs_a_known_indicator_and_a_complete_published_rule(change):
    with pytest.raises(CaseError):
        parse_tender(_tender({**LEAD_TIME, **change}), "tender.yaml")


def test_lowest_lcc_refuses_a_supply_criterion():
    data = _tender({**LEAD_TIME, "weight": None})
    data["method"] = "lowest-lcc"
    data["criteria"] = [
        {**data["criteria"][0], "weight": None, "scoring": {"rule": "lowest"}},
        {k: v for k, v in LEAD_TIME.items() if k != "weight"},
    ]
    with pytest.raises(CaseError) as info:
        parse_tender(data, "tender.yaml")
    assert "criterion-kind" in info.value.rules


@pytest.fixture(scope="module")
def awarded(home):
    return award(parse_tender(_tender(LEAD_TIME, STOCK), "tender.yaml"), home=home)


def test_award_scores_the_supply_criteria_from_each_bids_case(awarded):
    # kocher-clamp lead times: single-use 42 days, in-house 21, external rental 2.
    assert awarded.bid("single-use").points["lead-time"] == 0.0
    assert awarded.bid("in-house-reprocessed").points["lead-time"] == 50.0
    assert awarded.bid("external-rental").points["lead-time"] == 100.0
    assert awarded.bid("external-rental").supply["lead-time"] == 2.0
    # Stock cover: single-use 800 items at 10,000 uses a year = 29.2 days -> 100 x 29.2 / 60.
    assert awarded.bid("single-use").points["stock"] == pytest.approx(100 * 800 / (10_000 / 365) / 60)


def test_award_warns_and_scores_zero_when_a_bid_does_not_state_the_indicator(awarded):
    assert awarded.bid("external-rental").supply["stock"] is None
    assert awarded.bid("external-rental").points["stock"] == 0.0
    assert any("external-rental" in w and "stock_cover_days" in w for w in awarded.warnings)


def test_the_supply_points_enter_the_weighted_total(awarded):
    bid = awarded.bid("external-rental")
    total = sum(awarded.weights[k] / 100 * bid.points[k] for k in awarded.weights)
    assert bid.total == pytest.approx(total)
    assert "lead-time" in awarded.weights and "stock" in awarded.weights


def test_award_report_shows_the_supply_criterion_its_rule_and_values(awarded):
    from lcacompare.tender.html import render_html
    from lcacompare.tender.xlsx import bid_rows

    html = render_html(awarded).decode()
    assert 'id="supply-criteria"' in html
    assert "Lead time (days, lower is better)" in html
    assert "not stated" in html.split('id="supply-criteria"', 1)[1].split("</table>", 1)[0]
    _header, rows = bid_rows(awarded)
    formulas = [cell for row in rows for cell in row if isinstance(cell, str) and cell.startswith("lead_time_days")]
    assert formulas and "<= 14: 100 points" in formulas[0]
