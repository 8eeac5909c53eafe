"""Default waste fees: a waste stream with no waste cost line pays its country's fee per kg.

A module C line names its waste stream (``stream: risk-bearing``). When the option has no cost
line of category ``waste``, each stream of :data:`STREAM_FEES` is charged the default fee of
``datasets/prices`` for the case's country (falling back to EU, then GLO)::

    EUR per use = sum over the stream's mass lines of kg per use * fee(EUR/kg) * I(Y) / I(y)

with the fee's price year ``y`` indexed to the case's ``Y``. A case overrides the default by
writing its own waste cost line (then no default is added for that option). The report names
every default fee applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lcacompare.compile import CompiledCase, Evaluation
from lcacompare.compile.references import CostInfo, is_mass_unit
from lcacompare.cost.indexation import index_file_for, load_price_index
from lcacompare.datasets import Price
from lcacompare.model.case import CostLine

__all__ = ["STREAM_FEES", "DefaultFee", "default_fees", "default_fee_lines"]

STREAM_FEES: dict[str, str] = {
    "risk-bearing": "waste-risk-bearing",
    "non-risk": "waste-non-risk",
}
"""Price id of the default fee of each waste stream (risk-bearing RMA/SZA, non-risk NRMA)."""


@dataclass(frozen=True)
class DefaultFee:
    """A default fee one option pays for one waste stream."""

    option_id: str
    stream: str
    price: Price
    index_factor: float
    kg_per_use: Any

    @property
    def eur_per_use(self) -> Any:
        """``kg_per_use * fee * index_factor``."""
        return self.kg_per_use * self.price.eur_per_unit * self.index_factor


def default_fees(compiled: CompiledCase, option_id: str, values: Evaluation | Any = None) -> list[DefaultFee]:
    """The default fees of an option with waste streams and no waste cost line.

    Parameters
    ----------
    compiled : CompiledCase
        The compiled case.
    option_id : str
        Which option.
    values : Evaluation or mapping, optional
        Parameter values (arrays of samples allowed).

    Returns
    -------
    list of DefaultFee
        Empty when the option has a waste cost line or no stream with a default fee.
    """
    # The case's own cost lines decide (not ``compiled.costs``, which an analysis may narrow to one line).
    if any(line.category == "waste" for line in compiled.case.option(option_id).costs):
        return []
    lines = compiled.lines[option_id]
    wanted = [
        (k, info)
        for k, info in enumerate(lines)
        if info.module == "C" and info.stream in STREAM_FEES and is_mass_unit(info.activity_unit)
    ]
    if not wanted:
        return []
    evaluation = compiled.evaluation(values)
    per_use = compiled.lines_per_use(
        option_id, evaluation.line_amounts[option_id], evaluation.factors[option_id].at_uses(None)
    )
    context = compiled.case.context
    fees: list[DefaultFee] = []
    for stream in dict.fromkeys(info.stream for _, info in wanted):
        price = compiled.datasets.price(STREAM_FEES[str(stream)], context.country)
        if price is None:
            continue
        kg = sum(
            np.asarray(per_use[k], dtype=float) * _to_kg(info.activity_unit)
            for k, info in wanted
            if info.stream == stream
        )
        factor = 1.0
        if price.price_year != context.price_year:
            found = load_price_index(index_file_for(compiled.datasets.root)).indexation(
                price.price_year, context.price_year, context.country
            )
            factor = found.factor if found is not None else 1.0
        fees.append(DefaultFee(option_id, str(stream), price, factor, kg))
    return fees


def _to_kg(unit: str) -> float:
    """Kg in one ``unit`` (a mass unit of an activity)."""
    from lcacompare.compile.amounts import strip
    from lcacompare.units import parse_unit, ureg

    return float(strip(1.0, parse_unit(unit), ureg.Unit("kg")))


def default_fee_lines(compiled: CompiledCase, option_id: str, values: Any = None) -> list[tuple[CostInfo, np.ndarray]]:
    """The default fees as per-use waste cost lines (EUR of the case's price year), for the cash flows."""
    out = []
    for k, fee in enumerate(default_fees(compiled, option_id, values)):
        line = CostLine(
            category="waste",
            amount=0,
            per="use",
            source=f"default fee {fee.price.id} ({fee.price.geography}): {fee.price.provenance.source}",
        )
        info = CostInfo(option_id, -1 - k, "waste", "use", None, line)
        out.append((info, np.asarray(fee.eur_per_use, dtype=float)))
    return out
