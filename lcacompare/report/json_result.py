"""The JSON result document (schema ``lcacompare.result/1``)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from typing import Any

from lcacompare import __version__
from lcacompare.results import RESULT_SCHEMA, Comparison

__all__ = ["result_document", "result_json", "document_json", "clean"]


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
    """The result as a plain dict following the ``lcacompare.result/1`` schema."""
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


def result_json(comparison: Comparison) -> str:
    """The result document as deterministic JSON text (sorted keys, fixed float format)."""
    return document_json(result_document(comparison))


def document_json(document: dict[str, Any]) -> str:
    """A result document as deterministic JSON text (sorted keys, two-space indent)."""
    return json.dumps(clean(document), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
