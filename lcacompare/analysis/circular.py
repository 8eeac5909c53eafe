"""The ``circular_footprint`` section (LCAC-HC/2 only): R1 per material line and the CFF terms by module.

Per option: the method's total (A1-A3 to C), module D apart, and the PEF figure with D added in,

    PEF total = kg CO2e per use (A1-A3 .. C) + credits (D)

and per line the R1 it used (:func:`lcacompare.compile.circular.decisions`). A recycling line's
R2 is its mass per use over the option's mass per use of lines of that material.
"""

from __future__ import annotations

from typing import Any

from lcacompare.compile import CompiledCase
from lcacompare.compile.circular import SECTION, annex_c, decisions
from lcacompare.model.circular import CIRCULAR_FOOTPRINT_FORMULA, CUT_OFF
from lcacompare.results import Comparison

__all__ = ["circular_section"]


def circular_section(compiled: CompiledCase, comparison: Comparison) -> dict[str, Any] | None:
    """The section as plain data, or None under a method without the rule.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case (its lines already carry R1 and, under the formula, the CFF lines).
    comparison : Comparison
        Its deterministic per-use results.

    Returns
    -------
    dict or None
        Fields of :class:`lcacompare.result.circular.CircularFootprint`.
    """
    spec = compiled.method.section(SECTION)
    if spec is None:
        return None
    case = compiled.case
    formula = case.context.allocation == CIRCULAR_FOOTPRINT_FORMULA
    table = annex_c(compiled.datasets)
    options: dict[str, Any] = {}
    for result in comparison.options:
        by_line: dict[int, dict[str, float]] = {}
        mass_of: dict[str, float] = {}
        chosen = decisions(case, table, compiled.lines[result.id])
        material_of = {d.index: d.material for d in chosen if d.role == "material" and d.material}
        for line in result.lines:
            modules = by_line.setdefault(line.index, {})
            modules[line.module] = modules.get(line.module, 0.0) + line.kg_co2e_per_use
            if line.module == "A1-A3" and line.index in material_of:
                material = material_of[line.index]
                mass_of[material] = mass_of.get(material, 0.0) + line.amount_per_use
        amounts = {(line.index, line.module): line.amount_per_use for line in result.lines}
        rows = []
        for decision in chosen:
            row: dict[str, Any] = {"index": decision.index, "role": decision.role, "activity": decision.activity_id}
            if decision.material is not None:
                row["material"] = decision.material
            if decision.role == "material":
                row.update(r1=decision.r1, r1_source=decision.r1_source)
            if decision.a is not None:
                row["a"] = decision.a
            if decision.quality is not None:
                row["quality"] = decision.quality
            mass = mass_of.get(decision.material or "", 0.0)
            if decision.role == "recycling" and mass > 0:
                row["r2"] = amounts.get((decision.index, "C"), 0.0) / mass
            if formula and decision.row is not None:
                row["kg_co2e_per_use_by_module"] = by_line.get(decision.index, {})
            if decision.row is not None:
                row["defaults_source"] = decision.row.source + (" (second-hand)" if decision.row.second_hand else "")
            rows.append(row)
        options[result.id] = {
            "kg_co2e_per_use": result.kg_co2e_per_use,
            "credits_kg_co2e_per_use": result.credits_kg_co2e_per_use,
            "pef_total_kg_co2e_per_use": result.kg_co2e_per_use + result.credits_kg_co2e_per_use,
            "virgin_material_kg_per_use": result.virgin_material_kg_per_use,
            "lines": rows,
        }
    return {
        "allocation": CIRCULAR_FOOTPRINT_FORMULA if formula else CUT_OFF,
        "rule": str(spec.get("rule", "")),
        "reference": str(spec.get("reference", "")),
        "modules": {str(term): str(module) for term, module in dict(spec.get("modules", {})).items()},
        "options": options,
    }
