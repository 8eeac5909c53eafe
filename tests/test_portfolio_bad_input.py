"""Bad portfolio rows: exit 2 naming the file, the row number and the column, all problems at once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from portfolio_helpers import HEADER, SMALL_ROWS, write_portfolio

from lcacompare.errors import CaseError
from lcacompare.portfolios.load import load_portfolio

BAD_ROWS = [
    SMALL_ROWS[0],
    ["A-1", "instruments", "10", "kocher-clamp:single-use", "kocher-clamp:reusable-cssd", "", ""],  # duplicate id
    ["A-9", "instruments", "-5", "kocher-clamp:single-use", "kocher-clamp:reusable-cssd", "", ""],  # negative volume
    ["A-10", "instruments", "5", "no-such-case:single-use", "kocher-clamp:reusable-cssd", "", ""],  # missing case
    ["A-11", "instruments", "5", "kocher-clamp:single-use", "kocher-clamp:reusable", "", ""],  # missing option
    ["A-12", "instruments", "5", "kocher-clamp:single-use", "kocher-clamp:reusable-cssd", "", "60 EUR"],  # wrong unit
    ["A-13", "sets", "5", "suture-set:single-use", "suture-set:reusable-external", "2 EUR", ""],  # unknown parameter
]  # fmt: skip


def _problems(tmp_path, rows=BAD_ROWS, header=HEADER):
    path = write_portfolio(tmp_path, rows=rows, header=header)
    with pytest.raises(CaseError) as caught:
        load_portfolio(path)
    return caught.value


def test_every_bad_row_is_reported_at_once_with_its_row_number_and_column(tmp_path):
    error = _problems(tmp_path)
    found = {(p.line, p.field.split(".", 1)[1], p.rule) for p in error.problems}
    assert found == {
        (3, "id", "portfolio-row-id"),
        (4, "annual_volume", "portfolio-volume"),
        (5, "current", "portfolio-case"),
        (6, "alternatives", "portfolio-option"),
        (7, "set:su_clamp_mass", "portfolio-unit"),
        (8, "set:su_clamp_price", "portfolio-parameter"),
    }
    assert str(error.file).endswith("rows.csv")


def test_a_missing_column_is_named(tmp_path):
    header = [c for c in HEADER if c != "annual_volume"]
    rows = [[v for c, v in zip(HEADER, row, strict=True) if c != "annual_volume"] for row in SMALL_ROWS]
    error = _problems(tmp_path, rows=rows, header=header)
    assert [(p.rule, p.field) for p in error.problems] == [("portfolio-column", "columns.annual_volume")]


def test_the_cli_exits_2_naming_file_row_and_column(tmp_path):
    path = write_portfolio(tmp_path, rows=BAD_ROWS)
    env = dict(os.environ, COLUMNS="200")
    done = subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", "portfolio", str(path), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 2
    assert "rows.csv:4: rows[4].annual_volume" in done.stderr
    assert "rows.csv:7: rows[7].set:su_clamp_mass" in done.stderr
    assert "6 problem(s)" in done.stderr
    assert not (tmp_path / "out").exists()


def test_settings_with_a_bad_target_are_refused_with_the_field(tmp_path):
    path = write_portfolio(tmp_path, targets=[{"id": "x", "kind": "reusable-share", "measure": "weight", "share": 2}])
    with pytest.raises(CaseError) as caught:
        load_portfolio(path)
    assert {p.rule for p in caught.value.problems} == {"portfolio-settings"}
    assert any("targets[0]" in p.field for p in caught.value.problems)


def test_workers_without_dask_installed_is_an_input_error_naming_the_option(tmp_path, monkeypatch):
    from lcacompare.portfolios.runner import run_portfolio

    loaded = load_portfolio(write_portfolio(tmp_path))
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    with pytest.raises(CaseError) as caught:
        run_portfolio(loaded, workers=2)
    assert [(p.field, p.rule) for p in caught.value.problems] == [("--workers", "portfolio-workers")]


@pytest.mark.parametrize(("mass", "price"), [("-67.94 g", ""), ("", "-2 EUR"), ("500 g", "")])
def test_an_override_outside_what_the_case_allows_is_refused_naming_row_and_column(tmp_path, mass, price):
    row = ["A-20", "instruments", "10", "kocher-clamp:single-use", "kocher-clamp:reusable-cssd", price, mass]
    error = _problems(tmp_path, rows=[SMALL_ROWS[0], row])
    column = "set:su_clamp_mass" if mass else "set:su_clamp_price"
    assert [(p.line, p.field.split(".", 1)[1], p.rule) for p in error.problems] == [(3, column, "portfolio-value")]
    assert "outside the range" in error.problems[0].message


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"id,product_group,annual_volume,current,alternatives\n", "no product lines"),
        (b"", "cannot be read"),
        ("id,product_group\nA-1,gr\xe9\n".encode("latin-1"), "not UTF-8"),
    ],
    ids=["header-only", "empty", "latin-1"],
)
def test_a_rows_file_that_is_no_table_of_product_lines_exits_2_naming_it(tmp_path, content, said):
    path = write_portfolio(tmp_path, rows=SMALL_ROWS[:1])
    rows_file = next(p for p in tmp_path.rglob("*.csv"))
    rows_file.write_bytes(content)
    with pytest.raises(CaseError) as caught:
        load_portfolio(path)
    assert caught.value.problems[0].rule == "portfolio-rows-file"
    assert said in caught.value.problems[0].message
    assert caught.value.file == rows_file


def test_a_reduction_target_without_its_baseline_is_refused_naming_the_targets(tmp_path):
    target = {"id": "co2e", "kind": "co2e-reduction", "reduction": 0.3, "baseline_year": 2017, "year": 2030}
    path = write_portfolio(tmp_path, targets=[target])
    with pytest.raises(CaseError) as caught:
        load_portfolio(path)
    (problem,) = caught.value.problems
    assert problem.rule == "portfolio-settings"
    assert "2017" in problem.message and "baselines" in problem.message


@pytest.mark.parametrize("address", ["nonsense", "tcp://127.0.0.1:9"])
def test_a_scheduler_address_that_answers_nothing_exits_2(tmp_path, address):
    pytest.importorskip("dask.distributed")
    from lcacompare.portfolios import runner

    with pytest.raises(CaseError) as caught, runner._executor(None, address):
        pass
    assert caught.value.problems[0].field == "--scheduler"
