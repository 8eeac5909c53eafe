"""What the comparison and the uncertainty analysis need from a background: :class:`Background`.

Two providers satisfy it: the open datasets written as a cached Brightway project
(:class:`~lcacompare.lca.backend.BrightwayBackend`) and a user's own Brightway project
(:class:`~lcacompare.lca.linked.LinkedBackend`). Activities are named by the compiled case's
``LineInfo.activity_key``; every impact is in the method's unit (kg CO2e) per reference unit of
the activity.

The engine needs the deterministic unit impacts ``h_a`` only: a line's contribution is
``amount_l * h_a(l)`` and an option's score their sum, the linear product bw2calc computes for the
demand ``{a: amount}`` (:meth:`Background.score` is that bw2calc score, for cross-checks). The
uncertainty analysis needs sampled unit impacts, either drawn from the distributions Brightway
stores on the exchanges (:meth:`Background.exchange_distributions`) or from a pool of bw2calc Monte
Carlo iterations (:meth:`Background.monte_carlo_pool`); a background that offers neither is kept
deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from lcacompare.lca.sampling import ExchangeDistributions

__all__ = ["Background"]


@runtime_checkable
class Background(Protocol):
    """A source of unit impacts of background activities (open datasets or a linked project).

    Attributes
    ----------
    identity : str
        Digest of everything that fixes the numbers (data, method, build schema or project), so
        two backgrounds with the same identity give the same unit impacts.
    method_key : tuple of str
        The Brightway impact assessment method the impacts are computed with.
    """

    @property
    def identity(self) -> str:
        """Digest of the data and method behind the unit impacts."""
        ...

    @property
    def method_key(self) -> tuple[str, ...]:
        """The registered Brightway method."""
        ...

    def unit_impacts(self, keys: Iterable[str]) -> dict[str, float]:
        """Kg CO2e per reference unit of each activity, by key (duplicates collapse)."""
        ...

    def score(self, demand: Mapping[str, float]) -> float:
        """bw2calc's score of a demand ``{key: amount}``, ``sum_a amount_a * h_a``."""
        ...

    def sample_unit_impacts(self, keys: list[str], samples: int, seed: int) -> np.ndarray:
        """bw2calc Monte Carlo draws of unit impacts, shape ``(len(keys), samples)``, cached."""
        ...

    def exchange_distributions(self, keys: Sequence[str]) -> ExchangeDistributions | None:
        """The exchange uncertainty that reproduces bw2calc's sampling exactly, or None."""
        ...

    def monte_carlo_pool(self, keys: Sequence[str], draws: int, seed: int) -> np.ndarray | None:
        """Unit impacts from ``draws`` bw2calc Monte Carlo iterations, or None when not offered."""
        ...
