"""Write a portfolio's result: portfolio.html, portfolio.xlsx and portfolio.json, all or none.

Every file is rendered in memory first and then moved into place together
(:func:`lcacompare.report.writer.write_atomically`). In the workbook every text cell is text,
never a formula (a product title starting with ``=`` stays a title).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from lcacompare.portfolios.charts import mac_measures, mac_svg
from lcacompare.portfolios.document import mac_frame, portfolio_document, top_switches
from lcacompare.portfolios.runner import PortfolioResult

__all__ = ["FILES", "render_json", "render_xlsx", "render_html", "write_outputs"]

FILES = ("portfolio.html", "portfolio.xlsx", "portfolio.json")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_json(document: dict[str, Any]) -> bytes:
    """The result document as JSON (sorted keys, so equal results give equal bytes)."""
    return (json.dumps(document, indent=1, sort_keys=True, allow_nan=False) + "\n").encode("utf-8")


def _text_cell(ws: Any, value: Any) -> Any:
    """A write-only cell value: numbers as numbers, text always as text (never a formula).

    openpyxl reads text starting with ``=`` as a formula: such text (and text Excel would read as
    a formula when edited, starting with ``+``, ``-``, ``@``) becomes a text cell with a quote prefix.
    """
    if isinstance(value, str):
        if not value.startswith(_FORMULA_START):
            return value
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.generic):
        return _text_cell(ws, value.item())
    return value


def _sheet(book: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    ws = book.create_sheet(title)
    ws.append([_text_cell(ws, name) for name in header])
    for row in rows:
        ws.append([_text_cell(ws, value) for value in row])


def _frame_sheet(book: Any, title: str, frame: Any, index: bool = False) -> None:
    if index:
        frame = frame.reset_index()
    _sheet(book, title, [str(c) for c in frame.columns], frame.itertuples(index=False, name=None))


def render_xlsx(result: PortfolioResult, document: dict[str, Any]) -> bytes:
    """The workbook: Targets, Roll-up per mix, Cheapest sets, MAC curve, Switches and Rows sheets."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    targets = []
    for mix, entry in document["mixes"].items():
        for t in entry["targets"]:
            targets.append(
                [mix, t["id"], t["kind"], t["measure"], t["definition"], t["year"], t["target"], t["achieved"],
                 t["met"], t["progress"], t["gap"], t["gap_unit"], t["gap_percent"], t["p_meets"]]
            )  # fmt: skip
    _sheet(
        book,
        "Targets",
        ["mix", "target", "kind", "measure", "definition", "year", "target_value", "achieved", "met", "progress",
         "gap", "gap_unit", "gap_percent", "p_meets"],
        targets,
    )  # fmt: skip
    for k, mix in enumerate(result.mixes):
        _frame_sheet(book, "Roll-up current" if k == 0 else f"Roll-up scenario {k}", result.rollup(mix), index=True)
    _sheet(
        book,
        "Cheapest sets",
        ["scenario", "target", "reachable", "switches", "extra_eur_per_year", "kg_co2e_saved_per_year",
         "primary_kg_saved_per_year", "solver"],
        [[f"scenario {k + 1}", c["target"], c["reachable"], c["switches"], c["extra_eur_per_year"],
          c["kg_co2e_saved_per_year"], c["primary_kg_saved_per_year"], c["solver"]]
         for k, c in enumerate(document["cheapest_sets"])],
    )  # fmt: skip
    _frame_sheet(book, "MAC curve", mac_frame(result))
    _frame_sheet(book, "Switches", result.candidates.frame(result.table))
    _frame_sheet(book, "Rows", result.rows_frame())
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_html(result: PortfolioResult, document: dict[str, Any]) -> bytes:
    """The page: targets with progress bars, MAC curve, top switches, by product group, R-ladder."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("lcacompare.portfolios", "templates"), autoescape=select_autoescape())
    env.filters["num"] = _number
    env.filters["pct"] = lambda v: "-" if v is None else f"{100 * v:.1f} %"
    page = env.get_template("portfolio.html").render(
        doc=document,
        mac_svg=mac_svg(mac_measures(mac_frame(result))),
        switches=top_switches(result).to_dict(orient="records"),
        scenario_names={name: ("current mix" if k == 0 else f"scenario {k}") for k, name in enumerate(result.mixes)},
    )
    return page.encode("utf-8")


def _number(value: Any) -> str:
    """A figure for people: thousands separated, three significant digits below 1000."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, int | float):
        return str(value)
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def write_outputs(result: PortfolioResult, folder: str | Path) -> list[Path]:
    """Render and write the three files into ``folder`` (all or none).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    OutputError
        If the folder cannot be written; no file is replaced then.
    """
    from lcacompare.report.writer import write_atomically

    document = portfolio_document(result)
    files = {
        "portfolio.html": render_html(result, document),
        "portfolio.xlsx": render_xlsx(result, document),
        "portfolio.json": render_json(document),
    }
    return write_atomically(Path(folder), files)
