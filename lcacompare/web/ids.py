"""Workspace record ids in request paths: a stored record is named by its row number, ASCII digits only.

A path segment that is not one (``nope``, ``-1``, ``1.5``, or digits of another script such as
``١``, which :func:`int` would read as 1) names no stored record, so the page or the API answers
404 ("not found"), never 422 and never another record.
"""

from __future__ import annotations

from fastapi import HTTPException

__all__ = ["row_id", "stored_id"]


def row_id(text: str) -> int | None:
    """The workspace row number ``text`` names, or None when it names none.

    Examples
    --------
    >>> row_id("12"), row_id("nope"), row_id("-1"), row_id("١")
    (12, None, None, None)
    """
    return int(text) if text.isascii() and text.isdigit() else None


def stored_id(text: str, what: str) -> int:
    """The row number ``text`` names; an HTTP 404 "no such <what>" when it names none."""
    found = row_id(text)
    if found is None:
        raise HTTPException(404, f"no such {what}")
    return found
