"""The portfolio pages: shipped and uploaded portfolios, a run as a job, its targets, lines and files."""

from __future__ import annotations

import re
import sqlite3
import time

import pytest
from fastapi.testclient import TestClient

from lcacompare.portfolios.api import portfolio
from lcacompare.portfolios.document import portfolio_document
from lcacompare.portfolios.load import portfolio_file
from lcacompare.portfolios.output import render_json
from lcacompare.report.formatting import significant
from lcacompare.web.app import create_app
from lcacompare.web.portfolios import shipped_portfolios
from lcacompare.web.uploads import MAX_SETTINGS_BYTES
from lcacompare.web.workspace import MIGRATIONS, Workspace

SHIPPED = "example-hospital"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("workspace"))) as c:
        c.get("/")
        yield c


def finished(client, answer) -> str:
    """Follow a job's progress page to the page of what it stored."""
    assert answer.status_code == 303, answer.text
    job_id = answer.headers["location"].split("/jobs/")[1].split("?")[0]
    for _ in range(600):
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    assert job["status"] == "done", job
    return job["location"]


@pytest.fixture(scope="module")
def shipped_run(client):
    csrf = client.cookies.get("lcacompare_csrf")
    answer = client.post(f"/portfolios/shipped/{SHIPPED}/run", data={"csrf_token": csrf}, follow_redirects=False)
    return finished(client, answer)


def settings_text() -> str:
    return portfolio_file(SHIPPED).read_text(encoding="utf-8")


def rows_text(lines: int = 5) -> str:
    rows = portfolio_file(SHIPPED).with_name("example-hospital.csv").read_text(encoding="utf-8").splitlines()
    return "\n".join(rows[: lines + 1]) + "\n"


def upload(client, settings: str | bytes, rows: str | bytes):
    return client.post(
        "/portfolios/upload",
        data={"csrf_token": client.cookies.get("lcacompare_csrf")},
        files={"settings": ("p.yaml", settings), "rows": ("rows.csv", rows)},
        follow_redirects=False,
    )


def test_portfolio_page_lists_the_shipped_portfolios_with_a_run_form(client):
    page = client.get("/portfolios").text
    assert dict(shipped_portfolios())[SHIPPED].startswith("Synthetic hospital portfolio")
    assert f'data-portfolio="{SHIPPED}"' in page and f'action="/portfolios/shipped/{SHIPPED}/run?lang=en"' in page
    assert 'href="/portfolios?lang=en"' in client.get("/").text


def test_run_goes_through_a_progress_page_to_the_portfolio_run(client, shipped_run):
    assert re.fullmatch(r"/portfolio-runs/\d+", shipped_run)
    assert "<h2>Sector targets: where the hospital stands</h2>" in client.get(shipped_run).text


def test_stored_portfolio_json_is_the_command_lines_byte_for_byte(client, shipped_run):
    expected = render_json(portfolio_document(portfolio(portfolio_file(SHIPPED))))
    assert client.get(f"{shipped_run}/portfolio.json").content == expected
    assert client.get(f"{shipped_run}/portfolio.xlsx").content[:2] == b"PK"
    report = client.get(f"{shipped_run}/portfolio.html")
    assert report.headers["content-type"].startswith("text/html") and "<html" in report.text.lower()


def test_targets_show_where_the_hospital_stands(client, shipped_run):
    page = client.get(shipped_run).text
    document = portfolio_document(portfolio(portfolio_file(SHIPPED)))
    shown = dict(re.findall(r'<tr data-target="([^"]+)" data-met="[a-z]+" data-achieved="([^"]+)">', page))
    for target in document["mixes"]["current"]["targets"]:
        assert float(shown[target["id"]]) == target["achieved"]
    # the sector's two headline targets: 20 % reusable in 2026, half the primary material by 2030
    assert {"reusable-2026-lines", "primary-material-2030"} <= set(shown)
    row = re.search(r'data-target="reusable-2026-lines".*?</tr>', page, re.S)
    assert row is not None and "<td>2026</td>" in row.group(0) and f"{significant(0.2 * 100)}&nbsp;%" in row.group(0)


def test_product_line_table_lists_the_first_lines_and_says_the_workbook_has_all(client, shipped_run):
    page = client.get(shipped_run).text
    lines = re.findall(r'<tr data-line="(PL-\d+)">', page)
    assert lines[:2] == ["PL-000001", "PL-000002"] and len(lines) == 200
    assert "The first 200 of 2400 product lines" in page


def test_uploaded_portfolio_is_stored_listed_and_runs(client):
    answer = upload(client, settings_text(), rows_text(5))
    assert answer.status_code == 303, answer.text
    page = client.get("/portfolios").text
    (portfolio_id,) = re.findall(r'data-portfolio-id="(\d+)"', page)[:1]
    csrf = client.cookies.get("lcacompare_csrf")
    run = client.post(f"/portfolios/workspace/{portfolio_id}/run", data={"csrf_token": csrf}, follow_redirects=False)
    result = client.get(finished(client, run)).text
    assert len(re.findall(r'<tr data-line="', result)) == 5 and "lines-note" not in result


@pytest.mark.parametrize(
    ("settings", "rows", "rule", "where"),
    [
        (
            settings_text(),
            rows_text(2).replace("kocher-clamp:single-use", "/etc/case.yaml:single-use"),
            "portfolio-case",
            "row 2, column current",
        ),
        (
            settings_text().replace("rows: example-hospital.csv", "rows: ../secret.csv"),
            rows_text(2),
            "portfolio-settings",
            "rows",
        ),
        (settings_text(), rows_text(2).replace("349", "many"), "portfolio-volume", "annual_volume"),
        ("x" * (MAX_SETTINGS_BYTES + 1), rows_text(2), "file", "settings"),
        (settings_text(), b"id,\xff\xfe\n", "file", "rows"),
    ],
)
def test_bad_uploads_show_their_problem_and_store_nothing(client, settings, rows, rule, where):
    before = client.get("/portfolios").text.count("data-portfolio-id=")
    answer = upload(client, settings, rows)
    assert answer.status_code == 422
    assert f'data-rule="{rule}"' in answer.text and where in answer.text
    assert client.get("/portfolios").text.count("data-portfolio-id=") == before


@pytest.mark.parametrize(
    "path", ["/portfolios/shipped/no-such/run", "/portfolios/workspace/999/run", "/portfolios/x/1/run"]
)
def test_only_known_portfolios_run(client, path):
    assert client.post(path, data={"csrf_token": client.cookies.get("lcacompare_csrf")}).status_code == 404


def test_run_and_upload_forms_without_csrf_token_are_refused(client):
    assert client.post(f"/portfolios/shipped/{SHIPPED}/run", data={}).status_code == 403
    assert client.post("/portfolios/upload", files={"settings": ("a", b""), "rows": ("b", b"")}).status_code == 403


@pytest.mark.parametrize("path", ["/portfolio-runs/999", "/portfolio-runs/x", "/portfolio-runs/1/report.html"])
def test_unknown_portfolio_runs_and_files_are_404(client, shipped_run, path):
    assert client.get(path).status_code == 404


def test_portfolio_pages_in_dutch_with_dutch_numbers(client, shipped_run):
    assert "<h2>Meegeleverde portfolio&#39;s</h2>" in client.get("/portfolios?lang=nl").text
    page = client.get(f"{shipped_run}?lang=nl").text
    assert "<h2>Sectordoelen: waar het ziekenhuis staat</h2>" in page
    row = re.search(r'data-target="reusable-2026-lines".*?</tr>', page, re.S)
    assert row is not None and "11,3&nbsp;%" in row.group(0)  # 0.11333 of the lines reusable, Dutch decimal comma
    assert "productlijnen met een herbruikbare optie / alle productlijnen" in row.group(0)
    assert "208 productlijnen" in row.group(0)


def test_version_3_workspace_is_migrated_to_4_keeping_its_cases(tmp_path):
    db = sqlite3.connect(tmp_path / "workspace.sqlite3")
    for script in MIGRATIONS[:3]:
        db.executescript(script)
    db.execute("INSERT INTO cases (title, yaml, created, updated) VALUES ('Old', 'id: x', 'c', 'u')")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    store = Workspace(tmp_path)
    assert store.schema_version() == len(MIGRATIONS) == 4
    (old,) = store.cases()
    assert store.case(old["id"])["declaration_yaml"] == ""
    assert store.portfolios() == [] and store.portfolio_runs() == [] and store.portfolio_run(1) is None


def test_target_texts_marked_for_the_catalogue_are_the_packages_own():
    from lcacompare.portfolios.targets import DEFINITIONS
    from lcacompare.web.portfolios import TARGET_TEXTS

    units = {"product lines", "uses a year", "EUR a year", "kg CO2e a year", "kg primary material a year"}
    assert set(TARGET_TEXTS) == set(DEFINITIONS.values()) | units
