"""Render every report of a result in memory, ready for :func:`write_atomically`.

Rendering happens completely before anything is written: if a chart or a sheet fails, the
exception propagates and the previous reports on disk stay as they were. The formats and their
file names come from the registry, :mod:`lcacompare.report.formats`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from lcacompare.report import formats as registry
from lcacompare.result import Result, as_result

__all__ = ["render_reports"]


def render_reports(
    result: Result | Mapping[str, Any],
    samples: Mapping[str, Any] | None = None,
    formats: Iterable[str] | None = None,
    *,
    lang: str = "en",
    on_fraction: Callable[[float], None] | None = None,
) -> dict[str, bytes]:
    """The report files of a comparison, by file name.

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
    formats : iterable of str, optional
        Names of registered formats (:func:`lcacompare.report.formats.report_formats`: ``json``,
        ``html``, ``xlsx``, ``summary``, the buyer's page alone); default the registry's default
        formats. Only those are drawn, in the registry's order.
    lang : {"en", "nl"}
        Language of the texts and number formats.
    on_fraction : callable, optional
        Called with the fraction of the formats rendered (0 to 1) after each one.

    Returns
    -------
    dict of str to bytes
        ``{"report.html": ..., "report.xlsx": ...}``: the content of each format's file.

    Raises
    ------
    ValueError
        If a format is not registered.

    Examples
    --------
    >>> files = render_reports(analysis.result, formats=["html", "xlsx"])  # doctest: +SKIP
    >>> write_atomically(folder, files)  # doctest: +SKIP
    """
    wanted = None if formats is None else {registry.report_format(name).name for name in formats}
    result = as_result(result)
    chosen = [fmt for fmt in registry.report_formats() if (fmt.default if wanted is None else fmt.name in wanted)]
    files: dict[str, bytes] = {}
    for count, fmt in enumerate(chosen, start=1):
        files[fmt.file_name] = fmt.render(result, samples, lang)
        if on_fraction is not None:
            on_fraction(count / len(chosen))
    return files
