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
from pydantic_core import ErrorDetails

from lcacompare.errors import CaseError, Problem, format_path
from lcacompare.method.catalogue import RULES, rule_of_pydantic_type
from lcacompare.model.case import Case

__all__ = ["load_case", "parse_case", "read_yaml", "MAX_CASE_BYTES"]

MAX_CASE_BYTES = 2_000_000
_MAX_DEPTH = 40
# Values in the document once YAML aliases are expanded: bounds the work of validating a
# "billion laughs" file, which is small on disk but huge in memory.
_MAX_VALUES = 500_000
# How pydantic's constraint context reads for a person.
_CONSTRAINTS = {
    "ge": ">= {}",
    "gt": "> {}",
    "le": "<= {}",
    "lt": "< {}",
    "min_length": "at least {} items",
    "max_length": "at most {} items",
    "pattern": "text matching {}",
}
_TYPE_NAMES = {"NoneType": "an empty value", "list": "a list", "dict": "a mapping", "str": "text", "bool": "true/false"}
_UNION_TAGS = {"str", "int", "float", "bool", "list", "dict", "none"}
# YAML 1.1 numbers that YAML 1.2 and people read differently: a leading zero makes PyYAML read
# ``0500`` as octal 320, and colons make ``8:20`` the sexagesimal (base 60) number 500.
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_OCTAL_INT = re.compile(r"[-+]?0[0-7_]+")
# C0 controls but tab and line feed, DEL and the C1 controls: they move the cursor, ring the
# bell or start terminal escape sequences, and are refused in spreadsheets.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _DepthLimitedComposer(yaml.composer.Composer):
    """PyYAML's composer, refusing nesting deeper than ``_MAX_DEPTH``.

    The depth is checked while composing, so a file of a million ``[`` stops after a few dozen
    levels instead of making the scanner and the (recursive) composer work through all of it.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Compose one node, refusing to go deeper than ``_MAX_DEPTH`` levels."""
        if self._depth >= _MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"nesting deeper than {_MAX_DEPTH} levels",
                self.peek_event().start_mark,  # type: ignore[attr-defined]
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


try:  # libyaml, when PyYAML was built with it: scanning and parsing in C, about 4x faster
    from yaml._yaml import CParser

    _EVENT_SOURCE: tuple[type, ...] = (CParser,)
except ImportError:  # pragma: no cover - PyYAML's wheels ship libyaml on the usual platforms
    _EVENT_SOURCE = (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser)


# The event source is chosen at import (libyaml or pure Python), which mypy cannot follow as a base.
class _StrictLoader(_DepthLimitedComposer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver, *_EVENT_SOURCE):  # type: ignore[misc]
    """Safe loader that refuses duplicate mapping keys and nesting deeper than ``_MAX_DEPTH``.

    Events come from libyaml's parser when PyYAML has it, otherwise from PyYAML's pure-Python
    reader, scanner and parser; nodes are composed in Python either way, so the depth check and
    the line marks are the same.
    """

    def __init__(self, stream: str) -> None:
        if len(_EVENT_SOURCE) == 1:
            _EVENT_SOURCE[0].__init__(self, stream)  # type: ignore[misc]
        else:  # pragma: no cover
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
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


FieldPath = tuple[str | int, ...]
Marks = dict[tuple[int, int], FieldPath]


def _ambiguous_number(path: FieldPath, node: yaml.Node) -> Problem | None:
    """Rule yaml-number: a plain octal (``0500``) or sexagesimal (``8:20``) number is refused.

    YAML 1.1, which PyYAML implements, reads them as 320 and 500; YAML 1.2 and most people read
    ``0500`` as 500 and ``8:20`` as text. Refusing is safer than guessing which was meant.
    """
    if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT_TAG, _FLOAT_TAG):
        return None
    text = str(node.value)
    if ":" not in text and not (node.tag == _INT_TAG and _OCTAL_INT.fullmatch(text)):
        return None
    construct = yaml.constructor.SafeConstructor()
    read = construct.construct_yaml_int(node) if node.tag == _INT_TAG else construct.construct_yaml_float(node)
    if ":" in text:
        message = f"{text} is a YAML 1.1 sexagesimal (base 60) number, read as {read:g}"
        hint = "a decimal number, or text in quotes"
    else:
        message = f"{text} has a leading zero, so YAML 1.1 reads it as the octal number {read}"
        hint = "the number without leading zeros"
    return Problem(format_path(path), message, hint, "yaml-number", node.start_mark.line + 1)


def _line_index(root: yaml.Node, marks: Marks, problems: list[Problem]) -> dict[FieldPath, int]:
    """Map field paths to 1-based line numbers, walking the node tree without recursion.

    ``marks`` is filled with the field path of every key and value by its (line, column), so a
    YAML error raised later at such a position can name the field. Octal and sexagesimal
    numbers (:func:`_ambiguous_number`) are added to ``problems``.
    """
    lines: dict[FieldPath, int] = {}
    stack: list[tuple[FieldPath, yaml.Node]] = [((), root)]
    visited = 0
    while stack:
        path, node = stack.pop()
        lines[path] = node.start_mark.line + 1
        marks.setdefault((node.start_mark.line, node.start_mark.column), path)
        visited += 1
        ambiguous = _ambiguous_number(path, node)
        if ambiguous is not None:
            problems.append(ambiguous)
        if visited > _MAX_VALUES:
            raise CaseError(
                None,
                [
                    Problem(
                        "<root>",
                        f"the document holds more than {_MAX_VALUES} values once YAML aliases (*name) are expanded",
                        "a case file without nested aliases",
                        "yaml",
                        node.start_mark.line + 1,
                    )
                ],
            )
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                # A key that is not text is refused when the document is built; name its mapping.
                plain = isinstance(key_node, yaml.ScalarNode)
                child = (*path, str(key_node.value)) if plain else (*path, "?")
                marks.setdefault((key_node.start_mark.line, key_node.start_mark.column), child if plain else path)
                stack.append((child, value_node))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                stack.append(((*path, i), item))
    return lines


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column of ``text`` ('' outside it)."""
    lines = text.split("\n")
    return lines[line][column : column + 1] if 0 <= line < len(lines) else ""


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

    def fail(message: str, hint: str, line: int | None = None, where: str = "<root>") -> CaseError:
        return CaseError(file, [Problem(where, message, hint, "file", line)])

    if not file.exists():
        raise fail("file not found", "the path of an existing case file (.yaml)")
    if not file.is_file():
        raise fail("is a directory, not a file", "the path of a case file (.yaml)")
    size = file.stat().st_size
    if size > MAX_CASE_BYTES:
        raise fail(f"file is {size} bytes, over the limit of {MAX_CASE_BYTES}", "a case file under 2 MB")
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise fail(f"cannot be read ({exc.strerror or exc})", "a case file you are allowed to read") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (byte {exc.start})", "a UTF-8 encoded YAML file") from None
    if not text.strip():
        raise fail("the file is empty", "a case with id, title, method, functional_unit, context and options")
    lines: dict[FieldPath, int] = {}
    marks: Marks = {}
    try:
        loader = _StrictLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise fail("the file holds no YAML document", "a YAML mapping")
            numbers: list[Problem] = []
            lines = _line_index(root, marks, numbers)
            if numbers:
                raise CaseError(file, sorted(numbers, key=lambda p: p.line or 0))
            data = loader.construct_document(root)
        finally:
            loader.dispose()
    except CaseError as exc:
        exc.file = file
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # libyaml counts a line after a last line that has no line break: keep to the file's lines.
        line = min(mark.line + 1, text.count("\n") + 1) if mark else None
        message = (exc.problem or str(exc)).strip()
        if "cannot start any token" in message and mark and _char_at(text, mark.line, mark.column) == "\t":
            message = "a tab character where YAML expects indentation or a value (indent with spaces)"
        elif "could not determine a constructor" in message:
            message = "YAML tags that construct objects are not allowed (" + message + ")"
        elif "nesting depth" in message:
            # libyaml (PyYAML 6.0.4 and newer) stops deep nesting in its parser, before our composer sees it.
            message = f"nesting deeper than {_MAX_DEPTH} levels"
        elif "found another document" in message:
            message = "the file holds more than one YAML document (a line '---' starts another)"
        raise fail(
            f"invalid YAML: {message}",
            "plain YAML: mappings, lists, text and numbers",
            line,
            format_path(marks[(mark.line, mark.column)]) if mark and (mark.line, mark.column) in marks else "<root>",
        ) from None
    except yaml.YAMLError as exc:
        raise fail(f"invalid YAML: {exc}", "plain YAML") from None
    except RecursionError:
        raise fail("nesting too deep", "a flat case file") from None
    if not isinstance(data, dict):
        raise fail(
            f"the document is a {type(data).__name__}, not a mapping", "a mapping with id, title, options ...", 1
        )
    return data, lines


def _clean_loc(loc: tuple[str | int, ...], data: Any) -> tuple[tuple[str | int, ...], bool]:
    """Drop the union-branch tags pydantic puts in locations, keeping the document's own keys.

    Returns the cleaned location and whether the error is about a mapping key (``[key]``).
    """
    clean: list[str | int] = []
    node = data
    about_key = False
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            clean.append(part)
            node = node[part]
        elif part == "[key]":
            about_key = True
        elif isinstance(part, str) and (part[:1].isupper() or part in _UNION_TAGS or any(c in part for c in "-[(,")):
            continue  # a union branch (``str``, ``ActivityRef``, ``constrained-str`` ...)
        else:
            clean.append(part)
            node = None
    return tuple(clean), about_key


def _problem_from_pydantic(error: ErrorDetails, lines: dict[tuple[str | int, ...], int], data: Any) -> Problem:
    """One problem from one pydantic error; its rule is read from the error's type, never its text."""
    clean, about_key = _clean_loc(tuple(error["loc"]), data)
    message = error["msg"]
    hint = ""
    kind = error["type"]
    rule = rule_of_pydantic_type(kind)
    if kind == "extra_forbidden":
        message = f"unknown key {clean[-1]!r}" if clean else "unknown key"
        hint = "only the keys of the case format (see docs/case-format.md)"
    elif kind == "missing":
        message = "required field is missing"
        hint = f"a value for {clean[-1]!r}" if clean else "a value"
    elif kind == "literal_error":
        hint = str(error.get("ctx", {}).get("expected", ""))
        message = f"{error.get('input')!r} is not allowed"
    elif error.get("ctx") and kind not in RULES:  # a case-model rule's context fills its message, not a hint
        hint = ", ".join(_CONSTRAINTS[k].format(v) for k, v in error["ctx"].items() if k in _CONSTRAINTS)
    if about_key:
        message = f"the name {clean[-1]!r} is not allowed: {message}" if clean else message
    line = None
    for depth in range(len(clean), -1, -1):
        if clean[:depth] in lines:
            line = lines[clean[:depth]]
            break
    return Problem(format_path(clean), message, hint, rule, line)


def _merge_type_problems(found: list[tuple[Problem, ErrorDetails]]) -> list[Problem]:
    """One problem per field for a value that matches no branch of a union (text or number ...)."""
    type_errors: dict[str, list[tuple[Problem, ErrorDetails]]] = {}
    for problem, error in found:
        if error["type"].endswith(("_type", "_parsing")):
            type_errors.setdefault(problem.field, []).append((problem, error))
    merged: list[Problem] = []
    done: set[str] = set()
    for problem, error in found:
        group = type_errors.get(problem.field, [])
        if len(group) < 2:
            merged.append(problem)
            continue
        if problem.field in done:
            continue
        done.add(problem.field)
        wanted = dict.fromkeys(e["msg"].removeprefix("Input should be ") for _, e in group)
        value = error.get("input")
        merged.append(
            Problem(
                problem.field,
                f"{_TYPE_NAMES.get(type(value).__name__, 'a ' + type(value).__name__)} is not allowed here",
                " or ".join(wanted),
                "type",
                problem.line,
            )
        )
    return merged


def _control_character(text: str) -> str | None:
    """``U+001B`` for the first control character in ``text`` (tab and line feed allowed), else None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def _control_problems(data: Any, lines: dict[FieldPath, int]) -> list[Problem]:
    """Rule control-character: no text of the case (value or key) holds a control character.

    Walks the parsed document without recursion. A key is reported at its mapping, the text
    itself only with its escapes (``repr``), so nothing of it reaches a terminal raw.
    """
    problems: list[Problem] = []
    hint = "plain text; tab and line breaks are allowed, other control characters are not"

    def line_of(path: FieldPath) -> int | None:
        for depth in range(len(path), -1, -1):
            if path[:depth] in lines:
                return lines[path[:depth]]
        return None

    stack: list[tuple[FieldPath, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            code = _control_character(node)
            if code is not None:
                problems.append(
                    Problem(
                        format_path(path), f"control character {code} in text", hint, "control-character", line_of(path)
                    )
                )
        elif isinstance(node, dict):
            for key, value in node.items():
                code = _control_character(key) if isinstance(key, str) else None
                if code is not None:
                    problems.append(
                        Problem(
                            format_path(path),
                            f"control character {code} in the name {key!r}",
                            hint,
                            "control-character",
                            line_of(path),
                        )
                    )
                    continue
                stack.append(((*path, key), value))
        elif isinstance(node, list):
            stack.extend(((*path, i), item) for i, item in enumerate(node))
    return sorted(problems, key=lambda p: (p.line or 0, p.field))


def parse_case(data: Any, file: str | Path | None = None, lines: dict[FieldPath, int] | None = None) -> Case:
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
        The validated case (shape and types only; see :func:`lcacompare.compile.compile_case`).

    Raises
    ------
    CaseError
        Listing every control character in text (rule control-character), or else every problem
        pydantic found.
    """
    controls = _control_problems(data, lines or {})
    if controls:
        raise CaseError(file, controls)
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems = _merge_type_problems(
            [(_problem_from_pydantic(err, lines or {}, data), err) for err in exc.errors(include_url=False)]
        )
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
        :func:`lcacompare.compile.compile_case` (called by :func:`lcacompare.compare`).
    """
    data, lines = read_yaml(path)
    return parse_case(data, path, lines)
