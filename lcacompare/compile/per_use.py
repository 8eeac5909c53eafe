"""Per-use arithmetic of LCAC-HC/1: expected uses, cycle shares and the basis factors.

* ``per: use`` lines count once per use;
* ``per: cycle`` lines are shared by the items of a cycle: ``1 / (capacity * fill_rate)`` for
  count allocation, ``item_size / (capacity * fill_rate)`` for mass or volume allocation;
* ``per: life`` lines are divided by the expected uses of an item retired after ``N`` uses and lost
  with probability ``l`` at each use, ``E = (1 - (1 - l)**N) / l`` (``E = N`` when ``l = 0``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

__all__ = ["BasisFactors", "expected_uses", "count_share", "size_share", "MAX_PER_USE"]

MAX_PER_USE = 1e12
"""Largest per-use number accepted (kg, kWh, L, EUR ... per use, and cycles per use)."""


def expected_uses(uses_per_life: Any, loss_rate: Any) -> Any:
    """Expected uses of an item: ``E = (1 - (1 - l)**N) / l``, ``E = N`` when ``l = 0``.

    Parameters
    ----------
    uses_per_life : float or ndarray
        N, uses before planned retirement.
    loss_rate : float or ndarray
        l, probability of loss or scrap at each use, in [0, 1).

    Returns
    -------
    float or ndarray
        E, broadcast over the inputs.

    Examples
    --------
    >>> expected_uses(100, 0.0)
    100.0
    >>> round(float(expected_uses(100, 0.01)), 3)
    63.397
    """
    n = np.asarray(uses_per_life, dtype=float)
    loss = np.asarray(loss_rate, dtype=float)
    lossy = loss > 0
    with_loss: Any = 0.0  # not used where l = 0
    if lossy.any():
        safe = np.where(lossy, loss, 1.0)
        # -expm1(N*log1p(-l)) is 1-(1-l)^N without cancellation for tiny l (in place: one array).
        with np.errstate(divide="ignore", invalid="ignore"):
            with_loss = np.asarray(n * np.log1p(-np.where(lossy, loss, 0.0)))
            np.expm1(with_loss, out=with_loss)
            np.negative(with_loss, out=with_loss)
            np.divide(with_loss, safe, out=with_loss)
    result = np.where(lossy, with_loss, n)
    return float(result) if result.ndim == 0 else result


def count_share(capacity: Any, fill_rate: float) -> Any:
    """Share of a cycle borne by one item under count allocation: ``1 / (capacity * fill_rate)``.

    Examples
    --------
    >>> count_share(400, 0.8)
    0.003125
    """
    return 1.0 / (capacity * fill_rate)


def size_share(size_over_capacity: Any, fill_rate: float) -> Any:
    """Share of a cycle borne by one item under mass or volume allocation.

    ``item_size / capacity / fill_rate``, with ``item_size / capacity`` already a plain number.

    Examples
    --------
    >>> size_share(0.01, 0.5)
    0.02
    """
    return size_over_capacity / fill_rate


@dataclass(frozen=True)
class BasisFactors:
    """Multipliers turning an amount on its own basis into an amount per use.

    Attributes
    ----------
    use : float
        1: a ``per: use`` line counts once per use.
    cycle : float or ndarray
        The item's share of a cycle (0 for an option without a cycle).
    life : float or ndarray
        ``1 / E`` for a reusable option, 1 for a single-use one.
    uses : float or ndarray
        N, uses per life (1 for a single-use option).
    loss_rate : float or ndarray
        l, loss or scrap probability per use (0 for a single-use option).
    reusable : bool
        Whether ``life`` depends on N.
    """

    use: float
    cycle: Any
    life: Any
    uses: Any
    loss_rate: Any
    reusable: bool

    @classmethod
    def of_option(cls, *, reusable: bool, uses_per_life: Any, loss_rate: Any, cycle: Any) -> BasisFactors:
        """The factors of an option from its N, l and cycle share (single-use: N = 1, l = 0).

        Parameters
        ----------
        reusable : bool
            Whether the option is reusable (else ``uses_per_life`` and ``loss_rate`` are ignored).
        uses_per_life, loss_rate : float or ndarray
            N and l.
        cycle : float or ndarray
            The cycle share (0 without a cycle).

        Returns
        -------
        BasisFactors
            With ``life = 1 / E(N, l)`` for a reusable option.
        """
        if not reusable:
            return cls(1.0, cycle, 1.0, 1.0, 0.0, False)
        return cls(1.0, cycle, 1.0 / expected_uses(uses_per_life, loss_rate), uses_per_life, loss_rate, True)

    def of(self, basis: str) -> Any:
        """The multiplier of one basis: ``use``, ``cycle`` or ``life``."""
        if basis == "use":
            return self.use
        if basis == "cycle":
            return self.cycle
        if basis == "life":
            return self.life
        raise KeyError(basis)

    def at_uses(self, uses_per_life: Any) -> BasisFactors:
        """The same factors with N replaced (``life`` recomputed, ``cycle`` and ``l`` kept).

        Parameters
        ----------
        uses_per_life : float or ndarray or None
            The new N; None keeps the factors. Ignored for a single-use option.

        Returns
        -------
        BasisFactors
        """
        if uses_per_life is None or not self.reusable:
            return self
        return replace(self, life=1.0 / expected_uses(uses_per_life, self.loss_rate), uses=uses_per_life)

    def without_cycle(self) -> BasisFactors:
        """The same factors with the cycle share set to 0 (after a cycle share was refused)."""
        return replace(self, cycle=0.0)

    @property
    def expected_uses(self) -> Any:
        """E, expected uses of an item (1 for a single-use option)."""
        return expected_uses(self.uses, self.loss_rate) if self.reusable else 1.0
