"""Replication cases reproduce the published studies they rebuild, within their stated tolerance.

Every shipped case under ``lcacompare/data/cases/`` with a ``reference:`` block is run through the harmonised
method; each published per-use figure (kg CO2e, and EUR where the study gives one) must be
matched within the case's relative tolerance, and the options must rank as in the study.
docs/validation.md explains each tolerance and what remains an assumption.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lcacompare import compare, load_case
from lcacompare.results import Comparison

CASES = Path(__file__).resolve().parent.parent / "lcacompare" / "data" / "cases"


def _replication_paths() -> list[Path]:
    """Shipped cases that carry a ``reference:`` block (read without running them)."""
    return [path for path in sorted(CASES.glob("*.yaml")) if load_case(path).reference is not None]


REPLICATIONS = _replication_paths()
FIGURES = ("kg_co2e_per_use", "eur_per_use")


def _published_points() -> list[tuple[Path, str, str]]:
    points = []
    for path in REPLICATIONS:
        reference = load_case(path).reference
        assert reference is not None
        for option_id, figures in reference.published.items():
            for figure in FIGURES:
                if getattr(figures, figure) is not None:
                    points.append((path, option_id, figure))
    return points


@pytest.fixture(scope="module")
def comparisons(home: Path) -> dict[Path, Comparison]:
    """Each replication case compared once for the whole module."""
    return {path: compare(load_case(path), home=home) for path in REPLICATIONS}


def test_at_least_two_replication_cases_are_shipped():
    assert len(REPLICATIONS) >= 2, [p.name for p in REPLICATIONS]


@pytest.mark.parametrize(
    ("path", "option_id", "figure"),
    _published_points(),
    ids=lambda value: value.stem if isinstance(value, Path) else str(value),
)
def test_published_figure_is_matched_within_the_case_tolerance(comparisons, path, option_id, figure):
    reference = load_case(path).reference
    assert reference is not None
    published = getattr(reference.published[option_id], figure)
    ours = getattr(comparisons[path].option(option_id), figure)
    deviation = (ours - published) / published
    assert abs(deviation) <= reference.tolerance, (
        f"{path.name} {option_id} {figure}: ours {ours:.4g}, published {published:.4g}, "
        f"deviation {deviation:+.1%} exceeds tolerance {reference.tolerance:.0%}"
    )


@pytest.mark.parametrize("path", REPLICATIONS, ids=lambda p: p.stem)
@pytest.mark.parametrize("figure", FIGURES)
def test_options_rank_as_in_the_published_study(comparisons, path, figure):
    reference = load_case(path).reference
    assert reference is not None
    published = {
        option_id: getattr(figures, figure)
        for option_id, figures in reference.published.items()
        if getattr(figures, figure) is not None
    }
    if len(published) < 2:
        pytest.skip(f"the study gives {figure} for fewer than two options")
    ours = {option_id: getattr(comparisons[path].option(option_id), figure) for option_id in published}
    assert sorted(published, key=published.__getitem__) == sorted(ours, key=ours.__getitem__)


@pytest.mark.parametrize("path", REPLICATIONS, ids=lambda p: p.stem)
def test_tolerance_is_explained_and_cites_the_study(path):
    reference = load_case(path).reference
    assert reference is not None
    assert reference.doi, "a replication names the study's DOI"
    assert len(reference.tolerance_reason.split()) >= 20, "the tolerance reason explains the remaining differences"
