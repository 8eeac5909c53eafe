"""Render every report of a result in memory, ready for :func:`write_atomically`.

Rendering happens completely before anything is written: if a chart or a sheet fails, the
exception propagates and the previous reports on disk stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lcacompare.report.html import render_html, render_summary_html
from lcacompare.report.writer import REPORT_FILES
from lcacompare.report.xlsx import render_xlsx
from lcacompare.result import Result, as_result

__all__ = ["render_reports"]


def render_reports(
    result: Result | Mapping[str, Any],
    samples: Mapping[str, Any] | None = None,
    formats: Iterable[str] = ("html", "xlsx"),
    lang: str = "en",
) -> dict[str, bytes]:
    """The HTML report and/or the Excel workbook of a comparison.

    Parameters
    ----------
    result : Result
        The typed result (``lcacompare.result/2``, see ``docs/result-schema.md``), including the
        optional ``inputs``, ``transparency``, ``breakeven``, ``annual``, ``uncertainty`` and
        ``sensitivity`` sections when the run produced them; a mapping is validated into one.
    samples : mapping, optional
        Raw paired Monte Carlo samples for the histogram of each difference, keyed like
        ``result.uncertainty.differences`` (``"<option>-vs-<baseline>"``): either an array of
        the CO2e difference per use (kg CO2e) or a mapping of ``kg_co2e_per_use`` and
        ``eur_per_use`` to arrays. Without samples the chart shows the 95 % intervals.
    formats : iterable of str
        Which reports to render: ``html``, ``xlsx``, ``summary`` (the buyer's page alone, one
        A4 page printed); others are ignored; only those are drawn.
    lang : {"en", "nl"}
        Language of the texts and number formats.

    Returns
    -------
    dict of str to bytes
        ``{"report.html": ..., "report.xlsx": ...}`` for the formats asked for; ``result.json``
        is written by the caller.

    Examples
    --------
    >>> files = render_reports(analysis.result)  # doctest: +SKIP
    >>> write_atomically(folder, {**files, "result.json": text.encode()})  # doctest: +SKIP
    """
    result = as_result(result)
    wanted = set(formats)
    files: dict[str, bytes] = {}
    if "html" in wanted:
        drawn = dict(samples) if samples is not None else None
        files[REPORT_FILES["html"]] = render_html(result, drawn, lang).encode("utf-8")
    if "summary" in wanted:
        files[REPORT_FILES["summary"]] = render_summary_html(result, lang).encode("utf-8")
    if "xlsx" in wanted:
        files[REPORT_FILES["xlsx"]] = render_xlsx(result, lang)
    return files
