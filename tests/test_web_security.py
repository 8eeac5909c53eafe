"""Security of the web app: token, login cookie, CSRF, uploads, escaping, headers, host rule."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from lcacompare.cli import app as cli_app
from lcacompare.web.app import create_app
from lcacompare.web.cases import MAX_UPLOAD_BYTES, shipped_text

TOKEN = "s3cret-token-for-tests"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def open_client(tmp_path):
    with TestClient(create_app(tmp_path)) as c:
        yield c


@pytest.fixture
def locked_client(tmp_path, monkeypatch):
    monkeypatch.delenv("LCACOMPARE_TOKEN", raising=False)
    with TestClient(create_app(tmp_path, token=TOKEN)) as c:
        yield c


def csrf_of(client) -> str:
    client.get("/login")
    return client.cookies.get("lcacompare_csrf")


def test_every_request_needs_the_token(locked_client):
    assert locked_client.get("/api/v1/cases").status_code == 401
    page = locked_client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"
    assert locked_client.get("/runs/1/report.xlsx", follow_redirects=False).status_code == 303


def test_bearer_token_opens_the_api(locked_client):
    assert locked_client.get("/api/v1/cases", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert locked_client.get("/api/v1/cases", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_login_sets_an_http_only_samesite_cookie(locked_client):
    csrf = csrf_of(locked_client)
    wrong = locked_client.post("/login", data={"token": "nope", "csrf_token": csrf})
    assert wrong.status_code == 401
    right = locked_client.post("/login", data={"token": TOKEN, "csrf_token": csrf}, follow_redirects=False)
    cookie = right.headers["set-cookie"].lower()
    assert "lcacompare_token=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert locked_client.get("/").status_code == 200


def test_forms_without_the_csrf_token_are_refused(open_client):
    csrf_of(open_client)
    assert open_client.post("/cases/kocher-clamp/run", data={"samples": "0"}).status_code == 403
    assert open_client.post("/cases/kocher-clamp/run", data={"samples": "0", "csrf_token": "forged"}).status_code == 403
    files = {"file": ("case.yaml", b"id: x\n", "application/yaml")}
    assert open_client.post("/upload", files=files).status_code == 403


def test_api_refuses_form_encoded_bodies(open_client):
    # A cross-site form can send text/plain or form data, never application/json.
    answer = open_client.post(
        "/api/v1/runs", content=b'{"case": "kocher-clamp"}', headers={"Content-Type": "text/plain"}
    )
    assert answer.status_code == 422


def test_every_response_carries_the_security_headers(open_client):
    for response in (open_client.get("/"), open_client.get("/api/v1/cases"), open_client.get("/static/app.css")):
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert response.headers["x-content-type-options"] == "nosniff"


def test_hostile_title_is_escaped_on_every_page(open_client):
    csrf = csrf_of(open_client)
    text = shipped_text("suture-set")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    hostile = text.replace(title_line, "title: '" + HOSTILE.replace("'", "''") + "'")
    files = {"file": ("case.yaml", hostile.encode(), "application/yaml")}
    case_page = open_client.post("/upload", files=files, data={"csrf_token": csrf})
    assert case_page.status_code == 200
    home = open_client.get("/")
    for page in (case_page.text, home.text):
        assert HOSTILE not in page
        assert "&lt;script&gt;alert(" in page


def test_oversized_and_binary_uploads_are_refused_at_the_field(open_client):
    csrf = csrf_of(open_client)
    big = {"file": ("case.yaml", b"a" * (MAX_UPLOAD_BYTES + 10), "application/yaml")}
    answer = open_client.post("/upload", files=big, data={"csrf_token": csrf})
    assert answer.status_code == 422 and 'data-field="file"' in answer.text
    binary = {"file": ("case.yaml", b"\x00\x01PK", "application/yaml")}
    assert open_client.post("/upload", files=binary, data={"csrf_token": csrf}).status_code == 422
    assert open_client.get("/api/v1/cases").json()["workspace"] == []


def test_no_file_system_path_is_taken_from_a_request(open_client):
    for path in ("/cases/..%2F..%2Fetc%2Fpasswd", "/cases/%2Fetc%2Fpasswd/case.yaml", "/workspace/..%2F1"):
        assert open_client.get(path).status_code == 404


def test_serving_beyond_loopback_without_a_token_exits_2(monkeypatch):
    from lcacompare.cli import main

    monkeypatch.delenv("LCACOMPARE_TOKEN", raising=False)
    monkeypatch.setattr("sys.argv", ["lcacompare", "serve", "--host", "0.0.0.0"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2


def test_serve_is_a_command(monkeypatch):
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0 and "--token" in result.output
