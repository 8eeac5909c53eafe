"""The Excel workbook for buyers (openpyxl): one sheet per view, numbers stored as numbers.

Sheets: ``Summary`` (per-use results and the verdict), ``CO2e by module``, ``Cost by category``,
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
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from lcacompare.report.html import method_for
from lcacompare.report.sensitivity_view import sobol_rows, tornado_tables
from lcacompare.report.verdict import claims, threshold_of, verdict_paragraph
from lcacompare.report.xlsx_study import study_sheet
from lcacompare.result import TRANSPARENCY_ITEMS, AnnualOption, Result, as_result

__all__ = ["render_xlsx", "SHEETS"]

SHEETS: dict[str, str] = {
    "summary": "Summary",
    "modules": "CO2e by module",
    "categories": "Cost by category",
    "lines": "Lines",
    "inputs": "Inputs",
    "breakeven": "Break-even",
    "annual": "Annual",
    "uncertainty": "Uncertainty",
    "sensitivity": "Sensitivity",
    "method": "Method",
}
"""Sheet titles by role (tests and other tools look sheets up through this mapping)."""

_NUMBER_FORMAT = "0.0000"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a typed cell a formula in Excel, LibreOffice or Google Sheets."""


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


def _table(ws: Any, header: Sequence[str], rows: Iterable[Sequence[Any]], start_row: int | None = None) -> int:
    """Write a header and rows; return the next free row."""
    from openpyxl.styles import Alignment, Font, PatternFill

    row = start_row or (ws.max_row + 2 if ws.max_row > 1 else 1)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EDF2")
    for col, title in enumerate(header, start=1):
        cell = _put(ws, row, col, title)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in rows:
        row += 1
        for col, value in enumerate(values, start=1):
            cell = _put(ws, row, col, _number(value))
            if isinstance(cell.value, float):
                cell.number_format = _NUMBER_FORMAT
    return row + 2


def _widths(ws: Any, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _summary(wb: Any, result: Result, threshold: float) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = SHEETS["summary"]
    case = result.case
    _put(ws, 1, 1, case.title).font = Font(bold=True, size=14)
    facts = [
        ("Case", case.id),
        ("Functional unit", case.functional_unit),
        ("Country", case.country),
        ("Method", result.method),
        ("Baseline", result.baseline),
        ("Comparative-assertion threshold (probability)", threshold),
        ("Verdict", verdict_paragraph(result, threshold)),
    ]
    for i, (key, value) in enumerate(facts, start=2):
        _put(ws, i, 1, key).font = Font(bold=True)
        cell = _put(ws, i, 2, _number(value))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=len(facts) + 1, start_column=2, end_row=len(facts) + 1, end_column=9)
    ws.row_dimensions[len(facts) + 1].height = 120
    header = [
        "Option",
        "Title",
        "Kind",
        "CO2e (kg CO2e per use)",
        "Cost (EUR per use)",
        "Module D credits, not in total (kg CO2e per use)",
        "Virgin material (kg per use)",
        "Waste (kg per use)",
        "Water (m3 per use)",
        "Expected uses per item (uses)",
    ]
    rows = [
        [
            o.id,
            o.title,
            o.kind,
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
            c["verdict_co2e"] or "not tested (no uncertainty analysis)",
            c["probability_lower_cost"],
            c["verdict_cost"] or "not tested",
        ]
        for c in claims(result, threshold)
    ]
    if diff_rows:
        _table(
            ws,
            [
                "Option",
                "Baseline",
                "Difference in CO2e (kg CO2e per use, option minus baseline)",
                "Difference in cost (EUR per use, option minus baseline)",
                "Probability lower CO2e",
                "Verdict CO2e",
                "Probability lower cost",
                "Verdict cost",
            ],
            diff_rows,
            start_row=next_row,
        )
    _widths(ws, [26, 40, 12, 16, 16, 18, 16, 14, 14, 16])
    ws.freeze_panes = "A2"


def _by_key(wb: Any, result: Result, role: str, key: str, columns: list[str], unit: str, total: str) -> None:
    ws = wb.create_sheet(SHEETS[role])
    apart = set(method_for(result).reported_apart) if key == "kg_co2e_by_module" else set()
    header = [
        "Option",
        *[f"{c} ({unit}{', not in total' if c in apart else ''})" for c in columns],
        f"{total} ({unit})",
    ]
    total_key = "kg_co2e_per_use" if key == "kg_co2e_by_module" else "eur_per_use"
    rows = [[o.id, *[getattr(o, key).get(c, 0.0) for c in columns], getattr(o, total_key)] for o in result.options]
    _table(ws, header, rows, start_row=1)
    _widths(ws, [26, *[18] * (len(columns) + 1)])
    ws.freeze_panes = "B2"


def _lines(wb: Any, result: Result) -> None:
    ws = wb.create_sheet(SHEETS["lines"])
    header = [
        "Option",
        "Module",
        "Activity",
        "Activity name",
        "Geography",
        "Basis",
        "Amount per use (activity unit)",
        "Activity unit",
        "Factor (kg CO2e per activity unit)",
        "CO2e (kg CO2e per use)",
        "Waste stream",
        "Source",
        "Assumption",
        "Pedigree",
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
            line.unit,
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
    _widths(ws, [20, 8, 24, 36, 10, 8, 14, 10, 14, 14, 16, 50, 50, 12])
    ws.freeze_panes = "A2"


def _inputs(wb: Any, result: Result) -> None:
    from openpyxl.styles import PatternFill

    inputs = result.inputs or []
    ws = wb.create_sheet(SHEETS["inputs"])
    header = [
        "Kind",
        "Option",
        "Input",
        "Value",
        "Unit",
        "As entered",
        "Source",
        "Assumption (no cited source)",
        "Year",
        "Geography",
        "Pedigree (reliability-completeness-temporal-geographical-technological, 1 best to 5 worst)",
        "Source URL",
    ]
    rows = [
        [
            r.kind,
            r.option,
            r.name,
            r.value,
            r.unit,
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
    _widths(ws, [10, 18, 40, 12, 14, 30, 50, 50, 8, 10, 16, 30])
    ws.freeze_panes = "D2"


def _breakeven(wb: Any, result: Result) -> None:
    breakeven = result.breakeven or {}
    if not breakeven:
        return
    ws = wb.create_sheet(SHEETS["breakeven"])
    summary = [[oid, b.status_cost, b.uses_cost, b.status_co2e, b.uses_co2e] for oid, b in breakeven.items()]
    row = _table(
        ws,
        [
            "Option",
            "Status on cost",
            "Break-even on cost (uses per item)",
            "Status on CO2e",
            "Break-even on CO2e (uses per item)",
        ],
        summary,
        start_row=1,
    )
    curve = [[oid, p.uses_per_life, p.eur_per_use, p.kg_co2e_per_use] for oid, b in breakeven.items() for p in b.curve]
    if curve:
        _table(
            ws, ["Option", "Uses per item (N)", "Cost (EUR per use)", "CO2e (kg CO2e per use)"], curve, start_row=row
        )
    _widths(ws, [24, 18, 20, 18, 20])


def _annual(wb: Any, result: Result) -> None:
    annual = result.annual.options if result.annual is not None else {}
    if not annual:
        return
    ws = wb.create_sheet(SHEETS["annual"])
    keys = list(AnnualOption.model_fields)
    header = ["Option", *[_unit_header(k) for k in keys]]
    _table(ws, header, [[oid, *[getattr(entry, k) for k in keys]] for oid, entry in annual.items()], start_row=1)
    _widths(ws, [24, *[20] * len(keys)])


def _unit_header(key: str) -> str:
    """``eur_per_year`` -> ``eur_per_year (EUR per year)``: the unit spelled out beside the key."""
    for prefix, unit in (("eur_", "EUR"), ("kg_co2e_", "kg CO2e"), ("kg_", "kg"), ("m3_", "m3")):
        if key.startswith(prefix):
            return f"{key} ({unit} {key[len(prefix) :].replace('_', ' ')})"
    return key


def _uncertainty(wb: Any, result: Result) -> None:
    uncertainty = result.uncertainty
    if uncertainty is None:
        return
    ws = wb.create_sheet(SHEETS["uncertainty"])
    _put(ws, 1, 1, "Samples")
    _put(ws, 1, 2, uncertainty.samples)
    _put(ws, 2, 1, "Seed")
    _put(ws, 2, 2, uncertainty.seed)
    header = [
        "Option or difference",
        "Quantity (unit)",
        "Mean",
        "Median",
        "2.5 percentile",
        "97.5 percentile",
        "Probability lower",
        "Verdict",
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
                    f"{q} ({unit}, option minus baseline)",
                    s.mean,
                    s.median,
                    s.p2_5,
                    s.p97_5,
                    getattr(diff, f"probability_lower_{which}"),
                    getattr(diff, f"verdict_{which}"),
                ]
            )
    _table(ws, header, rows, start_row=4)
    _widths(ws, [32, 40, 14, 14, 14, 14, 14, 24])


def _sensitivity(wb: Any, result: Result) -> None:
    tables = tornado_tables(result.sensitivity)
    sobol = sobol_rows(result.sensitivity)
    if not tables and not sobol:
        return
    ws = wb.create_sheet(SHEETS["sensitivity"])
    row = 1
    if tables:
        keys: list[str] = []
        for rows in tables.values():
            for entry in rows:
                keys += [k for k in entry if k not in keys and not isinstance(entry[k], dict | list)]
        header = ["Result", *[_swing_header(k) if k.startswith(("low_", "high_", "base_")) else k for k in keys]]
        body = [[target, *[entry.get(k) for k in keys]] for target, rows in tables.items() for entry in rows]
        row = _table(ws, header, body, start_row=row)
    if sobol:
        header = ["Result", "Quantity", "Input", "First-order Sobol index S1", "Total Sobol index ST"]
        _table(ws, header, [[r["target"], r["output"], r["input"], r["S1"], r["ST"]] for r in sobol], start_row=row)
    _widths(ws, [30, 32, *[18] * 10])


def _swing_header(key: str) -> str:
    which, metric = key.split("_", 1)
    unit = {"kg_co2e_per_use": "kg CO2e per use", "eur_per_use": "EUR per use"}.get(metric, metric)
    return f"{which}: {metric} ({unit})"


def _method(wb: Any, result: Result) -> None:
    from openpyxl.styles import Alignment

    if result.transparency is None:
        return
    ws = wb.create_sheet(SHEETS["method"])
    rows = [[TRANSPARENCY_ITEMS[k], text] for k, text in result.transparency.items()]
    _table(ws, ["ISO 14040/14044 item", "Text (generated from the case and the method spec)"], rows, start_row=1)
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _widths(ws, [30, 140])


def render_xlsx(result: Result | Mapping[str, Any]) -> bytes:
    """The Excel workbook of a result.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first); optional sections get a sheet only
        when present.

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
    wb = Workbook()
    _summary(wb, result, threshold)
    _by_key(
        wb,
        result,
        "modules",
        "kg_co2e_by_module",
        modules,
        "kg CO2e per use",
        "Total " + "+".join(method.total_modules),
    )
    _by_key(wb, result, "categories", "eur_by_category", list(dict.fromkeys(categories)), "EUR per use", "Total")
    _lines(wb, result)
    _inputs(wb, result)
    _breakeven(wb, result)
    _annual(wb, result)
    _uncertainty(wb, result)
    _sensitivity(wb, result)
    _method(wb, result)
    study_sheet(wb, result, _table)
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
