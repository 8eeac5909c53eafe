"""Import a filled request workbook: read, build the case, validate, write atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from lcacompare.exchange.answers import SupplierAnswers
from lcacompare.exchange.read import read_answers
from lcacompare.exchange.to_case import ImportOptions, build_case

__all__ = ["ImportResult", "import_workbook", "declaration_path", "load_declaration", "write_import"]


@dataclass(frozen=True)
class ImportResult:
    """An imported workbook: the case text, the validated case and the supplier's declaration."""

    case_yaml: str
    case: object
    answers: SupplierAnswers

    @property
    def declaration_yaml(self) -> str:
        """The declaration (supplier, claims, substances, declared footprint) as YAML."""
        return _dump(self.answers.model_dump(mode="json", exclude={"lines", "costs"}))


def _dump(data: object) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)


def import_workbook(
    path: str | Path, *, expected_digest: str | None = None, options: ImportOptions | None = None
) -> ImportResult:
    """Read a filled request workbook into a validated case.

    Parameters
    ----------
    path : str or Path
        The filled .xlsx.
    expected_digest : str, optional
        Refuse a workbook that answers another request.
    options : ImportOptions, optional
        The unverified-data penalty (off by default).

    Returns
    -------
    ImportResult

    Raises
    ------
    CaseError
        Every problem of the workbook, by sheet and cell; or, once the workbook reads cleanly,
        every problem of the resulting case (method rules, units, references).
    """
    from lcacompare.exchange.engine_inputs import check_compiles
    from lcacompare.model import parse_case

    request, answers = read_answers(path, expected_digest=expected_digest)
    data = build_case(request.case_text, answers, options)
    header = (
        f"# Case {request.case_id} with option {request.option_id} as declared by {answers.supplier.company}\n"
        f"# imported by lcacompare from {Path(path).name} (request {request.digest[:16]})\n"
    )
    text = header + _dump(data)
    case = parse_case(yaml.safe_load(text), file=Path(path).name)
    check_compiles(case)
    return ImportResult(case_yaml=text, case=case, answers=answers)


def declaration_path(case_path: str | Path) -> Path:
    """Where the declaration of an imported case is kept: ``case.yaml`` -> ``case.supplier.yaml``."""
    path = Path(case_path)
    return path.with_name(path.stem + ".supplier.yaml")


def write_import(result: ImportResult, output: str | Path) -> list[Path]:
    """Write the case and its declaration next to it, both or neither."""
    from lcacompare.report.writer import write_atomically

    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    return write_atomically(
        folder,
        {output.name: result.case_yaml.encode(), declaration_path(output).name: result.declaration_yaml.encode()},
    )


def load_declaration(path: str | Path) -> SupplierAnswers:
    """Read a declaration written by :func:`write_import`."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return SupplierAnswers.model_validate(data)
