"""The supplier-workbook pages of a case: the request download, the import of a filled one, the check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from lcacompare.errors import CaseError, Problem
from lcacompare.web.cases import CaseSource, parse_text, shipped_text
from lcacompare.web.ids import row_id
from lcacompare.web.security import csrf_ok
from lcacompare.web.supplier import import_upload, placed, request_workbook, supplier_check
from lcacompare.web.views import language, page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _case(request: Request, kind: str, key: str) -> tuple[str, CaseSource, str]:
    """The YAML text, parsed case and stored declaration of ``/cases/<name>`` or ``/workspace/<id>``."""
    if kind == "cases":
        text = shipped_text(key)
        if text is None:
            raise HTTPException(404, "no shipped case of that name")
        return text, parse_text(text), ""
    number = row_id(key) if kind == "workspace" else None
    stored = request.app.state.workspace.case(number) if number is not None else None
    if stored is None:
        raise HTTPException(404, "no such case")
    return stored["yaml"], parse_text(stored["yaml"]), str(stored.get("declaration_yaml") or "")


def _supplier_page(
    request: Request, kind: str, key: str, source: CaseSource, problems: list[Problem], status: int = 200
) -> HTMLResponse:
    options = [o.id for o in source.case.options] if source.case is not None else []
    return page(
        request,
        "supplier.html.j2",
        status,
        base=f"/{kind}/{key}",
        title=source.title,
        options=options,
        case_problems=source.problems,
        placed=placed(problems),
    )


@router.get("/{kind}/{key}/supplier", response_class=HTMLResponse)
def supplier(request: Request, kind: str, key: str) -> HTMLResponse:
    """The case's supplier page: download a request workbook per option, upload a filled one."""
    _, source, _ = _case(request, kind, key)
    return _supplier_page(request, kind, key, source, [])


@router.get("/{kind}/{key}/request.xlsx")
def request_xlsx(request: Request, kind: str, key: str, option: str = "", lang: str = "") -> Response:
    """The supplier request workbook of one option of the case (``lcacompare request``)."""
    text, source, _ = _case(request, kind, key)
    if source.case is None:
        raise HTTPException(422, "the case has problems: fix them before sending a request")
    if option not in [o.id for o in source.case.options]:
        raise HTTPException(404, "no option of that id")
    chosen = lang if lang in ("en", "nl") else language(request)
    content = request_workbook(text, source.case, option, chosen)
    name = f"request-{source.case.id}-{option}.xlsx"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/{kind}/{key}/supplier/import")
async def import_filled(
    request: Request, kind: str, key: str, file: UploadFile, csrf_token: Annotated[str, Form()] = ""
) -> Response:
    """Import a filled request workbook as a new workspace case and open it; else show every problem by cell."""
    from lcacompare.web.uploads import MAX_WORKBOOK_BYTES

    if not csrf_ok(request, csrf_token):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page and try again")
    text, source, _ = _case(request, kind, key)
    raw = await file.read(MAX_WORKBOOK_BYTES + 1)
    try:
        imported = await run_in_threadpool(import_upload, raw, text)
    except CaseError as exc:
        return _supplier_page(request, kind, key, source, list(exc.problems), 422)
    title = parse_text(imported.case_yaml, compile_it=False).title
    case_id = request.app.state.workspace.add_case(title, imported.case_yaml, imported.declaration_yaml)
    return RedirectResponse(f"/workspace/{case_id}?lang={language(request)}", status_code=303)


@router.get("/{kind}/{key}/declared", response_class=HTMLResponse)
async def declared(request: Request, kind: str, key: str) -> HTMLResponse:
    """Declared versus computed figures and the claims of an imported case (``lcacompare check-declared``)."""
    _, source, declaration = _case(request, kind, key)
    check = None
    if source.case is not None:
        check = await run_in_threadpool(supplier_check, source.case, declaration, request.app.state.runner.home)
    return page(
        request, "declared.html.j2", base=f"/{kind}/{key}", title=source.title, check=check, problems=source.problems
    )
