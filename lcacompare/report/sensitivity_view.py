"""Flatten the ``sensitivity`` section of a result into rows the HTML and Excel reports can show.

The section (:class:`~lcacompare.result.Sensitivity`) holds ``{target: {output: [entries]}}`` for
``tornado``, ``sobol`` and ``top_contributors``, where a target is an option id or a difference
``"<option>-vs-<baseline>"`` and an output is ``kg_co2e_per_use`` or ``eur_per_use``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lcacompare.ranking import descending
from lcacompare.result import Sensitivity

__all__ = ["tornado_tables", "sobol_rows", "top_contributor_lines", "OUTPUTS"]

OUTPUTS: tuple[str, ...] = ("kg_co2e_per_use", "eur_per_use")


def _section(sensitivity: Sensitivity | Mapping[str, Any] | None) -> Sensitivity | None:
    if sensitivity is None or isinstance(sensitivity, Sensitivity):
        return sensitivity
    return Sensitivity.model_validate(sensitivity)


def _chosen_targets(targets: Iterable[str]) -> list[str]:
    """Differences to the baseline when there are any (they decide the verdict), else every option."""
    targets = list(targets)
    differences = [t for t in targets if "-vs-" in t]
    return differences or targets


def tornado_tables(sensitivity: Sensitivity | Mapping[str, Any] | None) -> dict[str, list[dict[str, Any]]]:
    """Tornado rows per target: ``{input, unit, input_low, input_high, low_<output>, high_<output>, base_<output>}``.

    Parameters
    ----------
    sensitivity : Sensitivity or None
        The result's ``sensitivity`` section (a mapping is validated into one first).

    Returns
    -------
    dict of str to list of dict
        ``{target: rows}``, rows by descending swing (ties by input name), only differences to
        the baseline when there are any.
    """
    section = _section(sensitivity)
    if section is None or not section.tornado:
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    for target in _chosen_targets(section.tornado):
        rows: dict[str, dict[str, Any]] = {}
        for output in OUTPUTS:
            for entry in getattr(section.tornado[target], output):
                row = rows.setdefault(entry.input, {"input": entry.label or entry.input})
                row[f"low_{output}"] = entry.output_low
                row[f"high_{output}"] = entry.output_high
                row[f"base_{output}"] = entry.output_base
                row["unit"] = entry.unit
                row.setdefault("input_low", entry.input_low)
                row.setdefault("input_high", entry.input_high)

        def swing(row: dict[str, Any]) -> tuple[object, ...]:
            name = f"{row.get('input')}|"
            swings = (abs(float(row.get(f"high_{o}") or 0.0) - float(row.get(f"low_{o}") or 0.0)) for o in OUTPUTS)
            return (*(descending(value, name)[0] for value in swings), name)

        ordered = sorted(rows.values(), key=swing)
        if ordered:
            out[target] = ordered
    return out


def sobol_rows(
    sensitivity: Sensitivity | Mapping[str, Any] | None, *, main_targets: bool = False
) -> list[dict[str, Any]]:
    """Sobol indices as rows ``{target, output, input, S1, ST}``.

    With ``main_targets`` only the differences to the baseline are kept (when there are any).
    """
    section = _section(sensitivity)
    if section is None:
        return []
    keep = set(_chosen_targets(section.sobol)) if main_targets else set(section.sobol)
    rows: list[dict[str, Any]] = []
    for target, outputs in section.sobol.items():
        if target not in keep:
            continue
        for output in OUTPUTS:
            rows += [
                {"target": target, "output": output, "input": e.label or e.input, "S1": e.S1, "ST": e.ST}
                for e in getattr(outputs, output)
            ]
    return rows


def top_contributor_lines(sensitivity: Sensitivity | Mapping[str, Any] | None) -> list[str]:
    """The inputs that drive each result most, one line per target and output."""
    section = _section(sensitivity)
    if section is None:
        return []
    lines = []
    for target in _chosen_targets(section.top_contributors):
        for output in OUTPUTS:
            names = getattr(section.top_contributors[target], output)
            if names:
                lines.append(f"{target}, {output}: {', '.join(names)}")
    return lines
