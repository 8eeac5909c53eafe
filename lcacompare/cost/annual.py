"""Annual view: what each option costs and emits in a year of the hospital's uses.

``eur_per_year = eur_per_use * U`` with the levelised cost per use, i.e. the equivalent annual
cost (the level yearly payment with the same NPV as the option's cash flows, uses being level);
``kg_co2e_per_year = kg_co2e_per_use * U``. Savings are the baseline's figure minus the
option's (positive: switching to the option saves).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

__all__ = ["annual_view", "PerUseOption", "PerUseResults"]


class PerUseOption(Protocol):
    """What the money views read of one option's per-use result."""

    id: str
    eur_per_use: float
    kg_co2e_per_use: float


class PerUseResults(Protocol):
    """What the money views read of a comparison (cost/ never imports the comparison itself)."""

    baseline: str

    @property
    def options(self) -> Sequence[PerUseOption]:
        """Per-option results."""

    def option(self, option_id: str) -> PerUseOption:
        """The result of one option."""


def annual_view(comparison: PerUseResults, annual_uses: float) -> dict[str, Any]:
    """Annual cost and CO2e per option, and the saving of switching from the baseline.

    Parameters
    ----------
    comparison : PerUseResults
        Per-use results (a :class:`lcacompare.results.Comparison`) (levelised EUR per use, kg CO2e per use).
    annual_uses : float
        U, uses per year (``context.annual_uses``).

    Returns
    -------
    dict
        ``{"annual_uses": U, "baseline": id, "basis": text, "options": {id: {"eur_per_year",
        "kg_co2e_per_year", "eur_saving_per_year_vs_baseline",
        "kg_co2e_saving_per_year_vs_baseline"}}}``.
    """
    base = comparison.option(comparison.baseline)
    base_eur = base.eur_per_use * annual_uses
    base_kg = base.kg_co2e_per_use * annual_uses
    options = {}
    for option in comparison.options:
        eur = option.eur_per_use * annual_uses
        kg = option.kg_co2e_per_use * annual_uses
        options[option.id] = {
            "eur_per_year": eur,
            "kg_co2e_per_year": kg,
            "eur_saving_per_year_vs_baseline": base_eur - eur,
            "kg_co2e_saving_per_year_vs_baseline": base_kg - kg,
        }
    return {
        "annual_uses": float(annual_uses),
        "baseline": comparison.baseline,
        "basis": (
            "eur_per_year = levelised eur_per_use x annual_uses (equivalent annual cost); "
            "kg_co2e_per_year = kg_co2e_per_use x annual_uses; saving = baseline - option"
        ),
        "options": options,
    }
