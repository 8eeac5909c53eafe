"""The HTML pages: plain forms that work without JavaScript (a small script only polls progress)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from lcacompare.errors import CaseError, Problem
from lcacompare.method.spec import known_methods
from lcacompare.web.cases import (
    CaseSource,
    check_upload,
    parse_text,
    shipped_text,
    shipped_titles,
    with_parameter_values,
)
from lcacompare.web.compute import RunRequest
from lcacompare.web.files import stored_file
from lcacompare.web.ids import stored_id
from lcacompare.web.security import TOKEN_COOKIE, csrf_ok, same_secret
from lcacompare.web.views import language, page

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _check_csrf(request: Request, token: str | None) -> None:
    if not csrf_ok(request, token):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page and try again")


def _case_text(request: Request, kind: str, key: str) -> tuple[str, str]:
    """The reference and YAML text of ``/cases/<name>`` (shipped) or ``/workspace/<id>``."""
    if kind == "cases":
        text = shipped_text(key)
        if text is None:
            raise HTTPException(404, "no shipped case of that name")
        return f"shipped:{key}", text
    stored = request.app.state.workspace.case(stored_id(key, "workspace case"))
    if stored is None:
        raise HTTPException(404, "no workspace case with that id")
    return f"workspace:{key}", stored["yaml"]


def _parameters(source: CaseSource) -> list[dict[str, Any]]:
    rows = []
    for name, entry in ((source.data or {}).get("parameters") or {}).items():
        spec = entry if isinstance(entry, dict) else {"value": entry}
        rows.append(
            {
                "name": str(name),
                "value": "" if spec.get("value") is None else str(spec.get("value")),
                "source": spec.get("source") or "",
                "assumption": spec.get("assumption") or "",
                "distribution": _distribution_text(spec.get("distribution")),
                "problems": source.problems_at(f"parameters.{name}"),
            }
        )
    return rows


def _distribution_text(distribution: Any) -> str:
    """``triangular: min 45 g, mode 60 g, max 75 g`` from a parameter's distribution block."""
    if not isinstance(distribution, dict):
        return ""
    rest = ", ".join(f"{k} {v}" for k, v in distribution.items() if k != "type")
    return f"{distribution.get('type', 'distribution')}: {rest}" if rest else str(distribution.get("type", ""))


def _options(source: CaseSource) -> list[dict[str, Any]]:
    options = (source.data or {}).get("options") or []
    return [
        {
            "id": str(o.get("id", "")) if isinstance(o, dict) else "",
            "kind": str(o.get("kind", "")) if isinstance(o, dict) else "",
            "description": str(o.get("description", "") or o.get("title", "") or "") if isinstance(o, dict) else "",
            "problems": source.problems_at(f"options[{i}]"),
        }
        for i, o in enumerate(options)
    ]


def _case_page(
    request: Request,
    kind: str,
    key: str,
    ref: str,
    source: CaseSource,
    status: int = 200,
    declared: bool = False,
    chosen_method: str | None = None,
) -> HTMLResponse:
    shown = {f"parameters.{p['name']}" for p in _parameters(source)}
    placed = [
        p
        for p in source.problems
        if any(p.field == s or p.field.startswith((s + ".", s + "[")) for s in shown) or p.field.startswith("options[")
    ]
    data = source.data or {}
    context = data.get("context") if isinstance(data.get("context"), dict) else {}
    return page(
        request,
        "case.html.j2",
        status,
        base=f"/{kind}/{key}",
        ref=ref,
        source=source,
        title=source.title,
        case_id=str(data.get("id", "")),
        functional_unit=str(data.get("functional_unit", "")),
        settings=[(k, v) for k, v in (context or {}).items() if not isinstance(v, dict | list)],
        parameters=_parameters(source),
        options=_options(source),
        other_problems=[p for p in source.problems if p not in placed],
        declared=declared,
        stated_method=str(data.get("method") or ""),
        methods=known_methods(),
        chosen_method=chosen_method or str(data.get("method") or ""),
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """Home: shipped and workspace cases, the upload form and the latest runs."""
    store = request.app.state.workspace
    shipped = shipped_titles()
    return page(
        request, "home.html.j2", shipped=shipped, workspace=store.cases(), runs=store.runs(20), upload_problems=[]
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    """The login page (only needed when the server has a token)."""
    return page(request, "login.html.j2", failed=False)


@router.post("/login")
def login(request: Request, token: Annotated[str, Form()], csrf_token: Annotated[str, Form()] = "") -> Response:
    """Check the token and set it as an HTTP-only, SameSite cookie."""
    _check_csrf(request, csrf_token)
    expected = request.app.state.token
    if expected is None or not same_secret(token, expected):
        return page(request, "login.html.j2", 401, failed=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
    return response


@router.post("/upload")
async def upload(request: Request, file: UploadFile, csrf_token: Annotated[str, Form()] = "") -> Response:
    """Store an uploaded case file in the workspace and show it with its problems."""
    from lcacompare.web.cases import MAX_UPLOAD_BYTES

    _check_csrf(request, csrf_token)
    raw = await file.read(MAX_UPLOAD_BYTES + 1)
    try:
        text = check_upload(raw)
    except CaseError as exc:
        return _home_with(request, exc.problems)
    source = parse_text(text)
    if source.data is None:
        return _home_with(request, source.problems)
    case_id = request.app.state.workspace.add_case(source.title, text)
    return RedirectResponse(f"/workspace/{case_id}", status_code=303)


def _home_with(request: Request, problems: list[Problem]) -> HTMLResponse:
    store = request.app.state.workspace
    shipped = shipped_titles()
    return page(
        request,
        "home.html.j2",
        422,
        shipped=shipped,
        workspace=store.cases(),
        runs=store.runs(20),
        upload_problems=problems,
    )


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> Response:
    """A run's progress; a finished run redirects to its results."""
    job = request.app.state.runner.job(job_id)
    if job is None:
        raise HTTPException(404, "no such job")
    if job.location is not None:
        lang = language(request)
        return RedirectResponse(f"{job.location}?lang={lang}", status_code=303)
    return page(request, "job.html.j2", job=job)


def _stored_run(request: Request, run_id: str) -> tuple[Any, dict[str, Any]]:
    """A run's record and result document by its numeric id; 404 for anything else."""
    store = request.app.state.workspace
    record = store.run(stored_id(run_id, "run"))
    if record is None:
        raise HTTPException(404, "no such run")
    return record, json.loads(store.run_file(record.id, "result_json"))


# Before /runs/{run_id}, which would take "compare" for a run id.
@router.get("/runs/compare", response_class=HTMLResponse)
def compare(request: Request, a: str = "", b: str = "") -> HTMLResponse:
    """Two runs side by side: what changed in their inputs and their per-use results (B minus A)."""
    from lcacompare.web.compare import compare_runs

    record_a, result_a = _stored_run(request, a)
    record_b, result_b = _stored_run(request, b)
    comparison = compare_runs(record_a, record_b, result_a, result_b)
    titles = {"a": _title_of(result_a, record_a.case_title), "b": _title_of(result_b, record_b.case_title)}
    return page(request, "compare.html.j2", comparison=comparison, titles=titles)


def _title_of(result: dict[str, Any], fallback: str) -> str:
    case = result.get("case")
    return str(case.get("title") or fallback) if isinstance(case, dict) else fallback


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def results(request: Request, run_id: str) -> HTMLResponse:
    """A run's results: the verdict, per-use figures, the report's charts and the downloads.

    ``run_id`` is taken as text so that one that is not a number answers 404 (no such run), as the API does.
    """
    from lcacompare.report.verdict import threshold_of
    from lcacompare.result import as_result
    from lcacompare.web.verdict import verdict_in

    store = request.app.state.workspace
    record, document = _stored_run(request, run_id)
    result = as_result(document)
    charts = json.loads(store.run_file(record.id, "charts_json") or "{}")
    from markupsafe import Markup

    stamp = result.method_spec
    threshold = threshold_of(result, stamp.assertion_threshold if stamp is not None else 0.95)
    return page(
        request,
        "results.html.j2",
        record=record,
        result=result,
        verdict=verdict_in(result, threshold, language(request)),
        # SVG drawn by the report's chart module (matplotlib, ids prefixed) when the run finished: trusted markup.
        charts=[(name, Markup(svg)) for name, svg in charts.items()],
    )


@router.get("/runs/{run_id}/{name}")
def run_download(request: Request, run_id: str, name: str) -> Response:
    """Download one of the run's stored files (the HTML report, the workbook or the result document)."""
    found = stored_file(name)
    if found is None:
        raise HTTPException(404, "no such file")
    fmt, column = found
    media_type = fmt.media_type
    content = request.app.state.workspace.run_file(stored_id(run_id, "run"), column)
    if content is None:
        raise HTTPException(404, "no such run")
    disposition = "inline" if fmt.name == "html" else "attachment"
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'{disposition}; filename="run-{run_id}-{name}"'},
    )


# The case routes come last: their /{kind}/{key} pattern would also match /runs/1 and /jobs/<id>.
@router.get("/{kind}/{key}", response_class=HTMLResponse)
def case_page(request: Request, kind: str, key: str) -> HTMLResponse:
    """A case: settings, options, parameters with sources, the editing and run forms, its problems."""
    if kind not in ("cases", "workspace"):
        raise HTTPException(404)
    ref, text = _case_text(request, kind, key)
    stored = request.app.state.workspace.case(int(key)) if kind == "workspace" else None
    declared = bool(stored and stored.get("declaration_yaml"))
    return _case_page(request, kind, key, ref, parse_text(text), declared=declared)


@router.get("/{kind}/{key}/case.yaml")
def case_yaml(request: Request, kind: str, key: str) -> Response:
    """Download the case's YAML text."""
    if kind not in ("cases", "workspace"):
        raise HTTPException(404)
    _, text = _case_text(request, kind, key)
    name = key if kind == "cases" else f"workspace-{key}"
    return Response(
        text, media_type="application/yaml", headers={"Content-Disposition": f'attachment; filename="{name}.yaml"'}
    )


@router.post("/{kind}/{key}/save")
async def save_case(request: Request, kind: str, key: str) -> Response:
    """Save edited parameter values: into the workspace case, or a new workspace copy of a shipped case."""
    if kind not in ("cases", "workspace"):
        raise HTTPException(404)
    form = await request.form()
    _check_csrf(request, str(form.get("csrf_token", "")))
    _, text = _case_text(request, kind, key)
    values = {k.removeprefix("param:"): str(v) for k, v in form.items() if k.startswith("param:")}
    edited = with_parameter_values(text, values)
    source = parse_text(edited)
    store = request.app.state.workspace
    if kind == "workspace":
        store.update_case(int(key), source.title, edited)
        case_id = int(key)
    else:
        case_id = store.add_case(source.title, edited)
    return RedirectResponse(f"/workspace/{case_id}", status_code=303)


def _int_or_none(value: Any, name: str, problems: list[Problem]) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        problems.append(Problem(name, f"{text!r} is not a whole number", "a whole number", "whole-number"))
        return None


@router.post("/{kind}/{key}/run")
async def run_case_form(request: Request, kind: str, key: str) -> Response:
    """Start a run of the case in the worker pool and go to its progress page."""
    if kind not in ("cases", "workspace"):
        raise HTTPException(404)
    form = await request.form()
    _check_csrf(request, str(form.get("csrf_token", "")))
    ref, text = _case_text(request, kind, key)
    problems: list[Problem] = []
    run = RunRequest(
        case_ref=ref,
        text=text,
        samples=_int_or_none(form.get("samples"), "samples", problems),
        seed=_int_or_none(form.get("seed"), "seed", problems),
        country=str(form.get("country") or "").strip() or None,
        sobol=form.get("sobol") == "on",
        lang=str(form.get("lang") or "en"),
        method=str(form.get("method") or "").strip() or None,
    )
    problems += run.problems()
    if problems:
        source = parse_text(text)
        source.problems = problems + source.problems
        chosen = run.method if run.method in known_methods() else None
        return _case_page(request, kind, key, ref, source, 422, chosen_method=chosen)
    job, _ = request.app.state.runner.submit(run)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
