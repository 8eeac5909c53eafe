"""Choosing the method version in the web app: the run form, the API, the stored run, compare, 404s."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient

from lcacompare.method.spec import known_methods, load_method
from lcacompare.web.app import create_app

CASE = "kocher-clamp"
STATED, OTHER = "LCAC-HC/1", "LCAC-HC/2"
SAMPLES, SEED = 50, 5


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("workspace"))) as c:
        c.get("/")
        yield c


def csrf(client) -> str:
    return str(client.cookies.get("lcacompare_csrf"))


def finished(client, answer) -> str:
    """Follow a run form's progress page to the page of the stored run."""
    assert answer.status_code == 303, answer.text
    job_id = answer.headers["location"].split("/jobs/")[1].split("?")[0]
    for _ in range(600):
        job = client.get(f"/api/v1/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    assert job["status"] == "done", job
    return str(job["location"])


def api_run(client, **extra) -> dict:
    answer = client.post("/api/v1/runs", json={"case": CASE, "samples": SAMPLES, "seed": SEED, **extra})
    assert answer.status_code == 201, answer.text
    return answer.json()


@pytest.fixture(scope="module")
def form_run_v2(client) -> str:
    data = {"csrf_token": csrf(client), "samples": str(SAMPLES), "seed": str(SEED), "method": OTHER}
    return finished(client, client.post(f"/cases/{CASE}/run", data=data, follow_redirects=False))


@pytest.fixture(scope="module")
def runs_v1_v2(client) -> tuple[int, int]:
    return int(api_run(client)["run_id"]), int(api_run(client, method=OTHER)["run_id"])


def method_select(page: str) -> str:
    return page.split('<select id="method" name="method">')[1].split("</select>")[0]


def selected_methods(page: str) -> list[str]:
    return re.findall(r'<option value="([^"]+)" selected>', method_select(page))


def test_the_shipped_case_states_version_1_so_version_2_is_a_real_choice():
    assert STATED in known_methods() and OTHER in known_methods()
    assert load_method(STATED).digest != load_method(OTHER).digest


def test_run_form_offers_every_known_method_with_the_case_stated_one_selected(client):
    page = client.get(f"/cases/{CASE}?lang=en").text
    select = method_select(page)
    assert re.findall(r'<option value="([^"]+)"', select) == known_methods()
    assert selected_methods(page) == [STATED]
    assert "LCAC-HC/1 (the case&#39;s version)" in select
    assert "The case states LCAC-HC/1" in page


def test_run_form_method_select_is_in_dutch(client):
    page = client.get(f"/cases/{CASE}?lang=nl").text
    assert '<label for="method">Methode</label>' in page
    assert "De casus vermeldt LCAC-HC/1" in page
    assert "The case states" not in page


def test_form_run_under_version_2_stores_the_applied_method(client, form_run_v2):
    run_id = int(form_run_v2.rsplit("/", 1)[1])
    record = client.get(f"/api/v1/runs/{run_id}").json()
    result = json.loads(client.get(f"/api/v1/runs/{run_id}/result").content)
    assert record["method_version"] == OTHER
    assert result["method"] == OTHER
    assert result["method_spec"]["sha256"] == load_method(OTHER).digest
    assert result["method_spec"]["case_method"] == STATED


def test_results_page_shows_the_applied_method_its_digest_and_the_stated_one(client, form_run_v2):
    page = client.get(form_run_v2 + "?lang=en").text
    assert f'<span id="applied-method">{OTHER}</span>' in page
    assert f'<td id="method-version">{OTHER}</td>' in page
    assert f'<code id="method-digest">{load_method(OTHER).digest}</code>' in page
    assert f"the case states {STATED}" in page


def test_results_page_of_a_run_under_the_stated_method_names_no_other(client, runs_v1_v2):
    page = client.get(f"/runs/{runs_v1_v2[0]}?lang=en").text
    assert f'<span id="applied-method">{STATED}</span>' in page
    assert 'id="case-method"' not in page
    assert f'<code id="method-digest">{load_method(STATED).digest}</code>' in page


def test_compare_shows_a_method_change_as_changed_inputs(client, runs_v1_v2):
    a, b = runs_v1_v2
    page = client.get(f"/runs/compare?a={a}&b={b}&lang=en").text
    changed = re.findall(r'<tr class="changed" data-changed="true"><th>([^<]+)</th>', page)
    assert changed == ["method", "method digest (SHA-256)"]


def test_unknown_method_in_the_form_is_refused_with_the_known_versions(client):
    for bad in ("LCAC-HC/9", "../../etc/passwd", "lcacompare/method/lcac-hc-2.yaml"):
        answer = client.post(f"/cases/{CASE}/run", data={"csrf_token": csrf(client), "method": bad})
        assert answer.status_code == 422, bad
        assert 'data-field="method"' in answer.text
        assert "is not a method version lcacompare knows" in answer.text
        assert "Traceback" not in answer.text
        assert selected_methods(answer.text) == [STATED]


def test_unknown_method_in_the_api_is_refused_before_a_job_is_queued(client):
    for body in ({"method": "LCAC-HC/9"}, {"method": "/etc/passwd", "wait": False}, {"method": ""}):
        answer = client.post("/api/v1/runs", json={"case": CASE, "samples": 0, **body})
        assert answer.status_code == 422, body
        problems = answer.json()["problems"]
        assert [p["rule"] for p in problems] == ["method-unknown"]
        assert problems[0]["field"] == "method"
        assert all(m in problems[0]["hint"] for m in known_methods())


def test_api_method_that_is_not_text_is_refused_by_validation(client):
    answer = client.post("/api/v1/runs", json={"case": CASE, "method": {"path": "/etc"}})
    assert answer.status_code == 422


def test_openapi_documents_the_run_method(client):
    schema = client.get("/api/v1/openapi.json").json()
    field = schema["components"]["schemas"]["RunInput"]["properties"]["method"]
    assert "--method" in field["description"]
    assert field["examples"] == known_methods()


def test_api_result_under_version_2_is_byte_for_byte_the_command_line_json(client, runs_v1_v2, tmp_path):
    api_bytes = client.get(f"/api/v1/runs/{runs_v1_v2[1]}/result").content
    code = "from lcacompare.cli import main; main()"
    args = [CASE, "--method", OTHER, "--samples", str(SAMPLES), "--seed", str(SEED), "-o", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-c", code, "run", *args, "--format", "json"], capture_output=True, check=True
    )
    assert json.loads(api_bytes)["method"] == OTHER
    assert api_bytes == done.stdout


@pytest.mark.parametrize("run_id", ["nope", "-1", "1.5", "%D9%A1"])
def test_results_page_with_a_run_id_that_is_not_a_number_is_404(client, run_id):
    assert client.get(f"/runs/{run_id}").status_code == 404
    assert client.get(f"/runs/{run_id}/report.html").status_code == 404


def test_results_page_of_an_unknown_numeric_run_is_404(client):
    assert client.get("/runs/99999").status_code == 404
    assert client.get("/runs/99999/report.html").status_code == 404
