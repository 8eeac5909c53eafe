"""Tender awards for the web app: the shipped tenders by name, an award run and its stored files.

A tender is only ever looked up by name among the shipped ones (package data), never by a path
from a request. The award is :func:`lcacompare.tender.award`, the same call as
``lcacompare award <tender>``; its files are named by :data:`lcacompare.tender.output.AWARD_FILES`.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lcacompare.web.workspace import Workspace

if TYPE_CHECKING:
    from concurrent.futures import Future

    from lcacompare.web.compute import Job, Runner

__all__ = ["shipped_tenders", "award_column", "run_award", "submit_award"]


@cache
def shipped_tenders() -> tuple[tuple[str, str], ...]:
    """``(name, title)`` of every shipped tender, sorted by name (read once per process)."""
    from lcacompare.tender import load_tender

    folder = files("lcacompare.data").joinpath("tenders")
    names = sorted(e.name.removesuffix(".yaml") for e in folder.iterdir() if e.name.endswith(".yaml"))
    return tuple((name, load_tender(name).title) for name in names)


def award_column(file_name: str) -> str | None:
    """The workspace column of an award file name (``award.html`` ...), else None.

    Examples
    --------
    >>> award_column("award.html")
    'award_html'
    >>> award_column("../award.html") is None
    True
    """
    from lcacompare.tender.output import AWARD_FILES

    for kind, name in AWARD_FILES.items():
        if name == file_name:
            return f"award_{kind}"
    return None


def run_award(workspace: Workspace, tender: str, lang: str = "en", home: Path | None = None) -> int:
    """Award a shipped tender, store the award and its files, and return the award's id.

    Parameters
    ----------
    workspace : Workspace
        Where the award is stored.
    tender : str
        Name of a shipped tender (see :func:`shipped_tenders`).
    lang : {"en", "nl"}
        Language of the award report.
    home : Path, optional
        lcacompare's cache home.

    Raises
    ------
    KeyError
        If ``tender`` is not a shipped tender.
    """
    from lcacompare import __version__
    from lcacompare.i18n import check_language
    from lcacompare.tender import award, load_tender
    from lcacompare.tender.output import AWARD_FILES, award_files

    if tender not in dict(shipped_tenders()):
        raise KeyError(tender)
    language = check_language(lang)
    result = award(load_tender(tender), lang=language, home=home)
    rendered = award_files(result, language)
    stored: dict[str, Any] = {f"award_{kind}": rendered[name] for kind, name in AWARD_FILES.items()}
    stored["award_json"] = stored["award_json"].decode("utf-8")
    return workspace.add_award(
        {"tender": tender, "title": result.title, "lang": language, "lcacompare_version": __version__}, stored
    )


def submit_award(runner: Runner, workspace: Workspace, tender: str, lang: str) -> tuple[Job, Future[Job]]:
    """Queue the award of a shipped tender as a job of kind ``award`` (its result is the award id).

    Raises
    ------
    KeyError
        If ``tender`` is not a shipped tender (checked before anything is queued).
    """
    if tender not in dict(shipped_tenders()):
        raise KeyError(tender)

    def task(job: Job) -> int:
        job.message, job.fraction = "scoring and ranking the bids", 0.1
        return run_award(workspace, tender, lang, runner.home)

    return runner.submit_task("award", f"tender:{tender}", task)
