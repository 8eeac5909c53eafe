"""Sensitivity: one-at-a-time tornado and global Sobol indices (SALib).

Both are vectorised designs over the same :class:`~lcacompare.uncertainty.model.UncertaintyModel`
the paired Monte Carlo uses, so they see the same inputs and distributions:

* **Tornado** (one at a time): each input at its 2.5th and 97.5th percentile, every other input at
  its deterministic value; ``2 D + 1`` scenarios evaluated in one pass. The swing is
  ``|output(high) - output(low)|``.
* **Sobol** (variance based, Saltelli 2010 / Jansen estimators as implemented by SALib): a scrambled
  Sobol' design of ``N (D + 2)`` points on the unit hypercube, mapped to each input through its
  inverse CDF; first-order ``S1`` and total ``ST`` indices with bootstrap confidence intervals.

Targets are each option and each difference ``"<alt>-vs-<baseline>"``, for ``kg_co2e_per_use``
and ``eur_per_use``. Top contributors are ranked by ``ST`` when the Sobol indices were computed,
otherwise by the tornado swing.

The tornado costs a few milliseconds; the Sobol indices cost about two seconds on a small machine,
most of it importing SALib and scipy.stats, so :func:`sensitivity_analysis` computes them only
when asked (``sobol=True``; the command line's ``--sobol``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lcacompare.ranking import descending
from lcacompare.uncertainty.budget import arrays_per_sample
from lcacompare.uncertainty.model import Outcome, UncertaintyModel, build_model
from lcacompare.uncertainty.sampling import PERCENTILES

__all__ = ["SensitivityResult", "sensitivity_analysis", "tornado", "sobol_indices", "screen_inputs", "SOBOL_INPUTS"]

_OUTPUTS = ("kg_co2e_per_use", "eur_per_use")
SOBOL_INPUTS = 12
"""Inputs kept for Sobol indices after screening by the tornado (the rest held fixed)."""
SOBOL_CONTRIBUTOR = 0.01
"""A top contributor by Sobol indices explains more than this share of the variance (``ST``)."""
TORNADO_CHUNK_BYTES = 256 * 1024 * 1024
"""Most bytes of sampled arrays one pass of the tornado holds (its inputs are swung in chunks)."""
TORNADO_CONTRIBUTOR = 0.1
"""Without Sobol indices, a top contributor swings the result by at least this share of the
widest swing (about the same cut: a variance share scales with the square of a swing)."""


def _targets(model: UncertaintyModel, outcome: Outcome) -> dict[str, dict[str, np.ndarray]]:
    base = model.baseline
    targets = {
        oid: {"kg_co2e_per_use": outcome.kg_co2e_per_use[oid], "eur_per_use": outcome.eur_per_use[oid]}
        for oid in model.option_ids
    }
    for oid in model.option_ids:
        if oid != base:
            targets[f"{oid}-vs-{base}"] = {output: targets[oid][output] - targets[base][output] for output in _OUTPUTS}
    return targets


def _no_fraction(fraction: float) -> None:
    """Progress of a run nobody watches."""


def tornado(
    model: UncertaintyModel, top: int | None = None, on_fraction: Callable[[float], None] | None = None
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """One-at-a-time swings of every input between its 2.5th and 97.5th percentiles.

    Parameters
    ----------
    model : UncertaintyModel
        The case and its inputs.
    top : int, optional
        Keep only the ``top`` widest swings per target and output (default: every input). The
        swings are computed as arrays either way; only the kept entries become dicts, so a case
        with hundreds of options (targets) and thousands of inputs stays linear in its size.
    on_fraction : callable, optional
        Called with the fraction done (0 to 1) after each chunk of inputs.

    Returns
    -------
    dict
        ``{target: {output: [entry, ...]}}``, entries sorted by decreasing ``swing`` (ties, to
        nine significant digits, by input name) with ``input``, ``label``, ``unit``, ``input_low``, ``input_high``,
        ``output_base``, ``output_low``, ``output_high`` and ``swing`` (output units per key).
    """
    inputs = [item for item in model.inputs if item.kind != "background-pool"]
    bounds = [tuple(float(v) for v in item.marginal.ppf(np.array(PERCENTILES) / 100.0)) for item in inputs]
    # Inputs in chunks: each chunk is one vectorised pass over 2 C + 1 scenarios, so the arrays
    # held at once stay within TORNADO_CHUNK_BYTES however many inputs and lines the case has.
    chunk = max(1, TORNADO_CHUNK_BYTES // (2 * 8 * arrays_per_sample(model)))
    base: dict[str, dict[str, float]] = {}
    swung: dict[str, dict[str, list[np.ndarray]]] = {}
    done = on_fraction if on_fraction is not None else _no_fraction
    for start in range(0, max(len(inputs), 1), chunk):
        part = inputs[start : start + chunk]
        n = 2 * len(part) + 1
        draws = model.base_draws(n)
        for j, item in enumerate(part):
            draws[item.name][2 * j + 1], draws[item.name][2 * j + 2] = bounds[start + j]
        for target, outputs in _targets(model, model.evaluate(draws, n)).items():
            for output, y in outputs.items():
                y = np.broadcast_to(np.asarray(y, dtype=float), (n,))
                base.setdefault(target, {}).setdefault(output, float(y[0]))
                swung.setdefault(target, {}).setdefault(output, []).append(y[1:])
        done(min(1.0, (start + chunk) / max(len(inputs), 1)))
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for target, pieces_by_output in swung.items():
        out[target] = {}
        for output, pieces in pieces_by_output.items():
            y = np.concatenate(pieces)
            lows, highs = y[0::2], y[1::2]
            swings = np.abs(highs - lows)
            order = sorted(range(len(inputs)), key=lambda j: descending(float(swings[j]), inputs[j].name))[:top]
            out[target][output] = [
                {
                    "input": inputs[j].name,
                    "label": inputs[j].label,
                    "unit": inputs[j].unit,
                    "input_low": bounds[j][0],
                    "input_high": bounds[j][1],
                    "output_base": base[target][output],
                    "output_low": float(lows[j]),
                    "output_high": float(highs[j]),
                    "swing": float(swings[j]),
                }
                for j in order
            ]
    return out


def screen_inputs(model: UncertaintyModel, table: dict[str, dict[str, list[dict[str, Any]]]], keep: int) -> list[str]:
    """The ``keep`` inputs with the largest tornado swings, over every target and output.

    Each swing is divided by the largest swing of its target and output, so a difference of a few
    grams and a cost of a few euros weigh alike; an input's rank is its largest relative swing.

    Parameters
    ----------
    model : UncertaintyModel
        The case and its inputs.
    table : dict
        The tornado of :func:`tornado`.
    keep : int
        How many inputs to keep.

    Returns
    -------
    list of str
        Input names, in model order.
    """
    score: dict[str, float] = {}
    for outputs in table.values():
        for entries in outputs.values():
            largest = max((e["swing"] for e in entries), default=0.0)
            if largest <= 0:
                continue
            for e in entries:
                score[e["input"]] = max(score.get(e["input"], 0.0), e["swing"] / largest)
    ranked = sorted(score, key=lambda name: descending(score[name], name))[:keep]
    chosen = set(ranked)
    return [item.name for item in model.inputs if item.name in chosen]


def sobol_indices(
    model: UncertaintyModel,
    seed: int,
    samples: int = 512,
    inputs: list[str] | None = None,
    on_fraction: Callable[[float], None] | None = None,
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """First-order and total Sobol indices (SALib) of the given inputs.

    Parameters
    ----------
    model : UncertaintyModel
        The case and its inputs.
    seed : int
        Seed of the scrambled Sobol' design and of the bootstrap.
    samples : int
        Base sample size ``N``, a power of 2.
    inputs : list of str, optional
        The inputs to vary (default all); the others stay at their deterministic values, so the
        indices are those of the chosen inputs (see :func:`screen_inputs`).
    on_fraction : callable, optional
        Called with the fraction done (0 to 1): after evaluating the whole Sobol' design (a fifth),
        then after the indices of each target and output. The design is evaluated in one pass, so
        the numbers do not depend on it.

    Returns
    -------
    dict
        ``{target: {output: [entry, ...]}}``, entries sorted by decreasing ``ST`` with ``input``,
        ``label``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``. An output that does not vary gets
        zero indices.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    if samples < 2 or samples & (samples - 1):
        raise ValueError("sobol samples must be a power of 2 (SALib's Sobol' design)")
    chosen = [item for item in model.inputs if inputs is None or item.name in inputs]
    if not chosen:
        return {}
    problem = {"num_vars": len(chosen), "names": [item.name for item in chosen], "bounds": [[0.0, 1.0]] * len(chosen)}
    design = sobol_sample.sample(problem, samples, calc_second_order=False, scramble=True, seed=seed)
    draws = model.base_draws(design.shape[0])
    for j, item in enumerate(chosen):
        draws[item.name] = design[:, j] if item.kind == "background-pool" else item.marginal.ppf(design[:, j])
    targets = _targets(model, model.evaluate(draws, design.shape[0]))
    done = on_fraction if on_fraction is not None else _no_fraction
    done(0.2)
    analysed, count = 0, sum(len(outputs) for outputs in targets.values())
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for target, outputs in targets.items():
        out[target] = {}
        for output, y in outputs.items():
            y = np.ascontiguousarray(np.broadcast_to(y, (design.shape[0],)), dtype=float)
            if np.ptp(y) <= 1e-12 * max(1.0, float(np.max(np.abs(y)))):
                indices = {key: np.zeros(len(chosen)) for key in ("S1", "S1_conf", "ST", "ST_conf")}
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    indices = sobol_analyze.analyze(
                        problem, y, calc_second_order=False, seed=seed, print_to_console=False
                    )
            entries = [
                {
                    "input": item.name,
                    "label": item.label,
                    "S1": float(indices["S1"][j]),
                    "S1_conf": float(indices["S1_conf"][j]),
                    "ST": float(indices["ST"][j]),
                    "ST_conf": float(indices["ST_conf"][j]),
                }
                for j, item in enumerate(chosen)
            ]
            out[target][output] = sorted(entries, key=lambda e: descending(e["ST"], e["input"]))
            analysed += 1
            done(0.2 + 0.8 * analysed / count)
    return out


@dataclass
class SensitivityResult:
    """Tornado and Sobol results; :meth:`to_dict` keeps the ``top`` inputs per list."""

    seed: int
    sobol_samples: int
    tornado: dict[str, dict[str, list[dict[str, Any]]]]
    sobol: dict[str, dict[str, list[dict[str, Any]]]]
    top: int = 10
    inputs: int = 0
    evaluations: dict[str, int] = field(default_factory=dict)
    sobol_screened: list[str] | None = None

    @property
    def contributors_by(self) -> str:
        """How :meth:`top_contributors` ranks the inputs."""
        if self.sobol:
            return f"total Sobol index ST above {SOBOL_CONTRIBUTOR:g}"
        return f"tornado swing at least {TORNADO_CONTRIBUTOR:.0%} of the widest swing"

    def top_contributors(self) -> dict[str, dict[str, list[str]]]:
        """Per target and output, the inputs that drive the result most.

        By total Sobol index (``ST`` above :data:`SOBOL_CONTRIBUTOR`) when the indices were
        computed, otherwise by tornado swing (at least :data:`TORNADO_CONTRIBUTOR` of the widest).
        """
        if self.sobol:
            return {
                target: {
                    output: [e["input"] for e in entries[: self.top] if e["ST"] > SOBOL_CONTRIBUTOR]
                    for output, entries in outputs.items()
                }
                for target, outputs in self.sobol.items()
            }
        chosen: dict[str, dict[str, list[str]]] = {}
        for target, outputs in self.tornado.items():
            chosen[target] = {}
            for output, entries in outputs.items():
                widest = max((e["swing"] for e in entries), default=0.0)
                chosen[target][output] = [
                    e["input"] for e in entries[: self.top] if widest > 0 and e["swing"] >= TORNADO_CONTRIBUTOR * widest
                ]
        return chosen

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready result, ``top`` entries per list."""

        def cut(table: dict[str, dict[str, list[dict[str, Any]]]]) -> dict[str, Any]:
            return {t: {o: entries[: self.top] for o, entries in outputs.items()} for t, outputs in table.items()}

        return {
            "seed": int(self.seed),
            "inputs": self.inputs,
            "percentiles": list(PERCENTILES),
            "sobol_samples": self.sobol_samples,
            "sobol_inputs": self.sobol_screened,
            "sobol_screening": self._screening(),
            "evaluations": self.evaluations,
            "tornado": cut(self.tornado),
            "sobol": cut(self.sobol),
            "top_contributors": self.top_contributors(),
            "top_contributors_by": self.contributors_by,
        }

    def _screening(self) -> str:
        if not self.sobol:
            return "not computed (ask for Sobol indices: sobol=True, or --sobol on the command line)"
        if self.sobol_screened is None:
            return "all inputs varied"
        return (
            f"the {len(self.sobol_screened)} inputs with the largest tornado swings varied, "
            "the others held at their deterministic values"
        )


def sensitivity_analysis(
    prepared: Any,
    seed: int,
    *,
    sobol: bool = True,
    sobol_samples: int = 512,
    top: int = 10,
    sobol_inputs: int | None = SOBOL_INPUTS,
    on_fraction: Callable[[float], None] | None = None,
) -> SensitivityResult:
    """Tornado and (when asked) Sobol indices of a case.

    Parameters
    ----------
    prepared : Prepared or UncertaintyModel
        From :func:`lcacompare.prepare` or :func:`~lcacompare.uncertainty.model.build_model`.
    seed : int
        Seed of the Sobol design and bootstrap.
    sobol : bool
        Also compute the Sobol indices (about two seconds more); otherwise only the tornado.
    sobol_samples : int
        SALib base sample size (power of 2).
    top : int
        Entries kept per list in :meth:`SensitivityResult.to_dict`.
    sobol_inputs : int or None
        Screening: Sobol indices are computed for this many inputs, those with the largest
        tornado swings (:func:`screen_inputs`); the others stay at their deterministic values.
        None computes them for every input.
    on_fraction : callable, optional
        Called with the fraction done (0 to 1): the tornado is the whole run without Sobol
        indices and its first tenth with them.

    Returns
    -------
    SensitivityResult
    """
    model = prepared if isinstance(prepared, UncertaintyModel) else build_model(prepared)
    dims = len(model.inputs)
    # Without Sobol screening only the ``top`` widest swings of each list are ever used.
    done = on_fraction if on_fraction is not None else _no_fraction
    swings = tornado(model, top=None if sobol else top, on_fraction=lambda x: done(x if not sobol else 0.1 * x))
    evaluations = {"tornado": 2 * dims + 1}
    if not sobol:
        return SensitivityResult(seed, 0, swings, {}, top, dims, evaluations, None)
    screened = None if sobol_inputs is None or sobol_inputs >= dims else screen_inputs(model, swings, sobol_inputs)
    varied = dims if screened is None else len(screened)
    evaluations["sobol"] = sobol_samples * (varied + 2)
    return SensitivityResult(
        seed,
        sobol_samples,
        swings,
        sobol_indices(model, seed, sobol_samples, screened, on_fraction=lambda x: done(0.1 + 0.9 * x)),
        top,
        dims,
        evaluations,
        screened,
    )
