"""Build, cache and query the Brightway project that holds the open background data.

The project lives in lcacompare's own directory (``$LCACOMPARE_HOME`` or the user cache dir),
never in the user's default Brightway projects. Its name carries a digest of the datasets and the
method spec, so a change to either builds a new project. Building holds a file lock; a ``ready``
marker written last tells a finished project from one a killed run left half-built, which is
deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs
from filelock import FileLock

from lcacompare.datasets import GASES, Datasets
from lcacompare.lca.session import quiet_progress, use_project
from lcacompare.method.spec import MethodSpec
from lcacompare.pedigree import pedigree_sigma

__all__ = ["BrightwayBackend", "default_home", "BIOSPHERE", "BACKGROUND", "SCHEMA_VERSION"]

BIOSPHERE = "lcac-biosphere"
BACKGROUND = "lcac-background"
SCHEMA_VERSION = "1"  # bump when the way the project is built changes
_FLOW_NAMES = {
    "co2e": ("Carbon dioxide equivalent, aggregated (factor sets given in CO2e)", "air"),
    "co2_fossil": ("Carbon dioxide, fossil", "air"),
    "ch4_fossil": ("Methane, fossil", "air"),
    "ch4_non_fossil": ("Methane, non-fossil", "air"),
    "n2o": ("Dinitrogen monoxide", "air"),
}


def default_home() -> Path:
    """Lcacompare's data home: ``$LCACOMPARE_HOME`` or the user cache dir."""
    override = os.environ.get("LCACOMPARE_HOME")
    return Path(override) if override else Path(platformdirs.user_cache_dir("lcacompare"))


class BrightwayBackend:
    """The cached Brightway project for one datasets + method combination.

    Parameters
    ----------
    datasets : Datasets
        Factors written as the background database.
    method : MethodSpec
        Supplies the characterisation factors and the pedigree tables.
    home : Path, optional
        lcacompare's home; Brightway data goes to ``home / "brightway"``.
    """

    def __init__(self, datasets: Datasets, method: MethodSpec, home: Path | None = None) -> None:
        self.datasets = datasets
        self.method = method
        self.home = Path(home) if home else default_home()
        self.base_dir = self.home / "brightway"
        digest = hashlib.sha256(f"{datasets.digest}|{method.digest}|{SCHEMA_VERSION}".encode()).hexdigest()
        self.project = f"lcac-{digest[:16]}"
        self.method_key = (method.id, "climate change", "GWP100")
        self._ids: dict[str, int] = {}
        self._lca: Any = None

    # -- cache ------------------------------------------------------------------------------
    @property
    def _marker(self) -> Path:
        return self.home / "ready" / self.project

    def is_ready(self) -> bool:
        """True when the project was built completely."""
        return self._marker.exists()

    def ensure(self) -> bool:
        """Build the project if it is missing or half-built.

        Returns
        -------
        bool
            True if it was built by this call, False if a finished one was reused.
        """
        if self.is_ready():
            return False
        (self.home / "locks").mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.home / "locks" / f"{self.project}.lock"), timeout=600):
            if self.is_ready():  # another process finished it while we waited
                return False
            with quiet_progress():
                self._build()
            self._marker.parent.mkdir(parents=True, exist_ok=True)
            self._marker.write_text(self.project + "\n")
        return True

    def _build(self) -> None:
        bd, _ = use_project(self.base_dir, "default")
        if self.project in bd.projects:
            # Left half-built by a killed run: start again from nothing.
            bd.projects.delete_project(self.project, delete_dir=True)
        bd.projects.set_current(self.project)
        bd.Database(BIOSPHERE).write(
            {
                (BIOSPHERE, gas): {"name": name, "categories": (compartment,), "type": "emission", "unit": "kilogram"}
                for gas, (name, compartment) in _FLOW_NAMES.items()
            }
        )
        background = {}
        for factor in self.datasets.factors.values():
            kind = "transport" if factor.category == "transport" else "default"
            sigma = pedigree_sigma(factor.provenance.pedigree, self.method, kind)
            exchanges: list[dict[str, Any]] = [
                {"input": (BACKGROUND, factor.code), "amount": 1.0, "type": "production"}
            ]
            for gas, amount in factor.kg_per_unit.items():
                exchange = {"input": (BIOSPHERE, gas), "amount": amount, "type": "biosphere"}
                if amount > 0 and sigma > 0:
                    exchange.update({"uncertainty type": 2, "loc": math.log(amount), "scale": sigma})
                exchanges.append(exchange)
            background[(BACKGROUND, factor.code)] = {
                "name": factor.name,
                "reference product": factor.id,
                "unit": factor.unit,
                "location": factor.geography,
                "type": "process",
                "exchanges": exchanges,
            }
        bd.Database(BACKGROUND).write(background)
        cfs = self.method.characterisation.factors
        method = bd.Method(self.method_key)
        method.register(unit=self.method.characterisation.unit, description=self.method.title)
        method.write([((BIOSPHERE, gas), float(cfs[gas])) for gas in GASES])

    def clear(self) -> None:
        """Delete this backend's home (projects, markers, locks)."""
        shutil.rmtree(self.home, ignore_errors=True)

    # -- queries ----------------------------------------------------------------------------
    def _activate(self) -> tuple[Any, Any]:
        self.ensure()
        return use_project(self.base_dir, self.project)

    def activity_id(self, code: str) -> int:
        """Brightway id of the background activity with this code (``id|geography``)."""
        if code not in self._ids:
            bd, _ = self._activate()
            self._ids[code] = bd.get_node(database=BACKGROUND, code=code).id
        return self._ids[code]

    def _solver(self, demand: Mapping[int, float]) -> Any:
        _, bc = self._activate()
        if self._lca is None:
            self._lca = bc.LCA(dict(demand), method=self.method_key)
            self._lca.lci()
            self._lca.lcia()
        else:
            self._lca.lci(demand=dict(demand))
            self._lca.lcia()
        return self._lca

    def unit_impacts(self, codes: Iterable[str]) -> dict[str, float]:
        """Kg CO2e per reference unit of each background activity, from bw2calc."""
        out = {}
        for code in dict.fromkeys(codes):
            out[code] = float(self._solver({self.activity_id(code): 1.0}).score)
        return out

    def score(self, demand: Mapping[str, float]) -> float:
        """Plain bw2calc LCA score (kg CO2e) of a demand given by activity code."""
        ids: dict[int, float] = {}
        for code, amount in demand.items():
            key = self.activity_id(code)
            ids[key] = ids.get(key, 0.0) + float(amount)
        return float(self._solver(ids).score)

    def sample_unit_impacts(self, codes: list[str], samples: int, seed: int) -> np.ndarray:
        """Monte Carlo draws of unit impacts with bw2calc's own sampling.

        Returns
        -------
        ndarray
            Shape ``(len(codes), samples)``: kg CO2e per unit of each activity, per draw.
        """
        _, bc = self._activate()
        ids = [self.activity_id(code) for code in codes]
        lca = bc.LCA({ids[0]: 1.0}, method=self.method_key, use_distributions=True, seed_override=seed)
        lca.lci()
        lca.lcia()
        out = np.empty((len(codes), samples))
        for s in range(samples):
            if s:
                next(lca)
            # One draw of all matrices, then each activity's unit impact from that same draw.
            for k, activity in enumerate(ids):
                lca.lci(demand={activity: 1.0})
                lca.lcia_calculation()
                out[k, s] = lca.score
        return out
