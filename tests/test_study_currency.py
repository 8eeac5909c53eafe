"""Cost amounts in other currencies: the yearly ECB rate, then the price index (issue 16)."""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import pytest
import yaml

from lcacompare import load_case
from lcacompare.cost.cashflow import option_cash_flows
from lcacompare.data import shipped_datasets_dir
from lcacompare.engine import prepare
from lcacompare.errors import CaseError
from lcacompare.run import analyse


def _case_data() -> dict:
    return yaml.safe_load((shipped_datasets_dir().parent / "cases" / "kocher-clamp.yaml").read_text(encoding="utf-8"))


def _with_cost(tmp_path: Path, amount: str, year: int = 2012) -> Path:
    data = copy.deepcopy(_case_data())
    data["options"][0]["costs"].append(
        {"category": "logistics", "amount": amount, "per": "contract", "year": year, "source": "US invoice"}
    )
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _table(name: str, key: tuple[str, str], column: str) -> float:
    folder = shipped_datasets_dir()
    file = folder / ("exchange_rates/ecb.csv" if name == "rates" else "indices/hicp.csv")
    with file.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (row[next(iter(row))], row["year"]) == key:
                return float(row[column])
    raise KeyError(key)


def test_200_usd_of_2012_is_converted_with_the_stated_rate_then_indexed(tmp_path: Path) -> None:
    case = load_case(_with_cost(tmp_path, "200 USD"))
    compiled = prepare(case, home=tmp_path / "home").compiled
    flows = option_cash_flows(compiled, case.options[0].id)
    rate = _table("rates", ("USD", "2012"), "per_eur")
    assert rate == 1.2848  # the ECB yearly average as the table states it
    # hand calculation: EUR 2012 = 200 / 1.2848, then times HICP(EA, 2025) / HICP(EA, 2012)
    index = _table("index", ("EA", "2025"), "index") / _table("index", ("EA", "2012"), "index")
    assert flows.by_category["logistics"][0] == pytest.approx(200 / 1.2848 * index, rel=1e-12)


def test_the_study_section_shows_original_amount_rate_and_index(tmp_path: Path) -> None:
    result = analyse(load_case(_with_cost(tmp_path, "200 USD")), samples=0, home=tmp_path / "home").result
    row = result.study.conversions[0]
    assert (row.original_amount, row.currency, row.per_eur, row.rate_year) == (200.0, "USD", 1.2848, 2012)
    assert row.eur == pytest.approx(200 / 1.2848 * row.index_factor, rel=1e-12)
    assert row.index_factor > 1


@pytest.mark.parametrize(
    ("amount", "year", "rule"),
    [("200 XYZ", 2012, "currency"), ("200 USD", 1990, "currency")],
    ids=["unknown-currency", "rate-missing-for-the-year"],
)
def test_bad_currency_is_refused_naming_the_field(tmp_path: Path, amount: str, year: int, rule: str) -> None:
    case = load_case(_with_cost(tmp_path, amount, year))
    with pytest.raises(CaseError) as caught:
        prepare(case, home=tmp_path / "home")
    assert any(p.field == "options[0].costs[3].amount" and p.rule == rule for p in caught.value.problems)


def test_gbp_per_kg_times_mass_is_money_after_conversion(tmp_path: Path) -> None:
    case = load_case(_with_cost(tmp_path, "0.5 GBP/kg * 4 kg", 2023))
    compiled = prepare(case, home=tmp_path / "home").compiled
    flows = option_cash_flows(compiled, case.options[0].id)
    index = _table("index", ("EA", "2025"), "index") / _table("index", ("EA", "2023"), "index")
    assert flows.by_category["logistics"][0] == pytest.approx(2.0 / 0.86979 * index, rel=1e-12)


def test_an_exchange_rate_table_that_is_not_utf8_is_refused_naming_row_and_column(tmp_path: Path) -> None:
    from lcacompare.currency import load_exchange_rates
    from lcacompare.errors import CaseError

    table = tmp_path / "ecb.csv"
    table.write_bytes(
        b"currency,year,per_eur,source,source_url,seen,notes\n"
        b"USD,2012,1.2848,Banque centrale europ\xe9enne,,second-hand,\n"
    )
    with pytest.raises(CaseError) as caught:
        load_exchange_rates(table)
    assert [p.field for p in caught.value.problems] == ["row 2.source"]
    assert "UTF-8" in caught.value.problems[0].hint
