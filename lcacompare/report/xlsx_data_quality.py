"""The workbook's PEF data-quality sheet (LCAC-HC/2): per option DQR and level, then every input's criteria."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lcacompare.i18n import translator
from lcacompare.report.data_quality_view import data_quality_warnings, level_word, line_number, line_numbers
from lcacompare.result import Result

__all__ = ["DATA_QUALITY_SHEET", "write_data_quality_sheet"]

DATA_QUALITY_SHEET = "Data quality"
"""The sheet's English name."""

Table = Callable[[Any, Sequence[str], Iterable[Sequence[Any]]], int]


def write_data_quality_sheet(wb: Any, result: Result, table: Table, lang: str = "en") -> None:
    """Add the data-quality sheet when the result has a ``data_quality`` section (else nothing).

    Parameters
    ----------
    wb : openpyxl.Workbook
    result : Result
    table : callable
        The workbook's table writer ``table(ws, header, rows)``.
    lang : str
        Language of the headings and the warning.
    """
    section = result.data_quality
    if section is None:
        return
    _ = translator(lang).gettext
    ws = wb.create_sheet(_("Data quality"))
    table(
        ws,
        [_("Option"), "DQR", _("Level"), _("Most relevant inputs above the required DQR")],
        [
            [oid, o.dqr, level_word(o.level, lang), line_numbers(o.short_of_requirement)]
            for oid, o in section.options.items()
        ],
    )
    table(ws, [_("Warning")], [[sentence] for sentence in data_quality_warnings(result, lang)] or [["-"]])
    table(
        ws,
        [
            _("Option"),
            _("Line"),
            _("Module"),
            _("Activity"),
            _("kg CO2e per use"),
            _("Share"),
            _("Most relevant"),
            "TeR",
            "GeR",
            "TiR",
            "P",
            "DQR",
            _("Level"),
            _("Criteria"),
            _("Scored from"),
            _("Unverified"),
            _("Penalised"),
        ],
        [
            [
                oid,
                line_number(row.index),
                row.module,
                row.activity,
                row.kg_co2e_per_use,
                row.share,
                row.most_relevant,
                row.TeR,
                row.GeR,
                row.TiR,
                row.P,
                row.dqr,
                level_word(row.level, lang),
                row.basis,
                "; ".join(row.scored_from),
                row.unverified,
                row.penalised,
            ]
            for oid, o in section.options.items()
            for row in o.inputs
        ],
    )
    table(
        ws,
        [_("Constant"), _("Value"), _("Reference")],
        [
            [_("most relevant share of CO2e"), section.most_relevant_share, section.reference],
            [
                _("required DQR of the most relevant inputs"),
                section.most_relevant_max_dqr,
                section.requirement_reference,
            ],
            [
                _("unverified-data penalty on P"),
                section.unverified_penalty_p if section.unverified_penalty else 0,
                section.unverified_penalty_reference,
            ],
        ],
    )
