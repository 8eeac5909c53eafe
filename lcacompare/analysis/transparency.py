"""The ``transparency`` section: the ISO 14040/14044 reporting items, written from case and method.

Every text is generated from the compiled case, the method spec (``lcac-hc-1.yaml``) and the
result document; nothing is typed per case. Items that depend on an analysis the run did not do
(uncertainty, sensitivity, break-even) say so instead of staying silent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from lcacompare.analysis.inputs import inputs_section
from lcacompare.compile import CompiledCase
from lcacompare.report.formatting import percent, significant, uses
from lcacompare.report.sensitivity_view import top_contributor_lines, tornado_tables
from lcacompare.report.verdict import claims, threshold_of
from lcacompare.result import TRANSPARENCY_ITEMS, Result, as_result

__all__ = ["TRANSPARENCY_ITEMS", "transparency_section"]


def _titles(compiled: CompiledCase) -> str:
    return "; ".join(f"{o.id} ({o.kind}): {o.title or o.id}" for o in compiled.case.options)


def _goal_and_scope(compiled: CompiledCase) -> str:
    case, method, context = compiled.case, compiled.method, compiled.case.context
    text = (
        f"Compare {len(case.options)} options delivering the same clinical function ({case.title}) on whole-life "
        f"cost (EUR, excluding VAT, price year {context.price_year}) and carbon footprint (kg CO2e) per use, for "
        f"a hospital in {context.country}, to support a procurement decision by buyers, tender teams and "
        f"sustainability teams. Options: {_titles(compiled)}. Every option is assessed under one harmonised "
        f"method, {method.id} ({method.title}; spec digest {method.digest[:12]}). Contract horizon "
        f"{significant(context.horizon_years)} years, {significant(context.annual_uses)} uses per year, real "
        f"discount rate {percent(context.discount_rate)}. The result is a comparative assertion in the sense of "
        "ISO 14044; it is not a third-party critical review."
    )
    if case.description:
        text += f" Case description: {case.description}"
    if case.reference is not None:
        text += f" The case rebuilds a published study: {case.reference.citation}."
    return text


def _functional_unit(compiled: CompiledCase, result: Result) -> str:
    method_fu = (compiled.method.model_extra or {}).get("functional_unit", {})
    reusables = (compiled.method.model_extra or {}).get("reusables", {})
    text = (
        f"{compiled.case.functional_unit}. Method rule: {method_fu.get('rule', '')} ({method_fu.get('reference', '')})."
    )
    reusable = [o for o in result.options if o.kind == "reusable"]
    if reusable:
        text += f" Reusable options: {reusables.get('rule', '')}."
        for option in reusable:
            text += f" {option.id}: E = {significant(option.expected_uses)} expected uses per item."
    return text


def _system_boundary(compiled: CompiledCase) -> str:
    method = compiled.method
    extra = method.model_extra or {}
    modules = "; ".join(
        f"{module} {spec.get('name', '')} ({', '.join(spec.get('includes', []))})"
        for module, spec in method.modules.items()
    )
    text = (
        f"Life-cycle modules ({extra.get('module_reference', 'EN 15804')}): {modules}. The total per use is "
        f"{' + '.join(method.total_modules)}; {', '.join(method.reported_apart)} is reported apart and never "
        f"in the total. Background: {extra.get('background', {}).get('rule', '')}."
    )
    zeros = [
        f"{option.id} {module}: {reason}"
        for option in compiled.case.options
        for module, reason in option.zero_modules.items()
    ]
    if zeros:
        text += f" Modules declared zero, with their reasons: {'; '.join(zeros)}."
    return text


def _cut_off(compiled: CompiledCase) -> str:
    count = sum(len(lines) for lines in compiled.lines.values())
    return (
        "No mass, energy or environmental-significance cut-off criterion is applied: all "
        f"{count} inventory lines declared in the case enter the result, however small. Flows the case does not "
        "declare are outside the inventory; capital goods (machines, buildings) count only where a line names "
        "them. Recycled content enters burden-free and material sent to recycling leaves burden-free (cut-off "
        "allocation, see Allocation)."
    )


def _allocation(compiled: CompiledCase) -> str:
    extra = compiled.method.model_extra or {}
    allocation = extra.get("allocation", {})
    reusables = extra.get("reusables", {})
    text = (
        f"Rule: {allocation.get('rule', '')}; {allocation.get('detail', '')} ({allocation.get('reference', '')}). "
        f"Reprocessing cycles: {reusables.get('per_cycle', '')}."
    )
    if compiled.case.context.allocation == "circular-footprint-formula":  # LCAC-HC/2 (lcacompare.compile.circular)
        cff = compiled.method.section("circular_footprint_formula") or {}
        text += f" This case chose instead: {cff.get('rule', '')} ({cff.get('reference', '')})."
    for option in compiled.case.options:
        if option.cycle is not None:
            cycle = option.cycle
            size = f", item size {cycle.item_size}" if cycle.item_size is not None else ""
            text += (
                f" {option.id}: allocation by {cycle.allocation}, capacity {cycle.capacity}{size}, "
                f"fill rate {significant(cycle.fill_rate)}."
            )
    return text


def _data_quality(compiled: CompiledCase, rows: list[dict[str, Any]]) -> str:
    extra = compiled.method.model_extra or {}
    quality = extra.get("data_quality", {})
    case_rows = [r for r in rows if r["kind"] in ("parameter", "inventory", "cost")]
    assumed = [r for r in case_rows if not r.get("source")]
    no_pedigree = [r for r in case_rows if r.get("pedigree") is None]
    kinds = Counter(r["kind"] for r in rows)
    dataset_sources = sorted({r["source"] for r in rows if r["kind"] in ("factor", "price") and r.get("source")})
    text = (
        f"Inputs: {kinds['parameter']} parameters, {kinds['inventory']} inventory lines, {kinds['cost']} cost "
        f"lines, {kinds['factor']} emission factors and {kinds['price']} prices, each listed with value, unit, "
        f"source or assumption, year, geography and pedigree. Of the {len(case_rows)} case inputs, "
        f"{len(case_rows) - len(assumed)} cite a source and {len(assumed)} rest on a labelled assumption "
        f"(flagged in the inputs table); {len(no_pedigree)} have no pedigree score and are treated as the worst "
        f"score in the uncertainty analysis. Rule: {quality.get('rule', '')} ({quality.get('reference', '')})."
    )
    if dataset_sources:
        text += f" Background data sources: {'; '.join(dataset_sources)}."
    return text


def _impact_method(compiled: CompiledCase) -> str:
    method = compiled.method
    extra = method.model_extra or {}
    char = method.characterisation
    factors = ", ".join(f"{gas} {significant(cf, 4)}" for gas, cf in char.factors.items())
    secondary = "; ".join(f"{s['id']} ({s['unit']}): {s['rule']}" for s in extra.get("secondary_indicators", []))
    costs = method.costs
    text = (
        f"{char.indicator} in {char.unit}, {char.reference}; GWP100 factors (kg CO2e per kg): {factors}. "
        f"Indicators reported beside it (inventory totals, not characterised): {secondary}. Costs: "
        f"{costs.get('currency', 'EUR')}, VAT {costs.get('vat', 'excluded')}, categories "
        f"{', '.join(costs.get('categories', []))}; discounting: {costs.get('discounting', '')}; levelised cost "
        f"{costs.get('levelised_cost', '')} ({costs.get('reference', '')})."
    )
    shadow = compiled.case.context.shadow_carbon_price
    if shadow is not None:
        text += (
            f" Monetised view: CO2e at a shadow price of EUR {significant(shadow.eur_per_tonne)} per tonne "
            "(reported apart from cost)."
        )
    return text


def _uncertainty(compiled: CompiledCase, result: Result) -> str:
    method = compiled.method
    threshold = threshold_of(result, method.assertion_threshold)
    rule = method.comparative_assertion.get("rule", "")
    distributed = [name for name, p in compiled.case.parameters.items() if p.distribution is not None]
    uncertainty = result.uncertainty
    pedigree_ref = ((method.model_extra or {}).get("pedigree_uncertainty") or {}).get("reference", "")
    if uncertainty is None:
        return (
            "No uncertainty analysis was run for this report. Parameters with a stated distribution: "
            f"{', '.join(distributed) or 'none'}. Without it no comparative assertion is made: the method "
            f"allows {rule} (threshold {percent(threshold)})."
        )
    text = (
        f"Paired Monte Carlo with common random numbers (a parameter shared by two options takes the same draw "
        f"in both), {uncertainty.samples} samples, seed {uncertainty.seed}. "
        f"Parameters with a stated distribution: {', '.join(distributed) or 'none'}; by the method's data-quality "
        f"rule, numbers without a measured spread take a lognormal spread from their pedigree scores "
        f"({pedigree_ref}). Comparative "
        f"assertion: {rule} (threshold {percent(threshold)})."
    )
    for key, diff in uncertainty.differences.items():
        co2e = diff.kg_co2e_per_use
        text += (
            f" {key}: difference {significant(co2e.median)} kg CO2e per use (median; 95 % interval "
            f"{significant(co2e.p2_5)} to {significant(co2e.p97_5)}), probability lower "
            f"{percent(diff.probability_lower_co2e)}."
        )
    return text


def _sensitivity(result: Result) -> str:
    sensitivity = result.sensitivity
    breakeven = result.breakeven
    parts = []
    if sensitivity is not None:
        tables = tornado_tables(sensitivity)
        if tables:
            count = max(len(rows) for rows in tables.values())
            parts.append(
                f"One-at-a-time variation of the inputs between their low and high values (tornado chart, the "
                f"{count} widest swings shown)."
            )
        if sensitivity.sobol:
            parts.append("Variance-based (Sobol) indices computed with SALib.")
        else:
            parts.append("Variance-based (Sobol) indices were not computed for this report (--sobol adds them).")
        top = top_contributor_lines(sensitivity)
        if top:
            ranking = sensitivity.top_contributors_by
            parts.append(f"Inputs that drive the result most{f' (by {ranking})' if ranking else ''}: {'; '.join(top)}.")
    else:
        parts.append("No one-at-a-time or variance-based sensitivity analysis was run for this report.")
    if breakeven:
        parts.append(
            "The number of uses per item is varied in the break-even analysis: "
            + "; ".join(
                f"{oid}: cost {entry.status_cost} ({uses(entry.uses_cost)} uses), CO2e "
                f"{entry.status_co2e} ({uses(entry.uses_co2e)} uses)"
                for oid, entry in breakeven.items()
            )
            + "."
        )
    return " ".join(parts)


def _limitations(compiled: CompiledCase, result: Result, rows: list[dict[str, Any]]) -> str:
    case_rows = [r for r in rows if r["kind"] in ("parameter", "inventory", "cost")]
    assumed = [r["name"] for r in case_rows if r["kind"] == "parameter" and not r.get("source")]
    weak = sorted({r["name"] for r in rows if r.get("pedigree") and max(r["pedigree"]) >= 5})
    parts = [
        "Only climate change (GWP100) is characterised; virgin material, waste and water are inventory totals "
        "and other impact categories (toxicity, land use, resource depletion) are not assessed.",
        "Background data come from open datasets, not a licensed database; results are as good as the factors "
        "listed under inputs.",
        "Module D credits are reported apart and not in the total.",
        "Costs exclude VAT and are those of the stated price year and country; supplier quotes may differ.",
    ]
    if assumed:
        parts.append(f"Parameters resting on assumptions rather than cited sources: {', '.join(assumed)}.")
    if weak:
        parts.append(f"Inputs with the weakest data quality (pedigree score 5 on an indicator): {', '.join(weak)}.")
    if result.uncertainty is None:
        parts.append("The differences between options are not tested for significance in this run.")
    if compiled.case.context.background is not None:
        parts.append(
            f"Inventory lines are linked to the user's Brightway project {compiled.case.context.background.project}."
        )
    return " ".join(parts)


def _interpretation(compiled: CompiledCase, result: Result) -> str:
    options = result.options
    ranked = sorted(options, key=lambda o: o.kg_co2e_per_use)
    parts = [
        "Ranking by central CO2e per use: "
        + ", ".join(f"{o.id} {significant(o.kg_co2e_per_use)} kg CO2e" for o in ranked)
        + "; by cost per use: "
        + ", ".join(f"{o.id} EUR {significant(o.eur_per_use)}" for o in sorted(options, key=lambda o: o.eur_per_use))
        + "."
    ]
    total_modules = compiled.method.total_modules
    for option in options:
        by_module = {m: v for m, v in option.kg_co2e_by_module.items() if m in total_modules}
        total = sum(by_module.values())
        if by_module and total > 0:
            module, value = max(by_module.items(), key=lambda kv: kv[1])
            parts.append(f"{option.id}: module {module} contributes {percent(value / total)} of CO2e per use.")
    for claim in claims(result, threshold_of(result, compiled.method.assertion_threshold)):
        verdict = claim["verdict_co2e"] or "not tested (no uncertainty analysis)"
        parts.append(f"{claim['option']} against {claim['baseline']}, CO2e per use: {verdict}.")
    return " ".join(parts)


def transparency_section(compiled: CompiledCase, result: Result | Mapping[str, Any]) -> dict[str, str]:
    """The ISO 14040/14044 reporting items of a comparison, as generated text.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case (case, method spec, datasets).
    result : Result
        The result so far (``options`` and ``baseline`` at least; ``inputs``, ``uncertainty``,
        ``sensitivity`` and ``breakeven`` when the run made them); a mapping is validated first.

    Returns
    -------
    dict of str to str
        One text per key of :data:`TRANSPARENCY_ITEMS`, in that order.
    """
    result = as_result(result)
    rows = [r.model_dump() for r in result.inputs] if result.inputs else inputs_section(compiled)
    return {
        "goal_and_scope": _goal_and_scope(compiled),
        "functional_unit": _functional_unit(compiled, result),
        "system_boundary": _system_boundary(compiled),
        "cut_off": _cut_off(compiled),
        "allocation": _allocation(compiled),
        "data_sources_and_quality": _data_quality(compiled, rows),
        "impact_method": _impact_method(compiled),
        "uncertainty": _uncertainty(compiled, result),
        "sensitivity": _sensitivity(result),
        "limitations": _limitations(compiled, result, rows),
        "interpretation": _interpretation(compiled, result),
    }
