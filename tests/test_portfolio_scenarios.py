"""MAC ordering and the cheapest set of switches on a hand-worked portfolio.

Switching each row to its alternative (volumes 100, 300, 50, 550):

=====  ==================  ====================  ============
row    extra EUR a year    kg CO2e saved a year  EUR per t
=====  ==================  ====================  ============
0      100 x -0.5 = -50    100 x 0.8 = 80        -625
1      300 x 0.2 = 60      300 x -0.1 = -30      (adds CO2e)
2      50 x 2 = 100        50 x 1.5 = 75         1333.3
3      550 x 0.1 = 55      550 x 0.1 = 55        1000
=====  ==================  ====================  ============

To save 150 kg (25 % below a 1000 kg baseline from 900 kg) the cheapest set is rows 0 and 2
(155 kg, +50 EUR); going down the MAC curve (0, 3, then 2) would cost 105 EUR.
"""

from __future__ import annotations

import numpy as np
import pytest
from portfolio_helpers import hand_table

from lcacompare.portfolios.model import Baseline, ReductionTarget, ReusableShareTarget
from lcacompare.portfolios.scenarios import candidates, cheapest_set, mac_curve
from lcacompare.portfolios.targets import measure_target


@pytest.fixture
def table():
    return hand_table(
        volume=[100, 300, 50, 550],
        reusable=[[False, True], [True, False], [False, True], [False, True]],
        kg=[[1.0, 0.2], [0.5, 0.6], [2.0, 0.5], [1.0, 0.9]],
        eur=[[2.0, 1.5], [1.0, 1.2], [4.0, 6.0], [1.0, 1.1]],
    )


def test_each_switch_states_eur_and_co2e_saved_and_eur_per_tonne(table):
    found = candidates(table)
    assert list(found.row) == [0, 1, 2, 3]
    assert found.extra_eur_per_year == pytest.approx([-50, 60, 100, 55])
    assert found.kg_co2e_saved_per_year == pytest.approx([80, -30, 75, 55])
    assert found.eur_per_t_co2e[[0, 2, 3]] == pytest.approx([-625, 100 / 0.075, 1000])
    assert np.isnan(found.eur_per_t_co2e[1])


def test_the_mac_curve_orders_co2e_saving_switches_by_eur_per_tonne(table):
    found = candidates(table)
    assert list(found.row[mac_curve(found)]) == [0, 3, 2]


def test_the_mac_curve_keeps_per_row_its_cheapest_abatement():
    table = hand_table(
        volume=[100],
        reusable=[[False, True, True]],
        kg=[[1.0, 0.5, 0.2]],
        eur=[[1.0, 1.1, 1.5]],  # 10 EUR / 0.05 t = 200 EUR per t; 50 EUR / 0.08 t = 625 EUR per t
    )
    found = candidates(table)
    bars = mac_curve(found)
    assert list(found.slot[bars]) == [1]


def test_the_cheapest_set_beats_walking_down_the_mac_curve(table):
    target = ReductionTarget(id="c", kind="co2e-reduction", reduction=0.25, baseline_year=2018, year=2030)
    baselines = {2018: Baseline(kg_co2e=1000.0)}
    chosen = cheapest_set(target, table, candidates(table), baselines)
    assert chosen.reachable
    assert list(chosen.mix) == [1, 0, 1, 0]
    assert chosen.extra_eur_per_year == pytest.approx(50.0)
    assert measure_target(target, table, chosen.mix, baselines).met


def test_the_cheapest_set_for_a_share_takes_the_money_saving_switch_only(table):
    target = ReusableShareTarget(id="s", kind="reusable-share", measure="lines", share=0.5, year=2026)
    chosen = cheapest_set(target, table, candidates(table), {})
    assert list(chosen.mix) == [1, 0, 0, 0]
    assert chosen.extra_eur_per_year == pytest.approx(-50.0)


def test_an_unreachable_target_is_reported_not_reachable(table):
    target = ReductionTarget(id="c", kind="co2e-reduction", reduction=0.9, baseline_year=2018, year=2030)
    chosen = cheapest_set(target, table, candidates(table), {2018: Baseline(kg_co2e=1000.0)})
    assert not chosen.reachable
    assert list(chosen.mix) == [0, 0, 0, 0]


def test_a_row_switches_to_at_most_one_alternative():
    table = hand_table(
        volume=[100, 100],
        reusable=[[False, True, True], [False, True, False]],
        kg=[[1.0, 0.5, 0.4], [1.0, 0.9, np.nan]],
        eur=[[1.0, 0.9, 0.8], [1.0, 1.0, np.nan]],
    )
    target = ReusableShareTarget(id="s", kind="reusable-share", measure="lines", share=1.0, year=2026)
    chosen = cheapest_set(target, table, candidates(table), {})
    assert list(chosen.mix) == [2, 1]
