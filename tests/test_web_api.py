"""The JSON API under /api/v1: the same result text as the command line, validation, listings."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from lcacompare.web.app import create_app
from lcacompare.web.cases import shipped_text

SAMPLES, SEED = 200, 11


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(tmp_path_factory.mktemp("workspace"))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def api_run(client):
    response = client.post("/api/v1/runs", json={"case": "kocher-clamp", "samples": SAMPLES, "seed": SEED})
    assert response.status_code == 201, response.text
    return response.json()


def cli_json(*args: str) -> bytes:
    code = "from lcacompare.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "run", *args, "--format", "json"], capture_output=True, check=True
    )
    return done.stdout


def test_api_result_is_byte_for_byte_the_command_line_json(client, api_run, tmp_path):
    api_bytes = client.get(f"/api/v1/runs/{api_run['run_id']}/result").content
    cli_bytes = cli_json("kocher-clamp", "--samples", str(SAMPLES), "--seed", str(SEED), "-o", str(tmp_path))
    assert api_bytes == cli_bytes


def test_run_record_carries_what_makes_it_reproducible(client, api_run):
    record = client.get(f"/api/v1/runs/{api_run['run_id']}").json()
    result = json.loads(client.get(f"/api/v1/runs/{api_run['run_id']}/result").content)
    assert record["seed"] == SEED and record["samples"] == SAMPLES
    assert record["method_version"] == result["method"]
    assert record["datasets_sha256"] == result["datasets_sha256"]
    assert record["lcacompare_version"] == result["lcacompare_version"]
    assert len(record["inputs_sha256"]) == 64
    assert api_run["run_id"] in [r["id"] for r in client.get("/api/v1/runs").json()]


def test_reports_of_a_run_are_served(client, api_run):
    html = client.get(f"/api/v1/runs/{api_run['run_id']}/report.html")
    xlsx = client.get(f"/api/v1/runs/{api_run['run_id']}/report.xlsx")
    assert html.status_code == 200 and b"<svg" in html.content
    assert xlsx.content[:2] == b"PK"
    assert client.get(f"/api/v1/runs/{api_run['run_id']}/secrets").status_code == 404


def test_validate_lists_the_problem_with_its_field(client):
    broken = shipped_text("kocher-clamp").replace("loss_rate: 0.002", "loss_rate: 7")
    answer = client.post("/api/v1/validate", json={"yaml": broken}).json()
    assert answer["valid"] is False
    assert "options[1].loss_rate" in [p["field"] for p in answer["problems"]]
    assert client.post("/api/v1/validate", json={"case": "kocher-clamp"}).json() == {"valid": True, "problems": []}


def test_case_must_be_named_exactly_one_way(client):
    assert client.post("/api/v1/validate", json={}).status_code == 422
    assert client.post("/api/v1/validate", json={"case": "kocher-clamp", "yaml": "id: x"}).status_code == 422
    assert client.post("/api/v1/validate", json={"case": "../../etc/passwd"}).status_code == 404


def test_invalid_case_run_answers_422_with_problems(client):
    broken = shipped_text("kocher-clamp").replace("loss_rate: 0.002", "loss_rate: 7")
    answer = client.post("/api/v1/runs", json={"yaml": broken, "samples": 0})
    assert answer.status_code == 422
    assert answer.json()["status"] == "invalid" and answer.json()["problems"]


def test_run_without_waiting_answers_a_job_to_poll(client):
    answer = client.post("/api/v1/runs", json={"case": "suture-set", "samples": 0, "wait": False})
    assert answer.status_code == 202
    job_id = answer.json()["id"]
    client.app.state.runner.pool.submit(lambda: None).result()  # the pool has moved on
    status = client.get(f"/api/v1/jobs/{job_id}").json()
    assert status["status"] in ("queued", "running", "done")


def test_cases_are_listed_and_stored(client):
    listing = client.get("/api/v1/cases").json()
    assert "kocher-clamp" in listing["shipped"]
    added = client.post("/api/v1/cases", json={"yaml": shipped_text("suture-set")})
    assert added.status_code == 201 and added.json()["problems"] == []
    assert added.json()["id"] in [c["id"] for c in client.get("/api/v1/cases").json()["workspace"]]


def test_openapi_description_lists_the_api(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/runs", "/api/v1/validate", "/api/v1/cases", "/api/v1/runs/{run_id}/{name}"} <= set(spec["paths"])
