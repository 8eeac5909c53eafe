"""Typed result models: one pydantic model per section of a comparison's result.

Models only: this package imports no report, cost, lca or compile code. The JSON Schema
``lcacompare/schemas/result.schema.json`` is generated from :class:`Result`.
"""

from lcacompare.result.cost import (
    Annual,
    AnnualOption,
    BreakEven,
    BreakEvenPoint,
    CashFlowTable,
    Conventions,
    Indexation,
    Monetised,
    MonetisedOption,
    ShadowPrice,
)
from lcacompare.result.document import RESULT_SCHEMA, Result, as_result, result_schema
from lcacompare.result.header import CaseHeader, Context, LinkedBackground, MethodStamp, ShadowCarbonPrice
from lcacompare.result.inputs import INPUT_KINDS, CaseDistribution, InputRow
from lcacompare.result.options import Line, Option
from lcacompare.result.sensitivity import (
    ContributorsByMetric,
    Sensitivity,
    SobolByMetric,
    SobolIndex,
    TornadoBar,
    TornadoByMetric,
)
from lcacompare.result.study import (
    CurrencyConversion,
    DefaultFee,
    FleetView,
    OptionTotal,
    ReferenceFigure,
    Study,
    UnitTotal,
)
from lcacompare.result.supply import Supply, SupplyIndicator, SupplyValue
from lcacompare.result.transparency import TRANSPARENCY_ITEMS, Transparency
from lcacompare.result.uncertainty import (
    BreakEvenSummary,
    BreakEvenUses,
    Difference,
    OptionSummary,
    SampledDistribution,
    Summary,
    UncertainInput,
    Uncertainty,
)

__all__ = [
    "RESULT_SCHEMA",
    "INPUT_KINDS",
    "TRANSPARENCY_ITEMS",
    "Result",
    "result_schema",
    "as_result",
    "CaseHeader",
    "Context",
    "LinkedBackground",
    "MethodStamp",
    "ShadowCarbonPrice",
    "Line",
    "Option",
    "Study",
    "UnitTotal",
    "OptionTotal",
    "ReferenceFigure",
    "CurrencyConversion",
    "DefaultFee",
    "FleetView",
    "Annual",
    "AnnualOption",
    "BreakEven",
    "BreakEvenPoint",
    "CashFlowTable",
    "Conventions",
    "Indexation",
    "Monetised",
    "MonetisedOption",
    "ShadowPrice",
    "Uncertainty",
    "UncertainInput",
    "SampledDistribution",
    "Summary",
    "OptionSummary",
    "Difference",
    "BreakEvenSummary",
    "BreakEvenUses",
    "Sensitivity",
    "TornadoBar",
    "SobolIndex",
    "TornadoByMetric",
    "SobolByMetric",
    "ContributorsByMetric",
    "InputRow",
    "CaseDistribution",
    "Transparency",
    "Supply",
    "SupplyIndicator",
    "SupplyValue",
]
