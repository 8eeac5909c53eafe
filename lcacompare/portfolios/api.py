"""The Python API of portfolios: :func:`portfolio`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lcacompare.portfolios.load import load_portfolio
from lcacompare.portfolios.runner import PortfolioResult, run_portfolio

__all__ = ["portfolio"]


def portfolio(
    path: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    samples: int | None = None,
    seed: int | None = None,
    output: str | Path | None = None,
    datasets: Any = None,
    home: str | Path | None = None,
) -> PortfolioResult:
    """Evaluate a hospital portfolio against the sector targets.

    Parameters
    ----------
    path : str or Path
        The portfolio's settings YAML (naming its CSV or XLSX rows).
    workers : int, optional
        Run the partitions on a Dask ``LocalCluster`` of this many processes.
    scheduler : str, optional
        Address of an existing Dask scheduler.
    samples, seed : int, optional
        Paired draws per row and their seed (default: the settings').
    output : str or Path, optional
        Folder to write portfolio.html, portfolio.xlsx and portfolio.json into (all or none).
    datasets : Datasets, optional
        Emission factors and prices (default the shipped ones).
    home : str or Path, optional
        lcacompare's cache home.

    Returns
    -------
    PortfolioResult
        Per-row results (``rows_frame()``, a pandas DataFrame), roll-ups, targets, MAC curve and
        cheapest sets.

    Raises
    ------
    CaseError
        Naming every bad cell (file, row number and column) or settings field.
    """
    loaded = load_portfolio(path, datasets=datasets, home=home)
    result = run_portfolio(loaded, workers=workers, scheduler=scheduler, samples=samples, seed=seed)
    if output is not None:
        from lcacompare.portfolios.output import write_outputs

        write_outputs(result, output)
    return result
