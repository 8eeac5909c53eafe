"""The tender-award page: the shipped tenders, an award run from a form, its ranking and stored award.html."""

from __future__ import annotations

import json
import re
import sqlite3
import time

import pytest
from fastapi.testclient import TestClient

from lcacompare.web.app import create_app
from lcacompare.web.workspace import MIGRATIONS, Workspace

TENDER = "kocher-clamp-tender"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("workspace"))) as c:
        c.get("/")
        yield c


@pytest.fixture(scope="module")
def awarded(client):
    csrf = client.cookies.get("lcacompare_csrf")
    answer = client.post(f"/tenders/{TENDER}/award", data={"csrf_token": csrf}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    location = finished_job(client, answer.headers["location"])
    return location, client.get(location).text


def finished_job(client, progress_page: str) -> str:
    """Wait for the job behind a progress page (``/jobs/<id>``); return the page of what it stored."""
    job_id = progress_page.split("/jobs/")[1].split("?")[0]
    for _ in range(1200):
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    assert job["status"] == "done", job
    return str(job["location"])


def test_tender_page_lists_the_shipped_tenders_with_an_award_form(client):
    page = client.get("/tenders").text
    assert f'data-tender="{TENDER}"' in page
    assert f'action="/tenders/{TENDER}/award"' in page and 'name="csrf_token"' in page
    assert 'href="/tenders?lang=en"' in client.get("/").text


def test_award_page_ranks_the_bids_as_the_stored_award(client, awarded):
    path, page = awarded
    stored = json.loads(client.get(f"{path}/award.json").content)
    shown = re.findall(r'<tr data-bid="([^"]+)" data-rank="(\d+)">', page)
    expected = sorted(((b["id"], str(b["rank"])) for b in stored["bids"]), key=lambda x: (int(x[1]), x[0]))
    assert shown == expected and len(shown) == 3
    assert stored["winner"][0] in page and stored["robustness"]["statement"][:40] in page


def test_award_html_is_stored_and_linked(client, awarded):
    path, page = awarded
    assert f'href="{path}/award.html"' in page
    report = client.get(f"{path}/award.html")
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert "<html" in report.text
    assert client.get(f"{path}/award.xlsx").content[:2] == b"PK"
    assert path in client.get("/tenders").text


def test_award_form_without_csrf_token_is_refused(client):
    assert client.post(f"/tenders/{TENDER}/award", data={}).status_code == 403


@pytest.mark.parametrize("name", ["no-such-tender", "..%2Fcases%2Fkocher-clamp", "kocher-clamp"])
def test_only_shipped_tenders_can_be_awarded(client, name):
    csrf = client.cookies.get("lcacompare_csrf")
    assert client.post(f"/tenders/{name}/award", data={"csrf_token": csrf}).status_code == 404


@pytest.mark.parametrize("path", ["/awards/999", "/awards/x", "/awards/1/../../etc/passwd", "/awards/1/report.html"])
def test_unknown_awards_and_files_are_404(client, awarded, path):
    assert client.get(path).status_code == 404


def test_award_page_in_dutch(client, awarded):
    path, _ = awarded
    page = client.get(f"{path}?lang=nl").text
    assert "<h2>Rangorde</h2>" in page and "<h2>Ranking</h2>" not in page


def test_version_2_workspace_is_migrated_with_an_empty_awards_table(tmp_path):
    db = sqlite3.connect(tmp_path / "workspace.sqlite3")
    db.executescript(MIGRATIONS[0])
    db.executescript(MIGRATIONS[1])
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    store = Workspace(tmp_path)
    assert store.schema_version() == len(MIGRATIONS) >= 3
    assert store.awards() == [] and store.award(1) is None
