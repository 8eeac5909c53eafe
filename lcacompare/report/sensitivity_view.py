"""Flatten the ``sensitivity`` section of a result into rows the HTML and Excel reports can show.

The section (:class:`~lcacompare.result.Sensitivity`) holds ``{target: {output: [entries]}}`` for
``tornado``, ``sobol`` and ``top_contributors``, where a target is an option id or a difference
``"<option>-vs-<baseline>"`` and an output is ``kg_co2e_per_use`` or ``eur_per_use``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lcacompare.i18n import translator
from lcacompare.ranking import descending
from lcacompare.report.labels import input_title, pretty_unit
from lcacompare.result import Sensitivity

__all__ = ["tornado_tables", "sobol_rows", "top_contributor_lines", "OUTPUTS", "TORNADO_SHOWN", "SOBOL_SHOWN"]

OUTPUTS: tuple[str, ...] = ("kg_co2e_per_use", "eur_per_use")

TORNADO_SHOWN = 10
"""Widest swings drawn in each tornado panel of the HTML report (the workbook lists every input)."""

SOBOL_SHOWN = 8
"""Largest total-order Sobol indices listed per result in the HTML report; the rest are one "others" row."""


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
                row = rows.setdefault(entry.input, {"input": input_title(entry.input, entry.label), "id": entry.input})
                row[f"low_{output}"] = entry.output_low
                row[f"high_{output}"] = entry.output_high
                row[f"base_{output}"] = entry.output_base
                row["unit"] = pretty_unit(entry.unit)
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
    sensitivity: Sensitivity | Mapping[str, Any] | None,
    *,
    main_targets: bool = False,
    top: int | None = None,
    lang: str = "en",
) -> list[dict[str, Any]]:
    """Sobol indices as rows ``{target, output, input, S1, ST, others}``, inputs by their titles.

    With ``main_targets`` only the differences to the baseline are kept (when there are any).
    With ``top``, each target and output keeps its ``top`` largest total indices ST and one
    row ``others`` (``others`` True) holding the sums of the S1 and ST of the rest; without, every
    input is listed.
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
            entries = sorted(getattr(outputs, output), key=lambda e: descending(e.ST, e.input))
            shown = entries if top is None else entries[:top]
            rows += [
                {
                    "target": target,
                    "output": output,
                    "input": input_title(e.input, e.label),
                    "S1": e.S1,
                    "ST": e.ST,
                    "others": False,
                }
                for e in shown
            ]
            rest = entries[len(shown) :]
            if rest:
                label = translator(lang).gettext("{n} other inputs").format(n=len(rest))
                rows.append(
                    {
                        "target": target,
                        "output": output,
                        "input": label,
                        "S1": sum(e.S1 for e in rest),
                        "ST": sum(e.ST for e in rest),
                        "others": True,
                    }
                )
    return rows


def top_contributor_lines(sensitivity: Sensitivity | Mapping[str, Any] | None, lang: str | None = None) -> list[str]:
    """The inputs that drive each result most, one line per target and output.

    With ``lang`` the inputs are named by their titles and the outputs in words of that language
    (the reports); without, by their ids (the result's generated texts, which stay as stored).
    """
    section = _section(sensitivity)
    if section is None:
        return []
    lines = []
    for target in _chosen_targets(section.top_contributors):
        for output in OUTPUTS:
            names = getattr(section.top_contributors[target], output)
            if names:
                if lang is None:
                    lines.append(f"{target}, {output}: {', '.join(names)}")
                else:
                    quantity = _quantity(output, lang)
                    lines.append(f"{target}, {quantity}: {', '.join(input_title(n) for n in names)}")
    return lines


def _quantity(output: str, lang: str) -> str:
    _ = translator(lang).gettext
    return _("kg CO2e per use") if output == "kg_co2e_per_use" else _("EUR per use")
