"""Flatten the ``sensitivity`` section of a result into rows the HTML and Excel reports can show.

Two shapes are accepted: a flat ``tornado`` list of ``{input, option?, low_<output>,
high_<output>, base_<output>?}`` rows, and the nested shape of :mod:`lcacompare.uncertainty`
(``{target: {output: [{input, label, output_low, output_high, output_base, ...}]}}`` for
``tornado`` and ``sobol``, ``{target: {output: [names]}}`` for ``top_contributors``), where a
target is an option id or a difference ``"<option>-vs-<baseline>"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lcacompare.ranking import descending

__all__ = ["tornado_tables", "sobol_rows", "top_contributor_lines"]

OUTPUTS: tuple[str, ...] = ("kg_co2e_per_use", "eur_per_use")


def _chosen_targets(table: Mapping[str, Any]) -> list[str]:
    """Differences to the baseline when there are any (they decide the verdict), else every option."""
    differences = [t for t in table if "-vs-" in t]
    return differences or list(table)


def tornado_tables(sensitivity: Mapping[str, Any] | None) -> dict[str, list[dict[str, Any]]]:
    """Tornado rows per target, each row ``{input, low_<output>, high_<output>, base_<output>}``.

    Parameters
    ----------
    sensitivity : mapping or None
        ``doc["sensitivity"]``.

    Returns
    -------
    dict of str to list of dict
        ``{"": rows}`` for a flat list; ``{target: rows}`` for the nested shape.
    """
    tornado = (sensitivity or {}).get("tornado")
    if not tornado:
        return {}
    if isinstance(tornado, list):
        return {"": [dict(row) for row in tornado]}
    out: dict[str, list[dict[str, Any]]] = {}
    for target in _chosen_targets(tornado):
        rows: dict[str, dict[str, Any]] = {}
        for output in OUTPUTS:
            for entry in (tornado[target] or {}).get(output) or []:
                row = rows.setdefault(entry["input"], {"input": entry.get("label") or entry["input"]})
                row[f"low_{output}"] = entry.get("output_low")
                row[f"high_{output}"] = entry.get("output_high")
                row[f"base_{output}"] = entry.get("output_base")
                if entry.get("unit") is not None:
                    row["unit"] = entry["unit"]
                row.setdefault("input_low", entry.get("input_low"))
                row.setdefault("input_high", entry.get("input_high"))

        def swing(row: dict[str, Any]) -> tuple[object, ...]:
            name = f"{row.get('input')}|{row.get('option') or ''}"
            swings = (abs(float(row.get(f"high_{o}") or 0.0) - float(row.get(f"low_{o}") or 0.0)) for o in OUTPUTS)
            return (*(descending(value, name)[0] for value in swings), name)

        ordered = sorted(rows.values(), key=swing)
        if ordered:
            out[target] = ordered
    return out


def sobol_rows(sensitivity: Mapping[str, Any] | None, *, main_targets: bool = False) -> list[dict[str, Any]]:
    """Sobol indices as rows ``{target, output, input, S1, ST}`` (either shape).

    With ``main_targets`` only the differences to the baseline are kept (when there are any).
    """
    sobol = (sensitivity or {}).get("sobol") or {}
    nested = any(isinstance(v, Mapping) and any(isinstance(e, list) for e in v.values()) for v in sobol.values())
    keep = set(_chosen_targets(sobol)) if main_targets and nested else set(sobol)
    rows: list[dict[str, Any]] = []
    for target, outputs in sobol.items():
        if target not in keep or not isinstance(outputs, Mapping):
            continue
        for output, entries in outputs.items():
            if isinstance(entries, list):  # nested shape: {target: {output: [entry]}}
                rows += [
                    {"target": target, "output": output, "input": e.get("label") or e.get("input"), **_indices(e)}
                    for e in entries
                    if isinstance(e, Mapping)
                ]
            elif isinstance(entries, Mapping):  # flat shape: {output: {input: {S1, ST}}}
                rows.append({"target": "", "output": target, "input": output, **_indices(entries)})
    return rows


def _indices(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {"S1": entry.get("S1"), "ST": entry.get("ST")}


def top_contributor_lines(sensitivity: Mapping[str, Any] | None) -> list[str]:
    """The inputs that drive each result most, one line per target and output."""
    top = (sensitivity or {}).get("top_contributors")
    if not top:
        return []
    if isinstance(top, list):
        return [", ".join(str(t.get("input", t)) if isinstance(t, Mapping) else str(t) for t in top)]
    lines = []
    for target in _chosen_targets(top):
        for output, names in (top[target] or {}).items():
            if names:
                lines.append(f"{target}, {output}: {', '.join(str(n) for n in names)}")
    return lines
