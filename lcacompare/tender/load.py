"""Read a tender file with the case reader's strict YAML loader and turn problems into messages.

Shape errors come from pydantic, rewritten as the case loader rewrites them; rules spanning
several fields from :mod:`lcacompare.tender.checks`. Either way a :class:`~lcacompare.errors.CaseError`
lists every problem with file, line and field, and the command line exits 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lcacompare.errors import CaseError
from lcacompare.model.load import _control_problems, _merge_type_problems, _problem_from_pydantic, read_yaml
from lcacompare.tender.checks import tender_problems
from lcacompare.tender.tender import Tender

__all__ = ["load_tender", "parse_tender", "tender_file", "shipped_tender_names"]


def parse_tender(data: Any, file: str | Path | None = None, lines: dict | None = None) -> Tender:
    """Validate already-parsed tender data.

    Parameters
    ----------
    data : Any
        The parsed YAML document.
    file : str or Path, optional
        Where it came from, for messages.
    lines : dict, optional
        Field path to line number map from :func:`lcacompare.model.load.read_yaml`.

    Returns
    -------
    Tender

    Raises
    ------
    CaseError
        Listing control characters in text, shape problems, or cross-field problems.
    """
    lines = lines or {}
    controls = _control_problems(data, lines)
    if controls:
        raise CaseError(file, controls)
    try:
        tender = Tender.model_validate(data)
    except ValidationError as exc:
        problems = _merge_type_problems(
            [(_problem_from_pydantic(err, lines, data), err) for err in exc.errors(include_url=False)]
        )
        raise CaseError(file, problems) from None
    tender._path = Path(file) if file else None
    tender._lines = dict(lines)
    problems = tender_problems(tender)
    if problems:
        raise CaseError(file, problems)
    return tender


def shipped_tender_names() -> list[str]:
    """Names of the example tenders shipped in the package.

    Returns
    -------
    list of str
    """
    folder = files("lcacompare.data").joinpath("tenders")
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


@contextmanager
def tender_file(name: str | Path) -> Iterator[Path]:
    """The file of a tender: a path, or else the name of a shipped example tender."""
    path = Path(name)
    resource = files("lcacompare.data").joinpath("tenders", f"{name}.yaml")
    if not path.exists() and not path.suffix and resource.is_file():
        with as_file(resource) as shipped:
            yield shipped
            return
    yield path


def load_tender(path: str | Path) -> Tender:
    """Read and validate a tender file (a path or a shipped tender name).

    Parameters
    ----------
    path : str or Path
        A ``tender.yaml`` file, or ``kocher-clamp-tender``.

    Returns
    -------
    Tender
        Bids' case references are resolved by :func:`lcacompare.tender.engine_inputs.bid_figures`.
    """
    with tender_file(path) as file:
        data, lines = read_yaml(file)
        return parse_tender(data, file, lines)
