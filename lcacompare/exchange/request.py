"""Write a supplier request workbook for one option of a case (openpyxl).

The workbook has an instructions sheet, one sheet per block of :data:`~lcacompare.exchange.template.SHEETS`,
Excel data validation on every answer cell (lists of the shipped factor ids, modules, waste
streams and units; numeric ranges), protected sheets with only the answer cells unlocked, and a
hidden ``_request`` sheet holding the version stamp, the digest of the template and the case the
request was made from, so an import can tell which request a workbook answers. Text is always
written as a string, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from lcacompare.exchange.template import (
    ANSWER_COLUMN,
    FORM_FIRST_ROW,
    FORMAT,
    LISTS,
    SHEETS,
    TABLE_FIRST_ROW,
    TABLE_HEADER_ROW,
    TABLE_UNIT_ROW,
    Column,
    Language,
    Sheet,
    factor_lists,
    template_digest,
)

if TYPE_CHECKING:
    from lcacompare.exchange.answers import SupplierAnswers
    from lcacompare.model.case import Case

__all__ = ["REQUEST_SHEET", "LISTS_SHEET", "CASE_CHUNK", "build_request", "answer_cells", "table_rows"]

REQUEST_SHEET = "_request"
"""Hidden sheet with the stamp, digest and embedded case."""
LISTS_SHEET = "_lists"
"""Hidden sheet with the answer lists that data validation refers to."""
CASE_CHUNK = 30_000
"""Characters of the embedded case file per cell (Excel allows 32,767)."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MIN_TABLE_ROWS = 25

_INSTRUCTIONS = {
    "en": [
        "Supplier request: {title}",
        "Option asked about: {option} ({kind}). Case: {case}. Functional unit: {unit}.",
        "Fill in the white cells on each sheet; grey cells are fixed. Units are fixed per column (see row 4 of each"
        " table, column B of each form): give numbers, not text, in number cells.",
        "Give one row per part, energy carrier, transport leg, input or treatment. Name the evidence for every figure"
        " (document and page) in the Evidence column and list the documents on the Sources sheet.",
        "Claims and substances: list type I ecolabels (ISO 14024, e.g. EU Ecolabel, Nordic Swan) with certificate"
        " number and validity; say whether the product contains DEHP or another SVHC above 0.1 % by mass.",
        "Return the file as it is (do not rename or add sheets). Request reference: {digest}.",
    ],
    "nl": [
        "Leveranciersvraag: {title}",
        "Gevraagde optie: {option} ({kind}). Casus: {case}. Functionele eenheid: {unit}.",
        "Vul de witte cellen in op elk blad; grijze cellen liggen vast. Eenheden liggen per kolom vast (rij 4 van"
        " elke tabel, kolom B van elk formulier): geef getallen, geen tekst, in getalcellen.",
        "Geef een rij per onderdeel, energiedrager, transporttraject, verbruik of verwerking. Noem voor elk cijfer"
        " het bewijs (document en pagina) en zet de documenten op het blad Bronnen.",
        "Claims en stoffen: noem type I-ecolabels (ISO 14024, bv. EU Ecolabel, Nordic Swan) met certificaatnummer en"
        " geldigheid; geef aan of het product DEHP of een andere ZZS boven 0,1 massa-% bevat.",
        "Stuur het bestand ongewijzigd terug (geen bladen hernoemen of toevoegen). Referentie: {digest}.",
    ],
}


def _put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one cell: numbers and dates as such, text always as a string (never a formula)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula
        if value.startswith(_FORMULA_START):
            cell.quotePrefix = True
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _list_names() -> list[str]:
    names = {c.choices for s in SHEETS for c in s.columns if c.choices}
    return sorted(n for n in names if n)


def _validation(column: Column, ranges: dict[str, str]) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    if column.choices:
        strict = column.choices != "streams"  # a hospital may have its own waste stream names
        rule = DataValidation(type="list", formula1=ranges[column.choices], allow_blank=True)
        rule.errorStyle = "stop" if strict else "warning"
    elif column.kind == "number":
        low = -1e15 if column.minimum is None else column.minimum
        high = 1e15 if column.maximum is None else column.maximum
        rule = DataValidation(type="decimal", operator="between", formula1=str(low), formula2=str(high))
        rule.allow_blank = True
    elif column.kind == "date":
        rule = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    else:
        return None
    rule.showErrorMessage = True
    rule.error = f"Expected {column.what}" + (
        f" in {column.unit}" if column.unit and column.unit not in column.what else ""
    )
    rule.errorTitle = column.en
    return rule


def answer_cells(answers: SupplierAnswers) -> dict[str, Any]:
    """The answers as sheet values: per form sheet a mapping of question key to value.

    Table sheets come from :func:`table_rows`. Used to pre-fill a request.
    """
    a = answers
    s = a.supplier
    forms: dict[str, dict[str, Any]] = {
        "supplier": {
            "company": s.company,
            "contact": s.contact,
            "email": s.email,
            "date": s.date,
            "product": s.product,
            "reference": s.reference,
            "verified": "yes" if s.verified else "no",
            "verifier": s.verifier,
        },
        "manufacture": {"country": a.country_of_manufacture, "site": a.manufacturing_site},
        "use": {
            "uses_per_life": a.uses_per_life,
            "loss_rate": a.loss_rate,
            "capacity": a.cycle_capacity,
            "fill_rate": a.fill_rate,
            "evidence": a.use_evidence,
        },
        "take_back": {
            "offered": "yes" if a.take_back.offered else "no",
            "description": a.take_back.description,
            "route": a.take_back.route,
            "evidence": a.take_back.evidence,
        },
        "not_applicable": {f"zero_{m}": why for m, why in a.zero_modules.items()},
        "substances": {
            "dehp": "yes" if a.substances.dehp else "no",
            "dehp_share": a.substances.dehp_percent,
            "other_svhc": "yes" if a.substances.other_svhc else "no",
            "svhc_names": a.substances.svhc_names,
            "evidence": a.substances.evidence,
        },
    }
    if a.declared is not None:
        d = a.declared
        forms["declared"] = {
            "kg_co2e": d.kg_co2e,
            "per": d.per,
            "modules": ", ".join(d.modules),
            "standard": d.standard,
            "verified_by": d.verified_by,
            "pact_id": d.pact_id,
            "evidence": d.evidence,
        }
    return forms


def table_rows(answers: SupplierAnswers) -> dict[str, list[dict[str, Any]]]:
    """The answers as rows of the table sheets (column key to value)."""
    from lcacompare.exchange.engine_inputs import convert

    rows: dict[str, list[dict[str, Any]]] = {s.key: [] for s in SHEETS if s.shape == "table"}
    for line in answers.lines:
        common = {"per": line.per, "evidence": line.evidence}
        if line.sheet == "transport":
            kg_km = convert(line.amount, line.unit, "kg*km")
            row = {"module": line.module, "mode": line.activity, "mass": kg_km / 1000.0, "distance": 1000.0}
        elif line.sheet == "materials":
            recycled = None if line.virgin_fraction is None else (1.0 - line.virgin_fraction) * 100.0
            mass = convert(line.amount, line.unit, "kg")
            row = {
                "part": line.part,
                "material": line.activity,
                "mass": mass,
                "recycled": recycled,
                "location": line.location,
            }
        elif line.sheet == "energy":
            row = {"energy": line.activity, "amount": convert(line.amount, line.unit, "kWh"), "location": line.location}
        elif line.sheet == "end_of_life":
            mass = convert(line.amount, line.unit, "kg")
            row = {"module": line.module, "route": line.activity, "mass": mass, "stream": line.stream}
        else:
            row = {
                "module": line.module,
                "input": line.activity,
                "amount": line.amount,
                "unit": line.unit,
                "stream": line.stream,
                "location": line.location,
            }
        rows[line.sheet].append({**row, **common})
    for cost in answers.costs:
        rows["prices"].append(
            {
                "category": cost.category,
                "description": cost.description,
                "amount": cost.amount_eur,
                "per": cost.per,
                "credit": "yes" if cost.credit else "no",
                "year": cost.year,
                "evidence": cost.evidence,
            }
        )
    for claim in answers.claims:
        rows["claims"].append(
            {
                "claim": claim.claim,
                "detail": claim.detail,
                "share": claim.share_percent,
                "certificate": claim.certificate,
                "valid_until": claim.valid_until,
                "evidence": claim.evidence,
            }
        )
    for ref, title in answers.sources.items():
        rows["sources"].append({"ref": ref, "title": title})
    return rows


def build_request(
    case_text: str,
    case: Case,
    option_id: str,
    *,
    lang: Language = "en",
    answers: SupplierAnswers | None = None,
    created: dt.date | None = None,
) -> bytes:
    """The request workbook for one option, as .xlsx bytes.

    Parameters
    ----------
    case_text : str
        The case file's text; embedded in the workbook so the import rebuilds the case from it.
    case : Case
        The same case, validated.
    option_id : str
        The option asked about.
    lang : {"en", "nl"}
        Language of instructions, sheet names and questions.
    answers : SupplierAnswers, optional
        Pre-fill the answer cells (a buyer's current figures, or a test's).
    created : date, optional
        Date stamped on the request (default today).

    Returns
    -------
    bytes
        The .xlsx file.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.workbook.protection import WorkbookProtection

    from lcacompare.exchange.engine_inputs import factor_catalogue

    option = case.option(option_id)
    digest = template_digest(case_text, option_id)
    factors = factor_catalogue()
    forms = answer_cells(answers) if answers else {}
    tables = table_rows(answers) if answers else {}
    bold = Font(bold=True)
    fixed = PatternFill("solid", fgColor="DDDDDD")
    unlocked = Protection(locked=False)

    wb = Workbook()
    intro = wb.active
    intro.title = "Instructies" if lang == "nl" else "Instructions"
    for i, text in enumerate(_INSTRUCTIONS[lang], start=1):
        cell = _put(
            intro,
            i,
            1,
            text.format(
                title=case.title,
                option=option.id,
                kind=option.kind,
                case=case.id,
                unit=case.functional_unit,
                digest=digest[:16],
            ),
        )
        cell.alignment = Alignment(wrap_text=True)
        if i == 1:
            cell.font = Font(bold=True, size=14)
    intro.column_dimensions["A"].width = 120
    intro.protection.sheet = True

    lists = wb.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    all_lists = {**LISTS, **factor_lists(factors)}
    for col, name in enumerate(_list_names(), start=1):
        values = all_lists[name]
        _put(lists, 1, col, name)
        for row, value in enumerate(values, start=2):
            _put(lists, row, col, value)
        letter = lists.cell(row=1, column=col).column_letter
        ranges[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "veryHidden"
    lists.protection.sheet = True

    titles: dict[str, str] = {}
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.title(lang))
        titles[sheet.key] = ws.title
        _put(ws, 1, 1, sheet.title(lang)).font = Font(bold=True, size=13)
        _put(ws, 2, 1, sheet.guidance(lang))
        if sheet.shape == "form":
            _write_form(ws, sheet, lang, forms.get(sheet.key, {}), ranges, bold, fixed, unlocked)
        else:
            _write_table(ws, sheet, lang, tables.get(sheet.key, []), ranges, bold, fixed, unlocked)
        ws.protection.sheet = True

    stamp = wb.create_sheet(REQUEST_SHEET)
    created = created or dt.date.today()
    import json

    meta = [
        ("format", FORMAT),
        ("digest", digest),
        ("case", case.id),
        ("option", option_id),
        ("kind", option.kind),
        ("language", lang),
        ("created", created.isoformat()),
        ("sheets", json.dumps(titles, ensure_ascii=False)),
        ("case chunks", str((len(case_text) + CASE_CHUNK - 1) // CASE_CHUNK)),
    ]
    for row, (key, value) in enumerate(meta, start=1):
        _put(stamp, row, 1, key)
        _put(stamp, row, 2, value)
    for i in range(0, len(case_text), CASE_CHUNK):
        _put(stamp, 20 + i // CASE_CHUNK, 2, case_text[i : i + CASE_CHUNK])
    stamp.sheet_state = "veryHidden"
    stamp.protection.sheet = True
    wb.defined_names["lcacompare_request_format"] = DefinedName("lcacompare_request_format", attr_text=f'"{FORMAT}"')
    wb.defined_names["lcacompare_request_digest"] = DefinedName("lcacompare_request_digest", attr_text=f'"{digest}"')
    wb.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_form(
    ws: Any,
    sheet: Sheet,
    lang: Language,
    values: dict[str, Any],
    ranges: dict[str, str],
    bold: Any,
    fixed: Any,
    unlocked: Any,
) -> None:
    headers = ("Vraag", "Eenheid", "Antwoord") if lang == "nl" else ("Question", "Unit", "Answer")
    for col, text in enumerate(headers, start=1):
        cell = _put(ws, FORM_FIRST_ROW - 1, col, text)
        cell.font = bold
        cell.fill = fixed
    for offset, column in enumerate(sheet.columns):
        row = FORM_FIRST_ROW + offset
        label = column.label(lang) + (" *" if column.required else "")
        _put(ws, row, 1, label).fill = fixed
        _put(ws, row, 2, column.unit).fill = fixed
        cell = _put(ws, row, ANSWER_COLUMN, values.get(column.key))
        cell.protection = unlocked
        rule = _validation(column, ranges)
        if rule is not None:
            ws.add_data_validation(rule)
            rule.add(cell.coordinate)
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 40


def _write_table(
    ws: Any,
    sheet: Sheet,
    lang: Language,
    rows: list[dict[str, Any]],
    ranges: dict[str, str],
    bold: Any,
    fixed: Any,
    unlocked: Any,
) -> None:
    count = max(_MIN_TABLE_ROWS, len(rows) + 10)
    last = TABLE_FIRST_ROW + count - 1
    for col, column in enumerate(sheet.columns, start=1):
        header = _put(ws, TABLE_HEADER_ROW, col, column.label(lang) + (" *" if column.required else ""))
        header.font = bold
        header.fill = fixed
        _put(ws, TABLE_UNIT_ROW, col, column.unit).fill = fixed
        letter = header.column_letter
        ws.column_dimensions[letter].width = 22
        for row in range(TABLE_FIRST_ROW, last + 1):
            ws.cell(row=row, column=col).protection = unlocked
        rule = _validation(column, ranges)
        if rule is not None:
            ws.add_data_validation(rule)
            rule.add(f"{letter}{TABLE_FIRST_ROW}:{letter}{last}")
    for i, values in enumerate(rows):
        for col, column in enumerate(sheet.columns, start=1):
            value = values.get(column.key)
            if value is not None:
                _put(ws, TABLE_FIRST_ROW + i, col, value)
