"""The Excel ``Study`` sheet: study totals, published figures and ours, conversions, default fees, fleets."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lcacompare.result import Result

__all__ = ["STUDY_SHEET", "cross_check_rows", "study_sheet"]

STUDY_SHEET = "Study"
"""Title of the sheet."""

Table = Callable[[Any, Sequence[str], Iterable[Sequence[Any]]], int]


def study_sheet(wb: Any, result: Result, table: Table) -> None:
    """Add the ``Study`` sheet when the result has a ``study`` section.

    Parameters
    ----------
    wb : openpyxl.Workbook
        The workbook.
    result : Result
        The result.
    table : callable
        The workbook's table writer ``table(ws, header, rows)`` (numbers as numbers, text never a formula).
    """
    study = result.study
    if study is None:
        if result.cross_checks:
            cross_check_rows(wb.create_sheet(STUDY_SHEET), result, table)
        return
    ws = wb.create_sheet(STUDY_SHEET)
    units = [unit for unit in (study.study_unit, study.per_unit) if unit is not None]
    if units:
        table(
            ws,
            ["Unit", "Uses per unit", "Option", "kg CO2e per unit", "EUR per unit"],
            [
                [unit.name, unit.uses, option_id, total.kg_co2e, total.eur]
                for unit in units
                for option_id, total in unit.options.items()
            ],
        )
    if study.reference:
        table(
            ws,
            ["Published figures and ours", "Figure", "Published", "Ours", "Relative difference", "Tolerance", "Within"],
            [
                [
                    r.option,
                    r.metric,
                    r.published,
                    r.computed,
                    r.relative_difference,
                    r.tolerance,
                    "yes" if r.within_tolerance else "no",
                ]
                for r in study.reference
            ],
        )
    if study.conversions:
        table(
            ws,
            [
                "Option",
                "Cost line",
                "Amount as written",
                "Currency",
                "Rate per EUR",
                "Rate year",
                "Rate source",
                "Index",
                "EUR",
            ],
            [
                [
                    c.option,
                    f"{c.category} [{c.line}] per {c.basis}",
                    c.original_amount,
                    c.currency,
                    c.per_eur,
                    c.rate_year,
                    f"{c.rate_source} ({c.rate_seen})",
                    c.index_factor,
                    c.eur,
                ]
                for c in study.conversions
            ],
        )
    if study.default_fees:
        table(
            ws,
            [
                "Option",
                "Default waste fee: stream",
                "Price id",
                "EUR per kg",
                "Price year",
                "Geography",
                "kg per use",
                "Source",
            ],
            [
                [f.option, f.stream, f.price_id, f.eur_per_kg, f.price_year, f.geography, f.kg_per_use, f.source]
                for f in study.default_fees
            ],
        )
    if study.fleets:
        table(
            ws,
            [
                "Option",
                "Fleet items",
                "Bought in year",
                "Replacements per year",
                "EUR per item",
                "Purchase EUR",
                "Expected uses",
                "Purchase EUR per use",
            ],
            [
                [
                    f.option,
                    f.items,
                    f.bought,
                    f.replacements_per_year,
                    f.eur_per_item,
                    f.purchase_eur,
                    f.expected_uses,
                    f.eur_per_use,
                ]
                for f in study.fleets
            ],
        )
    cross_check_rows(ws, result, table)


def cross_check_rows(ws: Any, result: Result, table: Table) -> None:
    """Append the cross-checks (``result.cross_checks``) to the ``Study`` sheet, one table per study.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The ``Study`` sheet.
    result : Result
        The result.
    table : callable
        The workbook's table writer.
    """

    def agreement(value: bool | None) -> str:
        return "-" if value is None else ("yes" if value else "no")

    for check in result.cross_checks or []:
        table(
            ws,
            [
                f"Cross-check: {check.citation} (read: {check.read})",
                "Alternative kg CO2e per use",
                "Baseline kg CO2e per use",
                "Reduction",
                "In the published range",
                "Break-even uses per item",
                "Better from use",
                "As published",
                "Source of the step",
            ],
            [
                [
                    p.label,
                    p.kg_co2e_per_use,
                    p.baseline_kg_co2e_per_use,
                    p.reduction,
                    agreement(p.reduction_within),
                    p.breakeven_uses,
                    p.better_from_use,
                    agreement(p.better_from_use_matches),
                    p.source or "",
                ]
                for p in check.points
            ]
            + [["Why the case keeps its own figures", check.explanation]],
        )
