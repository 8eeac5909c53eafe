"""lcacompare: whole-life cost and CO2e per use of healthcare products, under one method.

Public API
----------
load_case(path) -> Case
    Read and validate a case file.
compare(case, ...) -> Comparison
    Compare its options under the harmonised method (deterministic per-use results).
analyse(case, ...) -> Analysis
    The full result document: comparison, whole-life cost, uncertainty, sensitivity.
run_case(case, output, ...) -> Analysis
    ``analyse`` and write result.json, report.html and report.xlsx.
load_tender(path) -> Tender, award(tender, ...) -> AwardResult
    Read a tender file; score, rank and test its bids (see :mod:`lcacompare.tender`).

``__version__`` is the version of the installed distribution (``pyproject.toml`` is its one
source). The names are imported on first use (PEP 562), so ``import lcacompare`` and the command line's
``--help`` stay fast and do not load numpy, pandas or Brightway.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "__version__",
    "Case",
    "CaseError",
    "Comparison",
    "OptionResult",
    "Problem",
    "AwardResult",
    "analyse",
    "award",
    "compare",
    "load_case",
    "load_tender",
    "prepare",
    "run_case",
    "portfolio",
]

_LAZY = {
    "compare": "lcacompare.engine",
    "award": "lcacompare.tender.decide",
    "load_tender": "lcacompare.tender.load",
    "AwardResult": "lcacompare.tender.result",
    "prepare": "lcacompare.engine",
    "analyse": "lcacompare.run",
    "run_case": "lcacompare.run",
    "portfolio": "lcacompare.portfolios.api",
    "CaseError": "lcacompare.errors",
    "Problem": "lcacompare.errors",
    "Case": "lcacompare.model",
    "load_case": "lcacompare.model",
    "Comparison": "lcacompare.results",
    "OptionResult": "lcacompare.results",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from lcacompare.engine import compare, prepare
    from lcacompare.errors import CaseError, Problem
    from lcacompare.model import Case, load_case
    from lcacompare.results import Comparison, OptionResult
    from lcacompare.run import analyse, run_case
    from lcacompare.tender.decide import award
    from lcacompare.tender.load import load_tender
    from lcacompare.tender.result import AwardResult


def __getattr__(name: str) -> Any:
    """Import a public name on first access; ``__version__`` is the installed distribution's."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("lcacompare")
        except PackageNotFoundError:  # imported from a source tree that was never installed
            value = "0+unknown"
        globals()[name] = value
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lcacompare' has no attribute {name!r}")
    found = getattr(import_module(module), name)
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
