"""The circularity indicators of LCAC-HC/2, per use and per option, beside CO2e.

Pure functions of the compiled case, one evaluation of it and the material tables
(:mod:`lcacompare.circular.properties`); numbers are floats, or arrays of one value per row or draw
(the portfolio evaluates many rows at once). For option ``o`` with inventory lines ``i`` of
amount per use ``a_i`` (kg), the *material lines* ``M`` are the module A1-A3 lines of category
``material`` in a mass unit (the lines the virgin-material indicator of version 1 counts):

``total_material_kg = sum_{i in M} a_i``

``non_renewable_virgin_kg = sum_{i in M} a_i * v_i * (1 - r_i)``, with ``v_i`` the line's virgin
fraction (default 1) and ``r_i`` = 1 when the material is renewable (``properties.csv``);

``bio_based_share = 100 * sum_{i in M} a_i * b_i / total_material_kg`` (percent of material mass),
``b_i`` = 1 when the material is bio-based (EN 16575:2014: derived from biomass);

``recycled_content_share = 100 * sum_{i in M} a_i * (1 - v_i) / total_material_kg``;

``service_life_uses``: ``N`` (rated uses per item) and ``E = (1 - (1 - l)^N) / l`` (expected uses);
``service_life_years = N / (U / n)`` with ``U`` the case's annual uses and ``n`` the items in
circulation (the option's ``fleet.items``, else its ``stock_items``); "not stated" otherwise;

``reusable_or_recyclable_share = 100 * (R + S) / (W + S)`` (percent of mass leaving the system per
use), with ``W`` the module C lines in a mass unit (kg per use), ``R`` those whose activity's route
is ``recycling`` (``end-of-life.csv``) and, for a reusable option, ``S = sum_{j in C, per life}
a_j * (E - 1)``: the item (as its per-life module C lines dispose of it, ``a_j * E`` kg) leaves
the point of use after every use and returns to service in ``1 - 1/E`` of them.

A material or route with no row in the tables is *unclassified*: counted as not bio-based, not
renewable and not recyclable (the conservative side), and named as an assumption of the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lcacompare.circular.properties import CircularData
from lcacompare.compile import CompiledCase, Evaluation
from lcacompare.compile.references import LineInfo, is_mass_unit

__all__ = [
    "INDICATORS",
    "Indicator",
    "MaterialFlows",
    "OptionCircularity",
    "ServiceLife",
    "material_flows",
    "service_life",
    "circularity",
]


@dataclass(frozen=True)
class Indicator:
    """One indicator's id, title, unit and rule (the same text as the method's ``circularity`` section)."""

    id: str
    title: str
    unit: str
    rule: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator("total_material_kg", "Total material", "kg per use", "sum of A1-A3 material lines in kg"),
    Indicator(
        "non_renewable_virgin_kg",
        "Non-renewable virgin material",
        "kg per use",
        "sum of A1-A3 material lines in kg x virgin fraction x (1 if the material is not renewable, else 0)",
    ),
    Indicator(
        "bio_based_share",
        "Bio-based share",
        "% of material mass",
        "100 x bio-based material kg / total material kg (EN 16575: derived from biomass)",
    ),
    Indicator(
        "recycled_content_share",
        "Recycled content",
        "% of material mass",
        "100 x sum of material kg x (1 - virgin fraction) / total material kg",
    ),
    Indicator(
        "service_life_uses",
        "Service life (uses per item)",
        "uses",
        "rated uses per item N and expected uses E = (1 - (1 - l)^N) / l; 1 for a single-use item",
    ),
    Indicator(
        "service_life_years",
        "Service life (years)",
        "years",
        "N / (annual uses / items in circulation), items from the option's fleet or stock_items; else not stated",
    ),
    Indicator(
        "reusable_or_recyclable_share",
        "Reusable or recyclable at end of life",
        "% of mass leaving the system per use",
        "100 x (module C kg to recycling + reusable item kg back in service) / (module C kg + item kg back in service)",
    ),
)
"""The indicators in the order of the result and the reports."""


def _is_material(info: LineInfo) -> bool:
    return info.category == "material" and info.module == "A1-A3" and is_mass_unit(info.activity_unit)


def _is_waste(info: LineInfo) -> bool:
    return info.module == "C" and is_mass_unit(info.activity_unit)


@dataclass(frozen=True)
class MaterialFlows:
    """The mass flows of one option per use (kg, float or array), from which the indicators follow.

    Attributes
    ----------
    material_kg, non_renewable_virgin_kg, bio_based_kg, recycled_kg : float or ndarray
        Material lines in total, non-renewable and virgin, bio-based, and recycled (1 - virgin fraction).
    waste_kg, recyclable_kg : float or ndarray
        Module C lines in total, and those sent to recycling.
    in_service_kg : float or ndarray
        Reusable item back in service per use, ``sum_j a_j * (E - 1)`` over per-life module C lines.
    unclassified_materials, unclassified_routes : tuple of str
        Activity ids with no row in the material tables (counted on the conservative side).
    """

    material_kg: Any
    non_renewable_virgin_kg: Any
    bio_based_kg: Any
    recycled_kg: Any
    waste_kg: Any
    recyclable_kg: Any
    in_service_kg: Any
    unclassified_materials: tuple[str, ...] = ()
    unclassified_routes: tuple[str, ...] = ()

    @property
    def leaving_kg(self) -> Any:
        """Mass leaving the point of use per use: module C lines plus the item back in service."""
        return self.waste_kg + self.in_service_kg

    def share(self, part: Any, whole: Any) -> Any:
        """``100 * part / whole``, NaN where ``whole`` is 0 (no material, nothing leaving)."""
        part_, whole_ = np.asarray(part, dtype=float), np.asarray(whole, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(whole_ > 0, 100.0 * part_ / np.where(whole_ > 0, whole_, 1.0), np.nan)
        return float(out) if out.ndim == 0 else out

    @property
    def bio_based_share(self) -> Any:
        """Percent of material mass that is bio-based."""
        return self.share(self.bio_based_kg, self.material_kg)

    @property
    def recycled_content_share(self) -> Any:
        """Percent of material mass that is recycled content."""
        return self.share(self.recycled_kg, self.material_kg)

    @property
    def reusable_or_recyclable_share(self) -> Any:
        """Percent of the mass leaving per use that is reused or sent to recycling."""
        return self.share(self.recyclable_kg + self.in_service_kg, self.leaving_kg)


def material_flows(
    lines: Sequence[LineInfo], amounts_per_use: Sequence[Any], expected_uses: Any, data: CircularData
) -> MaterialFlows:
    """The mass flows of one option per use.

    Parameters
    ----------
    lines : sequence of LineInfo
        ``CompiledCase.lines[option_id]``.
    amounts_per_use : sequence of float or ndarray
        Each line's amount per use in its activity's unit (``CompiledCase.inventory_per_use``).
    expected_uses : float or ndarray
        E of the option (1 for a single-use option: nothing returns to service).
    data : CircularData
        The material properties and end-of-life routes.

    Returns
    -------
    MaterialFlows
        See the module docstring for each formula.

    Examples
    --------
    A 0.1 kg renewable, bio-based line with 40 % recycled content, disposed of to recycling:

    >>> from types import SimpleNamespace as NS
    >>> from lcacompare.circular.properties import CircularData, EndOfLifeRoute, MaterialProperty
    >>> data = CircularData({"paper": MaterialProperty("paper", True, True, "s", 2014, "GLO")},
    ...                     {"recycling-paper": EndOfLifeRoute("recycling-paper", "recycling", "s", 2008, "EU")})
    >>> paper = NS(category="material", module="A1-A3", activity_unit="kg", activity_id="paper",
    ...            virgin_fraction=0.6, basis="use")
    >>> waste = NS(category="waste-treatment", module="C", activity_unit="kg", activity_id="recycling-paper",
    ...            virgin_fraction=0.0, basis="use")
    >>> flows = material_flows([paper, waste], [0.1, 0.1], 1.0, data)
    >>> round(flows.recycled_content_share, 6), flows.non_renewable_virgin_kg, flows.reusable_or_recyclable_share
    (40.0, 0.0, 100.0)
    """
    material = virgin_non_renewable = bio = recycled = waste = recyclable = in_service = 0.0
    unclassified_materials: list[str] = []
    unclassified_routes: list[str] = []
    for info, amount in zip(lines, amounts_per_use, strict=True):
        if _is_material(info):
            prop = data.materials.get(info.activity_id)
            if prop is None:
                unclassified_materials.append(info.activity_id)
            renewable = prop is not None and prop.renewable
            material = material + amount
            virgin_non_renewable = virgin_non_renewable + amount * info.virgin_fraction * (0.0 if renewable else 1.0)
            bio = bio + amount * (1.0 if prop is not None and prop.bio_based else 0.0)
            recycled = recycled + amount * (1.0 - info.virgin_fraction)
        if _is_waste(info):
            route = data.routes.get(info.activity_id)
            if route is None:
                unclassified_routes.append(info.activity_id)
            waste = waste + amount
            if route is not None and route.recyclable:
                recyclable = recyclable + amount
            if info.basis == "life":
                in_service = in_service + amount * (np.asarray(expected_uses, dtype=float) - 1.0)
    return MaterialFlows(
        material,
        virgin_non_renewable,
        bio,
        recycled,
        waste,
        recyclable,
        in_service,
        tuple(dict.fromkeys(unclassified_materials)),
        tuple(dict.fromkeys(unclassified_routes)),
    )


@dataclass(frozen=True)
class ServiceLife:
    """Service life of one option: N, E and years where the case says how often an item is used.

    Attributes
    ----------
    uses_per_life, expected_uses : float
        N and E (1 and 1 for a single-use option).
    items : float or None
        Items in circulation (fleet or stock), None when the case states neither.
    items_basis : str
        Where ``items`` comes from (``fleet.items``, ``stock_items``) or ``not stated``.
    uses_per_item_per_year : float or None
        ``annual_uses / items``.
    years : float or None
        ``N / uses_per_item_per_year``; None when not stated or for a single-use option.
    """

    uses_per_life: float
    expected_uses: float
    items: float | None
    items_basis: str
    uses_per_item_per_year: float | None
    years: float | None


def service_life(
    reusable: bool, uses_per_life: float, expected_uses: float, annual_uses: float, items: Any, basis: str
) -> ServiceLife:
    """Service life in uses and, where the items in circulation are stated, in years.

    ``years = N / (U / n)``: an item used ``U / n`` times a year reaches its ``N`` rated uses after
    that many years.

    Examples
    --------
    >>> life = service_life(True, 500, 400.0, 10000, 100, "fleet.items")
    >>> life.uses_per_item_per_year, life.years
    (100.0, 5.0)
    >>> service_life(True, 500, 400.0, 10000, None, "not stated").years is None
    True
    """
    if not reusable:
        return ServiceLife(1.0, 1.0, None, "not applicable", None, None)
    if items is None or not np.isfinite(float(items)) or float(items) <= 0 or annual_uses <= 0:
        return ServiceLife(float(uses_per_life), float(expected_uses), None, "not stated", None, None)
    per_item = float(annual_uses) / float(items)
    return ServiceLife(
        float(uses_per_life), float(expected_uses), float(items), basis, per_item, float(uses_per_life) / per_item
    )


@dataclass(frozen=True)
class OptionCircularity:
    """The indicators of one option: its flows and service life."""

    option_id: str
    kind: str
    flows: MaterialFlows
    life: ServiceLife


def _items(compiled: CompiledCase, option_id: str, evaluation: Evaluation) -> tuple[Any, str]:
    option = compiled.case.option(option_id)
    if option.fleet is not None:
        return option.fleet.items, "fleet.items"
    stock = evaluation.stock_items.get(option_id)
    if stock is not None and not isinstance(stock, Exception):
        return float(np.asarray(stock, dtype=float)), "stock_items"
    return None, "not stated"


def circularity(compiled: CompiledCase, evaluation: Evaluation, data: CircularData) -> dict[str, OptionCircularity]:
    """The circularity indicators of every option of a case, by option id.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    evaluation : Evaluation
        One evaluation of it (``compiled.evaluate()`` for the deterministic figures).
    data : CircularData
        From :func:`lcacompare.circular.properties.load_circular_data`.

    Returns
    -------
    dict of str to OptionCircularity
        In the case's order.
    """
    amounts: Mapping[str, Any] = compiled.inventory_per_use(evaluation)
    out: dict[str, OptionCircularity] = {}
    annual = float(compiled.case.context.annual_uses)
    for option_id in compiled.option_ids:
        option = compiled.case.option(option_id)
        factors = evaluation.factors[option_id]
        reusable = option.kind == "reusable" and factors.reusable
        e = float(factors.expected_uses) if reusable else 1.0
        flows = material_flows(compiled.lines[option_id], [float(a) for a in amounts[option_id]], e, data)
        items, basis = _items(compiled, option_id, evaluation) if reusable else (None, "not applicable")
        life = service_life(reusable, float(factors.uses) if reusable else 1.0, e, annual, items, basis)
        out[option_id] = OptionCircularity(option_id, option.kind, flows, life)
    return out
