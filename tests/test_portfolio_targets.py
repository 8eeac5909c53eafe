"""Each target definition on a hand-worked portfolio of four product lines (two options each).

Current mix: volumes 100, 300, 50, 550 uses a year (1000 in all); only row 1 reusable; EUR per
use 2, 1, 4, 1 (spend 200, 300, 200, 550 = 1250 EUR a year); kg CO2e per use 1, 0.5, 2, 1
(100 + 150 + 100 + 550 = 900 kg a year); primary material 0.1 kg per use on the single-use rows
(10 + 0 + 5 + 55 = 70 kg a year).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from portfolio_helpers import hand_table

from lcacompare.portfolios.ladder import ladder_shares
from lcacompare.portfolios.model import Baseline, ReductionTarget, ReusableShareTarget
from lcacompare.portfolios.table import current_mix
from lcacompare.portfolios.targets import measure_target, reusable_share

NAN = np.nan


@pytest.fixture
def table():
    return hand_table(
        volume=[100, 300, 50, 550],
        reusable=[[False, True], [True, False], [False, True], [False, True]],
        kg=[[1.0, 0.2], [0.5, 0.6], [2.0, 0.5], [1.0, 0.9]],
        eur=[[2.0, 1.5], [1.0, 1.2], [4.0, 6.0], [1.0, 1.1]],
        primary=[[0.1, 0.0], [0.0, 0.1], [0.1, 0.0], [0.1, 0.0]],
    )


def _share(measure, share):
    return ReusableShareTarget(id=f"s-{measure}", kind="reusable-share", measure=measure, share=share, year=2026)


def test_reusable_share_by_lines_counts_product_lines(table):
    status = measure_target(_share("lines", 0.5), table, current_mix(table), {})
    assert status.achieved == pytest.approx(0.25)  # 1 of 4 lines
    assert not status.met
    assert status.progress == pytest.approx(0.5)
    assert status.gap == 1.0 and status.gap_unit == "product lines"
    assert status.gap_percent == pytest.approx(25.0)


def test_reusable_share_by_uses_weights_lines_by_their_uses(table):
    status = measure_target(_share("uses", 0.5), table, current_mix(table), {})
    assert status.achieved == pytest.approx(0.3)  # 300 of 1000 uses
    assert status.gap == pytest.approx(200.0)
    assert status.gap_percent == pytest.approx(20.0)


def test_reusable_share_by_spend_weights_lines_by_their_levelised_spend(table):
    status = measure_target(_share("spend", 0.2), table, current_mix(table), {})
    assert status.achieved == pytest.approx(300 / 1250)
    assert status.met and status.progress == 1.0 and status.gap == 0.0


def test_the_three_share_definitions_differ_on_the_same_mix(table):
    mix = current_mix(table)
    shares = {m: reusable_share(table, m, mix) for m in ("lines", "uses", "spend")}
    assert shares == pytest.approx({"lines": 0.25, "uses": 0.3, "spend": 0.24})


def test_co2e_against_a_baseline_year_gives_progress_and_gap_in_kg_and_percent(table):
    target = ReductionTarget(id="c", kind="co2e-reduction", reduction=0.3, baseline_year=2018, year=2030)
    status = measure_target(target, table, current_mix(table), {2018: Baseline(kg_co2e=1000.0)})
    assert status.achieved == pytest.approx(0.1)  # 1 - 900 / 1000
    assert not status.met
    assert status.progress == pytest.approx(1 / 3)
    assert status.gap == pytest.approx(200.0)  # 900 - 0.7 * 1000
    assert status.gap_percent == pytest.approx(20.0)


def test_primary_material_against_a_baseline_year_is_met_when_below_the_limit(table):
    target = ReductionTarget(id="p", kind="primary-material-reduction", reduction=0.5, baseline_year=2016, year=2030)
    status = measure_target(target, table, current_mix(table), {2016: Baseline(primary_material_kg=250.0)})
    assert status.achieved == pytest.approx(1 - 70 / 250)
    assert status.met and status.gap == 0.0


def test_a_reduction_without_a_baseline_is_reported_unmeasured_not_met(table):
    target = ReductionTarget(id="p", kind="primary-material-reduction", reduction=0.5, baseline_year=2016, year=2030)
    status = measure_target(target, table, current_mix(table), {})
    assert math.isnan(status.achieved) and not status.met


def test_a_switched_mix_moves_the_shares(table):
    mix = np.array([1, 0, 0, 0])
    assert reusable_share(table, "lines", mix) == pytest.approx(0.5)
    assert reusable_share(table, "uses", mix) == pytest.approx(0.4)


def test_the_r_ladder_counts_lines_and_uses_per_rung(table):
    shares = ladder_shares(table, current_mix(table))
    assert shares["reuse"] == pytest.approx({"lines": 0.25, "uses": 0.3})
    assert shares["recover"] == pytest.approx({"lines": 0.75, "uses": 0.7})
    assert sum(s["lines"] for s in shares.values()) == pytest.approx(1.0)
