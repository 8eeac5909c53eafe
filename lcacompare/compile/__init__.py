"""Compile a case against the method and datasets into a frozen, many-times evaluable form.

* :mod:`~lcacompare.compile.per_use`: per-use arithmetic (expected uses, cycle shares, basis factors);
* :mod:`~lcacompare.compile.amounts`: amounts parsed once, evaluated on plain numbers;
* :mod:`~lcacompare.compile.references`: parameter order, country and activity references;
* :mod:`~lcacompare.compile.checks`: the value checks (units, ranges, signs, bounds);
* :mod:`~lcacompare.compile.compiled`: the compiled case and its evaluation.
"""

from lcacompare.compile.compiled import CompiledCase, Evaluation, compile_case
from lcacompare.compile.per_use import MAX_PER_USE, BasisFactors, expected_uses
from lcacompare.compile.references import CostInfo, LineInfo

__all__ = [
    "BasisFactors",
    "CompiledCase",
    "CostInfo",
    "Evaluation",
    "LineInfo",
    "MAX_PER_USE",
    "compile_case",
    "expected_uses",
]
