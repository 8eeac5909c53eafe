"""Load the versioned harmonised-method spec (``lcac-hc-1.yaml`` beside this module)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["MethodSpec", "load_method", "known_methods"]

_HERE = Path(__file__).parent
_FILES = {"LCAC-HC/1": _HERE / "lcac-hc-1.yaml"}


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
