"""The Excel sheet "ISO 14044": every clause 5.2 and 5.3 reporting item, provided or not, with its text."""

from __future__ import annotations

from typing import Any

from lcacompare.i18n import translator
from lcacompare.report.iso14044_view import clause_groups
from lcacompare.report.xlsx_study import Table
from lcacompare.result import Result

__all__ = ["ISO14044_SHEET", "iso14044_sheet"]

ISO14044_SHEET = "ISO 14044"
"""Title of the sheet, the same in every language (it names the standard)."""


def iso14044_sheet(wb: Any, result: Result, table: Table, lang: str = "en") -> None:
    """Add the ``ISO 14044`` sheet when the result has an ``iso_reporting`` section.

    One row per item, clause by clause: clause, clause heading, item id, title (in ``lang``),
    status, and the generated text or what would provide it.

    Parameters
    ----------
    wb : openpyxl.Workbook
        The workbook.
    result : Result
        The result.
    table : callable
        The workbook's table writer ``table(ws, header, rows)`` (text never a formula).
    lang : {"en", "nl"}
        Language of the headers, titles and statuses.
    """
    from openpyxl.styles import Alignment

    groups = clause_groups(result, lang)
    if not groups:
        return
    _ = translator(lang).gettext
    statuses = {"provided": _("provided"), "not provided": _("not provided")}
    ws = wb.create_sheet(ISO14044_SHEET)
    header = [_("Clause"), _("Heading"), _("Item"), _("Title"), _("Status"), _("Text, or what would provide it")]
    rows = [
        [
            group.clause,
            group.heading,
            item.id,
            title,
            statuses[item.status],
            item.text if item.status == "provided" else item.provide,
        ]
        for group in groups
        for item, title in group.items
    ]
    table(ws, header, rows)
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEF", (8, 28, 34, 44, 14, 120), strict=True):
        ws.column_dimensions[column].width = width
