"""The shipped cases: listed, valid under LCAC-HC/1, run for NL and BE, every number sourced."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from lcacompare import compare, load_case
from lcacompare.compile import compile_case
from lcacompare.datasets import load_datasets
from lcacompare.expressions import referenced_names

CASES = sorted((Path(__file__).resolve().parent.parent / "lcacompare" / "data" / "cases").glob("*.yaml"))
SECTOR_CASES = ("kocher-clamp", "suture-set", "incontinence")


def test_the_three_sector_cases_and_two_replications_ship():
    names = {path.stem for path in CASES}
    assert set(SECTOR_CASES) <= names
    assert len([n for n in names if n.startswith("replication-")]) >= 2


def test_list_shows_every_case_with_its_title():
    proc = subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"COLUMNS": "250", "PATH": ""},
    )
    assert proc.returncode == 0, proc.stderr
    for path in CASES:
        assert path.stem in proc.stdout
        title = load_case(path).title
        assert title[:30] in proc.stdout


def _is_sourced(value, sources: dict[str, str], field: str, parameters: set[str]) -> bool:
    """A number is sourced when it is a parameter expression or has a sources entry."""
    if value is None:
        return True
    if isinstance(value, str) and referenced_names(value) & parameters:
        return True
    return bool(sources.get(field, "").strip())


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_inline_number_has_a_source_or_an_assumption(path):
    case = load_case(path)  # lines and parameters: the model itself requires source or assumption
    params = set(case.parameters)
    context = case.context
    for field in ("discount_rate", "horizon_years", "annual_uses"):
        assert _is_sourced(getattr(context, field), context.sources, field, params), f"context.{field}"
    for option in case.options:
        for field in ("uses_per_life", "loss_rate", "stock_items"):
            assert _is_sourced(getattr(option, field), option.sources, field, params), f"{option.id}.{field}"
        if option.cycle is not None:
            for field in ("capacity", "item_size"):
                value = getattr(option.cycle, field)
                assert _is_sourced(value, option.sources, f"cycle.{field}", params), f"{option.id}.cycle.{field}"
            if option.cycle.fill_rate != 1.0:
                assert option.sources.get("cycle.fill_rate"), f"{option.id}.cycle.fill_rate"


def test_every_dataset_row_has_source_year_geography_and_pedigree():
    data = load_datasets()
    for factor in data.factors.values():
        prov = factor.provenance
        assert prov.source and prov.year > 1900 and factor.geography and len(prov.pedigree) == 5, factor.key
    for price in data.prices.values():
        prov = price.provenance
        assert prov.source and prov.year > 1900 and price.geography and len(prov.pedigree) == 5, price.id


@pytest.mark.parametrize("country", ["NL", "BE"])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_validates_and_runs_for_nl_and_be(path, country, home):
    case = load_case(path)
    case.context.country = country
    compile_case(case, load_datasets())
    result = compare(case, home=home)
    for option in result.options:
        assert math.isfinite(option.kg_co2e_per_use) and option.kg_co2e_per_use > 0, option.id
        assert math.isfinite(option.eur_per_use) and option.eur_per_use > 0, option.id


def test_country_selects_the_electricity_mix(home):
    case = load_case(CASES[[p.stem for p in CASES].index("kocher-clamp")])
    lines = {}
    for country in ("NL", "BE"):
        case.context.country = country
        result = compare(case, home=home)
        option = next(o for o in result.options if o.kind == "reusable")
        # B (reprocessing at the hospital) follows the case country; A1-A3 may pin the maker's country.
        lines[country] = {
            line.geography for line in option.lines if line.activity == "electricity-grid" and line.module == "B"
        }
    assert lines == {"NL": {"NL"}, "BE": {"BE"}}


def test_water_use_counts_supply_once_not_wastewater_again(home):
    case = load_case(CASES[[p.stem for p in CASES].index("kocher-clamp")])
    result = compare(case, home=home)
    option = result.option("reusable-cssd")
    supply = sum(line.amount_per_use for line in option.lines if line.activity == "water-supply")
    treated = sum(line.amount_per_use for line in option.lines if line.activity == "water-treatment")
    assert supply > 0 and treated > 0
    assert option.water_m3_per_use == pytest.approx(supply, rel=1e-12)
