"""The project cache: keyed by content, built once under a lock, rebuilt when left half-built."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lcacompare.datasets import load_datasets
from lcacompare.lca.backend import BrightwayBackend, default_home
from lcacompare.method import load_method

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CLI_TIMEOUT_S = 180


def cli_env(home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, LCACOMPARE_DATASETS=str(DATA / "datasets"))
    env.pop("LCACOMPARE_HOME", None)
    if home is not None:
        env["LCACOMPARE_HOME"] = str(home)
    return env


def run_cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", *args],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
        env=env,
        cwd=cwd,
    )


def copy_datasets(tmp_path: Path) -> Path:
    target = tmp_path / "datasets"
    shutil.copytree(DATA / "datasets", target)
    return target


def test_lcacompare_home_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LCACOMPARE_HOME", str(tmp_path / "somewhere"))
    assert default_home() == tmp_path / "somewhere"
    monkeypatch.delenv("LCACOMPARE_HOME")
    assert default_home().name == "lcacompare"


def test_cache_key_follows_the_content_of_the_datasets_not_their_folder(tmp_path):
    method = load_method()
    original = BrightwayBackend(load_datasets(DATA / "datasets"), method, tmp_path)
    same = BrightwayBackend(load_datasets(copy_datasets(tmp_path / "a")), method, tmp_path)
    changed_root = copy_datasets(tmp_path / "b")
    factors = changed_root / "factors" / "test.csv"
    factors.write_text(factors.read_text(encoding="utf-8").replace("2.578", "2.579"), encoding="utf-8")
    changed = BrightwayBackend(load_datasets(changed_root), method, tmp_path)
    assert same.project == original.project
    assert changed.project != original.project


def test_half_built_project_is_detected_and_rebuilt(tmp_path, test_datasets):
    backend = BrightwayBackend(test_datasets, load_method(), tmp_path)
    assert backend.ensure() is True
    impacts = backend.unit_impacts([f.code for f in test_datasets.factors.values()])
    # A run killed after writing the databases but before the impacts file (the ready marker).
    backend.impacts_file.unlink()
    assert not backend.is_ready()
    rebuilt = BrightwayBackend(test_datasets, load_method(), tmp_path)
    assert rebuilt.ensure() is True
    assert rebuilt.unit_impacts(impacts) == impacts
    assert BrightwayBackend(test_datasets, load_method(), tmp_path).ensure() is False
    # A truncated impacts file is not taken for a finished build either.
    rebuilt.impacts_file.write_text('{"schema": "lcacompare.unit-impacts/1", "proj', encoding="utf-8")
    assert not rebuilt.is_ready()


def test_cold_then_warm_run_with_the_home_option_give_identical_results(tmp_path):
    home = tmp_path / "chosen"
    ignored = tmp_path / "ignored"  # --home wins over LCACOMPARE_HOME
    args = ("run", str(DATA / "clamp.yaml"), "-f", "json", "--home", str(home), "-o")
    cold = run_cli(*args, str(tmp_path / "r1"), env=cli_env(ignored), cwd=tmp_path)
    assert cold.returncode == 0, cold.stderr
    assert any((home / "impacts").glob("*.json"))
    assert not ignored.exists()
    warm = run_cli(*args, str(tmp_path / "r2"), env=cli_env(ignored), cwd=tmp_path)
    assert warm.returncode == 0, warm.stderr
    assert json.loads(warm.stdout) == json.loads(cold.stdout)


def test_two_runs_started_together_on_an_empty_home_both_succeed_with_identical_json(tmp_path):
    home = tmp_path / "home"
    env = cli_env(home)
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "lcacompare.cli",
                "run",
                str(DATA / "clamp.yaml"),
                "-f",
                "json",
                "-o",
                str(tmp_path / f"reports-{k}"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        for k in range(2)
    ]
    outputs = []
    try:
        for run in runs:
            out, err = run.communicate(timeout=CLI_TIMEOUT_S)
            assert run.returncode == 0, err
            outputs.append(json.loads(out))
    finally:
        for run in runs:
            if run.poll() is None:
                run.kill()
                run.communicate()
    assert outputs[0] == outputs[1]
    assert len(list((home / "impacts").glob("*.json"))) == 1


@pytest.mark.parametrize("command", [("--help",), ("validate", "--help"), ("run", "--help")])
def test_help_does_not_import_brightway_pandas_or_matplotlib(command):
    script = (
        "import sys\n"
        "from lcacompare.cli import app\n"
        f"try:\n    app({list(command)!r})\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('bw2data', 'bw2calc', 'pandas', 'matplotlib')]\n"
        "print('HEAVY', sorted(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert "HEAVY []" in done.stdout
