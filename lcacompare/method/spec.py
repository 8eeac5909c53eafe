"""Load the versioned harmonised-method specs (``lcac-hc-1.yaml``, ``lcac-hc-2.yaml`` beside this module).

A rule added by a later version lives in its own top-level section of the spec; the engine applies
it only when the method a case runs under has that section (:meth:`MethodSpec.section`), so two
versions differ exactly by their sections and a movement between them can be traced to one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["MethodSpec", "IDENTITY_FIELDS", "load_method", "known_methods", "with_sections"]

_HERE = Path(__file__).parent
_FILES = {"LCAC-HC/1": _HERE / "lcac-hc-1.yaml", "LCAC-HC/2": _HERE / "lcac-hc-2.yaml"}

IDENTITY_FIELDS: tuple[str, ...] = ("id", "version", "title", "digest")
"""Top-level fields that name a spec rather than state a rule (every other one is a section)."""


class Characterisation(BaseModel):
    """Characterisation factors of the climate indicator."""

    model_config = ConfigDict(extra="allow")
    indicator: str
    unit: str
    reference: str
    factors: dict[str, float]


class MethodSpec(BaseModel):
    """The harmonised method, as read from its spec file."""

    model_config = ConfigDict(extra="allow", frozen=True)
    id: str
    version: int
    title: str
    modules: dict[str, dict[str, Any]]
    total_modules: list[str]
    reported_apart: list[str]
    characterisation: Characterisation
    comparative_assertion: dict[str, Any]
    costs: dict[str, Any]
    uncertainty: dict[str, Any] = Field(default_factory=dict)
    digest: str = ""

    @property
    def assertion_threshold(self) -> float:
        """Probability needed to say one option is lower than another."""
        return float(self.comparative_assertion["threshold"])

    def section(self, name: str) -> dict[str, Any] | None:
        """A top-level section of the spec by name, or None when this version has no such rule.

        Examples
        --------
        >>> load_method("LCAC-HC/1").section("sterilisation") is None
        True
        >>> "rule" in load_method("LCAC-HC/2").section("sterilisation")
        True
        """
        value = getattr(self, name, None)
        if value is None and self.model_extra:
            value = self.model_extra.get(name)
        if value is None:
            return None
        if isinstance(value, BaseModel):
            return value.model_dump()
        return dict(value) if isinstance(value, dict) else {"value": value}

    def sections(self) -> dict[str, Any]:
        """Every rule section of the spec (all top-level fields but its id, version, title and digest), in file order.

        Examples
        --------
        >>> sorted(set(load_method("LCAC-HC/2").sections()) - set(load_method("LCAC-HC/1").sections()))[:2]
        ['circular_footprint_formula', 'circularity']
        """
        return {name: value for name, value in self.model_dump().items() if name not in IDENTITY_FIELDS}

    @property
    def raw(self) -> dict[str, Any]:
        """The full spec as a plain dict (for reports)."""
        return self.model_dump()


def known_methods() -> list[str]:
    """Method ids this version of lcacompare implements."""
    return sorted(_FILES)


@cache
def load_method(method_id: str = "LCAC-HC/1") -> MethodSpec:
    """Load a method spec by id.

    Parameters
    ----------
    method_id : str
        For example ``"LCAC-HC/1"``.

    Returns
    -------
    MethodSpec
        The parsed spec, with ``digest`` the SHA-256 of its file.

    Raises
    ------
    KeyError
        If the id is not a known method version.
    """
    path = _FILES[method_id]
    raw = path.read_bytes()
    # The spec ships with the package: libyaml's safe loader when PyYAML has it (several times faster).
    data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    data["digest"] = hashlib.sha256(raw).hexdigest()
    return MethodSpec.model_validate(data)


def _content_digest(data: dict[str, Any]) -> str:
    """SHA-256 of a spec's content as canonical JSON (sorted keys), its digest left out."""
    content = {name: value for name, value in data.items() if name != "digest"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def with_sections(base: MethodSpec, source: MethodSpec, names: Sequence[str]) -> MethodSpec:
    """An in-memory spec: ``base`` with the named sections taken from ``source`` (or removed when it has none).

    Used by ``lcacompare diff`` to switch the rules of a second version on one at a time. Its id
    is ``base.id`` joined with the section names by ``+`` (``"LCAC-HC/1+sterilisation"``); its
    digest is the SHA-256 of its content as canonical JSON, so every cache keyed on the method
    digest (the Brightway project, its unit impacts) keeps a separate entry per set of sections
    and never mixes one intermediate spec up with another or with a shipped version.

    Parameters
    ----------
    base : MethodSpec
        The spec whose id, version, title and other sections are kept.
    source : MethodSpec
        The spec the named sections are taken from.
    names : sequence of str
        Section names (see :meth:`MethodSpec.sections`); none of id, version, title, digest.

    Returns
    -------
    MethodSpec
        Frozen, like the loaded ones.

    Raises
    ------
    ValueError
        If a name is an identity field, or neither spec has it.

    Examples
    --------
    >>> v1, v2 = load_method("LCAC-HC/1"), load_method("LCAC-HC/2")
    >>> step = with_sections(v1, v2, ["sterilisation"])
    >>> step.id, step.section("sterilisation") == v2.section("sterilisation"), step.digest != v1.digest
    ('LCAC-HC/1+sterilisation', True, True)
    """
    data = base.model_dump()
    found = source.model_dump()
    for name in names:
        if name in IDENTITY_FIELDS or (name not in data and name not in found):
            raise ValueError(f"{name!r} is not a section of {base.id} or {source.id}")
        if name in found:
            data[name] = found[name]
        else:
            del data[name]
    data["id"] = "+".join([base.id, *names])
    data["digest"] = _content_digest(data)
    return MethodSpec.model_validate(data)
