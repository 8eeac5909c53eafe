"""How robust an award is: P(win) over the paired draws, a winner map, the smallest reversal.

* ``P(win)_i``: the share of Monte Carlo draws in which bid i scores best; a draw in which k
  bids tie gives each ``1/k``, so the probabilities sum to one. Bids of one case share draws
  (common random numbers), so what they have in common moves them together.
* The winner map: the winner at each carbon price x sustainability weight of a grid, the other
  weights keeping their published proportions.
* The smallest reversal: the nearest carbon price, and the nearest sustainability weight, at
  which the second bid overtakes the first, found by bracketing on a grid and bisection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lcacompare.tender.scoring import AwardInputs, score, with_sustainability_weight
from lcacompare.tender.tender import Tender

__all__ = ["probability_of_winning", "winner_map", "WinnerMap", "Reversal", "nearest_reversal", "ROBUST_PROBABILITY"]

ROBUST_PROBABILITY = 0.95
"""P(win) the winner needs for the award to be called robust to the data's uncertainty."""


def probability_of_winning(tender: Tender, draws: AwardInputs, eur_per_tonne: float) -> np.ndarray:
    """P(win) of each bid over the paired draws; ties split evenly, so the sum is one.

    Parameters
    ----------
    tender : Tender
    draws : AwardInputs
        Arrays of shape ``(draws, bids)``.
    eur_per_tonne : float

    Returns
    -------
    ndarray, shape (bids,)
    """
    winners = score(tender, draws, eur_per_tonne).winner_index.astype(float)
    shares = winners / winners.sum(axis=-1, keepdims=True)
    return shares.mean(axis=0)


@dataclass(frozen=True)
class WinnerMap:
    """The winner at each point of a carbon price x sustainability weight grid.

    ``winner[j, i]`` is the index of the winning bid at ``weights[j]``, ``prices[i]``; ``-1``
    marks a tie. ``weights`` is None when the tender has no weighted co2e criterion.
    """

    prices: np.ndarray
    weights: np.ndarray | None
    winner: np.ndarray


def _winner_at(tender: Tender, inputs: AwardInputs, price: float, weight: float | None) -> int:
    weights = None if weight is None else with_sustainability_weight(tender, weight)
    marks = score(tender, inputs, price, weights).winner_index
    return int(np.argmax(marks)) if marks.sum() == 1 else -1


def has_sustainability_weight(tender: Tender) -> bool:
    """Whether the method weighs a co2e criterion (the map's second axis)."""
    return tender.method in ("weighted-points", "value-for-money") and any(c.kind == "co2e" for c in tender.criteria)


def winner_map(tender: Tender, inputs: AwardInputs, prices: np.ndarray, weights: np.ndarray | None) -> WinnerMap:
    """The winner over a grid of carbon prices and sustainability weights.

    Parameters
    ----------
    tender : Tender
    inputs : AwardInputs
        The published figures, shape ``(bids,)``.
    prices : ndarray
        Carbon prices, EUR per tonne.
    weights : ndarray or None
        Sustainability weights in percent; None for a one-row map (carbon price only).

    Returns
    -------
    WinnerMap
    """
    rows = [None] if weights is None else list(weights)
    grid = np.array([[_winner_at(tender, inputs, float(p), w) for p in prices] for w in rows], dtype=int)
    return WinnerMap(np.asarray(prices, dtype=float), None if weights is None else np.asarray(weights), grid)


@dataclass(frozen=True)
class Reversal:
    """Where the second bid overtakes the first along one axis, nearest the published point."""

    axis: str
    published: float
    at: float | None
    unit: str

    @property
    def change(self) -> float | None:
        """The change from the published value (None when no reversal in the searched range)."""
        return None if self.at is None else self.at - self.published


def _gap(tender: Tender, inputs: AwardInputs, first: int, second: int) -> Callable[[float, float | None], float]:
    def gap(price: float, weight: float | None) -> float:
        weights = None if weight is None else with_sustainability_weight(tender, weight)
        result = score(tender, inputs, price, weights)
        difference = float(result.total[first] - result.total[second])
        return difference if result.higher_wins else -difference

    return gap


def _nearest_root(
    f: Callable[[float], float], start: float, low: float, high: float, points: int = 400
) -> float | None:
    """The root of f nearest ``start`` in [low, high], f(start) > 0; None if f stays positive."""
    grid = np.linspace(low, high, points + 1)
    grid = np.union1d(grid, [start])
    values = np.array([f(float(x)) for x in grid])
    i0 = int(np.searchsorted(grid, start))
    best: float | None = None
    for step in (1, -1):
        i = i0
        while 0 <= i + step < grid.size and values[i + step] > 0:
            i += step
        if 0 <= i + step < grid.size:
            a, b = float(grid[i]), float(grid[i + step])
            for _ in range(60):  # bisection to machine precision of the bracket
                mid = 0.5 * (a + b)
                if f(mid) > 0:
                    a = mid
                else:
                    b = mid
            if best is None or abs(b - start) < abs(best - start):
                best = b
    return best


def nearest_reversal(
    tender: Tender,
    inputs: AwardInputs,
    first: int,
    second: int,
    eur_per_tonne: float,
    price_range: tuple[float, float],
) -> list[Reversal]:
    """The carbon price and the sustainability weight nearest the published ones that reverse two bids.

    Parameters
    ----------
    tender : Tender
    inputs : AwardInputs
        Published figures, shape ``(bids,)``.
    first, second : int
        Indices of the first- and second-ranked bids.
    eur_per_tonne : float
        The published carbon price.
    price_range : tuple of float
        Carbon prices searched (EUR per tonne).

    Returns
    -------
    list of Reversal
        One per axis the method has (carbon price; sustainability weight where weighted).
    """
    gap = _gap(tender, inputs, first, second)
    out = []
    if gap(eur_per_tonne, None) <= 0:  # a tie at the published point: no reversal to find
        return [Reversal("carbon price", eur_per_tonne, eur_per_tonne, "EUR/t")]
    low, high = min(price_range[0], eur_per_tonne), max(price_range[1], eur_per_tonne)
    out.append(
        Reversal(
            "carbon price", eur_per_tonne, _nearest_root(lambda p: gap(p, None), eur_per_tonne, low, high), "EUR/t"
        )
    )
    if has_sustainability_weight(tender):
        published = float(next(c.weight or 0.0 for c in tender.criteria if c.kind == "co2e"))
        at = _nearest_root(lambda w: gap(eur_per_tonne, w), published, 0.0, 100.0)
        out.append(Reversal("sustainability weight", published, at, "%"))
    return out
