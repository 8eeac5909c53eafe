"""A supplier's answers to a request, as typed records.

The reader turns a filled workbook into :class:`SupplierAnswers`; :mod:`lcacompare.exchange.to_case`
turns those into a case; :func:`answers_from_case` goes the other way, so a request can be
pre-filled with a case's own figures (and the round trip tested).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Supplier",
    "LineAnswer",
    "CostAnswer",
    "Claim",
    "Substances",
    "TakeBack",
    "DeclaredFootprint",
    "SupplierAnswers",
    "answers_from_case",
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Supplier(_Record):
    """Who declares the figures."""

    company: str
    contact: str
    email: str
    date: dt.date
    product: str | None = None
    reference: str | None = None
    verified: bool = False
    verifier: str | None = None


class LineAnswer(_Record):
    """One inventory line as the supplier gives it: an amount of a factor's activity."""

    sheet: str
    row: int
    module: str
    activity: str
    amount: float
    unit: str
    per: Literal["use", "cycle", "life"]
    stream: str | None = None
    location: str | None = None
    virgin_fraction: float | None = Field(default=None, ge=0, le=1)
    evidence: str | None = None
    part: str | None = None


class CostAnswer(_Record):
    """One cost item, in EUR excluding VAT, on its own basis."""

    row: int
    category: str
    amount_eur: float
    per: Literal["use", "cycle", "life", "year", "contract"]
    credit: bool = False
    year: int | None = None
    description: str | None = None
    evidence: str | None = None


class Claim(_Record):
    """An environmental claim with its evidence."""

    claim: str
    detail: str | None = None
    share_percent: float | None = None
    certificate: str | None = None
    valid_until: dt.date | None = None
    evidence: str | None = None


class Substances(_Record):
    """Substances of very high concern above 0.1 % by mass (REACH Art. 57; MDR Annex I 10.4)."""

    dehp: bool
    dehp_percent: float | None = None
    other_svhc: bool = False
    svhc_names: str | None = None
    evidence: str | None = None


class TakeBack(_Record):
    """Take-back scheme and the real end-of-life route of the used product."""

    offered: bool = False
    description: str | None = None
    route: str
    evidence: str | None = None


class DeclaredFootprint(_Record):
    """A carbon footprint the supplier declares for the product.

    ``per`` says whether ``kg_co2e`` is per use (the case's functional unit) or per product item
    (over the item's whole life for a reusable product).
    """

    kg_co2e: float = Field(ge=0)
    per: Literal["use", "item"] = "item"
    modules: tuple[str, ...] = ("A1-A3",)
    standard: str | None = None
    verified_by: str | None = None
    pact_id: str | None = None
    evidence: str | None = None
    source: str = "supplier declaration"


class SupplierAnswers(_Record):
    """Everything a filled request workbook says about one option."""

    request_digest: str
    case_id: str
    option_id: str
    supplier: Supplier
    country_of_manufacture: str
    manufacturing_site: str | None = None
    uses_per_life: float | None = None
    loss_rate: float | None = None
    cycle_capacity: float | None = None
    fill_rate: float | None = None
    use_evidence: str | None = None
    lines: tuple[LineAnswer, ...] = ()
    costs: tuple[CostAnswer, ...] = ()
    zero_modules: dict[str, str] = Field(default_factory=dict)
    take_back: TakeBack
    substances: Substances
    claims: tuple[Claim, ...] = ()
    declared: DeclaredFootprint | None = None
    sources: dict[str, str] = Field(default_factory=dict)


def answers_from_case(
    case: object,
    option_id: str,
    supplier: Supplier,
    *,
    request_digest: str = "",
    country_of_manufacture: str = "XX",
) -> SupplierAnswers:
    """The answers a supplier would give if the case's own figures were theirs.

    Transport lines are split into a mass over 1000 km (the case holds t.km, not the two
    factors); everything else is the case's amount on its own basis.

    Parameters
    ----------
    case : Case
        A validated case using shipped factor ids.
    option_id : str
        The option to answer for.
    supplier : Supplier
        Who is declaring.
    request_digest : str, optional
        The digest of the request answered.
    country_of_manufacture : str, optional
        Two-letter code.

    Returns
    -------
    SupplierAnswers
    """
    from lcacompare.exchange.engine_inputs import evaluate_option
    from lcacompare.exchange.sorting import sheet_of

    option = evaluate_option(case, option_id)  # type: ignore[arg-type]
    lines = []
    for i, line in enumerate(option.lines):
        target = sheet_of(line.module, line.unit, line.category, stream=line.stream, location=line.location)
        lines.append(
            LineAnswer(
                sheet=target,
                row=i,
                module=line.module,
                activity=line.activity,
                amount=line.amount,
                unit=line.unit,
                per=line.per,  # type: ignore[arg-type]
                stream=line.stream,
                location=line.location,
                virgin_fraction=line.virgin_fraction,
                evidence="case figure",
            )
        )
    costs = tuple(
        CostAnswer(
            row=i,
            category=cost.category,
            amount_eur=cost.amount_eur,
            per=cost.per,  # type: ignore[arg-type]
            credit=cost.credit,
            year=cost.year,
            description=cost.note,
            evidence="case figure",
        )
        for i, cost in enumerate(option.costs)
    )
    return SupplierAnswers(
        request_digest=request_digest,
        case_id=str(getattr(case, "id", "")),
        option_id=option_id,
        supplier=supplier,
        country_of_manufacture=country_of_manufacture,
        uses_per_life=option.uses_per_life,
        loss_rate=option.loss_rate,
        cycle_capacity=option.cycle_capacity,
        fill_rate=option.fill_rate,
        use_evidence="case figure",
        lines=tuple(lines),
        costs=costs,
        zero_modules=option.zero_modules,
        take_back=TakeBack(route="incineration"),
        substances=Substances(dehp=False, other_svhc=False),
    )
