"""The compare page: what changed between two stored runs, in their inputs and per-use results."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from lcacompare.web.app import create_app
from lcacompare.web.cases import shipped_text

SAMPLES = 50
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("workspace"))) as c:
        c.get("/")
        yield c


def run_of(client, **case) -> int:
    answer = client.post("/api/v1/runs", json={**case, "samples": SAMPLES, "seed": case.pop("seed", 3)})
    assert answer.status_code == 201, answer.text
    return int(answer.json()["run_id"])


@pytest.fixture(scope="module")
def runs(client):
    first = run_of(client, case="kocher-clamp", seed=3)
    reseeded = run_of(client, case="kocher-clamp", seed=4)
    csrf = client.cookies.get("lcacompare_csrf")
    saved = client.post(
        "/cases/kocher-clamp/save", data={"csrf_token": csrf, "param:su_clamp_mass": "70 g"}, follow_redirects=False
    )
    edited = run_of(client, workspace_case=int(saved.headers["location"].rsplit("/", 1)[1]), seed=3)
    return {"first": first, "reseeded": reseeded, "edited": edited}


def cells(page: str, option: str) -> dict[str, str]:
    row = re.search(rf'<tr data-option="{re.escape(option)}">(.*?)</tr>', page, re.S)
    assert row, option
    return dict(re.findall(r'class="(?:co2e|cost) ([a-z0-9-]+)" data-value="([^"]*)"', row.group(1)))


def changed_inputs(page: str) -> list[str]:
    return re.findall(r'<tr class="changed" data-changed="true"><th>([^<]+)</th>', page)


def test_two_seeds_of_one_case_show_equal_deterministic_per_use_figures(client, runs):
    page = client.get(f"/runs/compare?a={runs['first']}&b={runs['reseeded']}")
    assert page.status_code == 200
    assert changed_inputs(page.text) == ["seed"]
    for option in ("single-use", "reusable-cssd", "reusable-external"):
        row = cells(page.text, option)
        assert row["co2e-a"] == row["co2e-b"] and row["cost-a"] == row["cost-b"]
        assert float(row["co2e-difference"]) == 0.0 and float(row["cost-difference"]) == 0.0


def test_an_edited_case_shows_its_changed_figure_and_digest(client, runs):
    page = client.get(f"/runs/compare?a={runs['first']}&b={runs['edited']}").text
    assert "case digest (SHA-256 of the case text)" in changed_inputs(page)
    single_use = cells(page, "single-use")
    assert float(single_use["co2e-b"]) > float(single_use["co2e-a"])
    assert float(single_use["co2e-difference"]) == pytest.approx(
        float(single_use["co2e-b"]) - float(single_use["co2e-a"])
    )
    assert float(cells(page, "reusable-cssd")["co2e-difference"]) == 0.0


def test_home_page_offers_the_compare_form_over_recent_runs(client, runs):
    home = client.get("/").text
    assert 'action="/runs/compare"' in home and 'name="a"' in home and 'name="b"' in home
    assert f'<option value="{runs["edited"]}"' in home


@pytest.mark.parametrize("query", ["a=1&b=999", "a=999&b=1", "a=x&b=1", "a=1", "a=../1&b=1"])
def test_unknown_or_malformed_run_ids_are_404(client, runs, query):
    assert client.get(f"/runs/compare?{query}").status_code == 404


def test_hostile_case_titles_are_escaped_on_the_compare_page(client, runs):
    text = shipped_text("kocher-clamp")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    hostile = text.replace(title_line, "title: '" + HOSTILE.replace("'", "''") + "'")
    stored = client.post("/api/v1/cases", json={"yaml": hostile}).json()
    hostile_run = run_of(client, workspace_case=int(stored["id"]))
    page = client.get(f"/runs/compare?a={runs['first']}&b={hostile_run}").text
    assert HOSTILE not in page and "&lt;script&gt;alert(" in page
    assert HOSTILE not in client.get("/").text
