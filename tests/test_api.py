"""The public Python API: the names the README shows, and what they return."""

from __future__ import annotations

import json

import lcacompare


def test_public_names_are_the_functions_not_modules():
    for name in ("compare", "prepare", "load_case", "analyse", "run_case"):
        assert callable(getattr(lcacompare, name)), name
    import importlib

    importlib.import_module("lcacompare.engine")  # importing the module must not shadow the function
    assert callable(lcacompare.compare)


def test_run_case_writes_the_three_reports_and_returns_the_document(clamp_case, test_datasets, home, tmp_path):
    analysis = lcacompare.run_case(clamp_case, tmp_path, samples=200, seed=3, datasets=test_datasets, home=home)
    names = sorted(path.name for path in analysis.files)
    assert names == ["report.html", "report.xlsx", "result.json"]
    written = json.loads((tmp_path / "test-clamp" / "result.json").read_text())
    assert written["uncertainty"]["seed"] == 3
    assert written["uncertainty"]["samples"] == 200
    assert written["options"] == analysis.to_dict()["options"]
    assert {"breakeven", "annual", "inputs", "transparency", "sensitivity"} <= set(written)
