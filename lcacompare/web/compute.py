"""Run a case for the web app: the analysis, its reports and the stored run, in a worker pool.

Compute happens in threads of a :class:`~concurrent.futures.ThreadPoolExecutor`, so the event
loop keeps answering pages; Brightway access inside goes through the locked session object
(:mod:`lcacompare.lca.session`). Each run's reports and charts are drawn once, right after the
analysis, and stored with the run, so viewing a result never redraws a chart.
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lcacompare.errors import CaseError, Problem
from lcacompare.report.formats import report_format
from lcacompare.web.cases import parse_text
from lcacompare.web.files import rendered_formats
from lcacompare.web.progress import progress_update
from lcacompare.web.workspace import Workspace

__all__ = ["RunRequest", "Job", "Runner", "MAX_SAMPLES", "RESULT_PAGES"]

RESULT_PAGES = {"run": "/runs/{id}", "award": "/awards/{id}", "portfolio": "/portfolio-runs/{id}"}
"""The page a finished job of each kind leads to, by the id of what it stored."""

MAX_SAMPLES = 200_000
"""Most paired samples a web request may ask for (the CLI allows more, for batch use)."""


@dataclass(frozen=True)
class RunRequest:
    """What to run: the case text and the settings of the run form."""

    case_ref: str
    text: str
    samples: int | None = None
    seed: int | None = None
    country: str | None = None
    sobol: bool = False
    lang: str = "en"
    method: str | None = None
    """A method version to apply instead of the case's stated one (an id of ``known_methods()``)."""

    def problems(self) -> list[Problem]:
        """Problems with the settings themselves (the case is checked by the loader)."""
        from lcacompare.method.rules import applied_method

        found = []
        if self.method is not None:
            try:
                applied_method(self.method, field="method")
            except CaseError as exc:  # rule method-unknown, listing the known versions
                found += exc.problems
        if self.samples is not None and (self.samples == 1 or not 0 <= self.samples <= MAX_SAMPLES):
            found.append(Problem("samples", f"{self.samples}", f"0 (none) or 2 to {MAX_SAMPLES}", "samples"))
        if self.seed is not None and self.seed < 0:
            found.append(Problem("seed", f"{self.seed}", "0 or more", "seed"))
        if self.sobol and self.samples == 0:
            found.append(Problem("sobol", "Sobol indices need samples", "samples 2 or more", "sobol"))
        return found


@dataclass
class Job:
    """A run in progress: what the progress bar and the job API show."""

    id: str
    case_ref: str
    status: str = "queued"
    message: str = "waiting for a worker"
    fraction: float = 0.0
    run_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    steps: int = 0
    kind: str = "run"
    """``run`` (a case), ``award`` (a tender) or ``portfolio``: see :data:`RESULT_PAGES`."""
    result_id: int | None = None
    """The id of what the job stored (a run, an award or a portfolio run)."""

    @property
    def location(self) -> str | None:
        """The page of the stored result once the job is done, else None."""
        if self.status != "done" or self.result_id is None:
            return None
        return RESULT_PAGES[self.kind].format(id=self.result_id)

    def to_dict(self) -> dict[str, Any]:
        """The job as JSON-ready data."""
        return {
            "id": self.id,
            "kind": self.kind,
            "case": self.case_ref,
            "status": self.status,
            "message": self.message,
            "fraction": round(self.fraction, 3),
            "run_id": self.run_id,
            "result_id": self.result_id,
            "location": self.location,
            "problems": [p.__dict__ for p in self.problems],
            "error": self.error,
        }


class Runner:
    """The worker pool and the jobs it runs, owned by one app.

    Parameters
    ----------
    workspace : Workspace
        Where finished runs are stored.
    workers : int
        Threads computing runs.
    home : Path, optional
        lcacompare's cache home (Brightway project, units).
    """

    def __init__(self, workspace: Workspace, workers: int = 2, home: Path | None = None) -> None:
        self.workspace = workspace
        self.home = home
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lcacompare-run")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def submit(self, request: RunRequest) -> tuple[Job, Future[Job]]:
        """Queue a run; returns its job and a future that resolves when it is stored or failed."""
        job = Job(uuid.uuid4().hex, request.case_ref)
        with self._lock:
            self._jobs[job.id] = job
        return job, self.pool.submit(self._run, job, request)

    def submit_task(self, kind: str, label: str, task: Callable[[Job], int]) -> tuple[Job, Future[Job]]:
        """Queue another kind of job (an award, a portfolio): ``task(job)`` stores its result, returns its id.

        Parameters
        ----------
        kind : str
            A key of :data:`RESULT_PAGES`.
        label : str
            What is computed (shown on the progress page).
        task : callable
            Runs in a worker thread; may set ``job.message`` and ``job.fraction`` as it goes.
        """
        if kind not in RESULT_PAGES:
            raise ValueError(f"no job kind {kind!r}")
        job = Job(uuid.uuid4().hex, label, kind=kind)
        with self._lock:
            self._jobs[job.id] = job
        return job, self.pool.submit(self._task, job, task)

    def _task(self, job: Job, task: Callable[[Job], int]) -> Job:
        job.status = "running"
        try:
            job.result_id = task(job)
            job.status, job.message, job.fraction = "done", "done", 1.0
        except CaseError as exc:
            job.status, job.problems, job.message = "invalid", list(exc.problems), "the input has problems"
        except Exception as exc:  # noqa: BLE001 - a failed job is shown on its page, the server goes on
            job.status, job.error, job.message = "failed", f"{type(exc).__name__}: {exc}", "failed"
        return job

    def job(self, job_id: str) -> Job | None:
        """A job by id, or None."""
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Stop accepting runs and wait for the running ones."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, job: Job, request: RunRequest) -> Job:
        job.status = "running"
        try:
            job.run_id = job.result_id = self._compute(job, request)
            job.status, job.message, job.fraction = "done", "done", 1.0
        except CaseError as exc:
            job.status, job.problems, job.message = "invalid", list(exc.problems), "the case has problems"
        except Exception as exc:  # noqa: BLE001 - a failed run is shown on its job page, the server goes on
            job.status, job.error, job.message = "failed", f"{type(exc).__name__}: {exc}", "failed"
        return job

    def _progress(self, job: Job, event: Any) -> None:
        job.message, job.fraction = progress_update(event, job.steps)
        job.steps += 1

    def _compute(self, job: Job, request: RunRequest) -> int:
        from lcacompare import __version__
        from lcacompare.report.html import render_report_page, report_context
        from lcacompare.report.json_result import render_json
        from lcacompare.report.render import render_reports
        from lcacompare.run import analyse

        if request.problems():
            raise CaseError("request", request.problems())
        source = parse_text(request.text, country=request.country)
        if source.problems:
            raise CaseError("case", source.problems)
        analysis = analyse(
            source.case,
            samples=request.samples,
            seed=request.seed,
            sobol=request.sobol,
            home=self.home,
            method=request.method,
            progress=lambda event: self._progress(job, event),
        )
        self._progress(job, "rendering reports")
        result = analysis.result
        # The stored report and the results page share one drawing of the charts per run.
        context = report_context(result, analysis.samples)
        html = report_format("html")
        files = render_reports(result, analysis.samples, [name for name in rendered_formats() if name != html.name])
        files[html.file_name] = render_report_page(context).encode("utf-8")
        charts = {name: str(svg) for name, svg in context["charts"].items()}
        uncertainty = result.uncertainty
        record = {
            "case_ref": request.case_ref,
            "case_title": result.case.title,
            "inputs_sha256": hashlib.sha256(request.text.encode()).hexdigest(),
            "method_version": str(result.method),
            "datasets_sha256": str(result.datasets_sha256 or ""),
            "lcacompare_version": __version__,
            "seed": int(uncertainty.seed) if uncertainty is not None else int(request.seed or 0),
            "samples": int(uncertainty.samples) if uncertainty is not None else 0,
            "country": str(result.case.country or ""),
            "sobol": request.sobol,
        }
        return self.workspace.add_run(
            record,
            render_json(result),
            files[report_format("html").file_name],
            files[report_format("xlsx").file_name],
            json.dumps(charts),
        )
