"""The typed result of ``lcacompare diff`` (schema ``lcacompare.diff/1``): one case under two method versions.

Per option, the kg CO2e per use by module and in total, and the cost per use, under each
version and the movement between them; then the steps that explain the movement, one per rule
section of the second version switched on (or off) on top of the first, adding up exactly to it.
"""

from __future__ import annotations

import json
from typing import Any, Final, Literal

from pydantic import ConfigDict, Field

from lcacompare.result.base import Module, Section

__all__ = [
    "DIFF_SCHEMA",
    "Change",
    "Effect",
    "MethodDiff",
    "MethodId",
    "Movement",
    "OptionMovement",
    "StepFigures",
    "Step",
    "diff_schema",
]

DIFF_SCHEMA: Final = "lcacompare.diff/1"
"""Schema id written into every diff (``schema``)."""

Change = Literal["added", "removed", "changed", "renamed"]
"""Whether the second version adds, drops or rewrites a section (``renamed``: only its id and title differ)."""

Effect = Literal["moves numbers", "reporting only", "no effect on this case"]
"""What switching a section on did: changed a figure, changed only the result's other content, or nothing."""


class MethodId(Section):
    """One method version compared."""

    id: str
    """Method id, e.g. ``LCAC-HC/1``."""
    sha256: str
    """SHA-256 of its spec file."""
    title: str
    """Its title."""


class Movement(Section):
    """One figure under the first and the second version."""

    first: float
    """Under the first version."""
    second: float
    """Under the second version."""
    absolute: float
    """``second - first``, in the figure's unit."""
    relative: float | None = None
    """``(second - first) / |first|``; absent when ``first`` is zero."""


class OptionMovement(Section):
    """How one option's per-use figures moved between the versions."""

    id: str
    """Option id."""
    title: str
    """Option title."""
    kg_co2e_per_use: Movement
    """Total of the total modules, kg CO2e per use (IPCC AR6 GWP100)."""
    kg_co2e_by_module: dict[Module, Movement]
    """kg CO2e per use by life-cycle module, D (credits, reported apart) included."""
    eur_per_use: Movement
    """Levelised cost, EUR per use (excluding VAT, case price year)."""


class StepFigures(Section):
    """What one step moved for one option (the step's result minus the previous step's)."""

    id: str
    """Option id."""
    kg_co2e_per_use: float
    """kg CO2e per use."""
    kg_co2e_by_module: dict[Module, float]
    """kg CO2e per use by module."""
    eur_per_use: float
    """EUR per use."""


class Step(Section):
    """One rule section switched on (or off) on top of the previous step."""

    section: str
    """The section of the spec (``sterilisation``); ``id, version, title`` for the last step, if any."""
    change: Change
    """Whether the second version adds, drops or rewrites the section (``renamed``: only its id and title)."""
    rule: str | None = None
    """The section's rule text in the second version (the first's when removed), if it has one."""
    reference: str | None = None
    """The section's reference, if it has one."""
    method: str
    """The in-memory method the step's figures were computed under (``LCAC-HC/1+sterilisation``)."""
    effect: Effect
    """What switching it on did to this case."""
    options: list[StepFigures]
    """Per option, the movement this step caused."""


class MethodDiff(Section):
    """One case under two method versions, and why its figures moved.

    The steps add up to the movement: for every option and figure, the sum of the steps'
    figures equals ``second - first`` (to rounding, 1e-12 relative).

    Examples
    --------
    >>> diff = method_diff(case, "LCAC-HC/1", "LCAC-HC/2")  # doctest: +SKIP
    >>> [step.section for step in diff.steps if step.effect == "moves numbers"]  # doctest: +SKIP
    []
    """

    schema_id: Literal["lcacompare.diff/1"] = Field(default=DIFF_SCHEMA, alias="schema")
    """Schema version of this document."""
    lcacompare_version: str
    """Version of lcacompare that computed it."""
    case: str
    """Case id."""
    case_title: str
    """Case title."""
    case_method: str
    """The version the case file states."""
    functional_unit: str
    """What "per use" is per."""
    first: MethodId
    """The version movements are measured from."""
    second: MethodId
    """The version movements are measured to."""
    samples: int
    """Paired Monte Carlo draws of each run (0: deterministic only; the figures here are deterministic)."""
    order: list[str]
    """The sections that differ, in the order they were switched on (the second version's, then those it drops)."""
    options: list[OptionMovement]
    """One entry per option, in the case's order."""
    steps: list[Step]
    """One entry per section that differs, in ``order``."""
    moving: list[str] = Field(default_factory=list)
    """Sections that move a figure of this case."""
    reporting_only: list[str] = Field(default_factory=list)
    """Sections that differ and change the result's other content (a report section), not its figures."""
    no_effect: list[str] = Field(default_factory=list)
    """Sections that differ and change nothing in this case's result."""

    model_config = ConfigDict(populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        """The diff as plain JSON-ready data (absent optional fields left out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    def to_json(self) -> str:
        """Deterministic JSON text: sorted keys, two-space indent."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def diff_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`MethodDiff` (``lcacompare schema --diff``)."""
    schema = MethodDiff.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = DIFF_SCHEMA
    schema["title"] = "lcacompare method diff, schema version 1"
    return schema
