"""Cases as the web app sees them: shipped ones by name, workspace ones by id, uploads as text.

No file-system path ever comes from a request: a shipped case is looked up among
:func:`lcacompare.data.shipped_case_names`, and uploaded or edited YAML is written by this module
to a temporary file of its own naming before the strict loader reads it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from lcacompare.errors import CaseError, Problem

__all__ = [
    "CaseSource",
    "MAX_UPLOAD_BYTES",
    "shipped_names",
    "shipped_titles",
    "shipped_text",
    "check_upload",
    "parse_text",
    "with_parameter_values",
]

MAX_UPLOAD_BYTES = 2_000_000
"""Largest case file accepted from a form or the API (the loader's own limit)."""


@dataclass
class CaseSource:
    """A case's YAML text, the data parsed from it and every problem found (empty when valid)."""

    text: str
    data: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)
    case: Any = None
    """The validated :class:`~lcacompare.model.case.Case` when there are no problems."""

    @property
    def title(self) -> str:
        """The case's title, or a placeholder when it has none."""
        return str((self.data or {}).get("title") or "(untitled case)")

    def problems_at(self, prefix: str) -> list[Problem]:
        """Problems of the field ``prefix`` or of fields inside it."""
        return [p for p in self.problems if p.field == prefix or p.field.startswith((prefix + ".", prefix + "["))]


def shipped_names() -> list[str]:
    """The names of the shipped cases."""
    from lcacompare.data import shipped_case_names

    return list(shipped_case_names())


@cache
def shipped_titles() -> tuple[tuple[str, str], ...]:
    """``(name, title)`` of every shipped case (package data: read once per process)."""
    return tuple((name, parse_text(shipped_text(name) or "", compile_it=False).title) for name in shipped_names())


def shipped_text(name: str) -> str | None:
    """The YAML text of a shipped case, or None if ``name`` is not one of them."""
    from lcacompare.data import shipped_case

    if name not in shipped_names():
        return None
    with shipped_case(name) as path:
        return path.read_text(encoding="utf-8") if path is not None else None


def check_upload(raw: bytes) -> str:
    """The text of an uploaded case file after the size and content checks.

    Raises
    ------
    CaseError
        When it is too large, not UTF-8 text or holds NUL bytes.
    """
    if len(raw) > MAX_UPLOAD_BYTES:
        raise CaseError(
            "upload", [Problem("file", f"{len(raw)} bytes, over {MAX_UPLOAD_BYTES}", "a smaller case file", "file")]
        )
    if b"\x00" in raw:
        raise CaseError("upload", [Problem("file", "binary content (NUL bytes)", "a YAML text file", "file")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseError("upload", [Problem("file", "not UTF-8 text", "a UTF-8 encoded YAML file", "file")]) from None


def parse_text(text: str, *, country: str | None = None, compile_it: bool = True) -> CaseSource:
    """Read and validate case YAML text as ``lcacompare validate`` does.

    Parameters
    ----------
    text : str
        The YAML text.
    country : str, optional
        Run the case for another country (a geography of the datasets).
    compile_it : bool
        Also check units, method rules and dataset references (the compiler).

    Returns
    -------
    CaseSource
        With ``problems`` listing everything wrong (the same problems the CLI prints).
    """
    from lcacompare.model.load import parse_case, read_yaml

    with tempfile.TemporaryDirectory(prefix="lcacompare-web-") as folder:
        path = Path(folder) / "case.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            data, lines = read_yaml(path)
        except CaseError as exc:
            return CaseSource(text, None, list(exc.problems))
        try:
            case = parse_case(data, "case.yaml", lines)
            if country:
                _set_country(case, country)
            if compile_it:
                from lcacompare.compile.cross_checks import validate_case
                from lcacompare.datasets import load_datasets

                validate_case(case, load_datasets())
        except CaseError as exc:
            return CaseSource(text, data, list(exc.problems))
    return CaseSource(text, data, [], case)


def _set_country(case: Any, country: str) -> None:
    from lcacompare.datasets import load_datasets

    code = country.strip().upper()
    known = load_datasets().geographies()
    if code not in known:
        raise CaseError(
            "request", [Problem("country", f"no dataset rows for {code!r}", ", ".join(known), "unknown-geography")]
        )
    case.context.country = code


def with_parameter_values(text: str, values: dict[str, str]) -> str:
    """The case text with some parameters' ``value`` replaced (key figures edited on the case page).

    Parameters
    ----------
    text : str
        The case's YAML text.
    values : dict of str to str
        Parameter name to its new value as written in YAML (``"70 g"``, ``"1.4"``).

    Returns
    -------
    str
        New YAML text (comments are not kept); unknown names are ignored.
    """
    data = yaml.safe_load(text)
    parameters = data.get("parameters") or {}
    for name, value in values.items():
        if name in parameters and value.strip():
            number = _number(value)
            entry = parameters[name]
            if isinstance(entry, dict):
                entry["value"] = number
            else:
                parameters[name] = number
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _number(text: str) -> Any:
    """A plain number as a number (YAML would read it so), anything else as text."""
    value = text.strip()
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value
