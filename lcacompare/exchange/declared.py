"""A supplier's declared footprint against the footprint the harmonised method computes.

France's public product calculator (Ecobalyse) refuses a declared score that differs from the
score its published method computes. Here the check reports, for one option::

    computed = sum over the declared modules of our kg CO2e per use     (x E for a figure per item)
    relative difference = (declared - computed) / computed

and whether ``|relative difference| <= tolerance``, plus the lines that explain most of the
gap: modules we count that the declaration leaves out (boundary), and the largest lines inside
the declared boundary, each with the change of its factor that alone would close the gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lcacompare.exchange.answers import DeclaredFootprint

__all__ = ["DEFAULT_TOLERANCE", "Contributor", "DeclaredCheck", "check_declared"]

DEFAULT_TOLERANCE = 0.10
"""Relative difference accepted by default (a buyer's choice; Ecobalyse accepts none)."""
_MAX_CONTRIBUTORS = 5


@dataclass(frozen=True)
class Contributor:
    """A line or module that explains part of the gap between declared and computed."""

    kind: str
    """``boundary`` (a module we count and the declaration leaves out) or ``line``."""
    label: str
    kg_co2e: float
    """kg CO2e on the compared basis (per use or per item)."""
    share_of_computed: float
    factor_change_to_close_gap: float | None = None
    """For a line: the relative change of its factor that alone would make computed equal declared."""


@dataclass(frozen=True)
class DeclaredCheck:
    """Declared versus computed footprint of one option."""

    option_id: str
    basis: str
    declared_kg_co2e: float
    computed_kg_co2e: float
    computed_whole_life_kg_co2e: float
    relative_difference: float
    tolerance: float
    within_tolerance: bool
    declared_modules: tuple[str, ...]
    source: str
    contributors: tuple[Contributor, ...] = field(default_factory=tuple)


def check_declared(
    option: Any, declared: DeclaredFootprint, *, total_modules: tuple[str, ...], tolerance: float = DEFAULT_TOLERANCE
) -> DeclaredCheck:
    """Compare a declared footprint with the computed one of the same option.

    Parameters
    ----------
    option : OptionResult
        The option's result from :func:`lcacompare.compare`.
    declared : DeclaredFootprint
        From a request workbook or a PACT file.
    total_modules : tuple of str
        The modules in the method's total (``A1-A3, A4, B, C``).
    tolerance : float
        Accepted ``|relative difference|``.

    Returns
    -------
    DeclaredCheck

    Examples
    --------
    A declaration 40 % below the computed figure is outside a 10 % tolerance:

    >>> from types import SimpleNamespace as NS
    >>> line = NS(module="A1-A3", activity="pvc", kg_co2e_per_use=1.0, kg_co2e_per_unit=2.0, unit="kg")
    >>> result = NS(id="x", kg_co2e_by_module={"A1-A3": 1.0}, lines=[line], expected_uses=1.0)
    >>> check = check_declared(result, DeclaredFootprint(kg_co2e=0.6), total_modules=("A1-A3",))
    >>> round(check.relative_difference, 3), check.within_tolerance
    (-0.4, False)
    """
    scale = float(option.expected_uses) if declared.per == "item" else 1.0
    modules = tuple(m for m in declared.modules if m in total_modules)
    computed = scale * sum(option.kg_co2e_by_module.get(m, 0.0) for m in modules)
    whole = scale * sum(option.kg_co2e_by_module.get(m, 0.0) for m in total_modules)
    relative = (declared.kg_co2e - computed) / computed if computed else float("inf")
    gap = computed - declared.kg_co2e
    contributors: list[Contributor] = []
    for module in total_modules:
        if module not in modules and option.kg_co2e_by_module.get(module, 0.0):
            kg = scale * option.kg_co2e_by_module[module]
            contributors.append(Contributor("boundary", f"module {module} not in the declaration", kg, kg / whole))
    inside = sorted(
        (ln for ln in option.lines if ln.module in modules), key=lambda ln: abs(ln.kg_co2e_per_use), reverse=True
    )
    covered = 0.0
    for line in inside[:_MAX_CONTRIBUTORS]:
        kg = scale * line.kg_co2e_per_use
        change = -gap / kg if kg else None
        label = f"{line.module} {line.activity} ({line.kg_co2e_per_unit:.4g} kg CO2e/{line.unit})"
        contributors.append(Contributor("line", label, kg, kg / computed if computed else 0.0, change))
        covered += abs(kg)
        if covered >= abs(gap) and len([c for c in contributors if c.kind == "line"]) >= 3:
            break
    return DeclaredCheck(
        option_id=option.id,
        basis="per item over its life" if declared.per == "item" else "per use",
        declared_kg_co2e=declared.kg_co2e,
        computed_kg_co2e=computed,
        computed_whole_life_kg_co2e=whole,
        relative_difference=relative,
        tolerance=tolerance,
        within_tolerance=abs(relative) <= tolerance,
        declared_modules=modules,
        source=declared.source,
        contributors=tuple(contributors),
    )
