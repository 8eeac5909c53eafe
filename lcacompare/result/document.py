"""The top-level result model (schema ``lcacompare.result/2``) and its deterministic JSON text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final, Literal

from pydantic import ConfigDict, Field

from lcacompare.result.base import Section
from lcacompare.result.circular import CircularFootprint
from lcacompare.result.circularity import Circularity, ReuseIdentityOption
from lcacompare.result.cost import Annual, BreakEven, CashFlowTable, Conventions, Monetised
from lcacompare.result.crosscheck import CrossCheckResult
from lcacompare.result.data_quality import DataQuality
from lcacompare.result.electricity import Electricity
from lcacompare.result.header import CaseHeader, Context, MethodStamp
from lcacompare.result.inputs import InputRow
from lcacompare.result.iso14044 import IsoReporting
from lcacompare.result.options import Option
from lcacompare.result.sensitivity import Sensitivity
from lcacompare.result.sterilisation import Sterilisation
from lcacompare.result.study import Study
from lcacompare.result.supply import Supply
from lcacompare.result.transparency import Transparency
from lcacompare.result.uncertainty import Uncertainty

__all__ = ["RESULT_SCHEMA", "Result", "as_result", "result_schema"]

RESULT_SCHEMA: Final = "lcacompare.result/2"
"""Schema id written into every result (``schema``)."""


class Result(Section):
    """The comparison of the options of one product case under one harmonised method.

    Per-use figures are per functional unit (``case.functional_unit``); units are in the field
    names (``kg_co2e``: kg CO2e, IPCC AR6 GWP100; ``eur``: EUR excluding VAT of the case's price
    year). Differences are option minus baseline. Only ``schema`` to ``options`` are always
    there; the other sections are absent when the run did not make them.

    Examples
    --------
    >>> result = Result.model_validate(document)  # doctest: +SKIP
    >>> result.options[0].kg_co2e_per_use  # doctest: +SKIP
    0.64466912
    """

    schema_id: Literal["lcacompare.result/2"] = Field(default=RESULT_SCHEMA, alias="schema")
    """Schema version of this document."""
    lcacompare_version: str
    """Version of lcacompare that wrote the result."""
    case: CaseHeader
    """The case compared."""
    method: str
    """Harmonised method id, e.g. ``LCAC-HC/1``."""
    baseline: str
    """Id of the option the others are compared with (the first single-use option)."""
    options: list[Option] = Field(min_length=1)
    """One entry per option, in the case's order."""
    method_spec: MethodStamp | None = None
    """The method spec applied, with its digest."""
    context: Context | None = None
    """The case's shared settings."""
    datasets_sha256: str | None = None
    """Digest of the datasets used (factors, prices, indices)."""
    breakeven: dict[str, BreakEven] | None = None
    """Break-even of each reusable option against the baseline, by option id."""
    annual: Annual | None = None
    """Yearly totals per option."""
    cash_flows: dict[str, CashFlowTable] | None = None
    """Deterministic cash flows by option id."""
    conventions: Conventions | None = None
    """The cost conventions, in words."""
    monetised: Monetised | None = None
    """CO2e at a shadow carbon price (only when the case gives one)."""
    uncertainty: Uncertainty | None = None
    """Paired Monte Carlo summaries, probabilities and verdicts."""
    sensitivity: Sensitivity | None = None
    """Tornado, Sobol indices and top contributors."""
    inputs: list[InputRow] | None = None
    """Every input used, with value, unit and provenance."""
    transparency: Transparency | None = None
    """The ISO 14040/14044 reporting items as generated text."""
    supply: Supply | None = None
    """Supply-security indicators per option, beside cost and CO2e ("not stated" where the case gives no figure)."""
    data_quality: DataQuality | None = None
    """PEF data quality (DQR) per option, weighted by CO2e, with a warning on weak most relevant inputs (LCAC-HC/2)."""
    study: Study | None = None
    """Study totals, published versus computed figures, currency conversions, default fees and fleets."""
    cross_checks: list[CrossCheckResult] | None = None
    """Published studies of a similar product against the case, step by step towards their setting."""
    electricity: Electricity | None = None
    """Electricity location-based and market-based per option (only under a method with the electricity section)."""
    iso_reporting: IsoReporting | None = None
    """Every ISO 14044 5.2 and 5.3 reporting item, provided or flagged (only under a method with ``iso_reporting``)."""
    sterilisation: Sterilisation | None = None
    """LCAC-HC/2: each templated option's steriliser load, its electricity and one item's share."""
    circular_footprint: CircularFootprint | None = None
    """LCAC-HC/2: R1 per material line and, under the Circular Footprint Formula, its terms by module."""
    circularity: Circularity | None = None
    """Circularity indicators per use and per option (only under a method with a ``circularity`` section)."""
    reuse_identity: dict[str, ReuseIdentityOption] | None = None
    """PEF uses 1 / (1 - R) beside E, by reusable option id (only under a method with ``reuse_identity``)."""

    model_config = ConfigDict(populate_by_name=True)

    def option(self, option_id: str) -> Option:
        """The per-use results of one option.

        Raises
        ------
        KeyError
            If the result has no option ``option_id``.
        """
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON-ready data, keys as in ``result.json``; absent sections left out."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    def to_json(self) -> str:
        """Deterministic JSON text: sorted keys, two-space indent, Python's shortest float repr."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def as_result(result: Result | Mapping[str, Any]) -> Result:
    """``result`` itself, or a mapping (e.g. ``json.load`` of a ``result.json``) validated into a :class:`Result`.

    Raises
    ------
    pydantic.ValidationError
        If the mapping does not follow the schema (unknown key, missing field, wrong type).
    """
    if isinstance(result, Result):
        return result
    return Result.model_validate(result)


def result_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`Result`, as written to ``schemas/result.schema.json``.

    Regenerate the committed copy with ``lcacompare schema --result -o lcacompare/schemas/result.schema.json``.
    """
    schema = Result.model_json_schema(by_alias=True)
    for name, field in Result.model_fields.items():
        # pydantic leaves the description off some top-level $ref fields (seen on ``case``): put it back.
        schema["properties"][field.alias or name].setdefault("description", field.description)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = RESULT_SCHEMA
    schema["title"] = "lcacompare result document, schema version 2"
    schema["required"] = sorted(schema.get("required", []))
    return schema
