"""The comparison part of a result: per-use results of every option, as JSON-ready data or a model."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

from lcacompare import __version__
from lcacompare.result import RESULT_SCHEMA, Result
from lcacompare.results import Comparison

__all__ = ["result_document", "comparison_result", "result_json", "clean"]


def clean(value: Any) -> Any:
    """Make a value JSON-safe: numpy scalars to floats, non-finite floats to null."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value


def result_document(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data following the ``lcacompare.result/2`` schema.

    Only the always-present keys (``schema`` to ``options``); the analysis adds the other sections.
    """
    options = []
    for option in comparison.options:
        data = asdict(option)
        extra = data.pop("extra")
        data.update(extra)
        options.append(data)
    doc: dict[str, Any] = {
        "schema": RESULT_SCHEMA,
        "lcacompare_version": __version__,
        "case": {
            "id": comparison.case_id,
            "title": comparison.case_title,
            "functional_unit": comparison.functional_unit,
            "country": comparison.country,
        },
        "method": comparison.method_id,
        "baseline": comparison.baseline,
        "options": options,
    }
    doc.update(comparison.extra)
    return clean(doc)


def comparison_result(comparison: Comparison) -> Result:
    """The comparison as a typed :class:`~lcacompare.result.Result` (no optional sections)."""
    return Result.model_validate(result_document(comparison))


def result_json(comparison: Comparison) -> str:
    """The comparison as deterministic JSON text (sorted keys, Python's shortest float repr)."""
    return comparison_result(comparison).to_json()
