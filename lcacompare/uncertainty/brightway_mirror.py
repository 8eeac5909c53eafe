"""The case's foreground written as a Brightway database with uncertainty, for cross-checks.

Each option becomes one foreground activity ("one use of <option>") whose technosphere
exchanges are its inventory lines in the total modules, linked to the background activities of
the case's Brightway project, with the deterministic amount per use and, as exchange uncertainty
(stats_arrays), the distribution of that amount:

* exactly when the amount is proportional to a single uncertain input (a parameter used by that
  line only through a constant factor, or a literal line with its pedigree factor): the input's
  distribution scaled;
* otherwise a lognormal fitted to the sampled amounts (median and ``sigma`` of ``ln``), a
  marginal approximation: Brightway draws every exchange independently, so correlation between
  lines sharing a parameter is lost.

The mirror lives in a copy of the cached project (``<project>-mirror``), never in the cache itself.
Used by the tests (agreement with bw2calc) and the benchmark (speed against bw2calc's Monte Carlo).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lcacompare.lca.backend import BACKGROUND, BrightwayBackend
from lcacompare.lca.session import Brightway, use_project
from lcacompare.uncertainty.model import UncertaintyModel
from lcacompare.uncertainty.sampling import PERCENTILES

__all__ = ["BrightwayMirror", "write_brightway_mirror", "MIRROR_DATABASE"]

MIRROR_DATABASE = "lcac-mirror"


@dataclass(frozen=True)
class BrightwayMirror:
    """Where the mirror was written and how to ask Brightway about it.

    Attributes
    ----------
    base_dir : Path
        Brightway directory.
    project : str
        The mirror project.
    method_key : tuple
        The registered LCIA method.
    activity_ids : dict of str to int
        Brightway id of each option's "one use" activity.
    exact : dict of str to bool
        Per option, True when every exchange distribution is exact (no fitted marginal).
    """

    base_dir: Path
    project: str
    method_key: tuple[str, ...]
    activity_ids: dict[str, int]
    exact: dict[str, bool]

    def modules(self) -> tuple[Any, Any]:
        """``(bw2data, bw2calc)`` left pointed at the mirror project (for the cross-checks)."""
        return use_project(self.base_dir, self.project)


def _line_distributions(model: UncertaintyModel, fit_samples: int, seed: int) -> dict[tuple[str, int], dict[str, Any]]:
    """Exchange uncertainty fields per (option, line position)."""
    inputs = [item for item in model.inputs if item.kind in ("parameter", "inventory-line")]
    n = len(inputs) + 1
    draws = {item.name: np.full(n, item.base) for item in inputs}
    highs = []
    for j, item in enumerate(inputs):
        high = float(item.marginal.ppf(PERCENTILES[1] / 100.0))
        draws[item.name][j + 1] = high
        highs.append(high)
    oat = model.line_amounts(model.parameter_values(draws), draws)
    random_draws = {k: v for k, v in model.sample(fit_samples, seed).items() if k in draws}
    sampled = model.line_amounts(model.parameter_values(random_draws), random_draws)
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for oid in model.option_ids:
        rows = np.broadcast_to(oat[oid], (len(model.compiled.lines[oid]), n))
        for k in range(rows.shape[0]):
            base = float(rows[k, 0])
            moved = [j for j in range(len(inputs)) if not math.isclose(rows[k, j + 1], base, rel_tol=1e-12)]
            if base == 0.0 or not moved:
                out[(oid, k)] = {"uncertainty type": 0}
                continue
            if len(moved) == 1:
                item = inputs[moved[0]]
                factor = base / item.base if item.base else math.nan
                linear = math.isfinite(factor) and math.isclose(
                    rows[k, moved[0] + 1], factor * highs[moved[0]], rel_tol=1e-9
                )
                if linear and factor > 0:
                    out[(oid, k)] = {**item.marginal.scaled(factor).to_stats_arrays(), "exact": True}
                    continue
            amounts = np.asarray(sampled[oid][k], dtype=float)
            logs = np.log(np.abs(amounts))
            out[(oid, k)] = {
                "uncertainty type": 2,
                "loc": float(np.mean(logs)),
                "scale": float(np.std(logs)),
                "negative": base < 0,
                "exact": False,
            }
    return out


def write_brightway_mirror(model: UncertaintyModel, *, fit_samples: int = 20_000, seed: int = 1) -> BrightwayMirror:
    """Write the case's foreground, with its uncertainty, into a copy of the Brightway project.

    Parameters
    ----------
    model : UncertaintyModel
        A model whose prepared case uses the Brightway backend of the open datasets.
    fit_samples : int
        Draws used to fit lognormal marginals where no exact distribution exists.
    seed : int
        Seed of those draws.

    Returns
    -------
    BrightwayMirror

    Raises
    ------
    TypeError
        When the case's background is not the open datasets' Brightway project.
    """
    backend = model.prepared.backend
    if not isinstance(backend, BrightwayBackend):
        raise TypeError(f"the Brightway mirror needs the open datasets' background, not {type(backend).__name__}")
    backend.ensure()
    mirror = f"{backend.project}-mirror"
    with backend.session.project(backend.base_dir, backend.project) as bw:
        if mirror not in bw.data.projects:
            bw.data.projects.copy_project(mirror, switch=False)
    with backend.session.project(backend.base_dir, mirror) as bw:
        return _write_mirror(model, bw, backend, mirror, fit_samples, seed)


def _write_mirror(
    model: UncertaintyModel, bw: Brightway, backend: BrightwayBackend, mirror: str, fit_samples: int, seed: int
) -> BrightwayMirror:
    bd = bw.data
    distributions = _line_distributions(model, fit_samples, seed)
    values = model.compiled.parameter_values()
    amounts = model.compiled.inventory_per_use(values)
    total = set(model.method.total_modules)
    data: dict[tuple[str, str], dict[str, Any]] = {}
    exact: dict[str, bool] = {}
    for oid in model.option_ids:
        exchanges: list[dict[str, Any]] = [{"input": (MIRROR_DATABASE, oid), "amount": 1.0, "type": "production"}]
        exact[oid] = True
        for k, info in enumerate(model.compiled.lines[oid]):
            if info.module not in total:
                continue
            fields = dict(distributions[(oid, k)])
            exact[oid] &= bool(fields.pop("exact", True))
            exchanges.append(
                {
                    "input": (BACKGROUND, info.activity_key),
                    "amount": float(amounts[oid][k]),
                    "type": "technosphere",
                    **fields,
                }
            )
        data[(MIRROR_DATABASE, oid)] = {
            "name": f"one use of {oid}",
            "unit": "use",
            "location": "GLO",
            "type": "process",
            "exchanges": exchanges,
        }
    bd.Database(MIRROR_DATABASE).write(data)
    ids = {oid: bd.get_node(database=MIRROR_DATABASE, code=oid).id for oid in model.option_ids}
    return BrightwayMirror(backend.base_dir, mirror, backend.method_key, ids, exact)
