"""The memory budget of the sampled arrays, checked before anything is allocated.

The paired Monte Carlo holds, for ``S`` samples, one array of ``S`` floats (8 bytes each) per
uncertain input (the draws), per inventory line of every option (amounts per use; a line whose
amount varies is repeated over the samples), per background activity (unit impacts) and about
:data:`PER_OPTION_ARRAYS` per option (CO2e and cost per use, per-life and variable CO2e, loss
rate, the two differences to the baseline and the two break-even distributions), plus the cost
break-even search over its first draws. A run whose estimate exceeds the budget is refused
(exit code 2) with the estimate and the number of samples that would fit. (The one-at-a-time
tornado swings its inputs in chunks of bounded size,
:data:`lcacompare.uncertainty.sensitivity.TORNADO_CHUNK_BYTES`, so it needs no check.)

The budget is :data:`DEFAULT_MEMORY_BUDGET_MIB` MiB; the environment variable
:data:`BUDGET_VARIABLE` (a whole number of MiB) raises or lowers it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from lcacompare.errors import CaseError, Problem

if TYPE_CHECKING:
    from lcacompare.uncertainty.model import UncertaintyModel

__all__ = [
    "DEFAULT_MEMORY_BUDGET_MIB",
    "BUDGET_VARIABLE",
    "PER_OPTION_ARRAYS",
    "memory_budget_bytes",
    "arrays_per_sample",
    "monte_carlo_bytes",
    "samples_within",
    "check_memory_budget",
]

DEFAULT_MEMORY_BUDGET_MIB = 2048
"""Most memory (MiB) the sampled arrays of one run may take."""
BUDGET_VARIABLE = "LCACOMPARE_MEMORY_BUDGET_MIB"
"""Environment variable that sets the budget in MiB instead."""
PER_OPTION_ARRAYS = 10
"""Arrays of one value per sample held per option (results, differences, break-even)."""
_BYTES = 8  # one float64
_MIB = 1024 * 1024
_BREAKEVEN_POINTS = 30  # the cost break-even grid: (draws, points) at a time, a few such arrays


def memory_budget_bytes() -> int:
    """The budget in bytes: ``$LCACOMPARE_MEMORY_BUDGET_MIB`` MiB, else the default.

    Raises
    ------
    CaseError
        If the variable is set but is not a positive whole number.
    """
    text = os.environ.get(BUDGET_VARIABLE, "").strip()
    if not text:
        return DEFAULT_MEMORY_BUDGET_MIB * _MIB
    if not text.isdigit() or int(text) <= 0:
        raise CaseError(
            "environment",
            [
                Problem(
                    BUDGET_VARIABLE,
                    f"{text!r} is not a memory budget",
                    "a whole number of MiB, e.g. 4096",
                    "memory-budget",
                )
            ],
        )
    return int(text) * _MIB


def arrays_per_sample(model: UncertaintyModel) -> int:
    """How many arrays of one float per sample (or scenario) an evaluation of the model holds."""
    lines = sum(len(model.compiled.lines[oid]) for oid in model.option_ids)
    return len(model.inputs) + lines + len(model.codes) + PER_OPTION_ARRAYS * len(model.option_ids)


def monte_carlo_bytes(model: UncertaintyModel, samples: int, breakeven_samples: int) -> int:
    """Estimated bytes of the paired Monte Carlo's arrays for ``samples`` draws."""
    reusable = sum(1 for option in model.compiled.case.options if option.kind == "reusable")
    breakeven = 4 * min(samples, breakeven_samples) * _BREAKEVEN_POINTS if reusable else 0
    return _BYTES * (samples * arrays_per_sample(model) + breakeven)


def samples_within(model: UncertaintyModel, budget: int, breakeven_samples: int) -> int:
    """The most paired Monte Carlo samples whose arrays fit in ``budget`` bytes."""
    per_sample = _BYTES * arrays_per_sample(model)
    reusable = any(option.kind == "reusable" for option in model.compiled.case.options)
    per_breakeven = _BYTES * 4 * _BREAKEVEN_POINTS if reusable else 0
    small = budget // (per_sample + per_breakeven)  # while samples <= breakeven_samples
    if small <= breakeven_samples:
        return int(small)
    return int(max(0, budget - per_breakeven * breakeven_samples) // per_sample)


def _mib(value: float) -> str:
    return f"{value / _MIB:,.0f} MiB"


def check_memory_budget(model: UncertaintyModel, samples: int, breakeven_samples: int) -> None:
    """Refuse a run whose sampled arrays would exceed the memory budget, before allocating them.

    Parameters
    ----------
    model : UncertaintyModel
        The case's model (its inputs, lines, activities and options size the arrays).
    samples : int
        Paired Monte Carlo draws.
    breakeven_samples : int
        Draws used for the cost break-even distribution.

    Raises
    ------
    CaseError
        Naming the budget, the estimate and how many samples would fit (rule ``memory-budget``).
    """
    budget = memory_budget_bytes()
    shape = (
        f"{len(model.option_ids)} options, "
        f"{sum(len(model.compiled.lines[oid]) for oid in model.option_ids)} inventory lines, "
        f"{len(model.inputs)} uncertain inputs"
    )
    raise_to = f"or raise the budget with the environment variable {BUDGET_VARIABLE} (MiB)"
    problems = []
    estimate = monte_carlo_bytes(model, samples, breakeven_samples)
    if estimate > budget:
        fit = samples_within(model, budget, breakeven_samples)
        problems.append(
            Problem(
                "--samples",
                f"{samples} paired Monte Carlo samples of {shape} need about {_mib(estimate)}, "
                f"over the memory budget of {_mib(budget)}",
                f"at most {fit} samples within the budget (--samples {fit}) " + raise_to
                if fit >= 2
                else "fewer options, lines or inputs, " + raise_to,
                "memory-budget",
            )
        )
    if problems:
        raise CaseError(model.compiled.case.path, problems)
