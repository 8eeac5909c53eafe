"""The JSON report: a result as deterministic text (``result.json``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lcacompare.result import Result, as_result

__all__ = ["render_json", "document_json"]


def render_json(result: Result | Mapping[str, Any]) -> str:
    """``result.json``: sorted keys, two-space indent, Python's shortest float repr, no NaN.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first).

    Returns
    -------
    str
        The text, ending in a newline; the same result always gives the same text.
    """
    return as_result(result).to_json()


document_json = render_json
"""Former name of :func:`render_json`."""
