"""The PEF data-quality section: per option the contribution-weighted DQR, its level and the ranked inputs."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from lcacompare.result.base import Module, Section

__all__ = ["DataQualityBasis", "DataQualityInput", "OptionDataQuality", "DataQuality"]

DataQualityBasis = Literal["stated", "mapped", "unknown"]
"""``stated``: TeR/GeR/TiR/P given in the case; ``mapped``: from pedigree scores; ``unknown``: neither (5 each)."""


class DataQualityInput(Section):
    """One inventory line of an option, with its PEF criteria and its share of the option's CO2e."""

    index: int
    """Position of the line in the option's ``inventory``."""
    module: Module
    """Life-cycle module of the line."""
    activity: str
    """Activity id (or published figure) of the line."""
    kg_co2e_per_use: float
    """The line's CO2e per use, kg CO2e (signed)."""
    share: float
    """``|kg_co2e_per_use|`` over the sum of the option's ``|kg_co2e_per_use|`` in the total modules (0-1)."""
    cumulative_share: float
    """Share of this line and every larger one (lines ranked by ``share``), 0-1."""
    most_relevant: bool
    """Among the lines that together make up the method's ``most_relevant_share`` of the option."""
    TeR: int = Field(ge=1, le=5)
    """Technological representativeness, 1 best to 5 worst."""
    GeR: int = Field(ge=1, le=5)
    """Geographical representativeness, 1 best to 5 worst."""
    TiR: int = Field(ge=1, le=5)
    """Time-related representativeness, 1 best to 5 worst."""
    P: int = Field(ge=1, le=5)
    """Precision, 1 best to 5 worst (after the unverified-data penalty, when applied)."""
    dqr: float
    """``(TeR + GeR + TiR + P) / 4``."""
    level: str
    """Quality level of ``dqr`` (the method's levels)."""
    worst_criterion: Literal["TeR", "GeR", "TiR", "P"]
    """The criterion that scores worst (the first of TeR, GeR, TiR, P on a tie): what to ask better data for."""
    basis: DataQualityBasis
    """Whether the criteria were stated, mapped from pedigree scores, or unknown."""
    scored_from: list[str]
    """The inputs whose worst score per criterion the line takes (the line, its parameters, its factor row)."""
    unverified: bool
    """Whether an input of the line is unverified (a supplier declaration not verified, or ``verified: false``)."""
    penalised: bool
    """Whether the unverified-data penalty raised P."""


class OptionDataQuality(Section):
    """The data quality of one option's CO2e per use."""

    dqr: float | None
    """Mean of the lines' DQR weighted by their share; None when the option has no CO2e to weigh."""
    level: str | None
    """Quality level of ``dqr``."""
    meets_requirement: bool
    """Whether every most relevant line reaches ``DataQuality.most_relevant_max_dqr``."""
    short_of_requirement: list[int]
    """Indices of the most relevant lines above the required DQR."""
    inputs: list[DataQualityInput]
    """The lines in the total modules, largest share first."""


class DataQuality(Section):
    """PEF data quality beside pedigree (LCAC-HC/2 ``pef_data_quality``): a warning, never a refusal."""

    reference: str
    """Where the DQR and its levels are defined."""
    most_relevant_share: float
    """Cumulative share of the option's CO2e (0-1) that the most relevant lines make up."""
    most_relevant_max_dqr: float
    """DQR the most relevant lines must reach (or better)."""
    requirement_reference: str
    """Where that requirement comes from (or that it is an assumption)."""
    unverified_penalty: bool
    """Whether the case switched the unverified-data penalty on."""
    unverified_penalty_p: int
    """Points added to P of an unverified input when the penalty is on."""
    unverified_penalty_reference: str
    """Where the penalty comes from (or that it is an assumption)."""
    options: dict[str, OptionDataQuality]
    """By option id, in the case's order."""
    warnings: list[str]
    """One sentence per option whose most relevant lines fall short, naming them and what to ask for."""
