"""The Excel sheet of the supply-security section: one row per indicator, then each value's basis."""

from __future__ import annotations

from typing import Any

from lcacompare.result import Result, SupplyIndicator, SupplyValue

__all__ = ["SUPPLY_SHEET", "supply_table", "write_supply_sheet"]

SUPPLY_SHEET = "Supply security"
"""Title of the sheet (also in :data:`lcacompare.report.xlsx.SHEETS` as ``supply``)."""


def _cell(value: SupplyValue) -> Any:
    """A stated value as a number (yes/no for a flag), else its status in words."""
    if value.status != "stated":
        return value.status
    if isinstance(value.value, bool):
        return "yes" if value.value else "no"
    return value.value


def _better(indicator: SupplyIndicator) -> str:
    if indicator.comparison == "better":
        return ", ".join(indicator.better)
    if indicator.comparison == "equal":
        return "equal"
    return "not comparable (fewer than two options state it)"


def supply_table(result: Result) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of the supply-security table (indicator, unit, direction, values, better).

    Parameters
    ----------
    result : Result
        A result with a ``supply`` section.

    Returns
    -------
    header : list of str
    rows : list of list
        One per indicator; stated values are numbers (``yes``/``no`` for flags), missing ones
        ``not stated`` or ``not applicable``.
    """
    if result.supply is None:
        return [], []
    options = [option.id for option in result.options]
    header = ["Indicator", "Unit", "Direction", *options, "Better option"]
    rows = [
        [
            indicator.title,
            indicator.unit,
            f"{indicator.direction} is better",
            *(_cell(indicator.values[o]) for o in options),
            _better(indicator),
        ]
        for indicator in result.supply.indicators
    ]
    return header, rows


def write_supply_sheet(wb: Any, result: Result, title: str = SUPPLY_SHEET) -> None:
    """Add the supply-security sheet to an openpyxl workbook.

    A result without the section (one written before it existed) gets a sheet saying so.

    Parameters
    ----------
    wb : openpyxl.Workbook
    result : Result
    title : str
        The sheet's name (translated by the caller; default English).
    """
    from lcacompare.report.xlsx import _fit_widths, _table

    ws = wb.create_sheet(title)
    if result.supply is None:
        _table(ws, ["Supply security"], [["this result has no supply section (written before it existed)"]], 1)
        _fit_widths(ws)
        return
    header, rows = supply_table(result)
    _table(ws, header, rows, start_row=1)
    details = [
        [indicator.id, option_id, _cell(value), value.detail, value.source, value.assumption]
        for indicator in result.supply.indicators
        for option_id, value in indicator.values.items()
        if value.status == "stated"
    ]
    _table(ws, ["Indicator", "Option", "Value", "How computed", "Source", "Assumption"], details)
    formulas = [[i.id, i.title, i.unit, i.direction, i.formula, i.reference] for i in result.supply.indicators]
    _table(ws, ["Indicator", "Title", "Unit", "Better when", "Formula", "Reference"], formulas)
    _fit_widths(ws)
