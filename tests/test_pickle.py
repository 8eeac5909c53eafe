"""Quantities, loaded cases and compiled cases survive pickling, also into another process."""

from __future__ import annotations

import multiprocessing
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pint
import pytest

from lcacompare import compare
from lcacompare.compile import compile_case
from lcacompare.datasets import load_datasets
from lcacompare.units import registry

DATA = Path(__file__).resolve().parent / "data"


def _per_use(comparison) -> dict[str, tuple[float, float]]:
    return {o.id: (o.kg_co2e_per_use, o.eur_per_use) for o in comparison.options}


def _compare_in_worker(case) -> dict[str, tuple[float, float]]:
    return _per_use(compare(case, datasets=load_datasets(DATA / "datasets")))


def test_the_package_registry_is_pints_application_registry() -> None:
    assert pint.get_application_registry().get() is registry()
    assert registry() is registry()


def test_a_quantity_with_package_units_survives_a_pickle_round_trip() -> None:
    ureg = registry()
    price = ureg.Quantity(2.5, "EUR/use")
    back = pickle.loads(pickle.dumps(price))
    assert back == price
    assert (back + ureg.Quantity(1, "kEUR/use")).m_as("EUR/use") == pytest.approx(1002.5)


def test_a_pickled_quantity_unpickles_in_another_process_with_the_package_units() -> None:
    blob = pickle.dumps(registry().Quantity(3.0, "kEUR/cycle"))
    probe = (
        "import pickle, sys\n"
        "from lcacompare.units import registry\n"
        "registry()\n"
        "q = pickle.loads(sys.stdin.buffer.read())\n"
        "print(q.m_as('EUR'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], input=blob, capture_output=True, check=True)
    assert float(done.stdout) == 3000.0


def test_a_loaded_and_a_compiled_case_survive_a_pickle_round_trip(clamp_case, test_datasets) -> None:
    back = pickle.loads(pickle.dumps(clamp_case))
    assert back.model_dump() == clamp_case.model_dump()
    compiled = compile_case(clamp_case, test_datasets)
    again = pickle.loads(pickle.dumps(compiled))
    values, again_values = compiled.parameter_values(), again.parameter_values()
    assert values.keys() == again_values.keys()
    for name, value in values.items():
        assert again_values[name].m_as(value.units) == pytest.approx(value.magnitude)


def test_a_spawned_worker_compares_a_pickled_case_to_the_same_numbers(clamp_case) -> None:
    here = _compare_in_worker(clamp_case)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        there = pool.submit(_compare_in_worker, clamp_case).result(timeout=300)
    assert there == here


def test_the_registry_takes_its_cache_home_as_an_argument(tmp_path: Path) -> None:
    probe = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "os.environ.pop('LCACOMPARE_HOME', None)\n"
        "from lcacompare.units import registry, units_cache_folder\n"
        "ureg = registry(Path(sys.argv[1]))\n"
        "print(ureg.cache_folder == units_cache_folder(Path(sys.argv[1])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "home")], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "True"
    assert list((tmp_path / "home" / "units").glob("pint-*/ready"))


def test_importing_the_units_module_builds_no_registry() -> None:
    probe = (
        "import pint, lcacompare.units\n"
        "print(isinstance(pint.get_application_registry().get(), lcacompare.units.PackageRegistry))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
