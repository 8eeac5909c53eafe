"""Sampled unit impacts of background activities, read from (or drawn by) Brightway.

Two ways, both Brightway-based, offered by a background
(:meth:`lcacompare.lca.background.Background.exchange_distributions` and ``monte_carlo_pool``):

* **Stored distributions** (:class:`ExchangeDistributions`). When every background activity a case
  uses has only biosphere exchanges (true for the open datasets: the backend writes one
  biosphere exchange per gas, lognormal per the pedigree), the unit impact of activity ``a`` is
  ``sum_g cf_g * b_ga`` exactly, with ``b_ga`` drawn from the distribution Brightway stores on the
  exchange (``uncertainty type``, ``loc``, ``scale``, ... in stats_arrays' convention) and
  ``cf_g`` from the registered Brightway method. Drawing these directly gives the same
  distribution as bw2calc's Monte Carlo, at numpy speed (tests check both agree).
* **Monte Carlo pool** (:func:`monte_carlo_unit_impacts`). Otherwise (a linked project with a
  technosphere), ``draws`` bw2calc Monte Carlo iterations are run once and the unit impacts of all
  activities are read from each draw with a single transposed solve ``A^T x = B^T c``, instead of
  one solve per activity; samples are then resampled from this pool with a common index, which
  keeps the correlation between activities.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from lcacompare.lca.backend import BrightwayBackend

__all__ = [
    "LOGNORMAL",
    "NORMAL",
    "UNIFORM",
    "TRIANGULAR",
    "ExchangeTerm",
    "ExchangeDistributions",
    "read_exchange_distributions",
    "exchange_distributions_in_project",
    "monte_carlo_unit_impacts",
]

# stats_arrays ids (the ones Brightway writes in "uncertainty type").
UNDEFINED, NO_UNCERTAINTY, LOGNORMAL, NORMAL, UNIFORM, TRIANGULAR = 0, 1, 2, 3, 4, 5
_SUPPORTED = {UNDEFINED, NO_UNCERTAINTY, LOGNORMAL, NORMAL, UNIFORM, TRIANGULAR}


@dataclass(frozen=True)
class ExchangeTerm:
    """One uncertain biosphere exchange of a background activity, times its characterisation factor.

    Attributes
    ----------
    activity : int
        Position of the activity in :attr:`ExchangeDistributions.codes`.
    code : str
        Background activity code.
    flow : str
        Name of the biosphere flow.
    cf : float
        Characterisation factor, kg CO2e per unit of the flow.
    amount : float
        Deterministic amount (flow per unit of activity).
    uncertainty_type : int
        stats_arrays id (2 lognormal, 3 normal, 4 uniform, 5 triangular).
    loc, scale, minimum, maximum : float
        stats_arrays parameters as stored on the exchange (NaN where unused).
    negative : bool
        Lognormal of a negative amount (stats_arrays' ``negative`` flag).
    """

    activity: int
    code: str
    flow: str
    cf: float
    amount: float
    uncertainty_type: int
    loc: float
    scale: float
    minimum: float
    maximum: float
    negative: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields (NaN as None); :meth:`from_dict` gives back an equal term."""
        return {
            name: (None if isinstance(value, float) and math.isnan(value) else value)
            for name, value in dataclasses.asdict(self).items()
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExchangeTerm:
        """The term :meth:`to_dict` wrote."""

        def number(key: str) -> float:
            value = data.get(key)
            return math.nan if value is None else float(value)

        return cls(
            int(data["activity"]),
            str(data["code"]),
            str(data["flow"]),
            float(data["cf"]),
            float(data["amount"]),
            int(data["uncertainty_type"]),
            number("loc"),
            number("scale"),
            number("minimum"),
            number("maximum"),
            bool(data.get("negative", False)),
        )


@dataclass(frozen=True)
class ExchangeDistributions:
    """Unit impacts of background activities as fixed parts plus uncertain exchange terms.

    Attributes
    ----------
    codes : list of str
        Background activity codes, in the order of the rows of every result.
    fixed : ndarray
        Shape ``(len(codes),)``: kg CO2e per unit from exchanges without uncertainty.
    terms : list of ExchangeTerm
        The uncertain exchanges; each adds ``cf * amount`` to its activity's unit impact.
    """

    codes: list[str]
    fixed: np.ndarray
    terms: list[ExchangeTerm]

    def deterministic(self) -> np.ndarray:
        """Unit impacts (kg CO2e per unit) at the stored amounts."""
        out = self.fixed.astype(float).copy()
        for term in self.terms:
            out[term.activity] += term.cf * term.amount
        return out

    def unit_impacts(self, amounts: Sequence[np.ndarray | float]) -> np.ndarray:
        """Unit impacts for given flow amounts of every term.

        Parameters
        ----------
        amounts : sequence of ndarray or float
            One entry per term (same order as :attr:`terms`), e.g. from :meth:`ExchangeTerm.sample`.

        Returns
        -------
        ndarray
            Shape ``(len(codes), n)``: kg CO2e per unit of each activity, per sample.
        """
        n = max((np.size(a) for a in amounts), default=1)
        out = np.repeat(self.fixed.astype(float)[:, None], n, axis=1)
        for term, amount in zip(self.terms, amounts, strict=True):
            out[term.activity] += term.cf * np.asarray(amount, dtype=float)
        return out

    def subset(self, codes: Sequence[str]) -> ExchangeDistributions:
        """The same distributions for some of the activities, rows in the order of ``codes``.

        Terms keep their order within each activity, so the result equals reading ``codes``
        from the project directly (:func:`read_exchange_distributions`).
        """
        codes = list(dict.fromkeys(codes))
        position = {code: k for k, code in enumerate(self.codes)}
        rows = [position[code] for code in codes]
        by_activity: dict[int, list[ExchangeTerm]] = {}
        for term in self.terms:
            by_activity.setdefault(term.activity, []).append(term)
        terms = [
            dataclasses.replace(term, activity=new) for new, old in enumerate(rows) for term in by_activity.get(old, [])
        ]
        return ExchangeDistributions(codes, self.fixed[rows].astype(float), terms)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, stored in the backend's impacts cache (:meth:`from_dict` reads it)."""
        return {
            "codes": list(self.codes),
            "fixed_kg_co2e_per_unit": [float(v) for v in self.fixed],
            "terms": [term.to_dict() for term in self.terms],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExchangeDistributions:
        """The distributions :meth:`to_dict` wrote."""
        return cls(
            [str(code) for code in data["codes"]],
            np.asarray(data["fixed_kg_co2e_per_unit"], dtype=float),
            [ExchangeTerm.from_dict(term) for term in data["terms"]],
        )


def _value(exchange: Any, key: str) -> float:
    value = exchange.get(key)
    return float("nan") if value is None else float(value)


def read_exchange_distributions(backend: BrightwayBackend, codes: Sequence[str]) -> ExchangeDistributions | None:
    """Read the uncertainty Brightway stores on the biosphere exchanges of background activities.

    Parameters
    ----------
    backend : BrightwayBackend
        Supplies the project (``base_dir``, ``project``, ``method_key``) and ``activity_id(code)``.
    codes : sequence of str
        Background activity codes.

    Returns
    -------
    ExchangeDistributions or None
        None when some activity has technosphere inputs or an uncertainty type other than
        0-5 (then only a Monte Carlo pool reproduces Brightway's sampling).
    """
    codes = list(dict.fromkeys(codes))
    ids = [backend.activity_id(code) for code in codes]  # also builds the project if needed
    with backend.session.project(backend.base_dir, backend.project) as bw:
        return exchange_distributions_in_project(bw.data, backend.method_key, codes, ids)


def exchange_distributions_in_project(
    bd: Any, method_key: tuple[str, ...], codes: Sequence[str], ids: Sequence[int]
) -> ExchangeDistributions | None:
    """:func:`read_exchange_distributions` on the current project of ``bd``, by node id.

    Parameters
    ----------
    bd : module
        ``bw2data`` with the project current (inside
        :meth:`lcacompare.lca.session.BrightwaySession.project`).
    method_key : tuple of str
        The registered impact assessment method (its characterisation factors are read).
    codes : sequence of str
        Background activity codes (labels of the rows).
    ids : sequence of int
        Their Brightway node ids.

    Returns
    -------
    ExchangeDistributions or None
        As :func:`read_exchange_distributions`.
    """
    cfs: dict[int, float] = {}
    for flow, cf in bd.Method(method_key).load():
        flow_id = flow if isinstance(flow, int) else bd.get_node(database=flow[0], code=flow[1]).id
        cfs[flow_id] = cfs.get(flow_id, 0.0) + float(cf)
    fixed = np.zeros(len(codes))
    terms: list[ExchangeTerm] = []
    for position, (code, node_id) in enumerate(zip(codes, ids, strict=True)):
        node = bd.get_node(id=node_id)
        if any(True for _ in node.technosphere()):
            return None
        for exc in node.biosphere():
            cf = cfs.get(exc.input.id, 0.0)
            if cf == 0.0:
                continue
            kind = int(exc.get("uncertainty type", NO_UNCERTAINTY) or NO_UNCERTAINTY)
            if kind not in _SUPPORTED:
                return None
            amount = float(exc["amount"])
            if kind in (UNDEFINED, NO_UNCERTAINTY):
                fixed[position] += cf * amount
                continue
            terms.append(
                ExchangeTerm(
                    position,
                    code,
                    str(exc.input.get("name", exc.input.id)),
                    cf,
                    amount,
                    kind,
                    _value(exc, "loc"),
                    _value(exc, "scale"),
                    _value(exc, "minimum"),
                    _value(exc, "maximum"),
                    bool(exc.get("negative", False)),
                )
            )
    return ExchangeDistributions(list(codes), fixed, terms)


def monte_carlo_unit_impacts(backend: BrightwayBackend, codes: Sequence[str], draws: int, seed: int) -> np.ndarray:
    """Unit impacts of several activities from ``draws`` bw2calc Monte Carlo iterations.

    Each iteration draws all matrices once (``next(lca)``) and gets every activity's unit impact
    with one solve of the transposed system ``A^T x = B^T c`` (``c`` the characterisation
    factors), instead of one LCI per activity.

    Parameters
    ----------
    backend : BrightwayBackend
        Supplies the project and ``activity_id(code)``.
    codes : sequence of str
        Background activity codes.
    draws : int
        Monte Carlo iterations.
    seed : int
        ``seed_override`` for bw2calc.

    Returns
    -------
    ndarray
        Shape ``(len(codes), draws)``, kg CO2e per unit of each activity, per draw.
    """
    from scipy.sparse.linalg import spsolve

    ids = [backend.activity_id(code) for code in codes]
    out = np.empty((len(ids), draws))
    with backend.session.project(backend.base_dir, backend.project) as bw:
        lca = bw.calc.LCA({ids[0]: 1.0}, method=backend.method_key, use_distributions=True, seed_override=seed)
        lca.lci()
        lca.lcia()
        columns = [lca.dicts.activity[i] for i in ids]
        for draw in range(draws):
            if draw:
                next(lca)
            characterised = np.asarray(lca.characterization_matrix.diagonal(), dtype=float)
            weights = lca.biosphere_matrix.T @ characterised
            per_unit = spsolve(lca.technosphere_matrix.T.tocsc(), weights)
            out[:, draw] = per_unit[columns]
    return out
