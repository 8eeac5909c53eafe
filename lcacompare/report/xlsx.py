"""The Excel workbook for buyers (openpyxl): one sheet per view, numbers stored as numbers.

Sheets: ``Summary`` (the buyer's page: one sentence per alternative, key figures, data quality),
``Results per use`` (per-use results and the verdicts), ``CO2e by module``, ``Cost by category``,
``Lines`` (CO2e per inventory line), ``Inputs`` (every input with its source), and when the result
holds them ``Break-even``, ``Annual``, ``Uncertainty`` and ``Sensitivity``, then ``Method``
(the transparency items). Units are in the column headers; cells hold plain floats at full
precision (the number format only rounds the display).

Every text cell is stored as a string, never as a formula, whatever it starts with: case and dataset
texts are data, so ``=HYPERLINK(...)`` or a DDE payload shows as the text it is. Texts that a
spreadsheet would read as a formula when typed (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) also get the quote prefix, so editing the cell keeps them text.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from lcacompare.i18n import Translator, translator
from lcacompare.report.buyers_page import buyers_page
from lcacompare.report.formatting import PERCENT_FORMAT, excel_number_format
from lcacompare.report.html import method_for
from lcacompare.report.labels import pretty_unit, readable_key
from lcacompare.report.sensitivity_view import sobol_rows, tornado_tables
from lcacompare.report.verdict import claims, threshold_of
from lcacompare.report.vocabulary import vocabulary
from lcacompare.report.xlsx_circularity import circularity_sheet
from lcacompare.report.xlsx_data_quality import write_data_quality_sheet
from lcacompare.report.xlsx_electricity import electricity_sheet
from lcacompare.report.xlsx_iso14044 import iso14044_sheet
from lcacompare.report.xlsx_study import study_sheet
from lcacompare.report.xlsx_supply import write_supply_sheet
from lcacompare.result import AnnualOption, Result, as_result

__all__ = ["render_xlsx", "SHEETS", "sheet_titles"]

SHEETS: dict[str, str] = {
    "buyers": "Summary",
    "summary": "Results per use",
    "modules": "CO2e by module",
    "categories": "Cost by category",
    "lines": "Lines",
    "inputs": "Inputs",
    "breakeven": "Break-even",
    "annual": "Annual",
    "uncertainty": "Uncertainty",
    "sensitivity": "Sensitivity",
    "method": "Method",
    "supply": "Supply security",
}
"""English sheet titles by role (tests and other tools look sheets up through this mapping);
:func:`sheet_titles` gives them in another language. ``buyers`` is the first sheet, mirroring the
first page of the HTML report."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a typed cell a formula in Excel, LibreOffice or Google Sheets."""

_MAX_WIDTH = 60
"""Widest column (characters); longer texts wrap."""


def sheet_titles(lang: str = "en") -> dict[str, str]:
    """Sheet titles by role in a language (Excel allows at most 31 characters)."""
    _ = translator(lang).gettext
    titles = {
        "buyers": _("Summary"),
        "summary": _("Results per use"),
        "modules": _("CO2e by module"),
        "categories": _("Cost by category"),
        "lines": _("Lines"),
        "inputs": _("Inputs"),
        "breakeven": _("Break-even"),
        "annual": _("Annual"),
        "supply": _("Supply security"),
        "uncertainty": _("Uncertainty"),
        "sensitivity": _("Sensitivity"),
        "method": _("Method"),
    }
    return {role: title[:31] for role, title in titles.items()}


def _number(value: Any) -> Any:
    """Numbers as floats, everything else as text (lists joined), None as an empty cell."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return float(value) if isinstance(value, float) else value
    if isinstance(value, list | tuple):
        return "-".join(str(v) for v in value)
    return str(value)


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one cell: numbers as numbers, text always as a string (never a formula)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
    return cell


def _table(
    ws: Any,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    start_row: int | None = None,
    percent_columns: Iterable[int] = (),
    freeze: str | None = "A",
) -> int:
    """Write a header and rows; return the next free row.

    Numbers get the report's number format (:func:`excel_number_format`, 3 significant digits,
    never a non-zero value shown as 0); columns in ``percent_columns`` (1-based) hold
    probabilities shown as percentages. With ``freeze``, the header row is frozen from that
    column on the first table of a sheet.
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    row = start_row or (ws.max_row + 2 if ws.max_row > 1 else 1)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EDF2")
    for col, title in enumerate(header, start=1):
        cell = _put(ws, row, col, title)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if freeze and ws.freeze_panes is None:
        ws.freeze_panes = f"{freeze}{row + 1}"
    percents = set(percent_columns)
    for values in rows:
        row += 1
        for col, value in enumerate(values, start=1):
            cell = _put(ws, row, col, _number(value))
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = PERCENT_FORMAT if col in percents else excel_number_format(cell.value)
    return row + 2


def _fit_widths(ws: Any, widest: int = _MAX_WIDTH) -> None:
    """Column widths that fit the values (headers wrap on their words), at most ``widest`` characters."""
    from openpyxl.utils import get_column_letter

    sizes: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            if cell.font is not None and cell.font.b:
                size = max((len(word) for word in str(cell.value).split()), default=4) + 2
            elif isinstance(cell.value, float):
                size = 12
            else:
                size = len(str(cell.value)) + 2
            sizes[cell.column] = max(sizes.get(cell.column, 8), min(size, widest))
    for column, size in sizes.items():
        ws.column_dimensions[get_column_letter(column)].width = size


def _buyers(wb: Any, result: Result, threshold: float, t: Translator) -> None:
    """The first sheet: the buyer's page (sentences, key figures, data quality)."""
    from openpyxl.styles import Alignment, Font

    _ = t.gettext
    page = buyers_page(result, threshold, t.lang)
    ws = wb.active
    ws.title = sheet_titles(t.lang)["buyers"]
    _put(ws, 1, 1, page.title).font = Font(bold=True, size=14)
    _put(ws, 2, 1, _("Functional unit") + ": " + page.functional_unit)
    row = 4
    _put(ws, row, 1, _("Verdict")).font = Font(bold=True)
    for line in page.lines:
        row += 1
        cell = _put(ws, row, 1, line.sentence)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=9)
        ws.row_dimensions[row].height = 48
    header = [
        _("Alternative"),
        _("Cost difference (EUR per use)"),
        _("CO2e difference (kg CO2e per use)"),
        _("Saving (EUR a year)"),
        _("Saving (kg CO2e a year)"),
        _("Break-even, cost (uses per item)"),
        _("Break-even, CO2e (uses per item)"),
        _("P(lower CO2e)"),
        _("P(cheaper)"),
    ]
    figures = [
        [
            line.title,
            line.eur_per_use_difference,
            line.kg_co2e_per_use_difference,
            line.eur_saving_per_year,
            line.kg_co2e_saving_per_year,
            _whole_uses(line.breakeven_uses_cost),
            _whole_uses(line.breakeven_uses_co2e),
            line.probability_lower_co2e,
            line.probability_lower_cost,
        ]
        for line in page.lines
    ]
    row = _table(ws, header, figures, start_row=row + 2, percent_columns=(8, 9), freeze=None)
    _put(ws, row, 1, page.uses_definition)
    quality = page.quality
    if quality is not None:
        row += 2
        _put(ws, row, 1, _("Data quality")).font = Font(bold=True)
        if quality.warning:
            row += 1
            _put(ws, row, 1, quality.warning).font = Font(bold=True, color="7A5200")
        rows = [
            [_("Inputs with a cited source"), quality.inputs_sourced],
            [_("Inputs resting on an assumption"), quality.inputs_assumed],
            *[
                [_("Share of the CO2e per use resting on assumed amounts") + f": {oid}", share]
                for oid, share in quality.assumed_share_by_option.items()
            ],
        ]
        row = _table(ws, [_("Figure"), _("Value")], rows, start_row=row + 1, freeze=None)
        for r in range(row - 2 - len(quality.assumed_share_by_option), row - 2):
            ws.cell(row=r, column=2).number_format = PERCENT_FORMAT
        if quality.weakest:
            weak = [[w.title, w.unit, w.swing_share, w.ask, w.assumption] for w in quality.weakest]
            _table(
                ws,
                [
                    _("Weakest inputs (assumed, widest swing)"),
                    _("Unit"),
                    _("Share of the swing"),
                    _("Ask the supplier for"),
                    _("Assumption"),
                ],
                weak,
                start_row=row,
                percent_columns=(3,),
                freeze=None,
            )
    _fit_widths(ws, widest=40)
    ws.column_dimensions["A"].width = 48
    ws.freeze_panes = "A3"  # the title and the functional unit stay in view


def _whole_uses(value: float | None) -> int | None:
    """Break-even uses rounded up to a whole use, as the page prints them (full precision: Break-even sheet)."""
    return None if value is None else math.ceil(value - 1e-9)


def _summary(wb: Any, result: Result, threshold: float, t: Translator) -> None:
    from openpyxl.styles import Font

    _ = t.gettext
    words = vocabulary(t)
    ws = wb.create_sheet(sheet_titles(t.lang)["summary"])
    case = result.case
    _put(ws, 1, 1, case.title).font = Font(bold=True, size=14)
    facts = [
        (_("Case"), case.id),
        (_("Functional unit"), case.functional_unit),
        (_("Country"), case.country),
        (_("Method"), result.method),
        (_("Baseline"), result.baseline),
        (_("Comparative-assertion threshold"), threshold),
    ]
    for i, (key, value) in enumerate(facts, start=2):
        _put(ws, i, 1, key).font = Font(bold=True)
        cell = _put(ws, i, 2, _number(value))
        if isinstance(value, float):
            cell.number_format = PERCENT_FORMAT
    header = [
        _("Option"),
        _("Title"),
        _("Kind"),
        _("CO2e (kg CO2e per use)"),
        _("Cost (EUR per use)"),
        _("Module D credits, not in total (kg CO2e per use)"),
        _("Virgin material (kg per use)"),
        _("Waste (kg per use)"),
        _("Water (m³ per use)"),
        _("Expected uses per item (uses)"),
    ]
    rows = [
        [
            o.id,
            o.title,
            words.kinds.get(o.kind, o.kind),
            o.kg_co2e_per_use,
            o.eur_per_use,
            o.credits_kg_co2e_per_use,
            o.virgin_material_kg_per_use,
            o.waste_kg_per_use,
            o.water_m3_per_use,
            o.expected_uses,
        ]
        for o in result.options
    ]
    next_row = _table(ws, header, rows, start_row=len(facts) + 3)
    diff_rows = [
        [
            c["option"],
            c["baseline"],
            c["difference_kg_co2e_per_use"],
            c["difference_eur_per_use"],
            c["probability_lower_co2e"],
            words.verdicts.get(c["verdict_co2e"], c["verdict_co2e"]) or _("not tested (no uncertainty analysis)"),
            c["probability_lower_cost"],
            words.verdicts.get(c["verdict_cost"], c["verdict_cost"]) or _("not tested (no uncertainty analysis)"),
        ]
        for c in claims(result, threshold)
    ]
    if diff_rows:
        _table(
            ws,
            [
                _("Option"),
                _("Baseline"),
                _("Difference in CO2e (kg CO2e per use, option minus baseline)"),
                _("Difference in cost (EUR per use, option minus baseline)"),
                _("Probability lower CO2e"),
                _("Verdict CO2e"),
                _("Probability lower cost"),
                _("Verdict cost"),
            ],
            diff_rows,
            start_row=next_row,
            percent_columns=(5, 7),
        )
    _fit_widths(ws)


def _by_key(
    wb: Any, result: Result, role: str, key: str, columns: list[str], unit: str, total: str, t: Translator
) -> None:
    _ = t.gettext
    names = vocabulary(t).categories if key == "eur_by_category" else {}
    ws = wb.create_sheet(sheet_titles(t.lang)[role])
    apart = set(method_for(result).reported_apart) if key == "kg_co2e_by_module" else set()
    not_in_total = ", " + _("not in total")
    header = [
        _("Option"),
        *[f"{names.get(c, c)} ({unit}{not_in_total if c in apart else ''})" for c in columns],
        f"{total} ({unit})",
    ]
    total_key = "kg_co2e_per_use" if key == "kg_co2e_by_module" else "eur_per_use"
    rows = [[o.id, *[getattr(o, key).get(c, 0.0) for c in columns], getattr(o, total_key)] for o in result.options]
    _table(ws, header, rows, start_row=1, freeze="B")
    _fit_widths(ws)


def _lines(wb: Any, result: Result, t: Translator) -> None:
    _ = t.gettext
    ws = wb.create_sheet(sheet_titles(t.lang)["lines"])
    header = [
        _("Option"),
        _("Module"),
        _("Activity"),
        _("Activity name"),
        _("Geography"),
        _("Basis"),
        _("Amount per use (activity unit)"),
        _("Activity unit"),
        _("Factor (kg CO2e per activity unit)"),
        _("CO2e (kg CO2e per use)"),
        _("Waste stream"),
        _("Source"),
        _("Assumption"),
        _("Pedigree"),
    ]
    rows = [
        [
            o.id,
            line.module,
            line.activity,
            line.activity_name,
            line.geography,
            line.basis,
            line.amount_per_use,
            pretty_unit(line.unit),
            line.kg_co2e_per_unit,
            line.kg_co2e_per_use,
            line.stream,
            line.source,
            line.assumption,
            line.pedigree,
        ]
        for o in result.options
        for line in o.lines
    ]
    _table(ws, header, rows, start_row=1)
    _fit_widths(ws)


def _inputs(wb: Any, result: Result, t: Translator) -> None:
    from openpyxl.styles import PatternFill

    _ = t.gettext
    inputs = result.inputs or []
    ws = wb.create_sheet(sheet_titles(t.lang)["inputs"])
    header = [
        _("Kind"),
        _("Option"),
        _("Input"),
        _("Value"),
        _("Unit"),
        _("As entered"),
        _("Source"),
        _("Assumption (no cited source)"),
        _("Year"),
        _("Geography"),
        _("Pedigree (reliability-completeness-temporal-geographical-technological, 1 best to 5 worst)"),
        _("Source URL"),
    ]
    kinds = vocabulary(t).input_kinds
    rows = [
        [
            kinds.get(r.kind, r.kind),
            r.option,
            readable_key(r.name) if r.kind == "parameter" else r.name,
            r.value,
            pretty_unit(r.unit),
            r.expression,
            r.source,
            r.assumption,
            r.year,
            r.geography,
            r.pedigree,
            r.source_url,
        ]
        for r in inputs
    ]
    _table(ws, header, rows, start_row=1)
    warn = PatternFill("solid", fgColor="FFF4D6")
    for i, r in enumerate(inputs, start=2):
        if r.assumption and not r.source:
            for col in range(1, len(header) + 1):
                ws.cell(row=i, column=col).fill = warn
    _fit_widths(ws)
    ws.freeze_panes = "D2"


def _breakeven(wb: Any, result: Result, t: Translator) -> None:
    _ = t.gettext
    breakeven = result.breakeven or {}
    if not breakeven:
        return
    statuses = vocabulary(t).statuses
    ws = wb.create_sheet(sheet_titles(t.lang)["breakeven"])
    summary = [
        [oid, statuses[b.status_cost], b.uses_cost, statuses[b.status_co2e], b.uses_co2e, b.uses_per_life_case]
        for oid, b in breakeven.items()
    ]
    row = _table(
        ws,
        [
            _("Option"),
            _("Status on cost"),
            _("Break-even on cost (uses per item)"),
            _("Status on CO2e"),
            _("Break-even on CO2e (uses per item)"),
            _("Rated uses per item N"),
        ],
        summary,
        start_row=1,
    )
    curve = [[oid, p.uses_per_life, p.eur_per_use, p.kg_co2e_per_use] for oid, b in breakeven.items() for p in b.curve]
    if curve:
        _table(
            ws,
            [_("Option"), _("Uses per item"), _("Cost (EUR per use)"), _("CO2e (kg CO2e per use)")],
            curve,
            start_row=row,
        )
    _fit_widths(ws)


def _annual(wb: Any, result: Result, t: Translator) -> None:
    _ = t.gettext
    annual = result.annual.options if result.annual is not None else {}
    if not annual:
        return
    ws = wb.create_sheet(sheet_titles(t.lang)["annual"])
    titles = {
        "eur_per_year": _("Cost (EUR a year)"),
        "kg_co2e_per_year": _("CO2e (kg CO2e a year)"),
        "eur_saving_per_year_vs_baseline": _("Saving (EUR a year)"),
        "kg_co2e_saving_per_year_vs_baseline": _("Saving (kg CO2e a year)"),
    }
    keys = list(AnnualOption.model_fields)
    header = [_("Option"), *[titles.get(k, k) for k in keys]]
    _table(ws, header, [[oid, *[getattr(entry, k) for k in keys]] for oid, entry in annual.items()], start_row=1)
    _fit_widths(ws)


def _uncertainty(wb: Any, result: Result, t: Translator) -> None:
    _ = t.gettext
    uncertainty = result.uncertainty
    if uncertainty is None:
        return
    verdicts = vocabulary(t).verdicts
    ws = wb.create_sheet(sheet_titles(t.lang)["uncertainty"])
    _put(ws, 1, 1, _("Draws"))
    _put(ws, 1, 2, uncertainty.samples)
    _put(ws, 2, 1, _("Seed"))
    _put(ws, 2, 2, uncertainty.seed)
    header = [
        _("Option or difference"),
        _("Quantity (unit)"),
        _("Mean"),
        _("Median"),
        _("2.5 percentile"),
        _("97.5 percentile"),
        _("Probability lower"),
        _("Verdict"),
    ]
    units = {"kg_co2e_per_use": "kg CO2e per use", "eur_per_use": "EUR per use"}
    rows = []
    for oid, stats in uncertainty.options.items():
        for q, unit in units.items():
            s = getattr(stats, q)
            rows.append([oid, f"{q} ({unit})", s.mean, s.median, s.p2_5, s.p97_5, None, None])
    for key, diff in uncertainty.differences.items():
        for q, unit in units.items():
            s = getattr(diff, q)
            which = "co2e" if q.startswith("kg") else "cost"
            rows.append(
                [
                    key,
                    f"{q} ({unit}, " + _("option minus baseline") + ")",
                    s.mean,
                    s.median,
                    s.p2_5,
                    s.p97_5,
                    getattr(diff, f"probability_lower_{which}"),
                    verdicts.get(getattr(diff, f"verdict_{which}"), getattr(diff, f"verdict_{which}")),
                ]
            )
    _table(ws, header, rows, start_row=4, percent_columns=(7,))
    _fit_widths(ws)


def _sensitivity(wb: Any, result: Result, t: Translator) -> None:
    _ = t.gettext
    tables = tornado_tables(result.sensitivity)
    sobol = sobol_rows(result.sensitivity, lang=t.lang)
    if not tables and not sobol:
        return
    ws = wb.create_sheet(sheet_titles(t.lang)["sensitivity"])
    row = 1
    if tables:
        keys: list[str] = []
        for rows in tables.values():
            for entry in rows:
                keys += [k for k in entry if k not in keys and not isinstance(entry[k], dict | list)]
        plain = {
            "input": _("Input"),
            "id": _("Input id"),
            "unit": _("Unit"),
            "input_low": _("Input low"),
            "input_high": _("Input high"),
        }
        header = [
            _("Result"),
            *[_swing_header(k, t) if k.startswith(("low_", "high_", "base_")) else plain.get(k, k) for k in keys],
        ]
        body = [[target, *[entry.get(k) for k in keys]] for target, rows in tables.items() for entry in rows]
        row = _table(ws, header, body, start_row=row)
    if sobol:
        header = [_("Result"), _("Quantity"), _("Input"), _("First-order Sobol index S1"), _("Total Sobol index ST")]
        _table(ws, header, [[r["target"], r["output"], r["input"], r["S1"], r["ST"]] for r in sobol], start_row=row)
    _fit_widths(ws)


def _swing_header(key: str, t: Translator) -> str:
    _ = t.gettext
    which, metric = key.split("_", 1)
    words = {"low": _("input low"), "high": _("input high"), "base": _("base")}
    return f"{words.get(which, which)}: {vocabulary(t).quantities.get(metric, metric)}"


def _method(wb: Any, result: Result, t: Translator) -> None:
    from openpyxl.styles import Alignment

    _ = t.gettext
    if result.transparency is None:
        return
    ws = wb.create_sheet(sheet_titles(t.lang)["method"])
    items = vocabulary(t).reporting_items
    rows = [[items.get(k, k), text] for k, text in result.transparency.items()]
    _table(ws, [_("ISO 14040/14044 item"), _("Text (generated from the case and the method spec)")], rows, start_row=1)
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 140


def render_xlsx(result: Result | Mapping[str, Any], lang: str = "en") -> bytes:
    """The Excel workbook of a result.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first); optional sections get a sheet only
        when present.
    lang : {"en", "nl"}
        Language of the sheet titles, headers and sentences.

    Returns
    -------
    bytes
        The ``.xlsx`` file content.
    """
    from openpyxl import Workbook

    result = as_result(result)
    method = method_for(result)
    threshold = threshold_of(result, method.assertion_threshold)
    options = result.options
    modules = list(method.total_modules) + list(method.reported_apart)
    categories = list(method.costs.get("categories", []))
    categories = [c for c in categories if any(c in o.eur_by_category for o in options)] + [
        c for o in options for c in o.eur_by_category if c not in categories
    ]
    t = translator(lang)
    _ = t.gettext
    wb = Workbook()
    _buyers(wb, result, threshold, t)
    _summary(wb, result, threshold, t)
    per_use_co2e, per_use_eur = _("kg CO2e per use"), _("EUR per use")
    _by_key(
        wb,
        result,
        "modules",
        "kg_co2e_by_module",
        modules,
        per_use_co2e,
        _("Total") + " " + "+".join(method.total_modules),
        t,
    )
    _by_key(wb, result, "categories", "eur_by_category", list(dict.fromkeys(categories)), per_use_eur, _("Total"), t)
    _lines(wb, result, t)
    _inputs(wb, result, t)
    _breakeven(wb, result, t)
    _annual(wb, result, t)
    write_supply_sheet(wb, result, sheet_titles(t.lang)["supply"], t.lang)
    write_data_quality_sheet(wb, result, _table, t.lang)
    _uncertainty(wb, result, t)
    _sensitivity(wb, result, t)
    _method(wb, result, t)
    study_sheet(wb, result, _table)
    electricity_sheet(wb, result, _table, t)
    iso14044_sheet(wb, result, _table, lang)
    circularity_sheet(wb, result, _table, t)
    # Fixed document dates and zip entry times: the same result gives the same bytes.
    wb.properties.created = _FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return _normalise_zip(buffer.getvalue())


_FIXED_TIME = datetime.datetime(2000, 1, 1)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite an xlsx (zip) archive with every entry dated ``_FIXED_TIME``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                # openpyxl stamps the save time as "modified"; fixed, so equal results give equal bytes.
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(info, content)
    return out.getvalue()
