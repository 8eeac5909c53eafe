"""User-facing errors.

Every problem a person can fix carries the file, the field path inside it, what was found and
what was expected. The CLI prints them and exits with code 2; nothing else is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Problem", "CaseError", "OutputError", "format_path", "nearest_line"]


def format_path(loc: tuple[str | int, ...] | list[str | int]) -> str:
    """Render a field location as ``options[1].inventory[0].amount``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "<root>"


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    Parameters
    ----------
    field : str
        Path of the offending field, e.g. ``options[1].loss_rate``; ``<root>`` for the file.
    message : str
        What is wrong, in plain words.
    hint : str
        What was expected or how to fix it.
    rule : str
        Short identifier of the rule that was broken (``unit``, ``modules-covered``, ...).
    line : int or None
        Line in the file, where the YAML parser gives it.
    """

    field: str
    message: str
    hint: str = ""
    rule: str = "input"
    line: int | None = None

    def render(self, file: str | Path | None) -> str:
        """Format the problem for a person, naming the file, line and field."""
        where = str(file) if file else "<input>"
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.field}: {self.message}"
        if self.hint:
            text += f" (expected: {self.hint})"
        return text


@dataclass
class CaseError(Exception):
    """A case file (or a dataset it uses) is invalid; holds every problem found."""

    file: str | Path | None
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(p.render(self.file) for p in self.problems)

    @property
    def rules(self) -> list[str]:
        """The rule identifiers of all problems, in order."""
        return [p.rule for p in self.problems]


class OutputError(Exception):
    """Reports cannot be written (read-only directory, path is a file, ...)."""


def nearest_line(lines: Mapping[tuple[str | int, ...], int], loc: tuple[str | int, ...]) -> int | None:
    """The line of field ``loc`` in its source file, else of its nearest enclosing field.

    Parameters
    ----------
    lines : mapping
        Field path to line number, as the strict YAML reader records them.
    loc : tuple
        A field path, e.g. ``("options", 1, "costs", 0, "amount")``.

    Examples
    --------
    >>> nearest_line({("options",): 3, ("options", 1): 9}, ("options", 1, "loss_rate"))
    9
    >>> nearest_line({}, ("options",)) is None
    True
    """
    for depth in range(len(loc), -1, -1):
        if loc[:depth] in lines:
            return lines[loc[:depth]]
    return None
