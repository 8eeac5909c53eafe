"""lcacompare: whole-life cost and CO2e per use of healthcare products, under one method.

Public API
----------
load_case(path) -> Case
    Read and validate a case file.
compare(case, ...) -> Comparison
    Compare its options under the harmonised method.
"""

from __future__ import annotations

__version__ = "0.1.0"

from lcacompare.compare import compare, prepare
from lcacompare.errors import CaseError, Problem
from lcacompare.model import Case, load_case
from lcacompare.results import Comparison, OptionResult

__all__ = [
    "__version__",
    "Case",
    "CaseError",
    "Comparison",
    "OptionResult",
    "Problem",
    "compare",
    "load_case",
    "prepare",
]
