"""``lcacompare serve`` refuses a weak token, a busy port and a workspace that is a file, with exit 2."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.test_bad_inputs import run_cli


@pytest.mark.parametrize("token", [" ", "a", "short-token"])
def test_a_token_shorter_than_sixteen_characters_is_refused(token: str) -> None:
    outcome = run_cli("serve", "--host", "0.0.0.0", "--token", token)
    assert outcome.code == 2, outcome.stderr
    assert "--token" in outcome.stderr and "16" in outcome.stderr


def test_a_busy_port_is_refused_before_the_address_is_printed() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        outcome = run_cli("serve", "--port", str(port))
    assert outcome.code == 2, outcome.stderr
    assert "--port" in outcome.stderr
    assert "web app at" not in outcome.stdout


def test_a_workspace_that_is_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "workspace"
    file.write_text("not a folder", encoding="utf-8")
    with socket.socket() as probe:  # a port that is free now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = run_cli("serve", "--workspace", str(file), "--port", str(port))
    assert outcome.code == 2, outcome.stderr
    assert "--workspace" in outcome.stderr and "is a file" in outcome.stderr
