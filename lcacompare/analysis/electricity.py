"""The electricity section of a result: both Scope 2 views of every option, from the compiled case.

Per electricity line ``l`` (kWh per use ``q_l`` at the case's parameter values):
``location_l = q_l * f_grid(l)``, ``market_l = q_l * f_market`` when the case's instruments cover
``l``, else ``location_l`` (:mod:`lcacompare.compile.electricity`). Summed by module and over the
method's total modules per option. The result's totals elsewhere use the case's basis; this
section shows both.
"""

from __future__ import annotations

from typing import Any

from lcacompare.compile.compiled import CompiledCase
from lcacompare.compile.electricity import (
    SECTION,
    ElectricityFactor,
    electricity_of,
    is_covered,
    location_factor,
    market_factor,
    upstream_of,
)
from lcacompare.datasets import Factor
from lcacompare.result.electricity import (
    Electricity,
    ElectricityFactorUsed,
    ElectricityLine,
    ElectricityOption,
)

__all__ = ["electricity_section"]


def _grid(factor: Factor, characterisation: Any) -> ElectricityFactor:
    """A dataset grid row as the location factor, its upstream stated from the row's notes."""
    prov = factor.provenance
    return ElectricityFactor(
        "location",
        factor.id,
        factor.geography,
        factor.kg_co2e(characterisation),
        upstream_of(prov.notes),
        prov.source,
        prov.year,
        tuple(prov.pedigree),
        prov.notes,
    )


def _used(factor: ElectricityFactor) -> ElectricityFactorUsed:
    return ElectricityFactorUsed(
        key=factor.key,
        view=factor.view,  # type: ignore[arg-type]
        activity=factor.activity,
        geography=factor.geography,
        kg_co2e_per_kwh=factor.kg_co2e_per_kwh,
        upstream=factor.upstream,
        source=factor.source,
        year=factor.year,
        pedigree=list(factor.pedigree) if factor.pedigree else None,
        note=factor.note or None,
    )


def _notes(compiled: CompiledCase, market: ElectricityFactor | None, applies_to: str) -> list[str]:
    case = compiled.case
    notes = [
        "Covered by the instruments: the hospital's own electricity (module B lines without a location)"
        if applies_to == "hospital"
        else "Covered by the instruments: every electricity line of the case (applies_to: all)",
        "Lines that are not covered (a supplier's factory, an external centre with its own location) keep "
        "their location-based grid factor in the market-based view.",
    ]
    if market is None:
        notes.append(
            f"No instrument stated and no shipped residual mix for {case.context.country}: the market-based "
            "view uses the grid average (the last step of the Scope 2 Guidance's hierarchy)."
        )
    elif case.context.electricity is None or case.context.electricity.market is None:
        notes.append(
            f"No instrument stated: the market-based view uses the residual mix of {case.context.country} "
            "(electricity without guarantees of origin); the totals stay location-based."
        )
    notes.append(
        "Scope 2 market factors (residual mixes, guarantees of origin) count the direct CO2 of generation "
        "only; the grid rows state whether they include upstream emissions (column upstream): the two views "
        "may differ in boundary as well as in instrument."
    )
    return notes


def electricity_section(compiled: CompiledCase) -> Electricity | None:
    """Both Scope 2 views of every option's electricity, or None under a method without the rule.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case (its lines on the case's basis; the grid rows are looked up again).

    Returns
    -------
    Electricity or None
        None when ``compiled.method`` has no ``electricity`` section.

    Notes
    -----
    Per line, ``kg_location = kWh per use x f_grid`` and ``kg_market = kWh per use x f_market``
    for covered lines (else ``kg_location``); ``total_*`` sums the modules of the method's total.
    Reference: World Resources Institute (2015) GHG Protocol Scope 2 Guidance, chapters 4 and 6.
    """
    spec = compiled.method.section(SECTION)
    if spec is None:
        return None
    case, datasets = compiled.case, compiled.datasets
    characterisation = compiled.method.characterisation.factors
    stated = electricity_of(case)
    applies_to = stated.market.applies_to if stated.market is not None else "hospital"
    market = market_factor(case, spec)
    factors: dict[str, ElectricityFactor] = {}
    if market is not None:
        factors[market.key] = market
    per_use = compiled.inventory_per_use()
    total_modules = set(compiled.method.total_modules)
    options: dict[str, ElectricityOption] = {}
    for option in case.options:
        lines: list[ElectricityLine] = []
        by_location: dict[str, float] = {}
        by_market: dict[str, float] = {}
        kwh = kwh_covered = 0.0
        for info, amount in zip(compiled.lines[option.id], per_use[option.id], strict=True):
            row = location_factor(case, datasets, info.line)
            if row is None:
                continue
            grid = _grid(row, characterisation)
            factors.setdefault(grid.key, grid)
            covered = is_covered(info.line, applies_to)
            used = market if covered and market is not None else grid
            q = float(amount)
            kg_location, kg_market = q * grid.kg_co2e_per_kwh, q * used.kg_co2e_per_kwh
            kwh += q
            kwh_covered += q if covered else 0.0
            by_location[info.module] = by_location.get(info.module, 0.0) + kg_location
            by_market[info.module] = by_market.get(info.module, 0.0) + kg_market
            lines.append(
                ElectricityLine(
                    index=info.index,
                    module=info.module,  # type: ignore[arg-type]
                    location=info.line.location,
                    covered=covered,
                    kwh_per_use=q,
                    location_factor=grid.key,
                    market_factor=used.key,
                    kg_co2e_per_use_location=kg_location,
                    kg_co2e_per_use_market=kg_market,
                )
            )
        options[option.id] = ElectricityOption(
            kwh_per_use=kwh,
            kwh_per_use_covered=kwh_covered,
            kg_co2e_per_use_location=by_location,  # type: ignore[arg-type]
            kg_co2e_per_use_market=by_market,  # type: ignore[arg-type]
            total_location=sum(v for m, v in by_location.items() if m in total_modules),
            total_market=sum(v for m, v in by_market.items() if m in total_modules),
            lines=lines,
        )
    ordered = sorted(factors.values(), key=lambda f: (f.view != "location", f.key))
    return Electricity(
        basis=stated.basis,
        basis_stated=case.context.electricity is not None,
        instrument=market.activity if market is not None else "grid-average",
        applies_to=applies_to,
        rule=str(spec.get("rule", "")),
        reference=str(spec.get("reference", "")),
        factors=[_used(f) for f in ordered],
        options=options,
        notes=_notes(compiled, market, applies_to),
    )
