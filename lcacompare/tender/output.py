"""The award's files: ``award.json``, ``award.html`` and ``award.xlsx``, written all or none."""

from __future__ import annotations

import json
from pathlib import Path

from lcacompare.tender.result import AwardResult
from lcacompare.tender.text import Language

__all__ = ["AWARD_FILES", "award_json", "award_files", "write_award"]

AWARD_FILES = {"json": "award.json", "html": "award.html", "xlsx": "award.xlsx"}


def award_json(result: AwardResult) -> str:
    """The result as JSON (schema ``lcacompare.tender/1``), keys sorted, infinities as null."""
    data = json.loads(result.model_dump_json(by_alias=True))
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def award_files(result: AwardResult, lang: Language = "en") -> dict[str, bytes]:
    """Every award file rendered in memory, by file name."""
    from lcacompare.tender.html import render_html
    from lcacompare.tender.xlsx import render_xlsx

    return {
        AWARD_FILES["json"]: award_json(result).encode("utf-8"),
        AWARD_FILES["html"]: render_html(result, lang),
        AWARD_FILES["xlsx"]: render_xlsx(result),
    }


def write_award(result: AwardResult, folder: str | Path, lang: Language = "en") -> list[Path]:
    """Render the three files, then write them into ``folder`` all or none.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    OutputError
        If the folder cannot be written; no file is replaced then.
    """
    from lcacompare.report.writer import write_atomically

    return write_atomically(Path(folder), award_files(result, lang))
