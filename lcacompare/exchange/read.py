"""Read a filled request workbook into :class:`~lcacompare.exchange.answers.SupplierAnswers`.

Every problem is collected before anything is returned, each naming its sheet and cell:
``request.xlsx, sheet Transport, cell C7: expected a distance in km, got "ca. 500"``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lcacompare.errors import CaseError, Problem
from lcacompare.exchange.answers import (
    Claim,
    CostAnswer,
    DeclaredFootprint,
    LineAnswer,
    Substances,
    Supplier,
    SupplierAnswers,
    TakeBack,
)
from lcacompare.exchange.template import (
    ANSWER_COLUMN,
    FORM_FIRST_ROW,
    FORMAT,
    LISTS,
    SHEETS,
    TABLE_FIRST_ROW,
    Column,
    Sheet,
    factor_lists,
    template_digest,
)

__all__ = ["CellProblem", "Request", "read_request", "read_answers"]

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_GEOGRAPHY = re.compile(r"^[A-Z]{2,3}$")


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem in one cell of a workbook, rendered as ``file, sheet S, cell C7: message``."""

    def render(self, file: str | Path | None) -> str:
        """Name the file, the sheet and the cell, then what is wrong."""
        where = str(file) if file else "<workbook>"
        text = f"{where}, {self.field}: {self.message}"
        if self.hint:
            text += f" (expected: {self.hint})"
        return text


@dataclass(frozen=True)
class Request:
    """What the hidden ``_request`` sheet says: which request the workbook answers."""

    digest: str
    case_id: str
    option_id: str
    kind: str
    language: str
    case_text: str
    sheets: dict[str, str]


def _where(sheet: str, coordinate: str) -> str:
    return f"sheet {sheet}, cell {coordinate}"


def read_request(workbook: Any, file: str | Path) -> Request:
    """The request a workbook answers, checked against its own digest.

    Raises
    ------
    CaseError
        If the workbook has no request stamp, another format version, or its layout or
        embedded case no longer match the digest (a template edited or from another request).
    """
    from lcacompare.exchange.request import REQUEST_SHEET

    if REQUEST_SHEET not in workbook.sheetnames:
        raise CaseError(
            file,
            [
                CellProblem(
                    "<workbook>",
                    "not an lcacompare request (no request stamp)",
                    "a workbook written by lcacompare request",
                    "request-stamp",
                )
            ],
        )
    ws = workbook[REQUEST_SHEET]
    meta = {str(ws.cell(row, 1).value): ws.cell(row, 2).value for row in range(1, 10)}
    if meta.get("format") != FORMAT:
        raise CaseError(
            file,
            [
                CellProblem(
                    _where(REQUEST_SHEET, "B1"), f"request format {meta.get('format')!r}", FORMAT, "request-format"
                )
            ],
        )
    chunks = int(str(meta.get("case chunks") or 0))
    case_text = "".join(str(ws.cell(20 + i, 2).value or "") for i in range(chunks))
    option_id = str(meta.get("option"))
    digest = str(meta.get("digest"))
    if template_digest(case_text, option_id) != digest:
        raise CaseError(
            file,
            [
                CellProblem(
                    _where(REQUEST_SHEET, "B2"),
                    "the workbook does not match its request "
                    "stamp (edited template or stamp copied from another request)",
                    "the workbook as lcacompare request wrote it",
                    "request-digest",
                )
            ],
        )
    return Request(
        digest=digest,
        case_id=str(meta.get("case")),
        option_id=option_id,
        kind=str(meta.get("kind")),
        language=str(meta.get("language")),
        case_text=case_text,
        sheets=json.loads(str(meta.get("sheets"))),
    )


class _Reader:
    """Reads typed values from cells, collecting one problem per bad cell."""

    def __init__(self, allowed: dict[str, tuple[str, ...]]) -> None:
        self.problems: list[Problem] = []
        self.allowed = allowed

    def fail(self, sheet: str, coordinate: str, message: str, rule: str = "cell") -> None:
        self.problems.append(CellProblem(_where(sheet, coordinate), message, rule=rule))

    def value(self, ws: Any, row: int, col: int, column: Column) -> Any:
        cell = ws.cell(row=row, column=col)
        raw = cell.value
        if isinstance(raw, str):
            raw = raw.strip() or None
        if raw is None:
            return None
        expected = column.what + (f" in {column.unit}" if column.unit and column.unit not in column.what else "")
        if column.kind == "number":
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                self.fail(ws.title, cell.coordinate, f"expected {expected}, got {json.dumps(str(raw))}", "number")
                return None
            low, high = column.minimum, column.maximum
            if (low is not None and raw < low) or (high is not None and raw > high):
                span = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
                self.fail(ws.title, cell.coordinate, f"expected {expected} {span}, got {raw:g}", "range")
                return None
            return float(raw)
        if column.kind == "date":
            if isinstance(raw, dt.datetime):
                return raw.date()
            if isinstance(raw, dt.date):
                return raw
            try:
                return dt.date.fromisoformat(str(raw))
            except ValueError:
                self.fail(ws.title, cell.coordinate, f"expected a date, got {json.dumps(str(raw))}", "date")
                return None
        text = str(raw)
        if column.choices:
            choices = self.allowed[column.choices]
            if text not in choices and column.choices != "streams":
                shown = ", ".join(choices[:8]) + (", ..." if len(choices) > 8 else "")
                self.fail(
                    ws.title,
                    cell.coordinate,
                    f"expected {column.what} from the list ({shown}), got {json.dumps(text)}",
                    "choice",
                )
                return None
            if column.kind == "yesno":
                return text == "yes"
        return text

    def form(self, ws: Any, sheet: Sheet) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for offset, column in enumerate(sheet.columns):
            row = FORM_FIRST_ROW + offset
            value = self.value(ws, row, ANSWER_COLUMN, column)
            if value is None and column.required and ws.cell(row, ANSWER_COLUMN).value in (None, ""):
                self.fail(
                    ws.title,
                    ws.cell(row, ANSWER_COLUMN).coordinate,
                    f"missing: {column.en} ({column.what})",
                    "required",
                )
            out[column.key] = value
        return out

    def table(self, ws: Any, sheet: Sheet) -> list[tuple[int, dict[str, Any]]]:
        rows = []
        for row in range(TABLE_FIRST_ROW, ws.max_row + 1):
            cells = [ws.cell(row, col).value for col in range(1, len(sheet.columns) + 1)]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                continue
            values: dict[str, Any] = {}
            for col, column in enumerate(sheet.columns, start=1):
                value = self.value(ws, row, col, column)
                if value is None and column.required and cells[col - 1] in (None, ""):
                    self.fail(
                        ws.title, ws.cell(row, col).coordinate, f"missing: {column.en} ({column.what})", "required"
                    )
                values[column.key] = value
            rows.append((row, values))
        return rows


def _allowed_lists() -> dict[str, tuple[str, ...]]:
    from lcacompare.exchange.engine_inputs import factor_catalogue

    factors = factor_catalogue()
    return {**LISTS, **factor_lists(factors)}


def open_workbook(path: str | Path, *, data_only: bool = False) -> Any:
    """An openpyxl workbook, or a :class:`CaseError` naming the file (rule ``workbook``).

    A missing file, a folder and anything that is not an .xlsx workbook (a CSV, a JSON file, a
    damaged zip) are refused with what was expected, never an internal error.
    """
    from openpyxl import load_workbook

    file = Path(path)
    if not file.exists():
        why = "file not found"
    elif not file.is_file():
        why = "is a folder, not a workbook"
    else:
        try:
            return load_workbook(file, data_only=data_only)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a damaged file
            why = f"cannot be read as .xlsx ({type(exc).__name__})"
    raise CaseError(file.name, [CellProblem("<workbook>", why, "an .xlsx workbook", "workbook")])


def read_answers(path: str | Path, *, expected_digest: str | None = None) -> tuple[Request, SupplierAnswers]:
    """Read a filled request workbook.

    Parameters
    ----------
    path : str or Path
        The .xlsx file.
    expected_digest : str, optional
        The digest of the request the workbook must answer (from the buyer's request); a
        workbook answering another request is refused.

    Returns
    -------
    (Request, SupplierAnswers)

    Raises
    ------
    CaseError
        Listing every problem with its sheet and cell (:class:`CellProblem`).
    """
    from lcacompare.exchange.engine_inputs import factor_catalogue, unit_dimension_matches

    name = Path(path).name
    workbook = open_workbook(path, data_only=True)
    request = read_request(workbook, name)
    if expected_digest is not None and request.digest != expected_digest:
        raise CaseError(
            name,
            [
                CellProblem(
                    _where("_request", "B2"),
                    f"answers another request (case {request.case_id}, option "
                    f"{request.option_id}, reference {request.digest[:16]})",
                    f"the request with reference {expected_digest[:16]}",
                    "request-digest",
                )
            ],
        )
    reader = _Reader(_allowed_lists())
    units = {f.id: f.unit for f in factor_catalogue()}
    forms: dict[str, dict[str, Any]] = {}
    tables: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for sheet in SHEETS:
        sheet_title = request.sheets.get(sheet.key, "")
        if sheet_title not in workbook.sheetnames:
            reader.problems.append(CellProblem(f"sheet {sheet_title or sheet.en}", "missing", "the sheet as requested"))
            continue
        ws = workbook[sheet_title]
        if sheet.shape == "form":
            forms[sheet.key] = reader.form(ws, sheet)
        else:
            tables[sheet.key] = reader.table(ws, sheet)
    if len(forms) + len(tables) < len(SHEETS):
        raise CaseError(name, reader.problems)

    def title(key: str) -> str:
        return request.sheets[key]

    lines: list[LineAnswer] = []
    for key in ("materials", "energy", "transport", "reprocessing", "end_of_life"):
        for row, v in tables[key]:
            line = _line(key, row, v, units, reader, title(key), unit_dimension_matches)
            if line is not None:
                lines.append(line)
    for key, column in (("materials", "location"), ("energy", "location"), ("reprocessing", "location")):
        letter = chr(64 + _sheet(key).index(column))
        for row, v in tables[key]:
            if v.get(column) and not _GEOGRAPHY.match(v[column]):
                reader.fail(
                    title(key), f"{letter}{row}", f"expected a country or region code (BE, GLO), got {v[column]!r}"
                )
    supplier_form = forms["supplier"]
    manufacture = forms["manufacture"]
    if manufacture.get("country") and not _COUNTRY.match(manufacture["country"]):
        reader.fail(
            title("manufacture"),
            f"C{FORM_FIRST_ROW}",
            f"expected a two-letter country code, got {manufacture['country']!r}",
        )
    use = forms["use"]
    if request.kind == "reusable":
        for key in ("uses_per_life", "loss_rate"):
            if use.get(key) is None:
                row = FORM_FIRST_ROW + _sheet("use").index(key) - 1
                reader.fail(
                    title("use"), f"C{row}", f"missing: {_sheet('use').column(key).en} (a reusable product)", "required"
                )
    declared = _declared(forms["declared"], reader, title("declared"))
    if reader.problems:
        raise CaseError(name, reader.problems)
    costs = tuple(
        CostAnswer(
            row=row,
            category=v["category"],
            amount_eur=v["amount"],
            per=v["per"],
            credit=bool(v["credit"]),
            year=int(v["year"]) if v.get("year") is not None else None,
            description=v.get("description"),
            evidence=v.get("evidence"),
        )
        for row, v in tables["prices"]
    )
    claims = tuple(
        Claim(
            claim=v["claim"],
            detail=v.get("detail"),
            share_percent=v.get("share"),
            certificate=v.get("certificate"),
            valid_until=v.get("valid_until"),
            evidence=v.get("evidence"),
        )
        for _, v in tables["claims"]
    )
    take_back = forms["take_back"]
    substances = forms["substances"]
    answers = SupplierAnswers(
        request_digest=request.digest,
        case_id=request.case_id,
        option_id=request.option_id,
        supplier=Supplier(
            company=supplier_form["company"],
            contact=supplier_form["contact"],
            email=supplier_form["email"],
            date=supplier_form["date"],
            product=supplier_form.get("product"),
            reference=supplier_form.get("reference"),
            verified=bool(supplier_form.get("verified")),
            verifier=supplier_form.get("verifier"),
        ),
        country_of_manufacture=manufacture["country"],
        manufacturing_site=manufacture.get("site"),
        uses_per_life=use.get("uses_per_life"),
        loss_rate=use.get("loss_rate"),
        cycle_capacity=use.get("capacity"),
        fill_rate=use.get("fill_rate"),
        use_evidence=use.get("evidence"),
        lines=tuple(lines),
        costs=costs,
        zero_modules={k.removeprefix("zero_"): v for k, v in forms["not_applicable"].items() if v},
        take_back=TakeBack(
            offered=bool(take_back.get("offered")),
            description=take_back.get("description"),
            route=take_back["route"],
            evidence=take_back.get("evidence"),
        ),
        substances=Substances(
            dehp=bool(substances["dehp"]),
            dehp_percent=substances.get("dehp_share"),
            other_svhc=bool(substances.get("other_svhc")),
            svhc_names=substances.get("svhc_names"),
            evidence=substances.get("evidence"),
        ),
        claims=claims,
        declared=declared,
        sources={v["ref"]: v.get("title") or "" for _, v in tables["sources"]},
    )
    return request, answers


def _sheet(key: str) -> Sheet:
    from lcacompare.exchange.template import sheet

    return sheet(key)


def _line(
    key: str, row: int, v: dict[str, Any], units: dict[str, str], reader: _Reader, title: str, matches: Any
) -> LineAnswer | None:
    sheet = _sheet(key)
    if any(v.get(c.key) is None for c in sheet.columns if c.required):
        return None  # a missing or unreadable cell, already reported
    common = {"sheet": key, "row": row, "per": v["per"], "evidence": v.get("evidence")}
    if key == "materials":
        recycled = v.get("recycled")
        return LineAnswer(
            module="A1-A3",
            activity=v["material"],
            amount=v["mass"],
            unit="kg",
            part=v.get("part"),
            location=v.get("location"),
            virgin_fraction=None if recycled is None else 1.0 - recycled / 100.0,
            **common,
        )
    if key == "energy":
        return LineAnswer(
            module="A1-A3", activity=v["energy"], amount=v["amount"], unit="kWh", location=v.get("location"), **common
        )
    if key == "transport":
        return LineAnswer(
            module=v["module"], activity=v["mode"], amount=v["mass"] * v["distance"], unit="kg*km", **common
        )
    if key == "end_of_life":
        return LineAnswer(
            module=v["module"], activity=v["route"], amount=v["mass"], unit="kg", stream=v.get("stream"), **common
        )
    factor_unit = units[v["input"]]
    if not matches(v["unit"], factor_unit):
        letter = chr(64 + sheet.index("unit"))
        reader.fail(
            title, f"{letter}{row}", f"{v['input']} is counted in {factor_unit}, got an amount in {v['unit']}", "unit"
        )
        return None
    return LineAnswer(
        module=v["module"],
        activity=v["input"],
        amount=v["amount"],
        unit=v["unit"],
        stream=v.get("stream"),
        location=v.get("location"),
        **common,
    )


def _declared(form: dict[str, Any], reader: _Reader, title: str) -> DeclaredFootprint | None:
    if form.get("kg_co2e") is None:
        return None
    from lcacompare.model.case import MODULES

    modules = tuple(m.strip() for m in str(form.get("modules") or "A1-A3").split(",") if m.strip())
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        row = FORM_FIRST_ROW + _sheet("declared").index("modules") - 1
        reader.fail(title, f"C{row}", f"expected modules from {', '.join(MODULES)}, got {', '.join(unknown)}")
        return None
    return DeclaredFootprint(
        kg_co2e=form["kg_co2e"],
        per=form.get("per") or "item",
        modules=modules,
        standard=form.get("standard"),
        verified_by=form.get("verified_by"),
        pact_id=form.get("pact_id"),
        evidence=form.get("evidence"),
        source="supplier declaration (request workbook)",
    )
