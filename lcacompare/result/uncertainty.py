"""The paired Monte Carlo section: summaries, differences, probabilities and verdicts."""

from __future__ import annotations

from pydantic import Field

from lcacompare.result.base import Section, Verdict

__all__ = [
    "SampledDistribution",
    "UncertainInput",
    "Summary",
    "OptionSummary",
    "Difference",
    "BreakEvenSummary",
    "BreakEvenUses",
    "Uncertainty",
]


class SampledDistribution(Section):
    """The distribution an input was sampled from, in the input's unit."""

    type: str
    """``lognormal``, ``normal``, ``triangular`` or ``uniform``."""
    median: float | None = None
    """Median (lognormal)."""
    gsd: float | None = None
    """Geometric standard deviation (lognormal), dimensionless."""
    mean: float | None = None
    """Mean (normal)."""
    sd: float | None = None
    """Standard deviation (normal)."""
    min: float | None = None
    """Lower bound (triangular, uniform)."""
    mode: float | None = None
    """Mode (triangular)."""
    max: float | None = None
    """Upper bound (triangular, uniform)."""


class UncertainInput(Section):
    """One independently sampled input."""

    name: str
    """Unique id, e.g. ``parameter:clamp_mass``."""
    kind: str
    """``parameter``, ``inventory-line``, ``cost-line``, ``background`` or ``background-pool``."""
    label: str
    """Readable description."""
    unit: str
    """Unit of the magnitudes (empty for multiplicative factors)."""
    base: float
    """Value of the deterministic result, in ``unit``."""
    origin: str
    """``distribution`` (given in the case), ``pedigree`` or ``brightway``."""
    distribution: SampledDistribution
    """Its distribution."""


class Summary(Section):
    """Summary statistics of a sample, in the unit of the quantity summarised."""

    mean: float
    """Mean."""
    sd: float
    """Standard deviation."""
    median: float
    """Median."""
    p2_5: float
    """2.5th percentile."""
    p97_5: float
    """97.5th percentile."""


class OptionSummary(Section):
    """One option's sampled per-use results."""

    kg_co2e_per_use: Summary
    """kg CO2e per use."""
    eur_per_use: Summary
    """EUR per use."""


class Difference(Section):
    """Option minus baseline, paired draw by draw (negative: the option is lower)."""

    alternative: str
    """Id of the option."""
    baseline: str
    """Id of the baseline."""
    kg_co2e_per_use: Summary
    """Difference, kg CO2e per use."""
    eur_per_use: Summary
    """Difference, EUR per use."""
    probability_lower_co2e: float
    """Share of draws (0-1) in which the option emits less."""
    probability_lower_cost: float
    """Share of draws (0-1) in which the option costs less."""
    verdict_co2e: Verdict
    """``lower``, ``higher``, ``equal`` or ``no significant difference``."""
    verdict_cost: Verdict
    """``lower``, ``higher``, ``equal`` or ``no significant difference``."""


class BreakEvenSummary(Section):
    """Sampled break-even uses per life; null percentiles where the draws have no break-even."""

    probability_exists: float
    """Share of draws (0-1) with a break-even."""
    median: float | None
    """Median N*, uses per life."""
    p2_5: float | None
    """2.5th percentile of N*, uses per life."""
    p97_5: float | None
    """97.5th percentile of N*, uses per life."""
    samples: int
    """Draws summarised."""


class BreakEvenUses(Section):
    """Sampled break-even of one reusable option."""

    kg_co2e: BreakEvenSummary
    """For CO2e."""
    eur: BreakEvenSummary
    """For cost."""


class Uncertainty(Section):
    """Paired Monte Carlo: every option evaluated with the same draws."""

    method: str
    """Method id."""
    seed: int
    """Seed of the draws."""
    samples: int
    """Number of draws."""
    baseline: str
    """Id of the baseline option."""
    assertion_threshold: float
    """Probability (0-1) needed for a ``lower`` or ``higher`` verdict."""
    assertion_min_samples: int
    """Fewest draws for any verdict."""
    background: str
    """How the background was sampled."""
    inputs: list[UncertainInput]
    """The sampled inputs."""
    options: dict[str, OptionSummary]
    """Per option id."""
    differences: dict[str, Difference]
    """Per ``"<option>-vs-<baseline>"``."""
    breakeven_uses: dict[str, BreakEvenUses] = Field(default_factory=dict)
    """Per reusable option id."""
