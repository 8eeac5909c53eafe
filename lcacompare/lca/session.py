"""The one wrapper around Brightway's global state.

``bw2data`` reads ``BRIGHTWAY2_DIR`` at import and keeps a current-project singleton. Nothing else
in lcacompare imports bw2data or bw2calc: they ask this module, which sets the directory before
the first import, silences Brightway's chatter at one place, and switches directories and projects
explicitly (and only when they change: every switch makes bw2data close and reopen its SQLite
files and run the garbage collector).

Importing this module does not import Brightway; :func:`brightway` does, on first use.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = [
    "CatalogueError",
    "brightway",
    "use_project",
    "project_names",
    "forget_directory",
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


@contextlib.contextmanager
def quiet_progress() -> Iterator[None]:
    """Hide the tqdm bars and prints Brightway sends to the terminal while writing databases."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        yield


class _Session:
    """Holds the imported Brightway modules and the directory and project they point at."""

    def __init__(self) -> None:
        self.modules: tuple[ModuleType, ModuleType] | None = None
        self.base_dir: Path | None = None

    def load(self, base_dir: Path) -> tuple[ModuleType, ModuleType]:
        base_dir.mkdir(parents=True, exist_ok=True)
        if self.modules is None:
            os.environ["BRIGHTWAY2_DIR"] = str(base_dir)
            # SuperLU is used when pypardiso/umfpack are missing; the warning says so, and that
            # is expected here.
            warnings.filterwarnings("ignore", message=".*pypardiso.*")
            warnings.filterwarnings("ignore", message=".*UMFPACK.*", category=UserWarning)
            warnings.filterwarnings("ignore", message=".*umfpack.*", category=UserWarning)
            with warnings.catch_warnings(), quiet_progress():
                warnings.simplefilter("ignore")
                import bw2calc
                import bw2data
            _quiet()
            self.modules = (bw2data, bw2calc)
            self.base_dir = base_dir
        elif self.base_dir != base_dir:
            bw2data = self.modules[0]
            with quiet_progress():
                bw2data.projects.change_base_directories(base_dir=base_dir, update=False)
            self.base_dir = base_dir
        return self.modules

    def forget(self, base_dir: Path) -> None:
        if self.base_dir == base_dir:
            self.base_dir = None  # the next load reopens the directory's files

    def use(self, base_dir: Path, name: str, writable: bool) -> tuple[ModuleType, ModuleType]:
        bd, bc = self.load(base_dir)
        projects = bd.projects
        if projects.current != name or projects.read_only == writable:
            with quiet_progress():
                projects.set_current(name, writable=writable, update=False)
        return bd, bc


def _quiet() -> None:
    """Silence Brightway's info logging and progress bars (they go to the user's terminal)."""
    for name in ("bw2data", "bw2calc", "bw2io", "bw_processing", "peewee"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        import structlog

        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    except ImportError:  # pragma: no cover - structlog comes with bw2data
        pass


_SESSION = _Session()


def brightway(base_dir: Path) -> tuple[Any, Any]:
    """Return ``(bw2data, bw2calc)`` pointed at ``base_dir`` (created if missing).

    Parameters
    ----------
    base_dir : Path
        A Brightway data directory (what ``BRIGHTWAY2_DIR`` names).

    Returns
    -------
    tuple
        The ``bw2data`` and ``bw2calc`` modules.
    """
    return _SESSION.load(Path(base_dir))


def use_project(base_dir: Path, name: str, *, writable: bool = True) -> tuple[Any, Any]:
    """Point Brightway at ``base_dir`` and make ``name`` the current project.

    Brightway creates a project that does not exist: check with :func:`project_names` first when
    the name comes from a user. Automatic data updates are never applied (``update=False``), so a
    user's project is not changed behind their back.

    Parameters
    ----------
    base_dir : Path
        A Brightway data directory.
    name : str
        Project name.
    writable : bool
        False opens the project read-only (for a user's own project).

    Returns
    -------
    tuple
        The ``bw2data`` and ``bw2calc`` modules.
    """
    return _SESSION.use(Path(base_dir), name, writable)


def forget_directory(base_dir: Path) -> None:
    """Make the next use of ``base_dir`` reopen its files (after they were deleted and remade).

    Parameters
    ----------
    base_dir : Path
        A Brightway data directory.
    """
    _SESSION.forget(Path(base_dir))


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
        ``bw2data``, from :func:`use_project`.
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
