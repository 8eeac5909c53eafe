"""A case's own emission factors and published module figures, resolved beside the shipped rows.

A case may bring emission factors of its own (``factors:``) and lines that carry a published
figure (``kg_co2e:``) instead of an activity. Neither enters the shared Brightway project built
from the datasets (that project is cached by the datasets' content and shared by every case):
their unit impact is computed here, as the characterised factor of a dataset row,

``h = sum_g f_g * CF_g``

with ``f_g`` the kg of gas ``g`` per reference unit and ``CF_g`` the method's characterisation
factor (``co2e`` has ``CF = 1``). Brightway computes the same number for a dataset row, whose
activity has one biosphere exchange per gas (``tests/test_study_own_factors.py`` checks it).
"""

from __future__ import annotations

from collections.abc import Mapping

from lcacompare.datasets import Datasets, Factor, Provenance
from lcacompare.errors import Problem
from lcacompare.model.case import Case, CaseFactor

__all__ = [
    "OWN_PREFIX",
    "PUBLISHED_PREFIX",
    "check_case_factors",
    "own_factor",
    "published_key",
    "is_own_key",
]

OWN_PREFIX = "case:"
"""Activity key prefix of a line that uses one of the case's own factors."""
PUBLISHED_PREFIX = "published:"
"""Activity key prefix of a line that carries a published figure."""


def is_own_key(key: str) -> bool:
    """Whether an activity key is resolved by the case itself rather than by a background."""
    return key.startswith((OWN_PREFIX, PUBLISHED_PREFIX))


def published_key(option_id: str, index: int) -> str:
    """The activity key of a line with a published figure: one per line."""
    return f"{PUBLISHED_PREFIX}{option_id}|{index}"


def own_factor(factor: CaseFactor) -> Factor:
    """The case factor as a dataset :class:`~lcacompare.datasets.Factor` (for lines and reports)."""
    return Factor(
        id=factor.id,
        geography=factor.geography,
        name=factor.name,
        category=factor.category,
        unit=factor.unit,
        kg_per_unit=factor.kg_per_unit(),
        provenance=Provenance(
            source=factor.source,
            year=factor.year,
            geography=factor.geography,
            pedigree=tuple(factor.pedigree),  # type: ignore[arg-type]
            source_url=factor.source_url or "",
            assumption=factor.assumption or "",
            notes=factor.note or "",
            file="case file",
        ),
    )


def check_case_factors(case: Case, datasets: Datasets) -> tuple[dict[str, Factor], list[Problem]]:
    """Rule case-factor: own factor ids are new (not shipped, not repeated) and their units known.

    Returns
    -------
    factors : dict of str to Factor
        The usable own factors by id.
    problems : list of Problem
        One per broken factor, naming ``factors[k].<field>``.
    """
    from lcacompare.datasets import _check_unit

    shipped = set(datasets.factor_ids())
    found: dict[str, Factor] = {}
    problems: list[Problem] = []
    for k, item in enumerate(case.factors):
        where = f"factors[{k}]"
        why = ""
        if item.id in shipped:
            why = "the id is a shipped factor: a case factor never overrides one silently"
        elif item.id in found:
            why = "the id is given twice"
        if why:
            problems.append(
                Problem(
                    f"{where}.id",
                    f"factor {item.id!r}: {why}",
                    "an id of your own, distinct from datasets/factors ids",
                    "case-factor",
                    case.line_of("factors", k, "id"),
                )
            )
            continue
        unit_problems: list[Problem] = []
        _check_unit(item.unit, f"{where}.unit", unit_problems)
        for problem in unit_problems:
            problems.append(
                Problem(problem.field, problem.message, problem.hint, "unit", case.line_of("factors", k, "unit"))
            )
        if not unit_problems:
            found[item.id] = own_factor(item)
    return found, problems


def own_unit_impacts(
    factors: Mapping[str, Factor], published: Mapping[str, float], characterisation: Mapping[str, float]
) -> dict[str, float]:
    """Kg CO2e per reference unit of every own factor (``case:<id>``) and published line.

    Parameters
    ----------
    factors : mapping of str to Factor
        The case's own factors by id.
    published : mapping of str to float
        Kg CO2e per unit of every published line, by its activity key.
    characterisation : mapping of str to float
        The method's characterisation factors by gas.

    Returns
    -------
    dict of str to float
        ``h = sum_g f_g * CF_g`` by activity key.
    """
    impacts = {f"{OWN_PREFIX}{fid}": factor.kg_co2e(characterisation) for fid, factor in factors.items()}
    impacts.update(published)
    return impacts
