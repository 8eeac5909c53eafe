"""Award methods on hand-worked examples: points, fictive price, LCC with carbon, value for money."""

from __future__ import annotations

import numpy as np
import pytest

from lcacompare.tender import methods
from lcacompare.tender.scoring import ranking


def _weighted_total(prices: list[float], quality_points: list[float]) -> np.ndarray:
    """60 % price (proportional, 100 points), 40 % quality (points given)."""
    price_points = methods.proportional_points(prices, 100)
    return methods.weighted_points({"price": price_points, "quality": quality_points}, {"price": 60, "quality": 40})


def test_proportional_points_give_the_cheapest_bid_full_points_and_the_others_their_price_ratio() -> None:
    assert methods.proportional_points([100.0, 125.0, 200.0], 10).tolist() == pytest.approx([10.0, 8.0, 5.0])


def test_linear_points_fall_evenly_to_zero_at_n_times_the_best_and_stay_there() -> None:
    assert methods.linear_points([100.0, 150.0, 250.0], 10, n=2).tolist() == pytest.approx([10.0, 5.0, 0.0])
    assert methods.linear_points([100.0, 130.0], 100, n=3).tolist() == pytest.approx([100.0, 85.0])


def test_a_third_bid_reverses_the_first_two_under_proportional_price_scoring() -> None:
    # By hand, two bids: A = 0.6*100 + 0.4*50 = 80; B = 0.6*100*100/120 + 0.4*70 = 50 + 28 = 78: A first.
    two = _weighted_total([100.0, 120.0], [50.0, 70.0])
    assert two.tolist() == pytest.approx([80.0, 78.0])
    assert ranking(("A", "B"), two, True) == [["A"], ["B"]]
    # C at 75 EUR becomes P_min: A = 0.6*75 + 20 = 65; B = 0.6*62.5 + 28 = 65.5; C = 60: B now beats A.
    three = _weighted_total([100.0, 120.0, 75.0], [50.0, 70.0, 0.0])
    assert three.tolist() == pytest.approx([65.0, 65.5, 60.0])
    assert ranking(("A", "B", "C"), three, True) == [["B"], ["A"], ["C"]]


def test_linear_price_points_do_not_reverse_when_the_best_price_is_the_same() -> None:
    # The third bid is dearer than A, so the linear scale (set by the best price) does not move.
    points = methods.linear_points([100.0, 120.0, 150.0], 100)
    two = methods.linear_points([100.0, 120.0], 100)
    assert points[:2].tolist() == pytest.approx(two.tolist())


def test_fictive_price_ranks_as_points_when_the_implied_euro_per_point_matches() -> None:
    prices = np.array([1000.0, 1100.0, 1250.0])
    quality = np.array([0.2, 0.6, 0.9])  # (q - q_min) / (q_max - q_min)
    w_price, w_quality, s = 60.0, 40.0, 100.0
    points = methods.weighted_points(
        {"price": methods.linear_points(prices, s, n=2), "quality": s * quality},
        {"price": w_price, "quality": w_quality},
    )
    # Linear price points are worth lambda = S / ((n - 1) P_best) points per euro, so quality at the
    # top of the scale is worth V = w_q S / (w_p lambda) = 0.4 * 100 * 1000 / (0.6 * 100) euro.
    value = w_quality * s * 1000.0 / (w_price * s)
    assert value == pytest.approx(666.6666666666666)
    fictive = methods.fictive_price(prices, value * quality)
    assert fictive.tolist() == pytest.approx([866.6666667, 700.0, 650.0])
    # The totals are an affine, decreasing function of the fictive price: T = 120 - 0.06 F.
    assert points.tolist() == pytest.approx((120.0 - 0.06 * fictive).tolist())
    order_points = ranking(("a", "b", "c"), points, True)
    order_fictive = ranking(("a", "b", "c"), fictive, False)
    assert order_points == order_fictive == [["c"], ["b"], ["a"]]


def test_the_co2_ladder_discount_lowers_the_fictive_price_by_the_level_percentage() -> None:
    discount = methods.co2_ladder_discount([0, 5], {1: 0.01, 2: 0.02, 3: 0.04, 4: 0.07, 5: 0.10})
    assert methods.fictive_price([1000.0, 1080.0], 0.0, discount).tolist() == pytest.approx([1000.0, 972.0])


def test_lcc_with_carbon_adds_the_discounted_emissions_times_the_price() -> None:
    # 10,000 EUR + 30 t x 100 EUR/t = 13,000; 12,000 + 5 t x 100 = 12,500: the cleaner bid wins.
    lcc = methods.lcc_with_carbon([10_000.0, 12_000.0], [30_000.0, 5_000.0], 100.0)
    assert lcc.tolist() == pytest.approx([13_000.0, 12_500.0])


def test_value_for_money_divides_cost_by_quality_and_a_bid_without_quality_never_wins() -> None:
    assert methods.value_for_money([1000.0, 1200.0, 900.0], [50.0, 80.0, 0.0]).tolist() == [20.0, 15.0, np.inf]


def test_methods_score_every_draw_at_once_along_the_last_axis() -> None:
    draws = np.array([[100.0, 125.0], [130.0, 100.0]])
    assert methods.proportional_points(draws, 10).tolist() == [[10.0, 8.0], [pytest.approx(7.6923076923), 10.0]]
