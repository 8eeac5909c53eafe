"""One background per activity id: a case's lines routed to the open datasets, a linked project or the case.

A case may mix shipped dataset rows, activities of a linked Brightway project and its own
factors (or published figures). :class:`RoutedBackground` keeps one background per activity
key, by the key's form: ``bw:...`` goes to the linked project, ``case:...`` and
``published:...`` are the case's own (their unit impacts are computed at compile time, see
:mod:`lcacompare.compile.own_factors`, and are fixed in Monte Carlo), any other key to the
shared open-datasets project. The shared project is never rebuilt for a case's own factors:
its cache key stays the datasets' content.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from lcacompare.compile.own_factors import is_own_key
from lcacompare.lca.background import Background

if TYPE_CHECKING:
    from lcacompare.lca.sampling import ExchangeDistributions

__all__ = ["RoutedBackground"]


class RoutedBackground:
    """A :class:`~lcacompare.lca.background.Background` that sends each key to the background it names.

    Parameters
    ----------
    own : mapping of str to float
        Kg CO2e per unit of the case's own keys (``CompiledCase.own_impacts``).
    datasets : Background, optional
        The open-datasets background, for plain keys.
    linked : Background, optional
        The linked project, for ``bw:`` keys.
    """

    def __init__(
        self, own: Mapping[str, float], datasets: Background | None = None, linked: Background | None = None
    ) -> None:
        self.own = dict(own)
        self.datasets = datasets
        self.linked = linked
        parts = [b.identity if b is not None else "" for b in (datasets, linked)]
        self.identity = hashlib.sha256(json.dumps([parts, sorted(self.own.items())]).encode()).hexdigest()
        main = linked if linked is not None else datasets
        self.method_key: tuple[str, ...] = tuple(main.method_key) if main is not None else ()

    def _route(self, key: str) -> Background | None:
        if is_own_key(key):
            return None
        if key.startswith("bw:") and self.linked is not None:
            return self.linked
        if self.datasets is None:
            raise KeyError(key)
        return self.datasets

    def _groups(self, keys: Iterable[str]) -> list[tuple[Background | None, list[str]]]:
        groups: dict[int, tuple[Background | None, list[str]]] = {}
        for key in dict.fromkeys(keys):
            background = self._route(key)
            groups.setdefault(id(background), (background, []))[1].append(key)
        return list(groups.values())

    def unit_impacts(self, keys: Iterable[str]) -> dict[str, float]:
        """Kg CO2e per reference unit of each key, from the background that holds it."""
        found: dict[str, float] = {}
        for background, group in self._groups(keys):
            found.update({k: self.own[k] for k in group} if background is None else background.unit_impacts(group))
        return {key: found[key] for key in dict.fromkeys(keys)}

    def score(self, demand: Mapping[str, float]) -> float:
        """Sum of each background's score of its part of the demand (own keys: amount x impact)."""
        total = 0.0
        for background, group in self._groups(demand):
            part = {key: demand[key] for key in group}
            if background is None:
                total += sum(amount * self.own[key] for key, amount in part.items())
            else:
                total += background.score(part)
        return total

    def sample_unit_impacts(self, keys: list[str], samples: int, seed: int) -> np.ndarray:
        """Draws of every key's unit impact; own keys stay at their value."""
        out = np.empty((len(keys), samples))
        position = {key: k for k, key in enumerate(keys)}
        for background, group in self._groups(keys):
            rows = [position[key] for key in group]
            if background is None:
                out[rows] = np.array([self.own[key] for key in group])[:, None]
            else:
                out[rows] = background.sample_unit_impacts(group, samples, seed)
        return out

    def exchange_distributions(self, keys: Sequence[str]) -> ExchangeDistributions | None:
        """The datasets' exchange terms with own keys as fixed rows; None when a linked key is asked for."""
        import dataclasses

        from lcacompare.lca.sampling import ExchangeDistributions

        keys = list(dict.fromkeys(keys))
        fixed = np.zeros(len(keys))
        terms = []
        for background, group in self._groups(keys):
            rows = [keys.index(key) for key in group]
            if background is None:
                fixed[rows] = [self.own[key] for key in group]
                continue
            part = background.exchange_distributions(group)
            if part is None:
                return None
            fixed[rows] = part.fixed
            terms += [dataclasses.replace(term, activity=rows[term.activity]) for term in part.terms]
        terms.sort(key=lambda term: term.activity)  # stable: each activity's terms keep their order
        return ExchangeDistributions(keys, fixed, terms)

    def monte_carlo_pool(self, keys: Sequence[str], draws: int, seed: int) -> np.ndarray | None:
        """Pooled draws of every key (own keys fixed); None when a background offers none."""
        keys = list(keys)
        out = np.empty((len(keys), draws))
        for background, group in self._groups(keys):
            rows = [keys.index(key) for key in group]
            if background is None:
                out[rows] = np.array([self.own[key] for key in group])[:, None]
                continue
            part = background.monte_carlo_pool(group, draws, seed)
            if part is None:
                return None
            out[rows] = part
        return out
