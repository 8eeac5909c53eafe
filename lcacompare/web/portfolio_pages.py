"""The portfolio pages: shipped and uploaded portfolios, a run as a job, its targets and product lines."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from lcacompare.errors import CaseError, Problem
from lcacompare.web.ids import row_id, stored_id
from lcacompare.web.portfolios import (
    portfolio_column,
    shipped_portfolios,
    submit_portfolio,
)
from lcacompare.web.security import csrf_ok
from lcacompare.web.views import language, page

__all__ = ["router", "LINES_SHOWN"]

router = APIRouter(include_in_schema=False)

LINES_SHOWN = 200
"""Product lines listed on the page (the workbook has them all)."""

MEDIA = {
    "portfolio_html": "text/html; charset=utf-8",
    "portfolio_json": "application/json",
    "portfolio_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _check_csrf(request: Request, token: str) -> None:
    if not csrf_ok(request, token):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page and try again")


def _list_page(request: Request, problems: list[Problem], status: int = 200) -> HTMLResponse:
    store = request.app.state.workspace
    return page(
        request,
        "portfolios.html.j2",
        status,
        shipped=shipped_portfolios(),
        uploaded=store.portfolios(),
        runs=store.portfolio_runs(20),
        upload_problems=problems,
    )


@router.get("/portfolios", response_class=HTMLResponse)
def portfolios(request: Request) -> HTMLResponse:
    """Shipped and uploaded portfolios, each with a run button; the upload form; the latest runs."""
    return _list_page(request, [])


@router.post("/portfolios/upload")
async def upload_portfolio(
    request: Request, settings: UploadFile, rows: UploadFile, csrf_token: Annotated[str, Form()] = ""
) -> Response:
    """Check an uploaded settings YAML and rows CSV as ``lcacompare portfolio`` does and store them."""
    from lcacompare.web.portfolios import check_portfolio
    from lcacompare.web.uploads import MAX_ROWS_BYTES, MAX_SETTINGS_BYTES, check_text_upload

    _check_csrf(request, csrf_token)
    try:
        settings_text = check_text_upload(await settings.read(MAX_SETTINGS_BYTES + 1), MAX_SETTINGS_BYTES, "settings")
        rows_text = check_text_upload(await rows.read(MAX_ROWS_BYTES + 1), MAX_ROWS_BYTES, "rows")
        title, rows_name = await run_in_threadpool(
            check_portfolio, settings_text, rows_text, request.app.state.runner.home
        )
    except CaseError as exc:
        return _list_page(request, list(exc.problems), 422)
    request.app.state.workspace.add_portfolio(title, settings_text, rows_name, rows_text)
    return RedirectResponse(f"/portfolios?lang={language(request)}", status_code=303)


@router.post("/portfolios/{kind}/{key}/run")
def run_portfolio_form(request: Request, kind: str, key: str, csrf_token: Annotated[str, Form()] = "") -> Response:
    """Run a shipped (``shipped/<name>``) or uploaded (``workspace/<id>``) portfolio as a job."""
    _check_csrf(request, csrf_token)
    store = request.app.state.workspace
    known = (kind == "shipped" and key in dict(shipped_portfolios())) or (
        kind == "workspace" and (number := row_id(key)) is not None and store.portfolio(number) is not None
    )
    if not known:
        raise HTTPException(404, "no such portfolio")
    job, _ = submit_portfolio(request.app.state.runner, store, f"{kind}:{key}")
    return RedirectResponse(f"/jobs/{job.id}?lang={language(request)}", status_code=303)


def _record(request: Request, run_id: str) -> dict[str, Any]:
    record = request.app.state.workspace.portfolio_run(stored_id(run_id, "portfolio run"))
    if record is None:
        raise HTTPException(404, "no such portfolio run")
    return dict(record)


@router.get("/portfolio-runs/{run_id}", response_class=HTMLResponse)
def portfolio_run(request: Request, run_id: str) -> HTMLResponse:
    """A portfolio run: the sector targets and where the hospital stands, the product lines, the files."""
    record = _record(request, run_id)
    store = request.app.state.workspace
    document = json.loads(store.portfolio_run_file(record["id"], "portfolio_json"))
    lines = json.loads(store.portfolio_run_file(record["id"], "lines_json"))
    current = document["mixes"]["current"]
    return page(
        request,
        "portfolio_run.html.j2",
        record=record,
        doc=document,
        targets=current["targets"],
        totals=current["totals"],
        cheapest=document.get("cheapest_sets") or [],
        lines=lines[:LINES_SHOWN],
        line_count=len(lines),
    )


@router.get("/portfolio-runs/{run_id}/{name}")
def portfolio_download(request: Request, run_id: str, name: str) -> Response:
    """One of the run's files: portfolio.html (inline), portfolio.xlsx or portfolio.json."""
    column = portfolio_column(name)
    if column is None:
        raise HTTPException(404, "no such file")
    record = _record(request, run_id)
    content = request.app.state.workspace.portfolio_run_file(record["id"], column)
    disposition = "inline" if column == "portfolio_html" else "attachment"
    return Response(
        content,
        media_type=MEDIA[column],
        headers={"Content-Disposition": f'{disposition}; filename="portfolio-{record["id"]}-{name}"'},
    )
