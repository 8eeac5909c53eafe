"""The workspace: cases and runs kept in SQLite under the user's data folder.

The schema is versioned with SQLite's ``user_version``; :data:`MIGRATIONS` holds one script per
version and :meth:`Workspace.open` applies the missing ones in a transaction. The database runs
in WAL mode so pages can read while a run is being stored, and every write is one transaction,
so a killed server loses no committed run.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "Workspace",
    "RunRecord",
    "MIGRATIONS",
    "AWARD_COLUMNS",
    "PORTFOLIO_COLUMNS",
    "WORKSPACE_VARIABLE",
    "default_workspace",
]

WORKSPACE_VARIABLE = "LCACOMPARE_WORKSPACE"
"""Environment variable naming the workspace folder (tests point it at a temporary folder)."""

DATABASE_NAME = "workspace.sqlite3"

MIGRATIONS: tuple[str, ...] = (
    # version 1: cases and runs with what makes a run reproducible
    """
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        yaml TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        case_ref TEXT NOT NULL,
        case_title TEXT NOT NULL,
        inputs_sha256 TEXT NOT NULL,
        method_version TEXT NOT NULL,
        datasets_sha256 TEXT NOT NULL,
        lcacompare_version TEXT NOT NULL,
        seed INTEGER NOT NULL,
        samples INTEGER NOT NULL,
        created TEXT NOT NULL,
        result_json TEXT NOT NULL
    );
    CREATE INDEX runs_by_time ON runs (created);
    """,
    # version 2: the run's settings and its rendered reports (drawn once per run, not per view)
    """
    ALTER TABLE runs ADD COLUMN country TEXT NOT NULL DEFAULT '';
    ALTER TABLE runs ADD COLUMN sobol INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN report_html BLOB;
    ALTER TABLE runs ADD COLUMN report_xlsx BLOB;
    ALTER TABLE runs ADD COLUMN charts_json TEXT NOT NULL DEFAULT '{}';
    """,
    # version 3: tender awards with their three files (award.json, award.html, award.xlsx)
    """
    CREATE TABLE awards (
        id INTEGER PRIMARY KEY,
        tender TEXT NOT NULL,
        title TEXT NOT NULL,
        lang TEXT NOT NULL,
        lcacompare_version TEXT NOT NULL,
        created TEXT NOT NULL,
        award_json TEXT NOT NULL,
        award_html BLOB NOT NULL,
        award_xlsx BLOB NOT NULL
    );
    CREATE INDEX awards_by_time ON awards (created);
    """,
    # version 4: uploaded portfolios (settings YAML and rows CSV), portfolio runs with their three
    # files, and the supplier declaration kept with a case imported from a request workbook
    """
    CREATE TABLE portfolios (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        settings_yaml TEXT NOT NULL,
        rows_name TEXT NOT NULL,
        rows_csv TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE TABLE portfolio_runs (
        id INTEGER PRIMARY KEY,
        portfolio_ref TEXT NOT NULL,
        title TEXT NOT NULL,
        lcacompare_version TEXT NOT NULL,
        created TEXT NOT NULL,
        portfolio_json TEXT NOT NULL,
        portfolio_html BLOB NOT NULL,
        portfolio_xlsx BLOB NOT NULL,
        lines_json TEXT NOT NULL
    );
    CREATE INDEX portfolio_runs_by_time ON portfolio_runs (created);
    ALTER TABLE cases ADD COLUMN declaration_yaml TEXT NOT NULL DEFAULT '';
    """,
)
"""Schema scripts; index ``i`` takes the database from version ``i`` to ``i + 1``."""


def default_workspace() -> Path:
    """The workspace folder: ``$LCACOMPARE_WORKSPACE`` or the user data dir (platformdirs).

    Returns
    -------
    Path
        The folder (created when the workspace is opened).
    """
    override = os.environ.get(WORKSPACE_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("lcacompare"))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class RunRecord:
    """One stored run: its provenance and where to find its result."""

    id: int
    case_ref: str
    case_title: str
    inputs_sha256: str
    method_version: str
    datasets_sha256: str
    lcacompare_version: str
    seed: int
    samples: int
    country: str
    sobol: bool
    created: str

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data (what the API lists)."""
        return dict(self.__dict__)


_RUN_COLUMNS = (
    "id, case_ref, case_title, inputs_sha256, method_version, datasets_sha256, lcacompare_version, "
    "seed, samples, country, sobol, created"
)


class Workspace:
    """The SQLite database of one workspace folder.

    Parameters
    ----------
    folder : Path
        Where ``workspace.sqlite3`` lives; created if missing.

    Notes
    -----
    One connection per thread (SQLite connections are not shared across threads); each
    :meth:`transaction` is ``BEGIN IMMEDIATE`` ... ``COMMIT``, so concurrent writers queue.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / DATABASE_NAME
        self._local = threading.local()
        with self.transaction() as db:
            self.migrate(db)

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=True)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
        return db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed when the block ends, rolled back on an exception."""
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @staticmethod
    def migrate(db: sqlite3.Connection) -> int:
        """Apply the missing :data:`MIGRATIONS` inside the caller's transaction.

        Returns
        -------
        int
            The schema version afterwards.
        """
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise RuntimeError(f"workspace schema {version} is newer than this lcacompare ({len(MIGRATIONS)})")
        for number in range(version, len(MIGRATIONS)):
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {number + 1}")
        return len(MIGRATIONS)

    def schema_version(self) -> int:
        """The database's schema version."""
        return int(self._connection().execute("PRAGMA user_version").fetchone()[0])

    # cases
    def add_case(self, title: str, yaml_text: str, declaration_yaml: str = "") -> int:
        """Store a case's YAML text (and the supplier declaration of an imported one); returns its id."""
        now = _now()
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO cases (title, yaml, created, updated, declaration_yaml) VALUES (?, ?, ?, ?, ?)",
                (title, yaml_text, now, now, declaration_yaml),
            )
            return int(cursor.lastrowid or 0)

    def update_case(self, case_id: int, title: str, yaml_text: str) -> None:
        """Replace a stored case's YAML text."""
        with self.transaction() as db:
            db.execute(
                "UPDATE cases SET title = ?, yaml = ?, updated = ? WHERE id = ?", (title, yaml_text, _now(), case_id)
            )

    def case(self, case_id: int) -> dict[str, Any] | None:
        """A stored case (id, title, yaml, created, updated), or None."""
        row = self._connection().execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        return dict(row) if row else None

    def cases(self) -> list[dict[str, Any]]:
        """All stored cases, newest first, without their YAML text."""
        rows = self._connection().execute("SELECT id, title, created, updated FROM cases ORDER BY id DESC").fetchall()
        return [dict(r) for r in rows]

    # runs
    def add_run(
        self,
        record: dict[str, Any],
        result_json: str,
        report_html: bytes,
        report_xlsx: bytes,
        charts_json: str,
    ) -> int:
        """Store a finished run with its result and reports in one transaction; returns its id."""
        columns = [c.strip() for c in _RUN_COLUMNS.split(",")][1:-1]
        values = [int(record[c]) if c == "sobol" else record[c] for c in columns]
        with self.transaction() as db:
            cursor = db.execute(
                f"INSERT INTO runs ({', '.join(columns)}, created, result_json, report_html, report_xlsx, charts_json)"
                f" VALUES ({', '.join('?' * (len(columns) + 5))})",
                (*values, _now(), result_json, report_html, report_xlsx, charts_json),
            )
            return int(cursor.lastrowid or 0)

    def runs(self, limit: int = 50) -> list[RunRecord]:
        """The latest runs, newest first."""
        rows = self._connection().execute(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [_record(r) for r in rows.fetchall()]

    def run(self, run_id: int) -> RunRecord | None:
        """One run's record, or None."""
        row = self._connection().execute(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _record(row) if row else None

    def run_file(self, run_id: int, column: str) -> Any:
        """One stored file of a run: ``result_json``, ``report_html``, ``report_xlsx`` or ``charts_json``."""
        if column not in ("result_json", "report_html", "report_xlsx", "charts_json"):
            raise ValueError(f"no run file {column!r}")
        row = self._connection().execute(f"SELECT {column} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return row[0] if row else None

    # awards
    def add_award(self, award: dict[str, Any], files: dict[str, bytes | str]) -> int:
        """Store a tender award and its files (by :data:`AWARD_COLUMNS` column) in one transaction; returns its id.

        Parameters
        ----------
        award : dict
            ``tender`` (shipped tender name), ``title``, ``lang`` and ``lcacompare_version``.
        files : dict
            The award's files keyed by workspace column (``award_json``, ``award_html``, ``award_xlsx``).
        """
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO awards (tender, title, lang, lcacompare_version, created, award_json, award_html,"
                " award_xlsx) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    award["tender"],
                    award["title"],
                    award["lang"],
                    award["lcacompare_version"],
                    _now(),
                    files["award_json"],
                    files["award_html"],
                    files["award_xlsx"],
                ),
            )
            return int(cursor.lastrowid or 0)

    def awards(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest awards (id, tender, title, lang, lcacompare_version, created), newest first."""
        rows = (
            self._connection()
            .execute(f"SELECT {_AWARD_COLUMNS} FROM awards ORDER BY id DESC LIMIT ?", (limit,))
            .fetchall()
        )
        return [dict(r) for r in rows]

    def award(self, award_id: int) -> dict[str, Any] | None:
        """One award's record (without its files), or None."""
        row = self._connection().execute(f"SELECT {_AWARD_COLUMNS} FROM awards WHERE id = ?", (award_id,)).fetchone()
        return dict(row) if row else None

    def award_file(self, award_id: int, column: str) -> Any:
        """One stored file of an award by column (see :data:`AWARD_COLUMNS`), or None."""
        if column not in AWARD_COLUMNS:
            raise ValueError(f"no award file {column!r}")
        row = self._connection().execute(f"SELECT {column} FROM awards WHERE id = ?", (award_id,)).fetchone()
        return row[0] if row else None

    # portfolios
    def add_portfolio(self, title: str, settings_yaml: str, rows_name: str, rows_csv: str) -> int:
        """Store an uploaded portfolio (its settings YAML and its rows CSV, by the name the settings use)."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO portfolios (title, settings_yaml, rows_name, rows_csv, created) VALUES (?, ?, ?, ?, ?)",
                (title, settings_yaml, rows_name, rows_csv, _now()),
            )
            return int(cursor.lastrowid or 0)

    def portfolios(self) -> list[dict[str, Any]]:
        """The uploaded portfolios (id, title, rows_name, created), newest first."""
        rows = self._connection().execute("SELECT id, title, rows_name, created FROM portfolios ORDER BY id DESC")
        return [dict(r) for r in rows.fetchall()]

    def portfolio(self, portfolio_id: int) -> dict[str, Any] | None:
        """One uploaded portfolio with its two texts, or None."""
        row = self._connection().execute("SELECT * FROM portfolios WHERE id = ?", (portfolio_id,)).fetchone()
        return dict(row) if row else None

    def add_portfolio_run(self, run: dict[str, Any], files: dict[str, bytes | str]) -> int:
        """Store a portfolio run (``portfolio_ref``, ``title``, ``lcacompare_version``), its files and lines."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO portfolio_runs (portfolio_ref, title, lcacompare_version, created, portfolio_json,"
                " portfolio_html, portfolio_xlsx, lines_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run["portfolio_ref"],
                    run["title"],
                    run["lcacompare_version"],
                    _now(),
                    files["portfolio_json"],
                    files["portfolio_html"],
                    files["portfolio_xlsx"],
                    files["lines_json"],
                ),
            )
            return int(cursor.lastrowid or 0)

    def portfolio_runs(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest portfolio runs (without their files), newest first."""
        rows = self._connection().execute(
            f"SELECT {_PORTFOLIO_RUN_COLUMNS} FROM portfolio_runs ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [dict(r) for r in rows.fetchall()]

    def portfolio_run(self, run_id: int) -> dict[str, Any] | None:
        """One portfolio run's record (without its files), or None."""
        row = (
            self._connection()
            .execute(f"SELECT {_PORTFOLIO_RUN_COLUMNS} FROM portfolio_runs WHERE id = ?", (run_id,))
            .fetchone()
        )
        return dict(row) if row else None

    def portfolio_run_file(self, run_id: int, column: str) -> Any:
        """One stored file of a portfolio run by column (see :data:`PORTFOLIO_COLUMNS`), or None."""
        if column not in PORTFOLIO_COLUMNS:
            raise ValueError(f"no portfolio file {column!r}")
        row = self._connection().execute(f"SELECT {column} FROM portfolio_runs WHERE id = ?", (run_id,)).fetchone()
        return row[0] if row else None


_PORTFOLIO_RUN_COLUMNS = "id, portfolio_ref, title, lcacompare_version, created"

PORTFOLIO_COLUMNS = ("portfolio_json", "portfolio_html", "portfolio_xlsx", "lines_json")
"""The workspace columns holding a portfolio run's files (and its product lines as JSON)."""

_AWARD_COLUMNS = "id, tender, title, lang, lcacompare_version, created"

AWARD_COLUMNS = ("award_json", "award_html", "award_xlsx")
"""The workspace columns holding an award's files."""


def _record(row: sqlite3.Row) -> RunRecord:
    data = dict(row)
    data["sobol"] = bool(data["sobol"])
    return RunRecord(**data)
