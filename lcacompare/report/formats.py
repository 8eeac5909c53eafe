"""The one registry of report formats: name -> renderer -> file name -> media type.

Everything that lists report formats reads them from here: :func:`lcacompare.run.run_case`
(which formats exist, which files a run leaves stale), :func:`lcacompare.report.render.render_reports`,
the writer's file names and the command line's ``--report`` choices. Adding a format is one more
:class:`ReportFormat` in :data:`REPORT_FORMATS`.

Renderers import their (heavy) libraries when called, so reading the registry stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lcacompare.result import Result

__all__ = ["ReportFormat", "REPORT_FORMATS", "default_formats", "report_format", "report_formats", "report_files"]

Samples = Mapping[str, Any] | None
"""Raw paired Monte Carlo samples of the differences (see :func:`lcacompare.report.render.render_reports`)."""


@dataclass(frozen=True)
class ReportFormat:
    """One report a run can write.

    Parameters
    ----------
    name : str
        What ``--report`` and ``formats=`` call it.
    file_name : str
        The file it is written to, in the case's report folder.
    media_type : str
        Its IANA media type (for a web server's ``Content-Type``).
    description : str
        One line for help texts.
    render : callable
        ``render(result, samples, lang)`` gives the file's bytes (``lang`` is ``"en"`` or ``"nl"``;
        the result document is the same in every language).
    default : bool
        Written when a run names no formats.
    """

    name: str
    file_name: str
    media_type: str
    description: str
    render: Callable[[Result, Samples, str], bytes] = field(repr=False, compare=False)
    default: bool = True


def _json(result: Result, samples: Samples, lang: str) -> bytes:
    from lcacompare.report.json_result import render_json

    return render_json(result).encode("utf-8")


def _html(result: Result, samples: Samples, lang: str) -> bytes:
    from lcacompare.report.html import render_html

    return render_html(result, dict(samples) if samples is not None else None, lang).encode("utf-8")


def _summary(result: Result, samples: Samples, lang: str) -> bytes:
    from lcacompare.report.html import render_summary_html

    return render_summary_html(result, lang).encode("utf-8")


def _xlsx(result: Result, samples: Samples, lang: str) -> bytes:
    from lcacompare.report.xlsx import render_xlsx

    return render_xlsx(result, lang)


def _registry(*formats: ReportFormat) -> Mapping[str, ReportFormat]:
    return MappingProxyType({fmt.name: fmt for fmt in formats})


REPORT_FORMATS: Mapping[str, ReportFormat] = _registry(
    ReportFormat("json", "result.json", "application/json", "the result document", _json),
    ReportFormat("html", "report.html", "text/html; charset=utf-8", "the report for people", _html),
    ReportFormat(
        "xlsx",
        "report.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "the Excel workbook",
        _xlsx,
    ),
    ReportFormat(
        "summary",
        "summary.html",
        "text/html; charset=utf-8",
        "the buyer's one-page summary alone",
        _summary,
        default=False,
    ),
)
"""Every report format, in the order a run writes them (read-only)."""


def report_formats() -> list[ReportFormat]:
    """Every registered format, in order.

    Examples
    --------
    >>> [fmt.name for fmt in report_formats()]
    ['json', 'html', 'xlsx', 'summary']
    """
    return list(REPORT_FORMATS.values())


def default_formats() -> list[ReportFormat]:
    """The formats a run writes when it names none.

    Examples
    --------
    >>> [fmt.name for fmt in default_formats()]
    ['json', 'html', 'xlsx']
    """
    return [fmt for fmt in REPORT_FORMATS.values() if fmt.default]


def report_format(name: str) -> ReportFormat:
    """The format called ``name``.

    Raises
    ------
    ValueError
        If no format has that name (the message lists the known ones).

    Examples
    --------
    >>> report_format("html").file_name
    'report.html'
    """
    try:
        return REPORT_FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown report format {name!r}; expected one of {list(REPORT_FORMATS)}") from None


def report_files() -> dict[str, str]:
    """File name of each format, by format name.

    Examples
    --------
    >>> report_files()["json"]
    'result.json'
    """
    return {fmt.name: fmt.file_name for fmt in REPORT_FORMATS.values()}
