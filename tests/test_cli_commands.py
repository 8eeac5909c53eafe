"""The init, schema, breakeven and run commands as a person uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str, cwd: Path | None = None, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="200")
    if home is not None:
        env["LCACOMPARE_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", *args], capture_output=True, text=True, timeout=300, cwd=cwd, env=env
    )


def test_init_writes_a_commented_template_that_validates(tmp_path):
    made = _cli("init", "gown-comparison", "--folder", str(tmp_path))
    assert made.returncode == 0, made.stderr
    path = tmp_path / "gown-comparison.yaml"
    text = path.read_text()
    assert text.startswith("# ") and "Functional unit" in text
    checked = _cli("validate", str(path))
    assert checked.returncode == 0, checked.stderr


def test_init_refuses_to_overwrite_and_bad_names(tmp_path):
    assert _cli("init", "x-case", "--folder", str(tmp_path)).returncode == 0
    again = _cli("init", "x-case", "--folder", str(tmp_path))
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = _cli("init", "Bad Name", "--folder", str(tmp_path))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_schema_is_a_json_schema_that_accepts_every_shipped_case(tmp_path):
    out = _cli("schema")
    assert out.returncode == 0, out.stderr
    schema = json.loads(out.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in sorted((ROOT / "lcacompare" / "data" / "cases").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    broken = yaml.safe_load((ROOT / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml").read_text())
    broken["options"][0]["colour"] = "blue"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(broken))


def test_breakeven_prints_both_break_evens_for_each_reusable_option(home):
    out = _cli("breakeven", "kocher-clamp", "--format", "json", home=home)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert set(rows) == {"reusable-cssd", "reusable-external"}
    for entry in rows.values():
        assert entry["status_cost"] in {"breaks-even", "never", "always"}
        assert entry["status_co2e"] in {"breaks-even", "never", "always"}
        if entry["status_co2e"] == "breaks-even":
            assert entry["uses_co2e"] >= 1


def test_run_prints_the_table_and_verdicts_and_writes_the_reports(tmp_path, home):
    out = _cli("run", "kocher-clamp", "--samples", "500", "--seed", "5", "--output", str(tmp_path), home=home)
    assert out.returncode == 0, out.stderr
    assert "reusable-cssd" in out.stdout and " instead of " in out.stdout and "too few Monte Carlo draws" in out.stdout
    folder = tmp_path / "kocher-clamp"
    assert sorted(p.name for p in folder.iterdir()) == ["report.html", "report.xlsx", "result.json"]
    doc = json.loads((folder / "result.json").read_text())
    assert doc["uncertainty"]["seed"] == 5 and doc["uncertainty"]["samples"] == 500


def test_run_for_another_country_writes_its_own_folder(tmp_path, home):
    out = _cli("run", "incontinence", "--country", "BE", "--samples", "0", "--output", str(tmp_path), home=home)
    assert out.returncode == 0, out.stderr
    doc = json.loads((tmp_path / "incontinence-BE" / "result.json").read_text())
    assert doc["case"]["country"] == "BE" and "uncertainty" not in doc


def test_run_writes_only_the_reports_asked_for(tmp_path, home):
    out = _cli("run", "kocher-clamp", "--samples", "0", "--report", "json", "--output", str(tmp_path), home=home)
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "kocher-clamp").iterdir()) == ["result.json"]
    bad = _cli("run", "kocher-clamp", "--report", "pdf", "--output", str(tmp_path), home=home)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "--report" in bad.stderr
    html = _cli("run", "kocher-clamp", "--samples", "0", "-r", "html", "-r", "xlsx", "-o", str(tmp_path), home=home)
    assert html.returncode == 0, html.stderr
    assert sorted(p.name for p in (tmp_path / "kocher-clamp").iterdir()) == [
        "report.html",
        "report.xlsx",
        "result.json",
    ]
    assert "Note: result.json in" in html.stderr and "from an earlier run" in html.stderr
    again = _cli("run", "kocher-clamp", "--samples", "0", "--report", "json", "--output", str(tmp_path), home=home)
    assert again.returncode == 0, again.stderr
    assert "report.html, report.xlsx" in again.stderr and "from an earlier run" in again.stderr


def test_a_tab_used_for_indentation_is_named_in_the_message(tmp_path):
    case = tmp_path / "tabbed.yaml"
    case.write_text("id: tabbed\ntitle:\n\t- a\n")
    out = _cli("validate", str(case))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "tabbed.yaml:3" in out.stderr and "tab character" in out.stderr


def test_sobol_indices_are_computed_only_when_asked_for(tmp_path, home):
    plain = _cli("run", "kocher-clamp", "--samples", "200", "-r", "json", "-r", "html", "-o", str(tmp_path), home=home)
    assert plain.returncode == 0, plain.stderr
    doc = json.loads((tmp_path / "kocher-clamp" / "result.json").read_text())
    html = (tmp_path / "kocher-clamp" / "report.html").read_text()
    assert doc["sensitivity"]["tornado"] and doc["sensitivity"]["sobol"] == {}
    assert doc["sensitivity"]["top_contributors_by"].startswith("tornado swing")
    assert "--sobol" in html and "Variance-based indices (Sobol)" not in html
    asked = _cli(
        "run", "kocher-clamp", "--samples", "200", "--sobol", "-r", "json", "-r", "html", "-o", str(tmp_path), home=home
    )
    assert asked.returncode == 0, asked.stderr
    doc = json.loads((tmp_path / "kocher-clamp" / "result.json").read_text())
    html = (tmp_path / "kocher-clamp" / "report.html").read_text()
    assert doc["sensitivity"]["sobol"] and doc["sensitivity"]["top_contributors_by"].startswith("total Sobol")
    assert "Variance-based indices (Sobol)" in html
    refused = _cli("run", "kocher-clamp", "--samples", "0", "--sobol", "-o", str(tmp_path / "none"), home=home)
    assert refused.returncode == 2 and "--sobol" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "none").exists()


def test_a_run_without_sobol_imports_neither_salib_nor_scipy_stats(tmp_path, home):
    case = ROOT / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml"
    probe = (
        "import sys\n"
        "from lcacompare import load_case\n"
        "from lcacompare.run import run_case\n"
        f"run_case(load_case({str(case)!r}), {str(tmp_path)!r}, samples=1000,"
        f" home={str(home)!r})\n"
        "heavy = {'SALib', 'scipy.stats', 'scipy.special', 'scipy.optimize', 'pandas', 'bw2calc', 'bw2data'}\n"
        "print(sorted(set(sys.modules) & heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
