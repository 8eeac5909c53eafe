r"""One case under two method versions: what moved, per option and module, and which rule moved it.

Two versions of the harmonised method differ by their top-level sections
(:meth:`~lcacompare.method.spec.MethodSpec.sections`): a later version adds one section per new
rule, and a rule applies only when the method a case runs under has its section. So a movement
between two versions is attributed to their sections by switching the second version's sections
on one at a time, in a stated order, on top of the first:

.. math::

    S_0 = A, \qquad S_k = S_{k-1} \text{ with section } s_k \text{ of } B, \qquad
    \Delta_k = f(S_k) - f(S_{k-1}),

for every figure :math:`f` (kg CO2e per use by module and in total, EUR per use) and every
option, so :math:`\sum_k \Delta_k = f(S_n) - f(A)`; a last step from :math:`S_n` (the first
version's id with all of the second's sections) to :math:`B` itself appears only if it moves a
figure, i.e. if some rule tests the version id instead of its section. The order is the second
version's file order, then the sections it drops; with interacting rules another order gives
other steps (a sequential, one-at-a-time decomposition, not a unique one).

The intermediate specs live in memory (:func:`~lcacompare.method.spec.with_sections`); each has
its own content digest, so the Brightway project and its cached unit impacts, keyed on the method
digest, are never shared between two different sets of sections.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from lcacompare.method.rules import applied_method
from lcacompare.method.spec import MethodSpec, with_sections
from lcacompare.model.case import Case
from lcacompare.result import Result
from lcacompare.result.base import Module
from lcacompare.result.diff import Change, Effect, MethodDiff, MethodId, Movement, OptionMovement, Step, StepFigures
from lcacompare.run import analyse

__all__ = ["IDENTITY_STEP", "differing_sections", "method_diff"]

IDENTITY_STEP = "id, version, title"
"""Name of the last step (first version's id with all sections -> second version), shown only if it moves a figure."""

MODULES: tuple[Module, ...] = get_args(Module)
"""The life-cycle modules a diff reports, D included."""

_HEX = re.compile(r"\b[0-9a-f]{8,64}\b")

Figures = dict[str, dict[str, float]]
"""Per option id: ``total``, each module, ``eur`` -> value."""


def differing_sections(first: MethodSpec, second: MethodSpec) -> list[str]:
    """The sections in which two specs differ, in the order ``diff`` switches them on.

    The second spec's sections in its file order (added or rewritten), then those only the
    first has (dropped), in its order.

    Examples
    --------
    >>> from lcacompare.method import load_method
    >>> differing_sections(load_method("LCAC-HC/1"), load_method("LCAC-HC/2"))[:3]
    ['pef_data_quality', 'circular_footprint_formula', 'circularity']
    """
    before, after = first.sections(), second.sections()
    changed = [name for name, value in after.items() if before.get(name) != value or name not in before]
    return changed + [name for name in before if name not in after]


def _figures(result: Result) -> Figures:
    return {
        option.id: {
            "total": option.kg_co2e_per_use,
            **{module: option.kg_co2e_by_module.get(module, 0.0) for module in MODULES},
            "eur": option.eur_per_use,
        }
        for option in result.options
    }


def _content(result: Result, *specs: MethodSpec) -> str:
    """The result as text without what names the method (its id, digest, title), to tell reporting changes."""
    document = result.to_dict()
    for name in ("method", "method_spec", "lcacompare_version"):
        document.pop(name, None)
    text = json.dumps(document, sort_keys=True)
    for name in sorted({n for spec in specs for n in (spec.id, spec.title) if n}, key=len, reverse=True):
        text = text.replace(name, "<method>")
    digests = [spec.digest for spec in specs if spec.digest]
    # Reports quote the digest shortened (its first 12 or 16 characters): any prefix of one is the digest.
    return _HEX.sub(lambda m: "<digest>" if any(d.startswith(m.group()) for d in digests) else m.group(), text)


def _step_figures(before: Figures, after: Figures) -> list[StepFigures]:
    return [
        StepFigures(
            id=option_id,
            kg_co2e_per_use=after[option_id]["total"] - values["total"],
            kg_co2e_by_module={m: after[option_id][m] - values[m] for m in MODULES},
            eur_per_use=after[option_id]["eur"] - values["eur"],
        )
        for option_id, values in before.items()
    ]


def _movement(first: float, second: float) -> Movement:
    return Movement(
        first=first,
        second=second,
        absolute=second - first,
        relative=(second - first) / abs(first) if first != 0 else None,
    )


def _text_of(section: Any, key: str) -> str | None:
    value = section.get(key) if isinstance(section, dict) else None
    return value if isinstance(value, str) else None


def method_diff(
    case: Case,
    first: str | MethodSpec,
    second: str | MethodSpec,
    *,
    samples: int = 0,
    seed: int | None = None,
    home: str | Path | None = None,
    datasets: Any = None,
    on_step: Callable[[str], None] | None = None,
) -> MethodDiff:
    """Run a case under two method versions and attribute each movement to the sections that caused it.

    Parameters
    ----------
    case : Case
        From :func:`lcacompare.load_case`; the version it states is recorded, both given versions
        are applied to it.
    first, second : str or MethodSpec
        Known method ids (``"LCAC-HC/1"``) or spec objects; movements are ``second - first``.
    samples : int
        Paired Monte Carlo draws of each run (default 0: deterministic); the figures compared are
        the deterministic per-use results either way.
    seed : int, optional
        Seed of the draws.
    home : str or Path, optional
        lcacompare's cache home.
    datasets : Datasets, optional
        Defaults to the shipped ``datasets/`` (loaded once for every run).
    on_step : callable, optional
        Called with the id of each method as its run starts.

    Returns
    -------
    MethodDiff
        Per option the movements; per differing section one step; the steps of each figure add
        up to its movement (see the module docstring for the decomposition).

    Raises
    ------
    CaseError
        Rule ``method-unknown`` for an id lcacompare does not know; the case's own problems
        under either version.

    Examples
    --------
    >>> diff = method_diff(case, "LCAC-HC/1", "LCAC-HC/2")  # doctest: +SKIP
    >>> diff.no_effect[:2]  # doctest: +SKIP
    ['pef_data_quality', 'circular_footprint_formula']
    """
    from lcacompare import __version__
    from lcacompare.datasets import load_datasets

    spec_a, spec_b = applied_method(first), applied_method(second)
    data = datasets if datasets is not None else load_datasets()

    def run(spec: MethodSpec) -> Result:
        if on_step is not None:
            on_step(spec.id)
        return analyse(
            case, method=spec, samples=samples, seed=seed, sensitivity=False, home=home, datasets=data
        ).result

    order = differing_sections(spec_a, spec_b)
    sections_a, sections_b = spec_a.sections(), spec_b.sections()
    start = run(spec_a)
    previous, previous_spec = start, spec_a
    steps: list[Step] = []
    for k, name in enumerate(order):
        spec = with_sections(spec_a, spec_b, order[: k + 1])
        current = run(spec)
        change: Change = "added" if name not in sections_a else "removed" if name not in sections_b else "changed"
        section = sections_b.get(name, sections_a.get(name))
        steps.append(_step(name, change, section, spec, previous, current, previous_spec))
        previous, previous_spec = current, spec
    end = previous
    if (spec_b.id, spec_b.digest) != (previous_spec.id, previous_spec.digest):
        end = run(spec_b)
        last = _step(IDENTITY_STEP, "renamed", None, spec_b, previous, end, previous_spec)
        if last.effect == "moves numbers":
            steps.append(last)
    figures_a, figures_b = _figures(start), _figures(end)
    options = [
        OptionMovement(
            id=option.id,
            title=option.title,
            kg_co2e_per_use=_movement(figures_a[option.id]["total"], figures_b[option.id]["total"]),
            kg_co2e_by_module={m: _movement(figures_a[option.id][m], figures_b[option.id][m]) for m in MODULES},
            eur_per_use=_movement(figures_a[option.id]["eur"], figures_b[option.id]["eur"]),
        )
        for option in start.options
    ]
    return MethodDiff(
        lcacompare_version=__version__,
        case=case.id,
        case_title=case.title,
        case_method=case.method,
        functional_unit=case.functional_unit,
        first=MethodId(id=spec_a.id, sha256=spec_a.digest, title=spec_a.title),
        second=MethodId(id=spec_b.id, sha256=spec_b.digest, title=spec_b.title),
        samples=samples,
        order=order,
        options=options,
        steps=steps,
        moving=[s.section for s in steps if s.effect == "moves numbers"],
        reporting_only=[s.section for s in steps if s.effect == "reporting only"],
        no_effect=[s.section for s in steps if s.effect == "no effect on this case"],
    )


def _step(
    name: str,
    change: Change,
    section: Any,
    spec: MethodSpec,
    previous: Result,
    current: Result,
    previous_spec: MethodSpec,
) -> Step:
    before, after = _figures(previous), _figures(current)
    moved = _step_figures(before, after)
    effect: Effect
    if any(after[o][key] != values[key] for o, values in before.items() for key in values):
        effect = "moves numbers"
    elif _content(previous, previous_spec, spec) != _content(current, previous_spec, spec):
        effect = "reporting only"
    else:
        effect = "no effect on this case"
    return Step(
        section=name,
        change=change,
        rule=_text_of(section, "rule"),
        reference=_text_of(section, "reference"),
        method=spec.id,
        effect=effect,
        options=moved,
    )
