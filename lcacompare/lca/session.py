"""The one wrapper around Brightway's global state: :class:`BrightwaySession`.

``bw2data`` reads ``BRIGHTWAY2_DIR`` at import and keeps a current-project singleton, so a process
can point Brightway at one directory and one project at a time. Nothing else in lcacompare imports
bw2data or bw2calc (tests/test_import_graph.py checks it): code asks the session for a project,

>>> from lcacompare.lca.session import brightway_session
>>> session = brightway_session()
>>> session is brightway_session()
True

and works inside ``with session.project(base_dir, name) as bw:`` (``bw.data`` is bw2data,
``bw.calc`` bw2calc). The block holds the session's lock, so no other thread switches the
directory or the project under it, and switches only when they change (every switch makes bw2data
close and reopen its SQLite files and run the garbage collector).

The host process's warning filters and logging configuration are left as they were: the solver
notices bw2calc emits (no pypardiso, no UMFPACK) are silenced with :func:`warnings.catch_warnings`
inside the block only (:func:`_brightway_warnings_silenced`), and the filters third-party
packages add while Brightway is imported are rolled back with it. ``catch_warnings`` is not
thread-safe: a thread that edits the warning filters while another is inside a Brightway block
may lose the edit.

Importing this module does not import Brightway; the first :meth:`BrightwaySession.project` does.
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

__all__ = [
    "Brightway",
    "BrightwaySession",
    "CatalogueError",
    "brightway_session",
    "use_project",
    "project_names",
    "nodes_named",
    "quiet_progress",
]


class CatalogueError(Exception):
    """A Brightway directory's ``projects.db`` cannot be read as Brightway's projects catalogue.

    Parameters
    ----------
    path : Path
        The ``projects.db`` file.
    reason : str
        What SQLite said is wrong with it.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Brightway(NamedTuple):
    """The Brightway modules, pointed at a project by :meth:`BrightwaySession.project`.

    Attributes
    ----------
    data : module
        ``bw2data``.
    calc : module
        ``bw2calc``.
    """

    data: Any
    calc: Any


@contextlib.contextmanager
def quiet_progress() -> Iterator[None]:
    """Hide the tqdm bars and prints Brightway sends to the terminal while writing databases."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        yield


@contextlib.contextmanager
def _brightway_warnings_silenced() -> Iterator[None]:
    """The one place lcacompare silences warnings: Brightway's, inside a session block only.

    bw2calc falls back to SciPy's SuperLU when pypardiso and scikit-umfpack are missing and says so
    at import; that is expected here. Filters that packages add while they are imported (deepdiff,
    numpy's matrix notices) are rolled back when the block ends, like these.
    """
    with warnings.catch_warnings():
        # (?s): the notices start with a newline, and the pattern is matched from the start.
        warnings.filterwarnings("ignore", message="(?s).*(pypardiso|umfpack|fast sparse solver)", category=UserWarning)
        yield


@contextlib.contextmanager
def _structlog_kept() -> Iterator[None]:
    """Keep the host's structlog configuration across bw2data's import (which resets it)."""
    structlog = sys.modules.get("structlog")
    if structlog is None or not structlog.is_configured():
        yield
        return
    saved = structlog.get_config()
    try:
        yield
    finally:
        structlog.configure(**saved)


class BrightwaySession:
    """Brightway's directory and current project, switched under a lock.

    There is one per process (:func:`brightway_session`), because bw2data's state is the
    process's. Brightway is imported on the first :meth:`project`, after ``BRIGHTWAY2_DIR`` is set
    to that project's directory.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._modules: Brightway | None = None
        self._base_dir: Path | None = None

    def _load(self, base_dir: Path) -> Brightway:
        base_dir.mkdir(parents=True, exist_ok=True)
        if self._modules is None:
            os.environ["BRIGHTWAY2_DIR"] = str(base_dir)
            with quiet_progress(), _structlog_kept():
                import bw2calc
                import bw2data
            self._modules = Brightway(bw2data, bw2calc)
        elif self._base_dir != base_dir:
            with quiet_progress():
                self._modules.data.projects.change_base_directories(base_dir=base_dir, update=False)
        self._base_dir = base_dir
        return self._modules

    @contextlib.contextmanager
    def project(self, base_dir: Path, name: str, *, writable: bool = True) -> Iterator[Brightway]:
        """Hold the session with ``name`` in ``base_dir`` as Brightway's current project.

        Brightway creates a project that does not exist: check with :func:`project_names` first
        when the name comes from a user. Automatic data updates are never applied
        (``update=False``), so a user's project is not changed behind their back. Blocks nest
        (the lock is re-entrant); an inner block may switch the project for its own duration.

        Parameters
        ----------
        base_dir : Path
            A Brightway data directory (what ``BRIGHTWAY2_DIR`` names), created if missing.
        name : str
            Project name.
        writable : bool
            False opens the project read-only (for a user's own project).

        Yields
        ------
        Brightway
            ``(bw2data, bw2calc)`` with the project current.
        """
        with self._lock, _brightway_warnings_silenced():
            modules = self._load(Path(base_dir))
            projects = modules.data.projects
            if projects.current != name or projects.read_only == writable:
                with quiet_progress():
                    projects.set_current(name, writable=writable, update=False)
            yield modules

    def forget(self, base_dir: Path) -> None:
        """Make the next use of ``base_dir`` reopen its files (after they were deleted and remade).

        Parameters
        ----------
        base_dir : Path
            A Brightway data directory.
        """
        with self._lock:
            if self._base_dir == Path(base_dir):
                self._base_dir = None

    @property
    def imported(self) -> bool:
        """True once Brightway has been imported by this session."""
        return self._modules is not None


_SESSION = BrightwaySession()


def brightway_session() -> BrightwaySession:
    """The process's Brightway session (bw2data keeps one current project per process)."""
    return _SESSION


def use_project(base_dir: Path, name: str, *, writable: bool = True) -> tuple[ModuleType, ModuleType]:
    """``(bw2data, bw2calc)`` left pointed at a project, for tests and interactive use.

    lcacompare's own code works inside :meth:`BrightwaySession.project` instead, which holds the
    lock and the warning filters for the whole block; this switches under the lock and returns.

    Parameters
    ----------
    base_dir : Path
        A Brightway data directory.
    name : str
        Project name.
    writable : bool
        False opens the project read-only.

    Returns
    -------
    tuple
        The ``bw2data`` and ``bw2calc`` modules.
    """
    with _SESSION.project(base_dir, name, writable=writable) as bw:
        return bw.data, bw.calc


def project_names(base_dir: Path) -> list[str]:
    """Names of the projects in a Brightway data directory, read without importing Brightway.

    Parameters
    ----------
    base_dir : Path
        A Brightway data directory.

    Returns
    -------
    list of str
        Empty if the directory holds no ``projects.db``.

    Raises
    ------
    CatalogueError
        When ``projects.db`` is not an SQLite database with Brightway's table of projects
        (damaged, truncated, or some other file).
    """
    catalogue = Path(base_dir) / "projects.db"
    if not catalogue.exists():
        return []
    try:
        connection = sqlite3.connect(f"{catalogue.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return [row[0] for row in connection.execute("SELECT name FROM projectdataset")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(catalogue, str(exc)) from None


def nodes_named(bd: Any, database: str, name: str) -> list[Any]:
    """Process and product nodes of ``database`` whose name is exactly ``name``.

    An exact query on bw2data's activity table (Brightway's own ``search`` is fuzzy).

    Parameters
    ----------
    bd : module
        ``bw2data``, inside :meth:`BrightwaySession.project`.
    database : str
        Database name in the current project.
    name : str
        Activity name.

    Returns
    -------
    list
        Brightway nodes, in id order.
    """
    table = bd.backends.ActivityDataset
    kinds = [*bd.labels.process_node_types, *bd.labels.product_node_types]
    query = (
        table.select(table.id)
        .where((table.database == database) & (table.name == name) & (table.type << kinds))
        .order_by(table.id)
    )
    return [bd.get_node(id=row.id) for row in query]
