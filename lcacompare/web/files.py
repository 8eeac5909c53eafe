"""The report files a run keeps in the workspace, named and typed by the report-format registry.

The workspace stores the result document, the HTML report and the workbook of every run in one
column each; their file names and media types come from :mod:`lcacompare.report.formats`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from lcacompare.report.formats import ReportFormat, report_format

__all__ = ["STORED_COLUMNS", "rendered_formats", "stored_file"]

STORED_COLUMNS: Mapping[str, str] = MappingProxyType(
    {"json": "result_json", "html": "report_html", "xlsx": "report_xlsx"}
)
"""The workspace column of each stored report format, by format name."""


def rendered_formats() -> list[str]:
    """The stored formats drawn from the result after a run (the JSON text is written apart)."""
    return [name for name in STORED_COLUMNS if name != "json"]


def stored_file(file_name: str) -> tuple[ReportFormat, str] | None:
    """The format and workspace column of a stored file name (``report.html`` ...), else None.

    Examples
    --------
    >>> fmt, column = stored_file(report_format("xlsx").file_name)
    >>> fmt.name, column
    ('xlsx', 'report_xlsx')
    >>> stored_file("../etc/passwd") is None
    True
    """
    for name, column in STORED_COLUMNS.items():
        fmt = report_format(name)
        if fmt.file_name == file_name:
            return fmt, column
    return None
