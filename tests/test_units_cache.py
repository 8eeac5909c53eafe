"""pint's parsed unit definitions are cached in lcacompare's home; the registry is the same."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json
from lcacompare.units import ureg, units_cache_folder
q = ureg.Quantity
UNITS = ["kg", "g", "t", "lb", "kWh", "MJ", "Wh", "L", "mL", "m**3", "km", "tkm", "t*km", "EUR", "kEUR",
         "use", "cycle", "item", "piece", "load", "change", "procedure", "wash", "h", "min", "year",
         "day", "kg/use", "kWh/cycle", "EUR/kg", "kg*km", "degC", "delta_degC", "percent", "m**2"]
print(json.dumps({
    "cached": ureg.cache_folder is not None,
    "folder": str(units_cache_folder()),
    "kwh_in_mj": q(1, "kWh").to("MJ").magnitude,
    "tkm_in_kg_km": q(1, "tkm").to("kg*km").magnitude,
    "cycle": q(3, "cycle").to("dimensionless").magnitude,
    "eur": str(q(1, "kEUR").to("EUR")),
    "base": {u: [q(1, u).to_base_units().magnitude, str(q(1, u).dimensionality)] for u in UNITS},
}))
"""


def _probe(home: Path) -> dict:
    env = {**os.environ, "LCACOMPARE_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _values(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in ("cached", "folder")}


def test_first_run_fills_the_cache_and_later_runs_read_the_same_registry(tmp_path: Path) -> None:
    first = _probe(tmp_path)
    folder = Path(first["folder"])
    assert folder.parent == tmp_path / "units"
    assert (folder / "ready").exists()
    assert list(folder.glob("*.pickle")), "pint wrote no parsed definitions"
    second = _probe(tmp_path)
    assert second["cached"]
    assert _values(second) == _values(first)
    assert second["kwh_in_mj"] == pytest.approx(3.6, rel=1e-12)
    assert second["cycle"] == 3
    assert not [p for p in (tmp_path / "units").iterdir() if p.name.startswith(".")], "staging folder left"


def test_a_half_filled_cache_folder_is_replaced(tmp_path: Path) -> None:
    folder = Path(_probe(tmp_path / "probe")["folder"].replace(str(tmp_path / "probe"), str(tmp_path)))
    folder.mkdir(parents=True)
    (folder / "junk.pickle").write_bytes(b"\x80\x04truncated")  # a fill killed before "ready"
    result = _probe(tmp_path)
    assert result["cached"]
    assert (folder / "ready").exists()
    assert not (folder / "junk.pickle").exists()


def test_a_damaged_cache_falls_back_to_parsing_the_definitions_and_is_refilled(tmp_path: Path) -> None:
    reference = _probe(tmp_path)
    for pickle in Path(reference["folder"]).glob("*.pickle"):
        pickle.write_bytes(b"not a pickle")
    damaged = _probe(tmp_path)
    assert not damaged["cached"] and _values(damaged) == _values(reference)
    refilled = _probe(tmp_path)
    assert refilled["cached"] and _values(refilled) == _values(reference)


def test_a_cache_others_can_write_to_is_not_read(tmp_path: Path) -> None:
    reference = _probe(tmp_path)
    folder = Path(reference["folder"])
    folder.chmod(folder.stat().st_mode | stat.S_IWOTH)
    shared = _probe(tmp_path)
    assert not shared["cached"] and _values(shared) == _values(reference)
    folder.chmod(folder.stat().st_mode & ~stat.S_IWOTH)
    for pickle in folder.glob("*.pickle"):
        pickle.chmod(pickle.stat().st_mode | stat.S_IWGRP)
    assert not _probe(tmp_path)["cached"]


def test_the_home_option_moves_the_unit_cache_and_the_cli_module_builds_no_registry(tmp_path: Path) -> None:
    env = {**os.environ, "LCACOMPARE_HOME": str(tmp_path / "elsewhere")}
    probe = "import sys, lcacompare.cli; print('lcacompare.units' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    args = ["breakeven", "kocher-clamp", "--format", "json", "--home", str(tmp_path / "home")]
    ran = subprocess.run([sys.executable, "-m", "lcacompare.cli", *args], env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert list((tmp_path / "home" / "units").glob("pint-*/ready"))
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_an_unwritable_home_falls_back_to_parsing_the_definitions(tmp_path: Path) -> None:
    reference = _probe(tmp_path / "writable")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = _probe(locked / "home")
    finally:
        locked.chmod(stat.S_IRWXU)
    assert not result["cached"]
    assert _values(result) == _values(reference)


def test_a_home_that_is_a_file_falls_back_to_parsing_the_definitions(tmp_path: Path) -> None:
    reference = _probe(tmp_path / "writable")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = _probe(blocker)
    assert not result["cached"]
    assert _values(result) == _values(reference)
