"""Hospital portfolios for the web app: shipped ones by name, uploaded ones by id, runs in the pool.

A shipped portfolio is looked up only among ``lcacompare/data/portfolios/*.yaml`` by name; an
uploaded one is its settings YAML and rows CSV kept in the workspace, written by this module to a
temporary folder of its own naming before :func:`lcacompare.portfolios.api.portfolio` (the same call
as ``lcacompare portfolio``, in process: no Dask) reads it. A run stores the three files the CLI
writes (portfolio.json, portfolio.html, portfolio.xlsx) and the current mix's product lines.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lcacompare.web.ids import row_id
from lcacompare.web.workspace import Workspace

if TYPE_CHECKING:
    from concurrent.futures import Future

    from lcacompare.web.compute import Job, Runner

__all__ = [
    "PORTFOLIO_FILES",
    "LINE_COLUMNS",
    "TARGET_TEXTS",
    "shipped_portfolios",
    "portfolio_column",
    "settings_file",
    "check_portfolio",
    "run_stored_portfolio",
    "submit_portfolio",
]

PORTFOLIO_FILES = {
    "portfolio.json": "portfolio_json",
    "portfolio.html": "portfolio_html",
    "portfolio.xlsx": "portfolio_xlsx",
}
"""The file names ``lcacompare portfolio`` writes and their workspace columns."""

LINE_COLUMNS = (
    "id",
    "title",
    "product_group",
    "annual_volume",
    "option",
    "reusable",
    "kg_co2e_per_year",
    "eur_levelised_per_year",
    "primary_material_kg_per_year",
)
"""The columns of the product-line table kept with a run (the chosen option of each line)."""


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel extracts
    """Mark a message for the catalogue without translating it here (the page does)."""
    return message


TARGET_TEXTS = (
    N_("product lines whose option is reusable / all product lines"),
    N_("uses a year on a reusable option / all uses a year"),
    N_("levelised EUR a year on reusable options / all levelised EUR a year"),
    N_("1 - kg CO2e a year / kg CO2e a year of the baseline year (met when at least the reduction)"),
    N_("1 - kg primary (virgin) material a year / that of the baseline year (met when at least the reduction)"),
    N_("product lines"),
    N_("uses a year"),
    N_("EUR a year"),
    N_("kg CO2e a year"),
    N_("kg primary material a year"),
)
"""The target definitions and gap units of :mod:`lcacompare.portfolios.targets`, for the catalogue
(the page translates the stored English texts; a test keeps them equal to the package's)."""


@cache
def shipped_portfolios() -> tuple[tuple[str, str], ...]:
    """``(name, title)`` of every shipped portfolio, sorted by name (package data, read once)."""
    import yaml

    folder = files("lcacompare.data").joinpath("portfolios")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            settings = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
            found.append((entry.name.removesuffix(".yaml"), str(settings.get("title") or entry.name)))
    return tuple(found)


def portfolio_column(file_name: str) -> str | None:
    """The workspace column of a portfolio file name, else None.

    Examples
    --------
    >>> portfolio_column("portfolio.xlsx"), portfolio_column("../portfolio.xlsx")
    ('portfolio_xlsx', None)
    """
    return PORTFOLIO_FILES.get(file_name)


@contextmanager
def settings_file(workspace: Workspace, ref: str) -> Iterator[Path]:
    """The settings YAML of ``shipped:<name>`` or ``workspace:<id>`` as a file, while the block runs.

    Raises
    ------
    KeyError
        If ``ref`` names no shipped or stored portfolio.
    """
    kind, _, key = ref.partition(":")
    if kind == "shipped" and key in dict(shipped_portfolios()):
        with as_file(files("lcacompare.data").joinpath("portfolios", f"{key}.yaml")) as path:
            yield Path(path)
        return
    number = row_id(key) if kind == "workspace" else None
    stored = workspace.portfolio(number) if number is not None else None
    if stored is None:
        raise KeyError(ref)
    with tempfile.TemporaryDirectory(prefix="lcacompare-portfolio-") as folder:
        path = Path(folder) / "portfolio.yaml"
        path.write_text(stored["settings_yaml"], encoding="utf-8")
        (Path(folder) / stored["rows_name"]).write_text(stored["rows_csv"], encoding="utf-8")
        yield path


def check_portfolio(settings_yaml: str, rows_csv: str, home: Path | None = None) -> tuple[str, str]:
    """Check an uploaded portfolio as ``lcacompare portfolio`` would; returns its title and rows name.

    Raises
    ------
    CaseError
        Every problem: the rows name, cases other than shipped ones, the settings, every bad cell.
    """
    import yaml

    from lcacompare.errors import CaseError, Problem
    from lcacompare.portfolios.load import load_portfolio
    from lcacompare.web.cases import shipped_names
    from lcacompare.web.uploads import check_portfolio_rows, check_rows_name

    try:
        settings = yaml.safe_load(settings_yaml)
    except yaml.YAMLError as exc:
        raise CaseError(
            "upload", [Problem("settings", f"invalid YAML ({type(exc).__name__})", "YAML", "file")]
        ) from None
    if not isinstance(settings, dict):
        raise CaseError("upload", [Problem("settings", "not a YAML mapping", "the settings keys", "file")])
    rows_name = check_rows_name(settings.get("rows"))
    check_portfolio_rows(rows_csv, shipped_names())
    with tempfile.TemporaryDirectory(prefix="lcacompare-portfolio-") as folder:
        path = Path(folder) / "portfolio.yaml"
        path.write_text(settings_yaml, encoding="utf-8")
        (Path(folder) / rows_name).write_text(rows_csv, encoding="utf-8")
        loaded = load_portfolio(path, home=home)
    return str(loaded.portfolio.settings.title), rows_name


def _lines(result: Any) -> list[dict[str, Any]]:
    """The chosen option of every product line in the current mix, with its figures a year."""
    frame = result.rows_frame()
    chosen = frame[frame["chosen"]] if "chosen" in frame else frame
    records = chosen[list(LINE_COLUMNS)].to_dict(orient="records")
    return [{k: _plain(v) for k, v in r.items()} for r in records]


def _plain(value: Any) -> Any:
    """A JSON-ready cell: numpy scalars as Python numbers, NaN as None."""
    value = value.item() if hasattr(value, "item") else value
    return None if isinstance(value, float) and value != value else value


def run_stored_portfolio(workspace: Workspace, ref: str, home: Path | None = None, job: Job | None = None) -> int:
    """Run a shipped or uploaded portfolio in this process, store its files and lines, return the run id.

    Parameters
    ----------
    workspace : Workspace
        Where the run is stored.
    ref : str
        ``shipped:<name>`` or ``workspace:<id>``.
    home : Path, optional
        lcacompare's cache home.
    job : Job, optional
        Given a progress message as the steps go.
    """
    from lcacompare import __version__
    from lcacompare.portfolios.document import portfolio_document
    from lcacompare.portfolios.load import load_portfolio
    from lcacompare.portfolios.output import render_html, render_json, render_xlsx
    from lcacompare.portfolios.runner import run_portfolio

    def say(message: str, fraction: float) -> None:
        if job is not None:
            job.message, job.fraction = message, fraction

    with settings_file(workspace, ref) as path:
        say("loading the portfolio and its cases", 0.1)
        loaded = load_portfolio(path, home=home)
        say("evaluating the product lines and the targets", 0.3)
        result = run_portfolio(loaded)
    say("rendering the reports", 0.8)
    document = portfolio_document(result)
    stored: dict[str, Any] = {
        "portfolio_json": render_json(document).decode("utf-8"),
        "portfolio_html": render_html(result, document),
        "portfolio_xlsx": render_xlsx(result, document),
        "lines_json": json.dumps(_lines(result), allow_nan=False, default=str),
    }
    run = {"portfolio_ref": ref, "title": result.portfolio.settings.title, "lcacompare_version": __version__}
    return workspace.add_portfolio_run(run, stored)


def submit_portfolio(runner: Runner, workspace: Workspace, ref: str) -> tuple[Job, Future[Job]]:
    """Queue a portfolio run as a job of kind ``portfolio`` (its result is the portfolio run's id)."""
    return runner.submit_task(
        "portfolio", f"portfolio:{ref}", lambda job: run_stored_portfolio(workspace, ref, runner.home, job)
    )
