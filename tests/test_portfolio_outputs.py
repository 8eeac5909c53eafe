"""portfolio.html, .xlsx and .json are written together; text cells stay text; the API is lazy."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from portfolio_helpers import HEADER, SMALL_ROWS, write_portfolio

import lcacompare
from lcacompare.errors import OutputError
from lcacompare.portfolios.load import load_portfolio, portfolio_file
from lcacompare.portfolios.output import FILES, write_outputs
from lcacompare.portfolios.runner import run_portfolio


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    header = [*HEADER[:2], "title", *HEADER[2:]]
    rows = [
        [*row[:2], '=HYPERLINK("http://x")' if k == 0 else f"line {k}", *row[2:]] for k, row in enumerate(SMALL_ROWS)
    ]
    path = write_portfolio(tmp_path_factory.mktemp("out"), rows=rows, header=header)
    return run_portfolio(load_portfolio(path))


def test_the_three_files_are_written(result, tmp_path):
    written = write_outputs(result, tmp_path / "report")
    assert sorted(p.name for p in written) == sorted(FILES)
    document = json.loads((tmp_path / "report" / "portfolio.json").read_text())
    assert document["portfolio"]["rows"] == 6
    assert {t["id"] for t in document["mixes"]["current"]["targets"]} == {"lines", "co2e"}
    html = (tmp_path / "report" / "portfolio.html").read_text()
    assert "<svg" in html and "Targets" in html


def test_xlsx_cells_that_look_like_formulas_stay_text(result, tmp_path):
    from openpyxl import load_workbook

    write_outputs(result, tmp_path)
    book = load_workbook(tmp_path / "portfolio.xlsx")
    assert {"Targets", "Roll-up current", "MAC curve", "Rows"} <= set(book.sheetnames)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_nothing_is_written_when_one_file_cannot_be(result, tmp_path):
    (tmp_path / "portfolio.json").mkdir()  # a folder where a file should go
    with pytest.raises(OutputError):
        write_outputs(result, tmp_path)
    assert not (tmp_path / "portfolio.html").exists()


def test_the_api_is_exported_lazily_and_stays_a_function_after_use(tmp_path):
    path = write_portfolio(tmp_path)
    first = lcacompare.portfolio(path)
    assert callable(lcacompare.portfolio)
    assert lcacompare.portfolio(path).totals() == first.totals()


def test_the_shipped_example_is_synthetic_and_has_at_least_2000_lines():
    loaded = load_portfolio(portfolio_file("example-hospital"))
    assert loaded.portfolio.settings.synthetic
    assert "SYNTHETIC" in loaded.portfolio.settings.title
    assert len(loaded.portfolio.rows) >= 2000
    assert len(loaded.prepared) == 5


def test_the_cli_prints_the_target_table_and_writes_the_files(tmp_path):
    path = write_portfolio(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "lcacompare.cli", "portfolio", str(path), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, COLUMNS="200"),
    )
    assert done.returncode == 0, done.stderr
    assert "lines" in done.stdout and "co2e" in done.stdout
    assert sorted(p.name for p in (tmp_path / "out" / "portfolio").iterdir()) == sorted(FILES)


def test_a_title_starting_with_an_equals_sign_is_written_as_text(result, tmp_path):
    from openpyxl import load_workbook

    write_outputs(result, tmp_path)
    ws = load_workbook(tmp_path / "portfolio.xlsx")["Rows"]
    titles = [row[2].value for row in ws.iter_rows(min_row=2)]
    assert '=HYPERLINK("http://x")' in titles
