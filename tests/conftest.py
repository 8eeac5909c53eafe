"""Shared fixtures: a private lcacompare home per test session and the test datasets."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples, so a submission's result does not
# depend on luck; locally they explore new examples on every run (LCACOMPARE_MUTATIONS=N for more).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Caches made while testing (unit definitions, Brightway projects of code that is given no home)
# go to a private folder, unless LCACOMPARE_HOME is set on purpose (e.g. to reuse a warm cache).
if not os.environ.get("LCACOMPARE_HOME"):
    _TEST_HOME = tempfile.mkdtemp(prefix="lcacompare-tests-")
    atexit.register(shutil.rmtree, _TEST_HOME, True)
    os.environ["LCACOMPARE_HOME"] = _TEST_HOME

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh lcacompare home (Brightway projects live here, never in the user's)."""
    return tmp_path_factory.mktemp("lcacompare-home")


@pytest.fixture(scope="session")
def test_datasets():
    from lcacompare.datasets import load_datasets

    return load_datasets(DATA / "datasets")


@pytest.fixture(scope="session")
def clamp_case():
    from lcacompare import load_case

    return load_case(DATA / "clamp.yaml")
