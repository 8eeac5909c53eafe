"""The inputs section: every number the comparison used, with its provenance."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import ConfigDict, model_validator

from lcacompare.result.base import Module, Pedigree, Section

__all__ = ["INPUT_KINDS", "CaseDistribution", "InputRow"]

InputKind = Literal["setting", "parameter", "inventory", "cost", "factor", "price"]

INPUT_KINDS: tuple[str, ...] = get_args(InputKind)
"""Kinds of input rows, in the order the report lists them."""

Amount = int | float | str


class CaseDistribution(Section):
    """A parameter's distribution as the case gives it (amounts as typed, in the parameter's unit)."""

    type: str
    """``lognormal``, ``normal``, ``triangular`` or ``uniform``."""
    gsd: float | None = None
    """Geometric standard deviation (lognormal), dimensionless."""
    sd: Amount | None = None
    """Standard deviation (normal)."""
    min: Amount | None = None
    """Lower bound."""
    mode: Amount | None = None
    """Mode (triangular)."""
    max: Amount | None = None
    """Upper bound."""


class InputRow(Section):
    """One input: its value at the case's default values, unit and provenance.

    Keys that do not apply to a kind are absent (``module`` only on inventory rows, ``category``
    only on cost rows, ``distribution`` only on parameter rows...).
    """

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"properties": {"source": {"type": "string", "minLength": 1}}},
                {"properties": {"assumption": {"type": "string", "minLength": 1}}},
            ]
        }
    )

    kind: InputKind
    """One of ``setting``, ``parameter``, ``inventory``, ``cost``, ``factor``, ``price``."""
    option: str | None
    """Option id, null for inputs shared by every option."""
    name: str
    """What the number is."""
    value: float | None
    """Value in ``unit``, null when not a finite number."""
    unit: str
    """Unit of ``value``."""
    expression: str | None = None
    """The amount as typed in the case, when it is more than a plain number."""
    distribution: CaseDistribution | None = None
    """The parameter's distribution (parameter rows)."""
    module: Module | None = None
    """Life-cycle module (inventory rows)."""
    category: str | None = None
    """Cost category (cost rows)."""
    basis: str | None = None
    """What the amount is per: ``use``, ``cycle``, ``life``... (inventory and cost rows)."""
    activity: str | None = None
    """Background activity id (inventory and factor rows)."""
    source: str | None
    """Citation."""
    assumption: str | None
    """What is assumed, when there is no source (every row has a source or an assumption)."""
    year: int | None
    """Year of the source."""
    geography: str | None
    """Where the number applies."""
    pedigree: Pedigree | None
    """Pedigree scores (five scores 1-5), null when not given."""
    note: str | None = None
    """Free note."""
    source_url: str | None = None
    """Link to the source (datasets)."""

    @model_validator(mode="after")
    def _source_or_assumption(self) -> InputRow:
        """Rule provenance-required: every input has a source or an assumption."""
        if not (self.source or self.assumption):
            raise ValueError(f"provenance-required: input {self.name!r} has neither a source nor an assumption")
        return self
