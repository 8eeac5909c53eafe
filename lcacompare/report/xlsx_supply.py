"""The Excel sheet of the supply-security section: one row per indicator, then each value's basis."""

from __future__ import annotations

from typing import Any

from lcacompare.i18n import translator
from lcacompare.result import Result, SupplyIndicator, SupplyValue

__all__ = ["SUPPLY_SHEET", "supply_table", "write_supply_sheet"]

SUPPLY_SHEET = "Supply security"
"""Title of the sheet (also in :data:`lcacompare.report.xlsx.SHEETS` as ``supply``)."""


def _cell(value: SupplyValue, lang: str = "en") -> Any:
    """A stated value as a number (yes/no for a flag), else its status in words."""
    _ = translator(lang).gettext
    if value.status != "stated":
        return _("not stated") if value.status == "not stated" else _("not applicable")
    if isinstance(value.value, bool):
        return _("yes") if value.value else _("no")
    return value.value


def _better(indicator: SupplyIndicator, lang: str = "en") -> str:
    _ = translator(lang).gettext
    if indicator.comparison == "better":
        return ", ".join(indicator.better)
    if indicator.comparison == "equal":
        return _("equal")
    return _("not comparable (fewer than two options state it)")


def _direction(indicator: SupplyIndicator, lang: str = "en") -> str:
    _ = translator(lang).gettext
    return _("higher is better") if indicator.direction == "higher" else _("lower is better")


def _title(indicator: SupplyIndicator, lang: str = "en") -> str:
    """The indicator's name in the reader's language (the result's own title when unknown)."""
    _ = translator(lang).gettext
    titles = {
        "qualified_sources": _("Qualified sources"),
        "second_source_contracted": _("Second source contracted"),
        "country_hhi": _("Concentration of country of manufacture (HHI)"),
        "non_eu_share": _("Share made outside the EU"),
        "stock_cover_days": _("Stock cover"),
        "pool_buffer_days": _("Pool buffer (reusables)"),
        "lead_time_days": _("Lead time"),
        "otif_percent": _("On time in full (OTIF)"),
        "reprocessing_capacity_share": _("Reprocessing capacity in use (reusables)"),
        "reprocessing_sites": _("Sites able to reprocess (reusables)"),
        "outage_cover_days": _("Days covered if reprocessing stops (reusables)"),
        "transport_distance_km": _("Transport distance from the last production site"),
        "border_crossings": _("Border crossings"),
    }
    return titles.get(indicator.id, indicator.title)


def supply_table(result: Result, lang: str = "en") -> tuple[list[str], list[list[Any]]]:
    """The header and rows of the supply-security table (indicator, unit, direction, values, better).

    Parameters
    ----------
    result : Result
        A result with a ``supply`` section.
    lang : {"en", "nl"}
        Language of the headings, directions and words (the units stay as the result states them).

    Returns
    -------
    header : list of str
    rows : list of list
        One per indicator; stated values are numbers (``yes``/``no`` for flags), missing ones
        ``not stated`` or ``not applicable``.
    """
    if result.supply is None:
        return [], []
    _ = translator(lang).gettext
    options = [option.id for option in result.options]
    header = [_("Indicator"), _("Unit"), _("Direction"), *options, _("Better option")]
    rows = [
        [
            _title(indicator, lang),
            indicator.unit,
            _direction(indicator, lang),
            *(_cell(indicator.values[o], lang) for o in options),
            _better(indicator, lang),
        ]
        for indicator in result.supply.indicators
    ]
    return header, rows


def write_supply_sheet(wb: Any, result: Result, title: str = SUPPLY_SHEET, lang: str = "en") -> None:
    """Add the supply-security sheet to an openpyxl workbook.

    A result without the section (one written before it existed) gets a sheet saying so.

    Parameters
    ----------
    wb : openpyxl.Workbook
    result : Result
    title : str
        The sheet's name (translated by the caller; default English).
    lang : {"en", "nl"}
        Language of the headings and words; formulas, details and references stay English.
    """
    from lcacompare.report.xlsx import _fit_widths, _table

    ws = wb.create_sheet(title)
    if result.supply is None:
        _table(ws, ["Supply security"], [["this result has no supply section (written before it existed)"]], 1)
        _fit_widths(ws)
        return
    _ = translator(lang).gettext
    header, rows = supply_table(result, lang)
    _table(ws, header, rows, start_row=1)
    details = [
        [indicator.id, option_id, _cell(value, lang), value.detail, value.source, value.assumption]
        for indicator in result.supply.indicators
        for option_id, value in indicator.values.items()
        if value.status == "stated"
    ]
    _table(ws, [_("Indicator"), _("Option"), _("Value"), _("How computed"), _("Source"), _("Assumption")], details)
    formulas = [
        [i.id, _title(i, lang), i.unit, _direction(i, lang), i.formula, i.reference] for i in result.supply.indicators
    ]
    _table(ws, [_("Indicator"), _("Title"), _("Unit"), _("Direction"), _("Formula"), _("Reference")], formulas)
    _fit_widths(ws)
