"""Optional monetised view: CO2e priced at a stated shadow carbon price, kept apart from cost.

``eur_co2e_per_use = kg_co2e_per_use / 1000 * P`` with ``P`` the shadow price in EUR per
tonne CO2e (``context.shadow_carbon_price``, with its source), indexed to the case's price year
with the HICP when its ``price_year`` differs. The view adds it to the levelised cost in a
separate total (``eur_per_use_incl_co2e``); the plain cost figures never include it. Directive
2014/24/EU art. 68 allows whole-life costing to include verifiable costs of GHG emissions.
"""

from __future__ import annotations

from typing import Any

from lcacompare.cost.annual import PerUseResults
from lcacompare.cost.indexation import index_file_for, load_price_index
from lcacompare.errors import CaseError, Problem
from lcacompare.model.case import Case

__all__ = ["monetised_view", "shadow_price_eur_per_tonne"]


def shadow_price_eur_per_tonne(case: Case, datasets_root: Any = None) -> dict[str, Any] | None:
    """The case's shadow carbon price in EUR per tonne CO2e of the case's price year.

    Parameters
    ----------
    case : Case
        The case (``context.shadow_carbon_price``).
    datasets_root : Path, optional
        Datasets folder, for its ``indices/hicp.csv`` if it has one.

    Returns
    -------
    dict or None
        ``eur_per_tonne_co2e`` (indexed), ``eur_per_tonne_co2e_as_given``, ``price_year``,
        ``index_factor``, ``index_series``, ``source``, ``assumption``; None if no price is set.

    Raises
    ------
    CaseError
        If the price year cannot be indexed.
    """
    shadow = case.context.shadow_carbon_price
    if shadow is None:
        return None
    target = case.context.price_year
    year = shadow.price_year or shadow.year or target
    factor, series = 1.0, None
    if year != target:
        found = load_price_index(index_file_for(datasets_root)).indexation(year, target, case.context.country)
        if found is None:
            raise CaseError(
                case.path,
                [
                    Problem(
                        "context.shadow_carbon_price.price_year",
                        f"no HICP index to bring a {year} price to {target}",
                        "a year covered by datasets/indices/hicp.csv, or the price in the case's price year",
                        "price-index",
                        case.line_of("context", "shadow_carbon_price"),
                    )
                ],
            )
        factor, series = found.factor, found.series
    return {
        "eur_per_tonne_co2e": shadow.eur_per_tonne * factor,
        "eur_per_tonne_co2e_as_given": shadow.eur_per_tonne,
        "price_year": year,
        "index_factor": factor,
        "index_series": series,
        "source": shadow.source,
        "assumption": shadow.assumption,
    }


def monetised_view(comparison: PerUseResults, case: Case, datasets_root: Any = None) -> dict[str, Any] | None:
    """Per option: CO2e in EUR at the shadow price, and cost plus that, as a separate total.

    Parameters
    ----------
    comparison : PerUseResults
        Per-use results (a :class:`lcacompare.results.Comparison`).
    case : Case
        The case (context: shadow price, annual uses).
    datasets_root : Path, optional
        Datasets folder (for the index table).

    Returns
    -------
    dict or None
        None when the case states no shadow price; else ``shadow_carbon_price`` (the price and
        its source) and per option ``eur_co2e_per_use``, ``eur_per_use`` (plain),
        ``eur_per_use_incl_co2e``, ``eur_co2e_per_year``, ``eur_per_year_incl_co2e``.
    """
    price = shadow_price_eur_per_tonne(case, datasets_root)
    if price is None:
        return None
    per_kg = price["eur_per_tonne_co2e"] / 1000.0
    uses = case.context.annual_uses
    options = {}
    for option in comparison.options:
        carbon = option.kg_co2e_per_use * per_kg
        options[option.id] = {
            "eur_co2e_per_use": carbon,
            "eur_per_use": option.eur_per_use,
            "eur_per_use_incl_co2e": option.eur_per_use + carbon,
            "eur_co2e_per_year": carbon * uses,
            "eur_per_year_incl_co2e": (option.eur_per_use + carbon) * uses,
        }
    return {
        "shadow_carbon_price": price,
        "note": "monetised CO2e is a separate view; it is never added to the plain cost figures",
        "options": options,
    }
