"""Load the versioned harmonised-method specs (``lcac-hc-1.yaml``, ``lcac-hc-2.yaml`` beside this module).

A rule added by a later version lives in its own top-level section of the spec; the engine applies
it only when the method a case runs under has that section (:meth:`MethodSpec.section`), so two
versions differ exactly by their sections and a movement between them can be traced to one.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["MethodSpec", "load_method", "known_methods"]

_HERE = Path(__file__).parent
_FILES = {"LCAC-HC/1": _HERE / "lcac-hc-1.yaml", "LCAC-HC/2": _HERE / "lcac-hc-2.yaml"}


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
