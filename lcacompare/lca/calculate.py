"""Unit impacts and scores computed by bw2calc, for any project (ours or a user's).

The functions take the ``bw2calc`` module from :mod:`lcacompare.lca.session` and Brightway node
ids, so they work the same on lcacompare's cached project and on a linked user project.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["unit_scores", "demand_score", "sampled_unit_scores"]


def unit_scores(bc: Any, ids: Sequence[int], method: tuple[str, ...]) -> np.ndarray:
    """Score of one reference unit of each activity: a bw2calc LCA per demand, one factorisation.

    Parameters
    ----------
    bc : module
        ``bw2calc``.
    ids : sequence of int
        Brightway node ids.
    method : tuple of str
        A registered impact assessment method.

    Returns
    -------
    ndarray
        Shape ``(len(ids),)``, in the method's unit per reference unit of each activity.
    """
    if not ids:
        return np.zeros(0)
    # The first demand names every activity, so the matrices hold all their databases.
    lca = bc.LCA(dict.fromkeys(ids, 1.0), method=method)
    lca.lci()
    lca.lcia()
    lca.decompose_technosphere()
    out = np.empty(len(ids))
    for k, node in enumerate(ids):
        lca.lci(demand={node: 1.0})
        lca.lcia_calculation()
        out[k] = lca.score
    return out


def demand_score(bc: Any, demand: Mapping[int, float], method: tuple[str, ...]) -> float:
    """Plain bw2calc LCA score of a demand ``{node id: amount}``."""
    lca = bc.LCA(dict(demand), method=method)
    lca.lci()
    lca.lcia()
    return float(lca.score)


def sampled_unit_scores(bc: Any, ids: Sequence[int], method: tuple[str, ...], samples: int, seed: int) -> np.ndarray:
    """Monte Carlo draws of unit scores with bw2calc's own sampling.

    Each draw is one ``next(lca)`` of a bw2calc ``LCA(..., use_distributions=True,
    seed_override=seed)``: every matrix is resampled once, and the unit score of every activity
    comes from that same draw, ``h = (c B) A^-1`` (one solve of the transposed system per draw,
    which equals a bw2calc ``lci(demand={id: 1})`` + ``lcia`` for each id on the same matrices).

    Parameters
    ----------
    bc : module
        ``bw2calc``.
    ids : sequence of int
        Brightway node ids.
    method : tuple of str
        A registered impact assessment method.
    samples : int
        Number of draws.
    seed : int
        bw2calc's ``seed_override``: the same seed gives the same draws.

    Returns
    -------
    ndarray
        Shape ``(len(ids), samples)``.
    """
    from scipy.sparse.linalg import spsolve

    out = np.empty((len(ids), samples))
    if not ids or samples <= 0:
        return out
    lca = bc.LCA(dict.fromkeys(ids, 1.0), method=method, use_distributions=True, seed_override=seed)
    lca.lci()  # builds the matrices with the first draw
    lca.lcia()
    rows = [lca.dicts.product[node] for node in ids]
    for s in range(samples):
        if s:
            next(lca)
        direct = np.asarray((lca.characterization_matrix @ lca.biosphere_matrix).sum(axis=0)).ravel()
        per_product = spsolve(lca.technosphere_matrix.T.tocsc(), direct)
        out[:, s] = np.atleast_1d(per_product)[rows]
    return out
