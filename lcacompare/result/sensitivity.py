"""The sensitivity section: one-at-a-time tornado and variance-based Sobol indices."""

from __future__ import annotations

from pydantic import Field

from lcacompare.result.base import Section

__all__ = ["TornadoBar", "SobolIndex", "TornadoByMetric", "SobolByMetric", "ContributorsByMetric", "Sensitivity"]


class TornadoBar(Section):
    """One input moved to its low and high percentile, the others at their base values."""

    input: str
    """Input id."""
    label: str
    """Readable description."""
    unit: str
    """Unit of ``input_low`` and ``input_high``."""
    input_low: float
    """Input at the low percentile."""
    input_high: float
    """Input at the high percentile."""
    output_base: float
    """Output at base values (kg CO2e or EUR per use)."""
    output_low: float
    """Output with the input low."""
    output_high: float
    """Output with the input high."""
    swing: float
    """|output_high - output_low|, in the output's unit."""


class SobolIndex(Section):
    """Sobol indices of one input (SALib), dimensionless 0-1."""

    input: str
    """Input id."""
    label: str
    """Readable description."""
    S1: float
    """First-order index."""
    S1_conf: float
    """95 % confidence half-width of S1."""
    ST: float
    """Total-order index."""
    ST_conf: float
    """95 % confidence half-width of ST."""


class TornadoByMetric(Section):
    """Tornado bars of one target, largest swing first."""

    kg_co2e_per_use: list[TornadoBar]
    """For kg CO2e per use."""
    eur_per_use: list[TornadoBar]
    """For EUR per use."""


class SobolByMetric(Section):
    """Sobol indices of one target."""

    kg_co2e_per_use: list[SobolIndex]
    """For kg CO2e per use."""
    eur_per_use: list[SobolIndex]
    """For EUR per use."""


class ContributorsByMetric(Section):
    """Labels of the top contributors of one target."""

    kg_co2e_per_use: list[str]
    """For kg CO2e per use."""
    eur_per_use: list[str]
    """For EUR per use."""


class Sensitivity(Section):
    """Which inputs move the results; targets are option ids and ``"<option>-vs-<baseline>"``."""

    seed: int
    """Seed of the Sobol design and bootstrap."""
    inputs: int
    """Number of uncertain inputs."""
    percentiles: list[float]
    """Low and high percentiles of the tornado."""
    sobol_samples: int
    """SALib base sample size."""
    sobol_inputs: list[str] | None
    """Inputs varied for the Sobol indices; null when all were."""
    sobol_screening: str
    """How the Sobol inputs were chosen, in words."""
    evaluations: dict[str, int]
    """Model evaluations per analysis (``tornado``, ``sobol``)."""
    tornado: dict[str, TornadoByMetric]
    """Per target."""
    sobol: dict[str, SobolByMetric] = Field(default_factory=dict)
    """Per target; empty when not computed."""
    top_contributors: dict[str, ContributorsByMetric]
    """Per target."""
    top_contributors_by: str
    """How contributors are ranked, in words."""
