"""The portfolio file: settings (YAML) naming a table of product lines (CSV or XLSX).

The settings say which rows file to read, the reporting year, the baseline years with their
totals, the targets and optional R-ladder rungs per option. Each row of the table is one product
line of the hospital: ``id``, ``product_group``, ``annual_volume`` (uses a year), ``current``
and ``alternatives`` (``case:option``; several alternatives separated by ``;``) and any number
of ``set:<parameter>`` columns overriding a named parameter of the row's cases (``2.40 EUR``,
``55 g``, ``300``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "RUNGS",
    "OptionRef",
    "Row",
    "Baseline",
    "ReusableShareTarget",
    "ReductionTarget",
    "Target",
    "Settings",
    "Portfolio",
]

RUNGS: tuple[str, ...] = (
    "refuse",
    "rethink",
    "reduce",
    "reuse",
    "repair",
    "refurbish",
    "remanufacture",
    "repurpose",
    "recycle",
    "recover",
)
"""The R-strategies (R0 refuse ... R9 recover), most circular first, as the NL and Flemish sector use them."""

Rung = Literal[
    "refuse", "rethink", "reduce", "reuse", "repair", "refurbish", "remanufacture", "repurpose", "recycle", "recover"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Baseline(_Strict):
    """The hospital's totals in a baseline year (from its own reporting)."""

    kg_co2e: float | None = Field(default=None, ge=0)
    primary_material_kg: float | None = Field(default=None, ge=0)
    source: str | None = None


class ReusableShareTarget(_Strict):
    """At least ``share`` of the devices reusable, measured by ``measure`` (lines, uses or spend)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["reusable-share"]
    measure: Literal["lines", "uses", "spend"]
    share: float = Field(gt=0, le=1)
    year: int = Field(ge=2000, le=2100)
    source: str | None = None


class ReductionTarget(_Strict):
    """A total (CO2e or primary raw material) at most ``1 - reduction`` times its baseline-year total."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["co2e-reduction", "primary-material-reduction"]
    reduction: float = Field(gt=0, le=1)
    baseline_year: int = Field(ge=1990, le=2100)
    year: int = Field(ge=2000, le=2100)
    source: str | None = None


Target = Annotated[ReusableShareTarget | ReductionTarget, Field(discriminator="kind")]


class Settings(_Strict):
    """The YAML settings of a portfolio."""

    title: str
    rows: str = Field(description="the rows file (CSV or XLSX), relative to the settings file")
    year: int = Field(ge=2000, le=2100, description="the year the current mix stands for")
    synthetic: bool = False
    note: str | None = None
    seed: int = Field(default=1, ge=0)
    samples: int = Field(default=0, ge=0, le=100_000, description="paired draws per row (0: deterministic only)")
    partition_rows: int = Field(default=500, ge=1, le=100_000)
    baselines: dict[int, Baseline] = Field(default_factory=dict)
    targets: list[Target] = Field(default_factory=list)
    rungs: dict[str, Rung] = Field(default_factory=dict, description="``case:option`` -> R-ladder rung")

    @model_validator(mode="after")
    def _baselines_for_reductions(self) -> Settings:
        """A reduction target's baseline year has a baseline giving the total it reduces."""
        for target in self.targets:
            if not isinstance(target, ReductionTarget):
                continue
            field_name = "kg_co2e" if target.kind == "co2e-reduction" else "primary_material_kg"
            baseline = self.baselines.get(target.baseline_year)
            if baseline is None or getattr(baseline, field_name) is None:
                raise ValueError(
                    f"target {target.id!r} reduces against {target.baseline_year}, but baselines has no "
                    f"{field_name} for {target.baseline_year} (baselines given: {sorted(self.baselines) or 'none'})"
                )
        return self


@dataclass(frozen=True)
class OptionRef:
    """One option of one case, as a row writes it (``case:option``)."""

    case: str
    option: str

    @property
    def key(self) -> str:
        """``case:option``."""
        return f"{self.case}:{self.option}"


@dataclass(frozen=True)
class Row:
    """One product line: its volume, current option, alternatives and parameter overrides.

    ``overrides`` maps a parameter name to the row's value (a pint quantity whose unit is checked
    against the parameter in every case of the row that has it).
    """

    number: int
    id: str
    product_group: str
    annual_volume: float
    current: OptionRef
    alternatives: tuple[OptionRef, ...]
    overrides: dict[str, Any] = field(default_factory=dict)
    title: str = ""

    @property
    def options(self) -> tuple[OptionRef, ...]:
        """The current option, then the alternatives."""
        return (self.current, *self.alternatives)


@dataclass(frozen=True)
class Portfolio:
    """A loaded portfolio: settings, rows and the files they came from."""

    settings: Settings
    rows: tuple[Row, ...]
    settings_file: str
    rows_file: str
    cases: dict[str, str] = field(default_factory=dict)
    """Case name as the rows write it -> the case file it resolves to."""
