"""Compare every option of a case under the harmonised method.

The flow: compile the case (rules, units, references), get each background activity's unit
impact from Brightway, then compute per-use CO2e per line as amount x unit impact (the same
linear product Brightway's LCA computes; tests check the totals against a plain bw2calc LCA),
plus cost per use and the secondary indicators.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lcacompare.compile import CompiledCase, Evaluation, compile_case
from lcacompare.compile.references import is_mass_unit
from lcacompare.cost import option_cost
from lcacompare.datasets import Datasets, load_datasets
from lcacompare.errors import CaseError, Problem
from lcacompare.lca.backend import BrightwayBackend
from lcacompare.lca.background import Background
from lcacompare.method.spec import MethodSpec
from lcacompare.model.case import MODULES, Case
from lcacompare.results import Comparison, LineResult, OptionResult

__all__ = ["compare", "prepare", "Prepared"]


class Prepared:
    """A compiled case with its background and unit impacts, ready to evaluate."""

    def __init__(self, compiled: CompiledCase, backend: Background) -> None:
        self.compiled = compiled
        self.backend = backend
        codes = [info.activity_key for lines in compiled.lines.values() for info in lines]
        self.unit_impacts: dict[str, float] = backend.unit_impacts(codes)

    def impact_vectors(self) -> dict[str, np.ndarray]:
        """Per option, kg CO2e per unit of each line's activity."""
        return {
            option_id: np.array([self.unit_impacts[info.activity_key] for info in lines], dtype=float)
            for option_id, lines in self.compiled.lines.items()
        }


def prepare(
    case: Case, *, datasets: Datasets | None = None, home: str | Path | None = None, method: MethodSpec | None = None
) -> Prepared:
    """Compile a case and build (or reuse) its Brightway project.

    Parameters
    ----------
    case : Case
        From :func:`lcacompare.load_case`.
    datasets : Datasets, optional
        Defaults to the shipped ``datasets/``.
    home : str or Path, optional
        lcacompare's cache home (default ``$LCACOMPARE_HOME`` or the user cache dir).
    method : MethodSpec, optional
        The method to apply (its id must be the one ``case.method`` states); default the case's.

    Returns
    -------
    Prepared
    """
    datasets = datasets or load_datasets()
    compiled = compile_case(case, datasets, method)
    if case.context.background is not None:
        from lcacompare.lca.linked import LinkedBackend

        linked = LinkedBackend(case, compiled, home=Path(home) if home else None)
        # The backend resolves the linked lines; the compiled case is not changed, a new one is made.
        compiled = compiled.with_lines(linked.linked_lines)
        backend: Background = linked
    else:
        backend = BrightwayBackend(datasets, compiled.method, Path(home) if home else None)
    if compiled.own_impacts:
        from lcacompare.lca.routed import RoutedBackground

        # Own factors never enter the shared project (cached by the datasets' content): one
        # background per activity id, the case's own ones computed at compile time.
        linked_part = backend if case.context.background is not None else None
        datasets_part = None if linked_part is not None else backend
        backend = RoutedBackground(compiled.own_impacts, datasets_part, linked_part)
    return Prepared(compiled, backend)


def _option_result(prepared: Prepared, option_id: str, values: Evaluation, amounts: np.ndarray) -> OptionResult:
    compiled = prepared.compiled
    option = compiled.case.option(option_id)
    lines = compiled.lines[option_id]
    method = compiled.method
    by_module = dict.fromkeys(MODULES, 0.0)
    line_results = []
    virgin = waste = water = 0.0
    streams: dict[str, float] = {}
    for info, amount in zip(lines, amounts, strict=True):
        unit_impact = prepared.unit_impacts[info.activity_key]
        kg = float(amount) * unit_impact
        by_module[info.module] += kg
        prov = info.line
        line_results.append(
            LineResult(
                option_id,
                info.index,
                info.module,
                info.activity_id,
                info.activity_name,
                info.geography,
                float(amount),
                info.activity_unit,
                unit_impact,
                kg,
                info.basis,
                info.stream,
                prov.source,
                prov.assumption,
                prov.pedigree,
            )
        )
        if info.category == "material" and info.module == "A1-A3" and is_mass_unit(info.activity_unit):
            virgin += float(amount) * info.virgin_fraction
        if info.module == "C" and is_mass_unit(info.activity_unit):
            waste += float(amount)
            stream = info.stream or "unspecified"
            streams[stream] = streams.get(stream, 0.0) + float(amount)
        if info.category == "water":
            water += float(amount)
    total = sum(by_module[m] for m in method.total_modules)
    credits = sum(by_module[m] for m in method.reported_apart)
    cost = option_cost(compiled, option_id, values)
    factors = values.factors[option_id]
    uses = float(factors.expected_uses) if option.kind == "reusable" else 1.0
    return OptionResult(
        id=option.id,
        title=option.title or option.id,
        kind=option.kind,
        kg_co2e_per_use=float(total),
        kg_co2e_by_module=by_module,
        credits_kg_co2e_per_use=float(credits),
        eur_per_use=float(cost.eur_per_use),
        eur_by_category={k: float(v) for k, v in cost.by_category.items()},
        virgin_material_kg_per_use=virgin,
        waste_kg_per_use=waste,
        waste_kg_by_stream=streams,
        water_m3_per_use=water,
        expected_uses=uses,
        lines=line_results,
    )


def _refuse_overflow(case: Case, options: list[OptionResult]) -> None:
    """Raise a :class:`CaseError` naming every line whose per-use CO2e or cost is not a finite number.

    Amounts are checked finite when the case is compiled; their products with emission factors,
    basis factors and cash-flow schedules can still overflow (``1e308 kg`` of a material).
    """
    problems: list[Problem] = []
    for i, result in enumerate(options):
        found_before = len(problems)
        for line in result.lines:
            if not (np.isfinite(line.amount_per_use) and np.isfinite(line.kg_co2e_per_use)):
                problems.append(
                    Problem(
                        f"options[{i}].inventory[{line.index}].amount",
                        f"{case.options[i].inventory[line.index].amount!r} gives a CO2e per use too large to compute",
                        "an amount whose CO2e per use stays below 1e308",
                        "overflow",
                        case.line_of("options", i, "inventory", line.index, "amount"),
                    )
                )
        overflowing = {category for category, eur in result.eur_by_category.items() if not np.isfinite(eur)}
        if not np.isfinite(result.eur_per_use) and not overflowing:
            overflowing = {line.category for line in case.options[i].costs}
        for j, cost in enumerate(case.options[i].costs):
            if cost.category in overflowing:
                problems.append(
                    Problem(
                        f"options[{i}].costs[{j}].amount",
                        f"{cost.amount!r} gives a cost per use too large to compute",
                        "an amount whose cost per use stays below 1e308",
                        "overflow",
                        case.line_of("options", i, "costs", j, "amount"),
                    )
                )
        totals = [
            result.kg_co2e_per_use,
            result.credits_kg_co2e_per_use,
            result.eur_per_use,
            result.virgin_material_kg_per_use,
            result.waste_kg_per_use,
            result.water_m3_per_use,
        ]
        if len(problems) == found_before and not np.all(np.isfinite(totals)):
            problems.append(
                Problem(
                    f"options[{i}]",
                    "the per-use totals of the option's lines add up to a number too large to compute",
                    "amounts whose per-use totals stay below 1e308",
                    "overflow",
                    case.line_of("options", i),
                )
            )
    if problems:
        raise CaseError(case.path, problems)


def compare(
    case: Case,
    *,
    datasets: Datasets | None = None,
    home: str | Path | None = None,
    prepared: Prepared | None = None,
) -> Comparison:
    """Compare the options of a case: CO2e and cost per use, by module and category.

    Parameters
    ----------
    case : Case
        From :func:`lcacompare.load_case`.
    datasets : Datasets, optional
        Defaults to the shipped ``datasets/``.
    home : str or Path, optional
        lcacompare's cache home.
    prepared : Prepared, optional
        Reuse an already prepared case (skips compiling and Brightway setup).

    Returns
    -------
    Comparison
        Per-option results; the first single-use option is the baseline.

    Raises
    ------
    CaseError
        If the case breaks a method rule, a unit or a reference.
    """
    prepared = prepared or prepare(case, datasets=datasets, home=home)
    compiled = prepared.compiled
    values = compiled.evaluate()
    amounts = compiled.inventory_per_use(values)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below, as a problem of the case
        options = [_option_result(prepared, oid, values, amounts[oid]) for oid in compiled.option_ids]
    _refuse_overflow(compiled.case, options)  # the compiled case: templates expanded into lines
    baseline = next((o.id for o in options if o.kind == "single-use"), options[0].id)
    return Comparison(
        case_id=case.id,
        case_title=case.title,
        functional_unit=case.functional_unit,
        method_id=compiled.method.id,
        country=case.context.country,
        options=options,
        baseline=baseline,
    )
