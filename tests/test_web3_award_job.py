"""Awards as jobs: the form's progress page, the /api/v1/awards endpoints, award.json as the CLI writes it."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from test_web2_award import finished_job
from typer.testing import CliRunner

from lcacompare.cli import app as cli
from lcacompare.web.app import create_app
from lcacompare.web.award_text import statement_in

TENDER = "kocher-clamp-tender"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("workspace"))) as c:
        c.get("/")
        yield c


def wait(client, job: dict) -> dict:
    for _ in range(1200):
        job = client.get(f"/api/v1/jobs/{job['id']}").json()
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.2)
    raise AssertionError(job)


@pytest.fixture(scope="module")
def api_award(client):
    answer = client.post("/api/v1/awards", json={"tender": TENDER})
    assert answer.status_code == 202, answer.text
    assert answer.headers["location"] == f"/api/v1/jobs/{answer.json()['id']}"
    job = wait(client, answer.json())
    assert job["status"] == "done" and job["kind"] == "award", job
    return job


def test_award_form_answers_with_a_progress_page_not_the_award(client):
    csrf = client.cookies.get("lcacompare_csrf")
    answer = client.post(f"/tenders/{TENDER}/award", data={"csrf_token": csrf}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/jobs/")
    progress = client.get(answer.headers["location"], follow_redirects=False)
    assert progress.status_code in (200, 303)  # the progress page, or straight on once the award is stored
    location = finished_job(client, answer.headers["location"])
    assert location.startswith("/awards/")
    done = client.get(answer.headers["location"], follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith(location)


def test_award_result_is_the_award_json_lcacompare_award_writes(client, api_award, tmp_path):
    result = client.get(f"/api/v1/awards/{api_award['result_id']}/result")
    assert result.status_code == 200 and result.headers["content-type"].startswith("application/json")
    folder = tmp_path / "award"
    done = CliRunner().invoke(cli, ["award", TENDER, "-o", str(folder)])
    assert done.exit_code == 0, done.output
    assert result.content == (folder / "award.json").read_bytes()


def test_awards_are_listed_with_their_records(client, api_award):
    record = client.get(f"/api/v1/awards/{api_award['result_id']}").json()
    assert (record["tender"], record["lang"]) == (TENDER, "en")
    assert record["id"] in [a["id"] for a in client.get("/api/v1/awards").json()]


def test_award_endpoints_are_in_the_openapi_description(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/awards", "/api/v1/awards/{award_id}", "/api/v1/awards/{award_id}/result"} <= set(paths)
    assert "post" in paths["/api/v1/awards"] and "get" in paths["/api/v1/awards"]


@pytest.mark.parametrize(
    ("body", "status"),
    [({"tender": "no-such-tender"}, 404), ({"tender": "../tenders/x"}, 404), ({"tender": TENDER, "lang": "de"}, 422)],
)
def test_unknown_tenders_and_languages_are_refused(client, body, status):
    assert client.post("/api/v1/awards", json=body).status_code == status


@pytest.mark.parametrize("path", ["/api/v1/awards/999", "/api/v1/awards/999/result"])
def test_unknown_awards_are_404(client, path):
    assert client.get(path).status_code == 404


def test_the_statement_follows_the_page_language(client, api_award):
    award_id = api_award["result_id"]
    stored = client.get(f"/api/v1/awards/{award_id}/result").json()
    english = client.get(f"/awards/{award_id}?lang=en").text
    dutch = client.get(f"/awards/{award_id}?lang=nl").text
    assert stored["robustness"]["statement"] in english
    assert statement_in(stored, "nl") in dutch.replace("&#39;", "'")
    assert statement_in(stored, "nl").startswith("De gunning aan ") and stored["robustness"]["statement"] not in dutch


def test_the_reworded_statement_in_the_stored_language_is_the_stored_one(client, api_award):
    stored = client.get(f"/api/v1/awards/{api_award['result_id']}/result").json()
    assert statement_in(stored, "en") == stored["robustness"]["statement"]
