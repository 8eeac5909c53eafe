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
from collections.abc import Iterable, Sequence
from typing import Any

from lcacompare.report.html import method_for
from lcacompare.report.sensitivity_view import sobol_rows, tornado_tables
from lcacompare.report.verdict import claims, threshold_of, verdict_paragraph

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


def _summary(wb: Any, doc: dict[str, Any], threshold: float) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.active
    ws.title = SHEETS["summary"]
    case = doc["case"]
    _put(ws, 1, 1, case.get("title")).font = Font(bold=True, size=14)
    facts = [
        ("Case", case.get("id")),
        ("Functional unit", case.get("functional_unit")),
        ("Country", case.get("country")),
        ("Method", doc.get("method")),
        ("Baseline", doc.get("baseline")),
        ("Comparative-assertion threshold (probability)", threshold),
        ("Verdict", verdict_paragraph(doc, threshold)),
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
            o["id"],
            o.get("title"),
            o.get("kind"),
            o["kg_co2e_per_use"],
            o["eur_per_use"],
            o.get("credits_kg_co2e_per_use"),
            o.get("virgin_material_kg_per_use"),
            o.get("waste_kg_per_use"),
            o.get("water_m3_per_use"),
            o.get("expected_uses"),
        ]
        for o in doc["options"]
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
        for c in claims(doc, threshold)
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


def _by_key(wb: Any, doc: dict[str, Any], role: str, key: str, columns: list[str], unit: str, total: str) -> None:
    ws = wb.create_sheet(SHEETS[role])
    apart = set(method_for(doc).reported_apart) if key == "kg_co2e_by_module" else set()
    header = [
        "Option",
        *[f"{c} ({unit}{', not in total' if c in apart else ''})" for c in columns],
        f"{total} ({unit})",
    ]
    total_key = "kg_co2e_per_use" if key == "kg_co2e_by_module" else "eur_per_use"
    rows = [[o["id"], *[(o.get(key) or {}).get(c, 0.0) for c in columns], o[total_key]] for o in doc["options"]]
    _table(ws, header, rows, start_row=1)
    _widths(ws, [26, *[18] * (len(columns) + 1)])
    ws.freeze_panes = "B2"


def _lines(wb: Any, doc: dict[str, Any]) -> None:
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
            o["id"],
            line.get("module"),
            line.get("activity"),
            line.get("activity_name"),
            line.get("geography"),
            line.get("basis"),
            line.get("amount_per_use"),
            line.get("unit"),
            line.get("kg_co2e_per_unit"),
            line.get("kg_co2e_per_use"),
            line.get("stream"),
            line.get("source"),
            line.get("assumption"),
            line.get("pedigree"),
        ]
        for o in doc["options"]
        for line in o.get("lines") or []
    ]
    _table(ws, header, rows, start_row=1)
    _widths(ws, [20, 8, 24, 36, 10, 8, 14, 10, 14, 14, 16, 50, 50, 12])
    ws.freeze_panes = "A2"


def _inputs(wb: Any, doc: dict[str, Any]) -> None:
    from openpyxl.styles import PatternFill

    inputs = doc.get("inputs") or []
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
            r.get("kind"),
            r.get("option"),
            r.get("name"),
            r.get("value"),
            r.get("unit"),
            r.get("expression"),
            r.get("source"),
            r.get("assumption"),
            r.get("year"),
            r.get("geography"),
            r.get("pedigree"),
            r.get("source_url"),
        ]
        for r in inputs
    ]
    _table(ws, header, rows, start_row=1)
    warn = PatternFill("solid", fgColor="FFF4D6")
    for i, r in enumerate(inputs, start=2):
        if r.get("assumption") and not r.get("source"):
            for col in range(1, len(header) + 1):
                ws.cell(row=i, column=col).fill = warn
    _widths(ws, [10, 18, 40, 12, 14, 30, 50, 50, 8, 10, 16, 30])
    ws.freeze_panes = "D2"


def _breakeven(wb: Any, doc: dict[str, Any]) -> None:
    breakeven = doc.get("breakeven") or {}
    if not breakeven:
        return
    ws = wb.create_sheet(SHEETS["breakeven"])
    summary = [
        [oid, b.get("status_cost"), b.get("uses_cost"), b.get("status_co2e"), b.get("uses_co2e")]
        for oid, b in breakeven.items()
    ]
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
    curve = [
        [oid, p.get("uses_per_life"), p.get("eur_per_use"), p.get("kg_co2e_per_use")]
        for oid, b in breakeven.items()
        for p in b.get("curve") or []
    ]
    if curve:
        _table(
            ws, ["Option", "Uses per item (N)", "Cost (EUR per use)", "CO2e (kg CO2e per use)"], curve, start_row=row
        )
    _widths(ws, [24, 18, 20, 18, 20])


def _annual(wb: Any, doc: dict[str, Any]) -> None:
    annual = (doc.get("annual") or {}).get("options") or {}
    if not annual:
        return
    ws = wb.create_sheet(SHEETS["annual"])
    keys: list[str] = []
    for entry in annual.values():
        keys += [k for k in entry if k not in keys and not isinstance(entry[k], dict | list)]
    header = ["Option", *[_unit_header(k) for k in keys]]
    _table(ws, header, [[oid, *[entry.get(k) for k in keys]] for oid, entry in annual.items()], start_row=1)
    _widths(ws, [24, *[20] * len(keys)])


def _unit_header(key: str) -> str:
    """``eur_per_year`` -> ``eur_per_year (EUR per year)``: the unit spelled out beside the key."""
    for prefix, unit in (("eur_", "EUR"), ("kg_co2e_", "kg CO2e"), ("kg_", "kg"), ("m3_", "m3")):
        if key.startswith(prefix):
            return f"{key} ({unit} {key[len(prefix) :].replace('_', ' ')})"
    return key


def _uncertainty(wb: Any, doc: dict[str, Any]) -> None:
    uncertainty = doc.get("uncertainty") or {}
    if not uncertainty:
        return
    ws = wb.create_sheet(SHEETS["uncertainty"])
    _put(ws, 1, 1, "Samples")
    _put(ws, 1, 2, uncertainty.get("samples"))
    _put(ws, 2, 1, "Seed")
    _put(ws, 2, 2, uncertainty.get("seed"))
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
    for oid, stats in (uncertainty.get("options") or {}).items():
        for q, unit in units.items():
            s = stats.get(q)
            if s:
                rows.append(
                    [oid, f"{q} ({unit})", s.get("mean"), s.get("median"), s.get("p2_5"), s.get("p97_5"), None, None]
                )
    for key, diff in (uncertainty.get("differences") or {}).items():
        for q, unit in units.items():
            s = diff.get(q)
            which = "co2e" if q.startswith("kg") else "cost"
            if s:
                rows.append(
                    [
                        key,
                        f"{q} ({unit}, option minus baseline)",
                        s.get("mean"),
                        s.get("median"),
                        s.get("p2_5"),
                        s.get("p97_5"),
                        diff.get(f"probability_lower_{which}"),
                        diff.get(f"verdict_{which}"),
                    ]
                )
    _table(ws, header, rows, start_row=4)
    _widths(ws, [32, 40, 14, 14, 14, 14, 14, 24])


def _sensitivity(wb: Any, doc: dict[str, Any]) -> None:
    tables = tornado_tables(doc.get("sensitivity"))
    sobol = sobol_rows(doc.get("sensitivity"))
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


def _method(wb: Any, doc: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment

    from lcacompare.report.transparency import TRANSPARENCY_ITEMS

    transparency = doc.get("transparency") or {}
    if not transparency:
        return
    ws = wb.create_sheet(SHEETS["method"])
    rows = [[TRANSPARENCY_ITEMS.get(k, k), text] for k, text in transparency.items()]
    _table(ws, ["ISO 14040/14044 item", "Text (generated from the case and the method spec)"], rows, start_row=1)
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _widths(ws, [30, 140])


def render_xlsx(doc: dict[str, Any]) -> bytes:
    """The Excel workbook of a result document.

    Parameters
    ----------
    doc : dict
        The result document (``lcacompare.result/1``); optional sections get a sheet only when
        present.

    Returns
    -------
    bytes
        The ``.xlsx`` file content.
    """
    from openpyxl import Workbook

    method = method_for(doc)
    threshold = threshold_of(doc, method.assertion_threshold)
    options = doc["options"]
    modules = list(method.total_modules) + list(method.reported_apart)
    categories = list(method.costs.get("categories", []))
    categories = [c for c in categories if any(c in (o.get("eur_by_category") or {}) for o in options)] + [
        c for o in options for c in (o.get("eur_by_category") or {}) if c not in categories
    ]
    wb = Workbook()
    _summary(wb, doc, threshold)
    _by_key(
        wb, doc, "modules", "kg_co2e_by_module", modules, "kg CO2e per use", "Total " + "+".join(method.total_modules)
    )
    _by_key(wb, doc, "categories", "eur_by_category", list(dict.fromkeys(categories)), "EUR per use", "Total")
    _lines(wb, doc)
    _inputs(wb, doc)
    _breakeven(wb, doc)
    _annual(wb, doc)
    _uncertainty(wb, doc)
    _sensitivity(wb, doc)
    _method(wb, doc)
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
