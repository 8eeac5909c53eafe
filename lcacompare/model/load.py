"""Read a case file safely and turn every problem into a :class:`~lcacompare.errors.Problem`.

YAML is read with a safe loader that also refuses duplicate keys and object-constructing tags;
line numbers are kept so messages can point at the line. Pydantic errors are rewritten for people:
the field path, what was wrong, and what was expected.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from lcacompare.errors import CaseError, Problem, format_path
from lcacompare.model.case import Case

__all__ = ["load_case", "parse_case", "read_yaml", "MAX_CASE_BYTES"]

MAX_CASE_BYTES = 2_000_000
_MAX_DEPTH = 40
_RULE_PREFIX = re.compile(r"^(?:Value error, )?([a-z][a-z0-9-]+): (.*)$", re.S)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be plain text", key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line_index(root: yaml.Node) -> dict[tuple[str | int, ...], int]:
    """Map field paths to 1-based line numbers, walking the node tree without recursion."""
    lines: dict[tuple[str | int, ...], int] = {}
    stack: list[tuple[tuple[str | int, ...], yaml.Node, int]] = [((), root, 0)]
    while stack:
        path, node, depth = stack.pop()
        lines[path] = node.start_mark.line + 1
        if depth > _MAX_DEPTH:
            raise CaseError(
                None,
                [Problem(format_path(path), f"nesting deeper than {_MAX_DEPTH} levels", "a flat case file", "yaml")],
            )
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append(((*path, str(key_node.value)), value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                stack.append(((*path, i), item, depth + 1))
    return lines


def read_yaml(path: str | Path) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    """Read a YAML file safely.

    Parameters
    ----------
    path : str or Path
        The file to read.

    Returns
    -------
    data, lines
        The parsed document and a map from field path to line number.

    Raises
    ------
    CaseError
        If the file is missing, not a file, too large, not UTF-8, empty or not valid YAML.
    """
    file = Path(path)

    def fail(message: str, hint: str, line: int | None = None) -> CaseError:
        return CaseError(file, [Problem("<root>", message, hint, "file", line)])

    if not file.exists():
        raise fail("file not found", "the path of an existing case file (.yaml)")
    if not file.is_file():
        raise fail("is a directory, not a file", "the path of a case file (.yaml)")
    size = file.stat().st_size
    if size > MAX_CASE_BYTES:
        raise fail(f"file is {size} bytes, over the limit of {MAX_CASE_BYTES}", "a case file under 2 MB")
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (byte {exc.start})", "a UTF-8 encoded YAML file") from None
    if not text.strip():
        raise fail("the file is empty", "a case with id, title, method, functional_unit, context and options")
    try:
        loader = _StrictLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise fail("the file holds no YAML document", "a YAML mapping")
            lines = _line_index(root)
            data = loader.construct_document(root)
        finally:
            loader.dispose()
    except CaseError as exc:
        exc.file = file
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = (exc.problem or str(exc)).strip()
        if "could not determine a constructor" in message:
            message = "YAML tags that construct objects are not allowed (" + message + ")"
        raise fail(f"invalid YAML: {message}", "plain YAML: mappings, lists, text and numbers", line) from None
    except yaml.YAMLError as exc:
        raise fail(f"invalid YAML: {exc}", "plain YAML") from None
    except RecursionError:
        raise fail("nesting too deep", "a flat case file") from None
    if not isinstance(data, dict):
        raise fail(
            f"the document is a {type(data).__name__}, not a mapping", "a mapping with id, title, options ...", 1
        )
    return data, lines


def _problem_from_pydantic(error: dict[str, Any], lines: dict[tuple[str | int, ...], int]) -> Problem:
    loc = tuple(error["loc"])
    # Drop union-branch tags pydantic adds (``str``, ``ActivityRef``, ``int``...).
    clean = tuple(
        part
        for part in loc
        if not (isinstance(part, str) and (part[:1].isupper() or part in {"str", "int", "float", "bool"}))
    )
    message = error["msg"]
    rule = error["type"]
    match = _RULE_PREFIX.match(message)
    if match and error["type"] == "value_error":
        rule, message = match.group(1), match.group(2)
    hint = ""
    kind = error["type"]
    if kind == "extra_forbidden":
        message = f"unknown key {clean[-1]!r}" if clean else "unknown key"
        hint = "only the keys of the case format (see docs/case-format.md)"
        rule = "unknown-key"
    elif kind == "missing":
        message = "required field is missing"
        hint = f"a value for {clean[-1]!r}" if clean else "a value"
        rule = "missing"
    elif kind == "literal_error":
        hint = str(error.get("ctx", {}).get("expected", ""))
        message = f"{error.get('input')!r} is not allowed"
    elif error.get("ctx"):
        hint = ", ".join(f"{k} {v}" for k, v in error["ctx"].items() if k != "error")
    line = None
    for depth in range(len(clean), -1, -1):
        if clean[:depth] in lines:
            line = lines[clean[:depth]]
            break
    return Problem(format_path(clean), message, hint, rule, line)


def parse_case(data: Any, file: str | Path | None = None, lines: dict | None = None) -> Case:
    """Validate already-parsed case data.

    Parameters
    ----------
    data : Any
        The parsed YAML document.
    file : str or Path, optional
        Where it came from, for messages.
    lines : dict, optional
        Field path to line number map from :func:`read_yaml`.

    Returns
    -------
    Case
        The validated case (shape and types only; see :func:`lcacompare.validate.check_case`).

    Raises
    ------
    CaseError
        Listing every problem pydantic found.
    """
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems = [_problem_from_pydantic(err, lines or {}) for err in exc.errors()]
        raise CaseError(file, problems) from None
    case._path = Path(file) if file else None
    case._lines = dict(lines or {})
    return case


def load_case(path: str | Path) -> Case:
    """Read and validate the shape of a case file.

    Parameters
    ----------
    path : str or Path
        A case YAML file.

    Returns
    -------
    Case
        The case; method rules, units and dataset references are checked by
        :func:`lcacompare.validate.check_case` (called by :func:`lcacompare.compare`).
    """
    data, lines = read_yaml(path)
    return parse_case(data, path, lines)
