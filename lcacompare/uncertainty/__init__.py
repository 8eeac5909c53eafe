"""Uncertainty and sensitivity: vectorised paired Monte Carlo, tornado and Sobol indices.

Public entry points (JSON-ready dicts, units in key names)::

    run_uncertainty(prepared, samples, seed) -> dict
    run_sensitivity(prepared, seed, ...) -> dict

and, for reports that need the sampled arrays, :func:`paired_monte_carlo` returning an
:class:`UncertaintyResult` (``.to_dict()`` and ``.arrays``). Build the model once with
:func:`build_model` and pass it instead of ``prepared`` to reuse it across runs.
"""

from __future__ import annotations

from typing import Any

from lcacompare.uncertainty.model import UncertaintyModel, build_model
from lcacompare.uncertainty.paired import UncertaintyResult, paired_monte_carlo
from lcacompare.uncertainty.sensitivity import SensitivityResult, sensitivity_analysis

__all__ = [
    "run_uncertainty",
    "run_sensitivity",
    "paired_monte_carlo",
    "sensitivity_analysis",
    "build_model",
    "UncertaintyModel",
    "UncertaintyResult",
    "SensitivityResult",
]


def run_uncertainty(prepared: Any, samples: int, seed: int) -> dict[str, Any]:
    """Paired Monte Carlo of every option against the baseline, as a JSON-ready dict.

    Parameters
    ----------
    prepared : Prepared or UncertaintyModel
        From :func:`lcacompare.prepare` (or a model from :func:`build_model`).
    samples : int
        Number of paired draws.
    seed : int
        Seed (returned in the result); the same seed gives the same numbers.

    Returns
    -------
    dict
        ``seed``, ``samples``, ``baseline``, ``assertion_threshold``, ``inputs``, ``options``
        (per option ``kg_co2e_per_use`` and ``eur_per_use`` with mean, sd, median, p2_5, p97_5),
        ``differences`` (per ``"<alt>-vs-<baseline>"``: the same statistics of alternative minus
        baseline, ``probability_lower_co2e``, ``probability_lower_cost``, ``verdict_co2e``,
        ``verdict_cost``) and ``breakeven_uses`` (per reusable option, ``kg_co2e`` and ``eur``).
    """
    return paired_monte_carlo(prepared, samples, seed).to_dict()


def run_sensitivity(prepared: Any, seed: int, *, sobol_samples: int = 512, top: int = 10) -> dict[str, Any]:
    """One-at-a-time tornado and Sobol indices (SALib) of every option and difference.

    Parameters
    ----------
    prepared : Prepared or UncertaintyModel
        From :func:`lcacompare.prepare` (or a model from :func:`build_model`).
    seed : int
        Seed of the Sobol design and of SALib's bootstrap.
    sobol_samples : int
        SALib base sample size ``N`` (a power of 2); the model is evaluated ``N (D + 2)`` times.
    top : int
        How many inputs to list per target and output.

    Returns
    -------
    dict
        ``seed``, ``tornado``, ``sobol`` and ``top_contributors`` per target (each option id and
        each ``"<alt>-vs-<baseline>"``) and output (``kg_co2e_per_use``, ``eur_per_use``).
    """
    return sensitivity_analysis(prepared, seed, sobol_samples=sobol_samples, top=top).to_dict()
