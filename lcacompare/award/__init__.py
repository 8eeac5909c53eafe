"""Tender award: bids as options of cases, the award methods buyers use, a carbon price, robustness.

Public API
----------
load_tender(path) -> Tender
    Read and validate a ``tender.yaml`` (or a shipped tender by name).
award(tender, ...) -> AwardResult
    Score, rank and test the bids; :func:`write_award` writes award.json, .html and .xlsx.

The methods themselves (:mod:`lcacompare.award.methods`) are plain functions over arrays.
Names are imported on first use, so ``import lcacompare.award`` stays light.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = ["AwardResult", "Tender", "award", "load_tender", "write_award"]

_LAZY = {
    "AwardResult": "lcacompare.award.result",
    "Tender": "lcacompare.award.tender",
    "award": "lcacompare.award.decide",
    "load_tender": "lcacompare.award.load",
    "write_award": "lcacompare.award.output",
}

if TYPE_CHECKING:  # pragma: no cover
    from lcacompare.award.decide import award
    from lcacompare.award.load import load_tender
    from lcacompare.award.output import write_award
    from lcacompare.award.result import AwardResult
    from lcacompare.award.tender import Tender


def __getattr__(name: str) -> Any:
    """Import a public name on first access."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lcacompare.award' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _CallablePackage(ModuleType):
    """The ``lcacompare.award`` package, callable as :func:`lcacompare.award.decide.award`.

    Importing a submodule (``lcacompare.award.tender``) makes Python set ``lcacompare.award`` to
    this package, hiding the lazy public function of the same name; calling the package keeps
    ``lcacompare.award(tender)`` and ``from lcacompare import award`` working either way.
    """

    def __call__(self, tender: Any, **options: Any) -> Any:
        """Award ``tender``; see :func:`lcacompare.award.decide.award`."""
        return import_module("lcacompare.award.decide").award(tender, **options)


sys.modules[__name__].__class__ = _CallablePackage
