"""The shipped data lives inside the package, and a wheel of it works in a fresh environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

from lcacompare.cli import main
from lcacompare.datasets import datasets_dir, load_datasets

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
SHIPPED = files("lcacompare") / "data"
SHIPPED_CASES = sorted(p.name.removesuffix(".yaml") for p in (SHIPPED / "cases").iterdir() if p.name.endswith(".yaml"))
TIMEOUT = 600


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    sys.argv = ["lcacompare", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_shipped_datasets_cases_and_template_are_package_resources() -> None:
    for part in ("factors/core.csv", "factors/replication.csv", "prices/core.csv", "indices/hicp.csv", "README.md"):
        assert (SHIPPED / "datasets").joinpath(*part.split("/")).is_file(), part
    assert {"kocher-clamp", "incontinence", "suture-set"} <= set(SHIPPED_CASES)
    assert (SHIPPED / "templates" / "case-template.yaml").is_file()
    assert (files("lcacompare") / "py.typed").is_file()
    assert not (ROOT / "datasets").exists() and not (ROOT / "cases").exists(), "data left outside the package"


def test_the_default_datasets_are_the_packaged_ones_and_the_variable_still_overrides_them(monkeypatch) -> None:
    monkeypatch.delenv("LCACOMPARE_DATASETS", raising=False)
    assert datasets_dir() == Path(str(SHIPPED / "datasets"))
    monkeypatch.setenv("LCACOMPARE_DATASETS", str(TEST_DATA / "datasets"))
    assert datasets_dir() == TEST_DATA / "datasets"


def test_list_names_every_packaged_case(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = _cli(["list"], capsys)
    assert code == 0
    for name in SHIPPED_CASES:
        assert name in out


def test_a_shipped_case_is_found_by_name_and_a_user_file_by_path(capsys, tmp_path: Path) -> None:
    code, out, err = _cli(["validate", "kocher-clamp"], capsys)
    assert code == 0, err
    own = tmp_path / "own.yaml"
    shutil.copyfile(str(SHIPPED / "cases" / "kocher-clamp.yaml"), own)
    code, out, err = _cli(["validate", str(own)], capsys)
    assert code == 0, err
    assert "own.yaml" in out


def test_the_datasets_option_points_validate_and_breakeven_at_another_folder(capsys, tmp_path: Path) -> None:
    case = str(TEST_DATA / "clamp.yaml")
    empty = tmp_path / "empty"
    (empty / "factors").mkdir(parents=True)
    (empty / "prices").mkdir()
    code, _, err = _cli(["validate", case, "--datasets", str(empty)], capsys)
    assert code == 2 and str(empty) in err and "factors/" in err and "Traceback" not in err
    code, _, err = _cli(["validate", case, "--datasets", str(TEST_DATA / "datasets")], capsys)
    assert code == 0, err
    args = ["breakeven", case, "--datasets", str(TEST_DATA / "datasets"), "--format", "json"]
    code, out, err = _cli([*args, "--home", str(tmp_path / "home")], capsys)
    assert code == 0, err
    assert json.loads(out)


def test_the_datasets_option_sets_the_data_a_run_is_traced_to(capsys, tmp_path: Path) -> None:
    args = ["run", str(TEST_DATA / "clamp.yaml"), "--datasets", str(TEST_DATA / "datasets"), "--samples", "0"]
    args += ["--report", "json", "--output", str(tmp_path / "out"), "--home", str(tmp_path / "home")]
    code, _, err = _cli(args, capsys)
    assert code == 0, err
    result = json.loads((tmp_path / "out" / "test-clamp" / "result.json").read_text())
    assert result["datasets_sha256"] == load_datasets(TEST_DATA / "datasets").digest


def test_a_datasets_option_naming_no_folder_is_a_usage_error(capsys, tmp_path: Path) -> None:
    code, _, err = _cli(["validate", "kocher-clamp", "--datasets", str(tmp_path / "missing")], capsys)
    assert code == 2
    assert "--datasets" in err


def test_the_version_has_one_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    version = project["version"]
    init = (ROOT / "lcacompare" / "__init__.py").read_text(encoding="utf-8")
    assert version not in init, "the version is written in lcacompare/__init__.py as well as in pyproject.toml"


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_environment_lists_and_runs_the_shipped_cases(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LCACOMPARE_DATASETS", "VIRTUAL_ENV")}
    env.update(COLUMNS="200", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", LCACOMPARE_HOME=str(tmp_path / "h"))
    # Build from a copy of the sources, so the build leaves nothing in the repository.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, source / name)
    shutil.copytree(ROOT / "lcacompare", source / "lcacompare", ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip"]
    _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(wheels), str(source)],
        tmp_path,
        env,
    )
    (wheel,) = wheels.glob("lcacompare-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, env)
    python = venv / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(_run([str(python), "-c", purelib], tmp_path, env).stdout.strip())
    # The dependencies come from this environment's site-packages, as a plain path: its .pth files
    # (the repository's editable finder among them) are not processed.
    (site / "lcacompare-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], tmp_path, env)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = "import lcacompare, importlib.metadata as m; print(lcacompare.__file__); print(lcacompare.__version__)"
    where, version = _run([str(python), "-c", probe], elsewhere, env).stdout.split()
    assert Path(where).is_relative_to(venv), f"lcacompare imported from {where}, not from the new environment"
    assert version == tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    installed = Path(where).parent
    assert (installed / "py.typed").is_file()

    listed = _run([str(venv / "bin" / "lcacompare"), "list"], elsewhere, env).stdout
    for name in SHIPPED_CASES:
        assert name in listed

    run = ["run", "kocher-clamp", "--report", "json", "--output"]
    _run([str(venv / "bin" / "lcacompare"), *run, str(tmp_path / "wheel-out")], elsewhere, env)
    editable_env = {**env, "PYTHONPATH": str(ROOT), "LCACOMPARE_HOME": str(tmp_path / "h2")}
    _run([sys.executable, "-m", "lcacompare.cli", *run, str(tmp_path / "repo-out")], elsewhere, editable_env)
    from_wheel = json.loads((tmp_path / "wheel-out" / "kocher-clamp" / "result.json").read_text())
    from_repo = json.loads((tmp_path / "repo-out" / "kocher-clamp" / "result.json").read_text())
    assert from_wheel["options"] == from_repo["options"]
    assert from_wheel == from_repo
