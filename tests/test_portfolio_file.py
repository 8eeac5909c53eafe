"""The rows of a portfolio read the same from CSV and from XLSX; shared cases are prepared once."""

from __future__ import annotations

import pandas as pd
from portfolio_helpers import HEADER, SMALL_ROWS, write_portfolio

from lcacompare.portfolios.load import load_portfolio


def test_xlsx_rows_load_as_the_csv_rows(tmp_path):
    csv_path = write_portfolio(tmp_path / "csv")
    xlsx_folder = tmp_path / "xlsx"
    xlsx_path = write_portfolio(xlsx_folder, rows_file="lines.xlsx")
    pd.DataFrame(SMALL_ROWS, columns=HEADER).to_excel(xlsx_folder / "lines.xlsx", index=False)
    a, b = load_portfolio(csv_path).portfolio.rows, load_portfolio(xlsx_path).portfolio.rows
    assert [(r.id, r.annual_volume, r.options, sorted(r.overrides)) for r in a] == [
        (r.id, r.annual_volume, r.options, sorted(r.overrides)) for r in b
    ]


def test_each_case_is_prepared_once_however_many_rows_share_it(tmp_path):
    loaded = load_portfolio(write_portfolio(tmp_path))
    assert sorted(loaded.prepared) == ["kocher-clamp", "replication-friedericy-sterile-packaging", "suture-set"]
    assert len(loaded.portfolio.rows) == 6
