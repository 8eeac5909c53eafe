"""The workspace database: versioned schema, migrations, WAL mode, transactions."""

from __future__ import annotations

import sqlite3

import pytest

from lcacompare.web.workspace import MIGRATIONS, Workspace, default_workspace

RECORD = {
    "case_ref": "shipped:kocher-clamp",
    "case_title": "Kocher",
    "inputs_sha256": "a" * 64,
    "method_version": "LCAC-HC/1",
    "datasets_sha256": "b" * 64,
    "lcacompare_version": "0.1.0",
    "seed": 7,
    "samples": 100,
    "country": "BE",
    "sobol": False,
}


def test_new_workspace_has_the_latest_schema_in_wal_mode(tmp_path):
    store = Workspace(tmp_path)
    assert store.schema_version() == len(MIGRATIONS)
    mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode.lower() == "wal"


def test_version_1_workspace_is_migrated_keeping_its_runs(tmp_path):
    db = sqlite3.connect(tmp_path / "workspace.sqlite3")
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO runs (case_ref, case_title, inputs_sha256, method_version, datasets_sha256,"
        " lcacompare_version, seed, samples, created, result_json) VALUES (?,?,?,?,?,?,?,?,?,?)",
        ("shipped:x", "Old run", "a", "LCAC-HC/1", "b", "0.0.9", 3, 10, "2026-01-01T00:00:00+00:00", "{}"),
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = Workspace(tmp_path)
    assert store.schema_version() == len(MIGRATIONS)
    (old,) = store.runs()
    assert (old.case_title, old.seed, old.country, old.sobol) == ("Old run", 3, "", False)
    assert store.run_file(old.id, "charts_json") == "{}"


def test_workspace_newer_than_the_program_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "workspace.sqlite3")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(RuntimeError, match="newer"):
        Workspace(tmp_path)


def test_stored_run_keeps_its_provenance_and_files(tmp_path):
    store = Workspace(tmp_path)
    run_id = store.add_run(RECORD, '{"x": 1}\n', b"<html>", b"PK", "{}")
    record = Workspace(tmp_path).run(run_id)  # a second connection sees the committed run
    assert record is not None
    assert record.to_dict() | {"id": 0, "created": ""} == RECORD | {"id": 0, "created": ""}
    assert store.run_file(run_id, "result_json") == '{"x": 1}\n'
    assert store.run_file(run_id, "report_xlsx") == b"PK"


def test_failed_transaction_stores_nothing(tmp_path):
    store = Workspace(tmp_path)
    with pytest.raises(ZeroDivisionError), store.transaction() as db:
        db.execute("INSERT INTO cases (title, yaml, created, updated) VALUES ('t', 'y', 'c', 'u')")
        _ = 1 / 0
    assert store.cases() == []


def test_run_file_refuses_unknown_columns(tmp_path):
    with pytest.raises(ValueError):
        Workspace(tmp_path).run_file(1, "id; DROP TABLE runs")


def test_workspace_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LCACOMPARE_WORKSPACE", str(tmp_path / "ws"))
    assert default_workspace() == tmp_path / "ws"
