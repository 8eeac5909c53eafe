"""The HTML pages without a browser: forms, problems at their field, downloads."""

from __future__ import annotations

import pytest
import yaml
from fastapi.testclient import TestClient

from lcacompare.web.app import create_app


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(tmp_path)) as c:
        c.get("/")
        yield c


def test_bad_run_settings_are_shown_at_their_field(client):
    csrf = client.cookies.get("lcacompare_csrf")
    answer = client.post("/cases/kocher-clamp/run", data={"csrf_token": csrf, "samples": "ten", "seed": "-1"})
    assert answer.status_code == 422
    assert 'data-field="samples"' in answer.text and "not a whole number" in answer.text


def test_saving_a_shipped_case_makes_an_edited_workspace_copy(client):
    csrf = client.cookies.get("lcacompare_csrf")
    saved = client.post(
        "/cases/kocher-clamp/save", data={"csrf_token": csrf, "param:su_clamp_mass": "70 g"}, follow_redirects=False
    )
    assert saved.status_code == 303
    copy = client.get(saved.headers["location"] + "/case.yaml")
    assert yaml.safe_load(copy.text)["parameters"]["su_clamp_mass"]["value"] == "70 g"
    shipped = client.get("/cases/kocher-clamp/case.yaml")
    assert yaml.safe_load(shipped.text)["parameters"]["su_clamp_mass"]["value"] == "60 g"


def test_case_page_shows_parameter_sources_and_run_form(client):
    page = client.get("/cases/kocher-clamp").text
    assert 'id="param-su_clamp_mass"' in page and 'id="run-form"' in page
    assert "assumption:" in page and "triangular" in page


def test_unknown_cases_and_runs_are_404(client):
    assert client.get("/cases/no-such-case").status_code == 404
    assert client.get("/workspace/999").status_code == 404
    assert client.get("/runs/999").status_code == 404
    assert client.get("/jobs/nope").status_code == 404
