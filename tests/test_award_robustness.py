"""Robustness: P(win) sums to one with common random numbers; the map switches where a hand calculation says."""

from __future__ import annotations

import copy
from importlib.resources import files

import numpy as np
import pytest
import yaml

from lcacompare.tender.decide import award
from lcacompare.tender.engine_inputs import bid_figures
from lcacompare.tender.load import parse_tender
from lcacompare.tender.robustness import nearest_reversal, winner_map
from lcacompare.tender.scoring import AwardInputs

SHIPPED = yaml.safe_load(files("lcacompare.data").joinpath("tenders", "kocher-clamp-tender.yaml").read_text("utf-8"))


def _tender(**changes):
    data = copy.deepcopy(SHIPPED)
    data.update(changes)
    return parse_tender(data)


def _inputs(npv_cost, npv_kg, kg_per_use=None) -> AwardInputs:
    cost = np.asarray(npv_cost, dtype=float)
    kg = np.asarray(npv_kg, dtype=float)
    return AwardInputs(
        tuple("AB"[: cost.size]), cost, kg, kg if kg_per_use is None else np.asarray(kg_per_use, dtype=float)
    )


LCC_ONLY = {
    "method": "lowest-lcc",
    "criteria": [{"id": "lcc", "kind": "cost", "scoring": {"rule": "lowest"}, "include_carbon": True}],
    "bids": [{**b, "quality": {}} for b in SHIPPED["bids"][:2]],
}


def test_the_winner_map_switches_at_the_carbon_price_where_the_lccs_cross_by_hand() -> None:
    tender = _tender(**LCC_ONLY)
    # A: 10,000 EUR and 30 t; B: 12,000 EUR and 5 t. 10,000 + 30 p = 12,000 + 5 p  =>  p* = 80 EUR/t.
    inputs = _inputs([10_000.0, 12_000.0], [30_000.0, 5_000.0])
    prices = np.linspace(0.0, 200.0, 41)  # steps of 5 EUR/t, 80 on the grid
    grid = winner_map(tender, inputs, prices, None).winner[0]
    assert grid[prices < 80].tolist() == [0] * 16
    assert grid[prices > 80].tolist() == [1] * 24
    assert grid[prices == 80].tolist() == [-1]  # a tie at the switch
    (reversal,) = nearest_reversal(tender, inputs, 0, 1, 50.0, (0.0, 200.0))
    assert reversal.at == pytest.approx(80.0, rel=1e-9)
    assert reversal.change == pytest.approx(30.0, rel=1e-9)


def test_the_smallest_weight_change_that_reverses_the_first_two_matches_the_hand_calculation() -> None:
    tender = _tender(
        criteria=[
            {"id": "cost", "kind": "cost", "weight": 80, "scoring": {"rule": "proportional", "max_points": 100}},
            {"id": "co2e", "kind": "co2e", "weight": 20, "scoring": {"rule": "proportional", "max_points": 100}},
        ],
        bids=[{**b, "quality": {}} for b in SHIPPED["bids"][:2]],
    )
    # Cost 100 vs 125: 100 and 80 points; CO2e 2 vs 1 kg: 50 and 100 points. With weight w on CO2e
    # A = 100 - 50 w, B = 80 + 20 w: equal at w = 20/70 = 28.571 %; published w = 20 %: A first.
    inputs = _inputs([100.0, 125.0], [0.0, 0.0], [2.0, 1.0])
    reversals = {r.axis: r for r in nearest_reversal(tender, inputs, 0, 1, 130.0, (0.0, 400.0))}
    assert reversals["carbon price"].at is None  # the cost criterion carries no carbon here
    assert reversals["sustainability weight"].at == pytest.approx(100 * 20 / 70, rel=1e-9)
    weights = np.array([20.0, 28.0, 29.0, 40.0])
    rows = winner_map(tender, inputs, np.array([130.0]), weights).winner[:, 0]
    assert rows.tolist() == [0, 0, 1, 1]


def test_p_win_sums_to_one_over_the_bids() -> None:
    data = copy.deepcopy(SHIPPED)
    data["robustness"] = {"samples": 300, "seed": 7, "grid": 5}
    result = award(parse_tender(data))
    p_win = [b.probability_of_winning for b in result.bids]
    assert sum(p_win) == pytest.approx(1.0, abs=1e-12)
    assert all(0.0 <= p <= 1.0 for p in p_win)


def test_bids_of_the_same_case_share_draws_so_identical_bids_tie_in_every_draw() -> None:
    data = copy.deepcopy(SHIPPED)
    rental = next(b for b in data["bids"] if b["id"] == "external-rental")
    twin = {**copy.deepcopy(rental), "id": "rental-twin", "supplier": "Supplier D (the same offer)"}
    data["bids"] = [rental, twin]
    data["robustness"] = {"samples": 300, "seed": 7, "grid": 5}
    tender = parse_tender(data)
    figures = bid_figures(tender)
    first, second = figures.bids["external-rental"], figures.bids["rental-twin"]
    assert np.array_equal(first.draws_eur_per_use, second.draws_eur_per_use)
    assert np.array_equal(first.draws_kg_co2e_per_use, second.draws_kg_co2e_per_use)
    assert np.std(first.draws_eur_per_use) > 0  # the draws do vary: the equality is common random numbers
    result = award(tender)
    # Independent draws would give about 0.5 each, never exactly; shared draws tie every time.
    assert [b.probability_of_winning for b in result.bids] == [0.5, 0.5]
