"""Tender award: bids as options of cases, the award methods buyers use, a carbon price, robustness.

Public API
----------
load_tender(path) -> Tender
    Read and validate a ``tender.yaml`` (or a shipped tender by name).
award(tender, ...) -> AwardResult
    Score, rank and test the bids; :func:`write_award` writes award.json, .html and .xlsx.

The methods themselves (:mod:`lcacompare.tender.methods`) are plain functions over arrays.
Names are imported on first use, so ``import lcacompare.tender`` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["AwardResult", "Tender", "award", "load_tender", "write_award"]

_LAZY = {
    "AwardResult": "lcacompare.tender.result",
    "Tender": "lcacompare.tender.tender",
    "award": "lcacompare.tender.decide",
    "load_tender": "lcacompare.tender.load",
    "write_award": "lcacompare.tender.output",
}

if TYPE_CHECKING:  # pragma: no cover
    from lcacompare.tender.decide import award
    from lcacompare.tender.load import load_tender
    from lcacompare.tender.output import write_award
    from lcacompare.tender.result import AwardResult
    from lcacompare.tender.tender import Tender


def __getattr__(name: str) -> Any:
    """Import a public name on first access."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lcacompare.tender' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
