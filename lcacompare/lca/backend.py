"""Build, cache and query the Brightway project that holds the open background data.

The project lives in lcacompare's own directory (``$LCACOMPARE_HOME`` or the user cache dir),
never in the user's default Brightway projects. Its name carries a digest of the datasets, the
method spec and the build schema, so a change to any of them builds a new project.

Cache layout under the home::

    brightway/                 BRIGHTWAY2_DIR of lcacompare's own projects
    locks/<project>.lock       held while a project is built (and while samples are drawn)
    impacts/<project>.json     every background activity's unit impact, computed by bw2calc
                               right after the build, and the uncertainty Brightway stores on
                               its biosphere exchanges (with the method's characterisation
                               factors), read back from the project; written last,
                               atomically: it is the "ready" marker. It carries the SHA-256
                               of its own content (``content_sha256``): a file that does not
                               match it is taken for damaged and rebuilt
    samples/<project>/<key>.npy  bw2calc Monte Carlo draws of unit impacts, per set of activities
    units/                     pint's parsed unit definitions (see :mod:`lcacompare.units`)

A warm run reads ``impacts/<project>.json`` and never imports bw2data or bw2calc, also for the
paired Monte Carlo (the exchange distributions are in that file). A project whose
impacts file is missing, unreadable or does not match its digest (a killed build, a damaged
disk, an edit) is deleted and rebuilt under the lock; two runs started together wait for one
build. A damaged ``brightway/projects.db`` is deleted with every project and impacts file of the
home, and rebuilt. A home that cannot be written (a file, no permission, a full disk) is a
:class:`~lcacompare.home.HomeError` naming the path.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from lcacompare.datasets import GASES, Datasets
from lcacompare.home import default_home, usable_home, writing_home
from lcacompare.method.spec import MethodSpec
from lcacompare.pedigree import pedigree_sigma

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lcacompare.lca.sampling import ExchangeDistributions
    from lcacompare.lca.session import BrightwaySession

__all__ = [
    "BrightwayBackend",
    "default_home",
    "write_atomically",
    "BIOSPHERE",
    "BACKGROUND",
    "SCHEMA_VERSION",
    "IMPACTS_SCHEMA",
]

BIOSPHERE = "lcac-biosphere"
BACKGROUND = "lcac-background"
SCHEMA_VERSION = "4"  # bump when the way the project or its cache files are built changes
IMPACTS_SCHEMA = "lcacompare.unit-impacts/3"
_DIGEST_KEY = "content_sha256"
LOCK_TIMEOUT_S = 900
_FLOW_NAMES = {
    "co2e": ("Carbon dioxide equivalent, aggregated (factor sets given in CO2e)", "air"),
    "co2_fossil": ("Carbon dioxide, fossil", "air"),
    "ch4_fossil": ("Methane, fossil", "air"),
    "ch4_non_fossil": ("Methane, non-fossil", "air"),
    "n2o": ("Dinitrogen monoxide", "air"),
}


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and move it into place.

    A reader sees the old file, no file, or the whole new file, never a part.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class BrightwayBackend:
    """The cached Brightway project for one datasets + method combination.

    Parameters
    ----------
    datasets : Datasets
        Factors written as the background database.
    method : MethodSpec
        Supplies the characterisation factors and the pedigree tables.
    home : Path, optional
        lcacompare's home (default :func:`default_home`); Brightway data goes to
        ``home / "brightway"``.
    session : BrightwaySession, optional
        The Brightway session to work in (default the process's,
        :func:`lcacompare.lca.session.brightway_session`).

    Notes
    -----
    Satisfies :class:`lcacompare.lca.background.Background`; activities are keyed by their code.
    """

    def __init__(
        self,
        datasets: Datasets,
        method: MethodSpec,
        home: Path | None = None,
        session: BrightwaySession | None = None,
    ) -> None:
        self.datasets = datasets
        self.method = method
        self.home = Path(home) if home else default_home()
        self.base_dir = self.home / "brightway"
        self._session = session
        digest = hashlib.sha256(f"{datasets.digest}|{method.digest}|{SCHEMA_VERSION}".encode()).hexdigest()
        self.identity = digest
        self.project = f"lcac-{digest[:16]}"
        self.method_key: tuple[str, ...] = (method.id, "climate change", "GWP100")
        self._impacts: dict[str, float] | None = None
        self._ids: dict[str, int] | None = None
        self._distributions: Any = None  # ExchangeDistributions, False (none) or None (not read)

    @property
    def session(self) -> BrightwaySession:
        """The Brightway session this backend opens its project in."""
        from lcacompare.lca.session import brightway_session

        return self._session or brightway_session()

    # -- cache ------------------------------------------------------------------------------
    @property
    def impacts_file(self) -> Path:
        """The unit impacts computed after the build; its presence marks a finished build."""
        return self.home / "impacts" / f"{self.project}.json"

    def _lock(self) -> Any:
        from filelock import FileLock

        (self.home / "locks").mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.home / "locks" / f"{self.project}.lock"), timeout=LOCK_TIMEOUT_S)

    def _read_impacts(self) -> dict[str, Any] | None:
        try:
            document = json.loads(self.impacts_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (
            not isinstance(document, dict)
            or document.get(_DIGEST_KEY) != _content_digest(document)
            or document.get("schema") != IMPACTS_SCHEMA
            or document.get("project") != self.project
            or not isinstance(document.get("unit_impacts"), dict)
            or "exchange_distributions" not in document
        ):
            return None
        return document

    def is_ready(self) -> bool:
        """True when the project was built completely and its unit impacts are stored."""
        return self._read_impacts() is not None

    def ensure(self) -> bool:
        """Build the project if it is missing or half-built.

        Returns
        -------
        bool
            True if it was built by this call, False if a finished one was reused.
        """
        if self.is_ready():
            return False
        usable_home(self.home)
        with writing_home(self.home), self._lock():
            if self.is_ready():  # another process finished it while we waited
                return False
            self._build()
        return True

    def _discard_damaged_catalogue(self) -> None:
        """Delete the home's Brightway directory if its ``projects.db`` cannot be read.

        Every project of the home goes with it, so every impacts file (the marker that a project
        is built) goes too: each is rebuilt when next needed.
        """
        from lcacompare.lca.session import CatalogueError, project_names

        try:
            project_names(self.base_dir)
        except CatalogueError:
            for marker in (self.home / "impacts").glob("*.json"):
                marker.unlink(missing_ok=True)
            shutil.rmtree(self.base_dir)
            self.session.forget(self.base_dir)

    def _build(self) -> None:
        from lcacompare.lca.session import quiet_progress

        self._discard_damaged_catalogue()
        with self.session.project(self.base_dir, "default") as bw:
            if self.project in bw.data.projects:
                # Left half-built by a killed run: start again from nothing.
                with quiet_progress():
                    bw.data.projects.delete_project(self.project, delete_dir=True)
            with self.session.project(self.base_dir, self.project) as bw:
                with quiet_progress():
                    self._write_databases(bw.data)
                self._store_unit_impacts(bw.data, bw.calc)

    def _write_databases(self, bd: Any) -> None:
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

    def _store_unit_impacts(self, bd: Any, bc: Any) -> None:
        from lcacompare.lca.calculate import unit_scores
        from lcacompare.lca.sampling import exchange_distributions_in_project

        codes = sorted(factor.code for factor in self.datasets.factors.values())
        ids = {code: bd.get_node(database=BACKGROUND, code=code).id for code in codes}
        scores = unit_scores(bc, [ids[code] for code in codes], self.method_key)
        # Read back from the project just written: the cache holds what Brightway stores.
        distributions = exchange_distributions_in_project(bd, self.method_key, codes, [ids[c] for c in codes])
        document = {
            "schema": IMPACTS_SCHEMA,
            "project": self.project,
            "datasets_digest": self.datasets.digest,
            "method_digest": self.method.digest,
            "method": list(self.method_key),
            "unit": f"{self.method.characterisation.unit} per reference unit of the activity",
            "source": f"bw2calc {getattr(bc, '__version__', '')} LCA of one unit of each activity of {BACKGROUND}",
            "activity_ids": ids,
            "unit_impacts": self._checked_unit_impacts(codes, scores),
            "brightway_unit_impacts": {code: float(score) for code, score in zip(codes, scores, strict=True)},
            "exchange_distributions": None if distributions is None else distributions.to_dict(),
            "exchange_distributions_source": (
                f"bw2data exchanges of {BACKGROUND} ('uncertainty type', 'loc', 'scale', 'minimum', "
                f"'maximum', 'negative') and the characterisation factors of method {list(self.method_key)}"
            ),
        }
        document[_DIGEST_KEY] = _content_digest(document)
        write_atomically(self.impacts_file, json.dumps(document, indent=1, sort_keys=True).encode())

    def _checked_unit_impacts(self, codes: list[str], scores: Iterable[float]) -> dict[str, float]:
        """Unit impacts in float64 from the dataset rows, after checking them against bw2calc.

        Brightway stores amounts as float32, so its score for 3.7 kg CO2e is 3.700000047683716;
        the background activities here are biosphere-only, so the exact value is the sum of each
        gas times its characterisation factor. Every bw2calc score must agree within 1e-6.
        """
        cfs = self.method.characterisation.factors
        by_code = {factor.code: factor for factor in self.datasets.factors.values()}
        exact: dict[str, float] = {}
        for code, score in zip(codes, scores, strict=True):
            value = by_code[code].kg_co2e(cfs)
            if not math.isclose(value, float(score), rel_tol=1e-6, abs_tol=1e-12):
                raise RuntimeError(f"bw2calc gives {score} kg CO2e per unit of {code}, the dataset row {value}")
            exact[code] = value
        return exact

    def clear(self) -> None:
        """Delete this backend's home (projects, impacts, samples, locks)."""
        shutil.rmtree(self.home, ignore_errors=True)

    # -- queries ----------------------------------------------------------------------------
    def _document(self) -> dict[str, Any]:
        document = self._read_impacts()  # a finished build: read once, not again by ensure()
        if document is None:
            self.ensure()
            document = self._read_impacts()
        if document is None:  # pragma: no cover - ensure() just wrote it
            raise RuntimeError(f"unit impacts of {self.project} missing after the build")
        return document

    def activity_id(self, code: str) -> int:
        """Brightway id of the background activity with this code (``id|geography``)."""
        if self._ids is None:
            self._ids = {k: int(v) for k, v in self._document()["activity_ids"].items()}
        return self._ids[code]

    def unit_impacts(self, codes: Iterable[str]) -> dict[str, float]:
        """Kg CO2e per reference unit of each background activity.

        Computed by bw2calc when the project is built and read from the cache after that (no
        Brightway import on a warm run).

        Parameters
        ----------
        codes : iterable of str
            Activity codes (``id|geography``, :attr:`lcacompare.datasets.Factor.code`).

        Returns
        -------
        dict of str to float
            Kg CO2e per unit, by code.
        """
        if self._impacts is None:
            self._impacts = {k: float(v) for k, v in self._document()["unit_impacts"].items()}
        return {code: self._impacts[code] for code in dict.fromkeys(codes)}

    def exchange_distributions(self, codes: Iterable[str]) -> ExchangeDistributions | None:
        """Uncertainty of the background exchanges of these activities, from the cache.

        The same object :func:`lcacompare.lca.sampling.read_exchange_distributions` reads from
        the project (the build stores it in ``impacts/<project>.json``), without importing
        Brightway.

        Parameters
        ----------
        codes : iterable of str
            Activity codes.

        Returns
        -------
        ExchangeDistributions or None
            None when the project's exchanges cannot be drawn directly (then a Monte Carlo pool
            is needed).
        """
        from lcacompare.lca.sampling import ExchangeDistributions

        if self._distributions is None:
            stored = self._document().get("exchange_distributions")
            self._distributions = False if stored is None else ExchangeDistributions.from_dict(stored)
        if self._distributions is False:
            return None
        return self._distributions.subset(list(codes))

    def score(self, demand: Mapping[str, float]) -> float:
        """Plain bw2calc LCA score (kg CO2e) of a demand given by activity code."""
        from lcacompare.lca.calculate import demand_score

        ids: dict[int, float] = {}
        for code, amount in demand.items():
            key = self.activity_id(code)  # also builds the project if needed
            ids[key] = ids.get(key, 0.0) + float(amount)
        with self.session.project(self.base_dir, self.project) as bw:
            return demand_score(bw.calc, ids, self.method_key)

    def samples_file(self, codes: list[str], samples: int, seed: int) -> Path:
        """Where the draws for these activities, sample count and seed are cached."""
        key = hashlib.sha256(json.dumps([codes, int(samples), int(seed)]).encode()).hexdigest()[:24]
        return self.home / "samples" / self.project / f"{key}.npy"

    def sample_unit_impacts(self, codes: list[str], samples: int, seed: int) -> np.ndarray:
        """Monte Carlo draws of unit impacts with bw2calc's own sampling, cached on disk.

        Every draw resamples all background exchanges once (pedigree lognormals); each activity's
        unit impact is taken from that same draw. The draws are stored under
        ``home/samples/<project>/`` keyed by ``codes``, ``samples`` and ``seed``, and read back
        by later runs.

        Parameters
        ----------
        codes : list of str
            Activity codes, in the order wanted.
        samples : int
            Number of draws.
        seed : int
            Seed of bw2calc's sampler; the same seed gives the same draws.

        Returns
        -------
        ndarray
            Shape ``(len(codes), samples)``: kg CO2e per unit of each activity, per draw.
        """
        from lcacompare.lca.calculate import sampled_unit_scores

        codes = list(codes)
        path = self.samples_file(codes, samples, seed)
        cached = _load_array(path, (len(codes), samples))
        if cached is not None:
            return cached
        ids = [self.activity_id(code) for code in codes]  # also builds the project if needed
        with self.session.project(self.base_dir, self.project) as bw:
            draws = sampled_unit_scores(bw.calc, ids, self.method_key, samples, seed)
        _save_array(path, draws, self.home)
        return draws

    def monte_carlo_pool(self, codes: Sequence[str], draws: int, seed: int) -> np.ndarray:
        """Unit impacts from ``draws`` bw2calc Monte Carlo iterations, one transposed solve each.

        See :func:`lcacompare.lca.sampling.monte_carlo_unit_impacts`.

        Parameters
        ----------
        codes : sequence of str
            Activity codes.
        draws : int
            Monte Carlo iterations.
        seed : int
            bw2calc's ``seed_override``.

        Returns
        -------
        ndarray
            Shape ``(len(codes), draws)``.
        """
        from lcacompare.lca.sampling import monte_carlo_unit_impacts

        return monte_carlo_unit_impacts(self, codes, draws, seed)


def _content_digest(document: Mapping[str, Any]) -> str:
    """SHA-256 of an impacts document's content: every key but the digest, in canonical JSON."""
    content = {key: value for key, value in document.items() if key != _DIGEST_KEY}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _load_array(path: Path, shape: tuple[int, ...]) -> np.ndarray | None:
    try:
        array = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    return array if array.shape == shape else None


def _save_array(path: Path, array: np.ndarray, home: Path) -> None:
    """Store Monte Carlo draws under ``home`` (a write error is a HomeError naming the file)."""
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    with writing_home(home):
        write_atomically(path, buffer.getvalue())
