"""The tender-award pages: the shipped tenders with an award button, an award's ranking and files."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from lcacompare.i18n import LANGUAGES
from lcacompare.web.award_text import statement_in
from lcacompare.web.ids import stored_id
from lcacompare.web.security import csrf_ok
from lcacompare.web.tenders import award_column, shipped_tenders, submit_award
from lcacompare.web.views import language, page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


@router.get("/tenders", response_class=HTMLResponse)
def tenders(request: Request) -> HTMLResponse:
    """The shipped tenders, each with a button that awards it, and the latest awards."""
    return page(request, "tenders.html.j2", tenders=shipped_tenders(), awards=request.app.state.workspace.awards(20))


@router.post("/tenders/{name}/award")
async def award_tender(
    request: Request, name: str, csrf_token: Annotated[str, Form()] = "", lang: Annotated[str, Form()] = ""
) -> Response:
    """Award a shipped tender as a job in the worker pool and go to its progress page (then the award's)."""
    if not csrf_ok(request, csrf_token):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page and try again")
    if name not in dict(shipped_tenders()):
        raise HTTPException(404, "no shipped tender of that name")
    chosen = lang if lang in LANGUAGES else language(request)
    job, _ = submit_award(request.app.state.runner, request.app.state.workspace, name, chosen)
    return RedirectResponse(f"/jobs/{job.id}?lang={chosen}", status_code=303)


def _award_record(request: Request, award_id: str) -> dict[str, object]:
    record = request.app.state.workspace.award(stored_id(award_id, "award"))
    if record is None:
        raise HTTPException(404, "no such award")
    return dict(record)


@router.get("/awards/{award_id}", response_class=HTMLResponse)
def award_page(request: Request, award_id: str) -> HTMLResponse:
    """An award: the ranking of the bids, the robustness statement and the stored report."""
    record = _award_record(request, award_id)
    result = json.loads(request.app.state.workspace.award_file(int(award_id), "award_json"))
    bids = sorted(result.get("bids") or [], key=lambda b: (b.get("rank", 0), b.get("id", "")))
    statement = statement_in(result, language(request))
    return page(request, "award.html.j2", record=record, result=result, bids=bids, statement=statement)


@router.get("/awards/{award_id}/{name}")
def award_download(request: Request, award_id: str, name: str) -> Response:
    """One of the award's stored files: award.html (inline), award.xlsx or award.json."""
    column = award_column(name)
    if column is None:
        raise HTTPException(404, "no such file")
    record = _award_record(request, award_id)
    content = request.app.state.workspace.award_file(int(str(record["id"])), column)
    media = {"award_html": "text/html; charset=utf-8", "award_json": "application/json"}.get(
        column, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = "inline" if column == "award_html" else "attachment"
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": f'{disposition}; filename="award-{record["id"]}-{name}"'},
    )
