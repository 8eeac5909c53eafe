"""PEF's number of uses 1 / (1 - R) against the method's expected uses E = (1 - (1 - l)^N) / l, l = 1 - R."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from lcacompare import load_case
from lcacompare.circular.reuse_identity import pef_number_of_uses, reuse_identity
from lcacompare.compile.per_use import expected_uses
from lcacompare.data import shipped_case
from lcacompare.run import analyse

SMALL = Path(__file__).resolve().parent / "data" / "circular_small.yaml"


def test_pef_uses_are_one_over_one_minus_the_reuse_rate() -> None:
    assert pef_number_of_uses(0.9) == pytest.approx(10.0)
    assert pef_number_of_uses(0.0) == 1.0
    assert math.isinf(pef_number_of_uses(1.0))


def test_a_reuse_rate_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="reuse rate"):
        pef_number_of_uses(1.2)


@pytest.mark.parametrize("loss", [0.5, 0.1, 0.02, 0.001])
def test_expected_uses_tend_to_pef_uses_as_n_grows(loss: float) -> None:
    pef = pef_number_of_uses(1.0 - loss)
    assert expected_uses(1e7, loss) == pytest.approx(pef, rel=1e-9)


@pytest.mark.parametrize(("uses", "loss"), [(2, 0.5), (10, 0.1), (500, 0.002), (1000, 0.0005)])
def test_expected_uses_stay_below_pef_uses_for_finite_n(uses: int, loss: float) -> None:
    identity = reuse_identity(uses, loss)
    assert identity.expected_uses < identity.pef_uses


@pytest.mark.parametrize(("uses", "loss"), [(2, 0.5), (10, 0.1), (500, 0.002), (50, 0.3)])
def test_the_relative_gap_is_the_survival_probability(uses: int, loss: float) -> None:
    identity = reuse_identity(uses, loss)
    gap = (identity.pef_uses - identity.expected_uses) / identity.pef_uses
    assert identity.relative_gap == pytest.approx(gap, rel=1e-9)
    assert identity.relative_gap == pytest.approx((1.0 - loss) ** uses, rel=1e-12)


def test_hand_worked_identity_for_two_uses_at_half_loss() -> None:
    # E = (1 - 0.5^2) / 0.5 = 1.5; 1 / (1 - R) = 1 / 0.5 = 2; gap 0.5^2 = 0.25
    identity = reuse_identity(2, 0.5)
    assert (identity.expected_uses, identity.pef_uses, identity.relative_gap) == pytest.approx((1.5, 2.0, 0.25))
    assert identity.reuse_rate == pytest.approx(0.5)


def test_no_loss_gives_e_equal_n_and_no_finite_pef_count() -> None:
    identity = reuse_identity(50, 0.0)
    assert identity.expected_uses == 50.0 and math.isinf(identity.pef_uses) and identity.relative_gap == 1.0


def test_the_result_gives_both_figures_for_each_reusable(home: Path) -> None:
    result = analyse(load_case(SMALL), samples=0, home=home).result
    assert result.reuse_identity is not None
    assert sorted(result.reuse_identity) == ["linen", "tray"]  # not the single-use gown
    tray, linen = result.reuse_identity["tray"], result.reuse_identity["linen"]
    assert (tray.expected_uses, tray.pef_uses, tray.relative_gap) == pytest.approx((1.5, 2.0, 0.25))
    assert linen.pef_uses is None and linen.expected_uses == pytest.approx(50.0)


def test_version_1_has_no_reuse_identity(home: Path) -> None:
    with shipped_case("kocher-clamp") as path:
        case = load_case(path)
    assert analyse(case, samples=0, home=home).result.reuse_identity is None
