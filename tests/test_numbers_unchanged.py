"""Every shipped case gives the numbers it gave before a redesign (stored copies, 1e-12 relative).

The stored copies in ``tests/data/expected/`` are the ``result.json`` of a default run
(``lcacompare run CASE --report json``). Fields whose meaning or place changed on purpose are
listed in ``IGNORED`` with the CHANGELOG entry that names them; nothing else may differ.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from lcacompare import load_case
from lcacompare.data import shipped_case, shipped_case_names
from lcacompare.run import analyse

EXPECTED = Path(__file__).resolve().parent / "data" / "expected"
RELATIVE = 1e-12

# Top-level fields that describe the software rather than the result (CHANGELOG: "Not compared"), and
# the schema id, bumped to lcacompare.result/2 by the typed result models (CHANGELOG: "Changed"), the
# supply-security section, new with issue 21 (CHANGELOG: "Added: supply security"), and the study section.
IGNORED: frozenset[str] = frozenset(
    {
        "lcacompare_version",
        "schema",
        "supply",
        "datasets_sha256",  # the datasets gained landfill routes and exchange rates (CHANGELOG: "Unreleased")
        "study",  # new section: study totals, published versus computed figures (CHANGELOG: "Unreleased")
        "cross_checks",  # new section: published studies against the case, step by step (CHANGELOG: "Unreleased")
    }
)
# Fields at any depth whose text changed on purpose (CHANGELOG: "Unreleased").
IGNORED_PATHS: frozenset[str] = frozenset(
    {
        ".conventions.breakeven",  # now describes the break-even search the solver performs
    }
)


def _differences(old: Any, new: Any, path: str, found: list[str]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if (path == "" and key in IGNORED) or f"{path}.{key}" in IGNORED_PATHS:
                continue
            if key not in old or key not in new:
                found.append(f"{path}.{key}: only in {'the stored copy' if key in old else 'the new result'}")
                continue
            _differences(old[key], new[key], f"{path}.{key}", found)
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            found.append(f"{path}: {len(old)} entries stored, {len(new)} now")
            return
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            _differences(a, b, f"{path}[{index}]", found)
    elif isinstance(old, bool) or isinstance(new, bool) or not isinstance(old, int | float):
        if old != new:
            found.append(f"{path}: {old!r} stored, {new!r} now")
    elif not isinstance(new, int | float) or not math.isclose(old, new, rel_tol=RELATIVE, abs_tol=0.0):
        found.append(f"{path}: {old!r} stored, {new!r} now")


def _document(analysis: Any) -> dict[str, Any]:
    to_dict = getattr(analysis, "to_dict", None)
    return to_dict() if callable(to_dict) else analysis.document


@pytest.mark.parametrize("name", shipped_case_names())
def test_shipped_case_gives_the_stored_numbers(name: str) -> None:
    stored = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    with shipped_case(name) as path:
        case = load_case(path)
    now = json.loads(json.dumps(_document(analyse(case))))
    found: list[str] = []
    _differences(stored, now, "", found)
    assert not found, f"{len(found)} differences, first: " + "; ".join(found[:10])


def test_the_comparison_catches_a_changed_last_digit_beyond_the_tolerance() -> None:
    found: list[str] = []
    _differences({"a": [1.0, {"b": 2.0}]}, {"a": [1.0, {"b": 2.0 * (1 + 1e-10)}]}, "", found)
    assert found == [f".a[1].b: 2.0 stored, {2.0 * (1 + 1e-10)!r} now"]
    found.clear()
    _differences({"a": 1.0}, {"a": 1.0 * (1 + 1e-14)}, "", found)
    assert found == []
