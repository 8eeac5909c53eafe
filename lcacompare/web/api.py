"""The JSON API under ``/api/v1`` (its OpenAPI description is ``/api/v1/openapi.json``).

Result documents are returned as the exact text ``lcacompare run --format json`` prints for the
same case and seed, not re-serialised.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from lcacompare.method.spec import known_methods
from lcacompare.report.formats import report_format
from lcacompare.web.cases import MAX_UPLOAD_BYTES, parse_text, shipped_names, shipped_text
from lcacompare.web.compute import MAX_SAMPLES, RunRequest
from lcacompare.web.files import stored_file
from lcacompare.web.ids import stored_id

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"])


class CaseInput(BaseModel):
    """A case: a shipped one by ``case`` name, a workspace one by ``workspace_case`` id, or ``yaml`` text."""

    case: str | None = Field(default=None, description="Name of a shipped case, e.g. kocher-clamp.")
    workspace_case: int | None = Field(default=None, description="Id of a case stored in the workspace.")
    yaml: str | None = Field(default=None, max_length=MAX_UPLOAD_BYTES, description="Case file text (YAML).")


class RunInput(CaseInput):
    """A run: the case and the settings of ``lcacompare run``."""

    samples: int | None = Field(default=None, ge=0, le=MAX_SAMPLES, description="Paired Monte Carlo draws.")
    seed: int | None = Field(default=None, ge=0, description="Random seed (default: the method's).")
    country: str | None = Field(default=None, max_length=2, description="Run for another country (NL, BE).")
    sobol: bool = Field(default=False, description="Also compute Sobol indices.")
    method: str | None = Field(
        default=None,
        max_length=64,
        description="Apply this method version instead of the one the case states (as `lcacompare run --method`).",
        examples=known_methods(),
    )
    wait: bool = Field(default=True, description="Answer when the run is stored (else 202 with a job).")


def _problems(problems: list[Any]) -> list[dict[str, Any]]:
    return [p.__dict__ for p in problems]


def _resolve(request: Request, body: CaseInput) -> tuple[str, str]:
    """The reference and text of the case a body names (exactly one way)."""
    given = [x is not None for x in (body.case, body.workspace_case, body.yaml)]
    if sum(given) != 1:
        raise HTTPException(422, "give exactly one of case, workspace_case or yaml")
    if body.case is not None:
        text = shipped_text(body.case)
        if text is None:
            raise HTTPException(404, "no shipped case of that name")
        return f"shipped:{body.case}", text
    if body.workspace_case is not None:
        stored = request.app.state.workspace.case(body.workspace_case)
        if stored is None:
            raise HTTPException(404, "no workspace case with that id")
        return f"workspace:{body.workspace_case}", stored["yaml"]
    return "api", body.yaml or ""


@router.get("/cases")
def list_cases(request: Request) -> dict[str, Any]:
    """The shipped cases (by name) and the workspace cases (by id)."""
    return {"shipped": shipped_names(), "workspace": request.app.state.workspace.cases()}


@router.post("/cases", status_code=201)
def add_case(request: Request, body: CaseInput) -> dict[str, Any]:
    """Store case YAML text in the workspace; answers its id and its problems (stored even if invalid)."""
    if body.yaml is None:
        raise HTTPException(422, "give the case as yaml text")
    source = parse_text(body.yaml)
    if source.data is None:
        return JSONResponse({"id": None, "problems": _problems(source.problems)}, status_code=422)  # type: ignore[return-value]
    case_id = request.app.state.workspace.add_case(source.title, body.yaml)
    return {"id": case_id, "problems": _problems(source.problems)}


@router.post("/validate")
def validate(request: Request, body: CaseInput) -> dict[str, Any]:
    """Check a case as ``lcacompare validate`` does: every problem with its field, message and rule."""
    _, text = _resolve(request, body)
    source = parse_text(text)
    return {"valid": not source.problems, "problems": _problems(source.problems)}


@router.post("/runs")
async def run(request: Request, body: RunInput) -> Response:
    """Run a case in the worker pool: waits for the stored run (``wait``) or answers 202 with a job."""
    ref, text = _resolve(request, body)
    settings = RunRequest(ref, text, body.samples, body.seed, body.country, body.sobol, method=body.method)
    refused = settings.problems()
    if refused:  # e.g. rule method-unknown: refused before a job is queued, whether or not the caller waits
        return JSONResponse({"status": "invalid", "problems": _problems(refused)}, status_code=422)
    job, future = request.app.state.runner.submit(settings)
    if not body.wait:
        return JSONResponse(job.to_dict(), status_code=202, headers={"Location": f"/api/v1/jobs/{job.id}"})
    done = await asyncio.wrap_future(future)
    status = {"done": 201, "invalid": 422}.get(done.status, 500)
    payload = done.to_dict()
    if done.run_id is not None:
        payload["run"] = request.app.state.workspace.run(done.run_id).to_dict()
    return JSONResponse(payload, status_code=status)


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: str) -> dict[str, Any]:
    """A job's status, message and fraction done (what the progress bar polls)."""
    found = request.app.state.runner.job(job_id)
    if found is None:
        raise HTTPException(404, "no such job")
    return found.to_dict()


@router.get("/runs")
def list_runs(request: Request, limit: int = 50) -> list[dict[str, Any]]:
    """The latest runs with their provenance (inputs, method, datasets, version, seed)."""
    return [r.to_dict() for r in request.app.state.workspace.runs(max(1, min(limit, 500)))]


@router.get("/runs/{run_id}")
def run_record(request: Request, run_id: str) -> dict[str, Any]:
    """One run's provenance (404 for an unknown id, a non-number too)."""
    record = request.app.state.workspace.run(stored_id(run_id, "run"))
    if record is None:
        raise HTTPException(404, "no such run")
    return record.to_dict()


@router.get("/runs/{run_id}/{name}")
def run_file(request: Request, run_id: str, name: str) -> Response:
    """A run's result (``result``: the JSON text the CLI prints) or one of its stored report files."""
    found = stored_file(report_format("json").file_name if name == "result" else name)
    if found is None:
        raise HTTPException(404, "no such file: result or a stored report file")
    fmt, column = found
    media_type = fmt.media_type
    content = request.app.state.workspace.run_file(stored_id(run_id, "run"), column)
    if content is None:
        raise HTTPException(404, "no such run")
    return Response(content, media_type=media_type)


class AwardInput(BaseModel):
    """An award: a shipped tender by name and the language of its report and statement."""

    tender: str = Field(description="Name of a shipped tender, e.g. kocher-clamp-tender.")
    lang: str = Field(default="en", pattern="^(en|nl)$", description="Language of the award report: en or nl.")


@router.post("/awards", status_code=202)
def start_award(request: Request, body: AwardInput) -> JSONResponse:
    """Award a shipped tender as a job: answers 202 with the job (poll ``/api/v1/jobs/<id>``)."""
    from lcacompare.web.tenders import shipped_tenders, submit_award

    if body.tender not in dict(shipped_tenders()):
        raise HTTPException(404, "no shipped tender of that name")
    job, _ = submit_award(request.app.state.runner, request.app.state.workspace, body.tender, body.lang)
    return JSONResponse(job.to_dict(), status_code=202, headers={"Location": f"/api/v1/jobs/{job.id}"})


@router.get("/awards")
def list_awards(request: Request, limit: int = 50) -> list[dict[str, Any]]:
    """The latest awards (tender, title, language, lcacompare version, time)."""
    return list(request.app.state.workspace.awards(max(1, min(limit, 500))))


@router.get("/awards/{award_id}")
def award_record(request: Request, award_id: str) -> dict[str, Any]:
    """One award's record (404 for an unknown id, a non-number too)."""
    record = request.app.state.workspace.award(stored_id(award_id, "award"))
    if record is None:
        raise HTTPException(404, "no such award")
    return dict(record)


@router.get("/awards/{award_id}/result")
def award_result(request: Request, award_id: str) -> Response:
    """The award result: the exact award.json text ``lcacompare award <tender>`` writes."""
    content = request.app.state.workspace.award_file(stored_id(award_id, "award"), "award_json")
    if content is None:
        raise HTTPException(404, "no such award")
    return Response(content, media_type="application/json")
