"""The Excel sheet of the electricity section: both Scope 2 views per option and module, and the factors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lcacompare.i18n import Translator
from lcacompare.result import Result

__all__ = ["electricity_sheet"]

Table = Callable[[Any, Sequence[str], Iterable[Sequence[Any]]], int]


def electricity_sheet(wb: Any, result: Result, table: Table, t: Translator) -> None:
    """Add the ``Electricity`` sheet when the result has an ``electricity`` section (LCAC-HC/2).

    Parameters
    ----------
    wb : openpyxl.Workbook
        The workbook.
    result : Result
        The result.
    table : callable
        The workbook's table writer ``table(ws, header, rows)`` (numbers as numbers, text never a formula).
    t : Translator
        The report's language.
    """
    section = result.electricity
    if section is None:
        return
    _ = t.gettext
    ws = wb.create_sheet(_("Electricity")[:31])
    basis = _("location-based") if section.basis == "location" else _("market-based")
    table(
        ws,
        [_("Basis of the totals"), _("Market-based instrument"), _("Covered lines")],
        [[basis, section.instrument, section.applies_to]],
    )
    table(
        ws,
        [
            _("Option"),
            _("Module"),
            _("kWh per use"),
            _("of which covered by the instruments"),
            _("Location-based (kg CO2e per use)"),
            _("Market-based (kg CO2e per use)"),
        ],
        [
            # the option's kWh on its first module row only, so a column sum is the options' kWh
            [
                option_id,
                module,
                *((option.kwh_per_use, option.kwh_per_use_covered) if k == 0 else (None, None)),
                kg,
                option.kg_co2e_per_use_market[module],
            ]
            for option_id, option in section.options.items()
            for k, (module, kg) in enumerate(option.kg_co2e_per_use_location.items())
        ],
    )
    table(
        ws,
        [
            _("Option"),
            _("Line"),
            _("Module"),
            _("Location"),
            _("kWh per use"),
            _("Location-based factor"),
            _("Market-based factor"),
        ],
        [
            [
                option_id,
                line.index,
                line.module,
                line.location or "",
                line.kwh_per_use,
                line.location_factor,
                line.market_factor,
            ]
            for option_id, option in section.options.items()
            for line in option.lines
        ],
    )
    table(
        ws,
        [_("Factor"), _("kg CO2e per kWh"), _("Upstream emissions"), _("Source"), _("Year"), _("Pedigree"), _("Notes")],
        [[f.key, f.kg_co2e_per_kwh, f.upstream, f.source, f.year, f.pedigree, f.note or ""] for f in section.factors],
    )
    table(ws, [_("Notes")], [[note] for note in section.notes])
