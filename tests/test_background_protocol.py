"""Backgrounds are one typed interface, and Brightway is one locked session that leaves the host alone."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest
from test_lca_linked import linked_case, user_brightway  # noqa: F401 - the fixture is used by name

from lcacompare import prepare
from lcacompare.engine import Prepared
from lcacompare.lca.backend import BrightwayBackend
from lcacompare.lca.background import Background
from lcacompare.lca.linked import LinkedBackend
from lcacompare.lca.session import BrightwaySession, brightway_session
from lcacompare.method import load_method
from lcacompare.uncertainty.model import UncertaintyModel

ROOT = Path(__file__).resolve().parent.parent
PROTOCOL_MEMBERS = ["unit_impacts", "score", "sample_unit_impacts", "exchange_distributions", "monte_carlo_pool"]


def test_open_datasets_backend_is_a_background(test_datasets, home):
    backend = BrightwayBackend(test_datasets, load_method(), home)
    assert isinstance(backend, Background)
    assert backend.identity.startswith(backend.project.removeprefix("lcac-"))


def test_linked_project_backend_is_a_background(tmp_path, user_brightway, home):  # noqa: F811
    prepared = prepare(linked_case(tmp_path, user_brightway), home=home)
    assert isinstance(prepared.backend, LinkedBackend)
    assert isinstance(prepared.backend, Background)
    assert len(prepared.backend.identity) == 64


def test_an_object_missing_a_protocol_method_is_not_a_background():
    class UnitImpactsOnly:
        identity = "x"
        method_key = ("m",)

        def unit_impacts(self, keys: Iterable[str]) -> dict[str, float]:
            return dict.fromkeys(keys, 1.0)

    assert not isinstance(UnitImpactsOnly(), Background)


@pytest.mark.parametrize("provider", [BrightwayBackend, LinkedBackend])
@pytest.mark.parametrize("member", PROTOCOL_MEMBERS)
def test_providers_take_the_protocol_arguments_in_the_same_order(provider, member):
    wanted = list(inspect.signature(getattr(Background, member)).parameters)
    given = list(inspect.signature(getattr(provider, member)).parameters)
    assert len(given) == len(wanted), f"{provider.__name__}.{member}{given} vs Background.{member}{wanted}"


class _PoolOnlyBackground:
    """A background that offers bw2calc-style draws but no exchange distributions."""

    identity = "pool-only"
    method_key = ("test",)

    def __init__(self, pool: bool) -> None:
        self.pool = pool
        self.pool_keys: list[str] = []

    def unit_impacts(self, keys: Iterable[str]) -> dict[str, float]:
        return dict.fromkeys(keys, 1.0)

    def score(self, demand: Mapping[str, float]) -> float:
        return float(sum(demand.values()))

    def sample_unit_impacts(self, keys: list[str], samples: int, seed: int) -> np.ndarray:
        return np.ones((len(keys), samples))

    def exchange_distributions(self, keys: Sequence[str]) -> None:
        return None

    def monte_carlo_pool(self, keys: Sequence[str], draws: int, seed: int) -> np.ndarray | None:
        self.pool_keys = list(keys)
        return np.ones((len(keys), draws)) if self.pool else None


@pytest.mark.parametrize(("pool", "mode"), [(True, "pool"), (False, "fixed")])
def test_uncertainty_model_takes_the_background_from_the_protocol_not_from_attribute_probes(
    clamp_case, test_datasets, home, pool, mode
):
    background = _PoolOnlyBackground(pool)
    assert isinstance(background, Background)
    compiled = prepare(clamp_case, datasets=test_datasets, home=home).compiled
    prepared = Prepared(compiled, background)
    model = UncertaintyModel(prepared, pool_draws=7)
    assert model.background_mode == mode
    assert background.pool_keys == model.codes
    if pool:
        assert model.pool is not None and model.pool.shape == (len(model.codes), 7)


def test_there_is_one_brightway_session_per_process():
    assert brightway_session() is brightway_session()


def test_a_project_block_keeps_its_project_current_until_it_ends(tmp_path):
    session = BrightwaySession()
    base = tmp_path / "brightway"
    inside, other_entered, seen = threading.Event(), threading.Event(), {}

    def other() -> None:
        inside.wait()
        with session.project(base, "other") as bw:
            other_entered.set()
            seen["other"] = bw.data.projects.current

    thread = threading.Thread(target=other)
    thread.start()
    with session.project(base, "first") as bw:
        inside.set()
        # The other thread now waits on the session's lock; without it, it would switch projects.
        entered_meanwhile = other_entered.wait(timeout=1.0)
        seen["first"] = bw.data.projects.current
    thread.join()
    assert not entered_meanwhile
    assert seen == {"first": "first", "other": "other"}


_HOST = r"""
import json, logging, sys, warnings
from pathlib import Path

import numpy  # numpy adds its own filters when imported; the host has them before lcacompare runs
import structlog

structlog.configure(processors=[structlog.processors.JSONRenderer()])
warnings.filterwarnings("error", message="host's own filter")
BRIGHTWAY_LOGGERS = ["bw2data", "bw2calc", "bw2io", "bw_processing"]


def host_state():
    loggers = {name: logging.getLogger(name) for name in BRIGHTWAY_LOGGERS}
    return {
        "warning filters": [repr(f) for f in warnings.filters],
        "root logger level": logging.root.level,
        "root logger handlers": [repr(h) for h in logging.root.handlers],
        "Brightway loggers": {n: [l.level, l.propagate, len(l.handlers)] for n, l in loggers.items()},
        "peewee logger level": logging.getLogger("peewee").level,
        "structlog processors": repr(structlog.get_config()["processors"]),
    }


before = host_state()
from lcacompare import compare, load_case, prepare

case = load_case(Path(sys.argv[2]))
prepared = prepare(case, home=sys.argv[1])
compare(case, prepared=prepared)
codes = sorted(prepared.unit_impacts)
prepared.backend.score({codes[0]: 2.0})
prepared.backend.sample_unit_impacts(codes[:2], 3, 1)
print(json.dumps({"before": before, "after": host_state(), "brightway imported": "bw2calc" in sys.modules}))
"""


def test_a_comparison_with_brightway_leaves_the_hosts_warning_filters_and_logging_as_they_were(tmp_path):
    # A fresh process and home: Brightway is imported, the project built and solved in this run.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    case = ROOT / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml"
    done = subprocess.run(
        [sys.executable, "-c", _HOST, str(tmp_path / "home"), str(case)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["brightway imported"]
    for aspect, before in report["before"].items():
        assert report["after"][aspect] == before, aspect
