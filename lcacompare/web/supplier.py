"""Supplier workbooks for the web app: the request of a case, the import of a filled one, the check.

The same calls as the command line: :func:`lcacompare.exchange.request.build_request`
(``lcacompare request``), :func:`lcacompare.exchange.importer.import_workbook`
(``lcacompare import --request``: the workbook must answer a request made from this very case)
and :func:`lcacompare.exchange.check.check_supplier_data` (``lcacompare check-declared``). An
uploaded workbook passes :func:`lcacompare.web.uploads.check_workbook_upload` first and is then
written by this module to a temporary file of its own naming.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lcacompare.errors import Problem

__all__ = ["PlacedProblem", "placed", "request_workbook", "import_upload", "supplier_check"]

_WHERE = re.compile(r"^sheet (?P<sheet>.+?)(?:, cell (?P<cell>[A-Z]+[0-9]+))?$")


@dataclass(frozen=True)
class PlacedProblem:
    """A problem of an imported workbook with its sheet and cell (empty for problems of the case)."""

    sheet: str
    cell: str
    problem: Problem


def placed(problems: list[Problem]) -> list[PlacedProblem]:
    """The problems with the sheet and cell read from their field (``sheet Transport, cell D5``).

    Examples
    --------
    >>> [(p.sheet, p.cell) for p in placed([Problem("sheet Transport, cell D5", "x"), Problem("options[0]", "y")])]
    [('Transport', 'D5'), ('', '')]
    """
    out = []
    for problem in problems:
        match = _WHERE.match(problem.field)
        sheet, cell = (match["sheet"], match["cell"] or "") if match else ("", "")
        out.append(PlacedProblem(sheet, cell, problem))
    return out


def request_workbook(text: str, case: Any, option_id: str, lang: str) -> bytes:
    """The request workbook of one option of a validated case, as ``lcacompare request`` writes it."""
    from lcacompare.exchange.request import build_request
    from lcacompare.i18n import check_language

    return build_request(text, case, option_id, lang=check_language(lang))


def import_upload(raw: bytes, case_text: str) -> Any:
    """Import an uploaded filled workbook answering a request made from ``case_text``.

    Returns
    -------
    ImportResult
        The new case's YAML text and the supplier's declaration.

    Raises
    ------
    CaseError
        The upload checks (size, a real .xlsx, no macros), then every problem of the workbook by
        sheet and cell, or of the case built from it.
    """
    from lcacompare.exchange.importer import import_workbook
    from lcacompare.exchange.read import open_workbook, read_request
    from lcacompare.exchange.template import template_digest
    from lcacompare.web.uploads import check_workbook_upload

    check_workbook_upload(raw)
    with tempfile.TemporaryDirectory(prefix="lcacompare-web-") as folder:
        path = Path(folder) / "filled.xlsx"
        path.write_bytes(raw)
        option_id = read_request(open_workbook(path, data_only=True), path.name).option_id
        return import_workbook(path, expected_digest=template_digest(case_text, option_id))


def supplier_check(case: Any, declaration_yaml: str, home: Path | None = None) -> Any:
    """Claims and declared versus computed of a case and its stored declaration (``check-declared``).

    Returns
    -------
    SupplierCheck or None
        None when the case has no declaration (it was not imported from a workbook).
    """
    import yaml

    from lcacompare.exchange.answers import SupplierAnswers
    from lcacompare.exchange.check import check_supplier_data

    if not declaration_yaml.strip():
        return None
    answers = SupplierAnswers.model_validate(yaml.safe_load(declaration_yaml))
    return check_supplier_data(case, declaration=answers, home=home)
