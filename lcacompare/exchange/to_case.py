"""Turn a supplier's answers into a case: the request's case with the option replaced.

Every number taken from the workbook carries the provenance *supplier declaration*, naming the
company, the date, the contact and the evidence; the pedigree's reliability score follows the
verification (ecoinvent's pedigree matrix, Weidema et al. 2013, reliability indicator):

=======================================================  ===========
declaration                                              reliability
=======================================================  ===========
verified by an independent third party, evidence named   2
not verified, evidence named                             3
no evidence named                                        4
=======================================================  ===========

The other four scores are 3 (completeness), 2 (temporal), 2 (geographical) and 1
(technological: the supplier's own product).

An optional penalty multiplies unverified amounts by ``1 + penalty``: the Dutch construction
database (Nationale Milieudatabase, NMD, Bepalingsmethode Milieuprestatie Bouwwerken) adds 30 %
to unverified category-3 data. Quoted second-hand (not read from the NMD's own text); off by
default.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import yaml

from lcacompare.exchange.answers import LineAnswer, SupplierAnswers

__all__ = ["ImportOptions", "NMD_PENALTY", "NMD_PENALTY_REFERENCE", "provenance_text", "reliability", "build_case"]

NMD_PENALTY = 0.30
"""Surcharge on unverified category-3 data in the Nationale Milieudatabase (second-hand)."""
NMD_PENALTY_REFERENCE = (
    "Nationale Milieudatabase (NL), Bepalingsmethode Milieuprestatie Bouwwerken: unverified category-3 data "
    "+30 % (quoted second-hand, not read from the source)"
)


@dataclass(frozen=True)
class ImportOptions:
    """Method options of an import.

    Parameters
    ----------
    unverified_penalty : float
        Multiply every amount of an unverified declaration by ``1 + unverified_penalty``
        (0 = off, the default; :data:`NMD_PENALTY` for the NMD's 30 %).
    """

    unverified_penalty: float = 0.0


def reliability(verified: bool, evidence: str | None) -> int:
    """Pedigree reliability score of a declared figure (see the module docstring).

    Examples
    --------
    >>> reliability(True, "EPD p. 4"), reliability(False, "EPD p. 4"), reliability(False, None)
    (2, 3, 4)
    """
    if not evidence:
        return 4
    return 2 if verified else 3


def provenance_text(answers: SupplierAnswers, evidence: str | None) -> str:
    """The ``source`` of a declared figure: supplier, date, contact and evidence."""
    s = answers.supplier
    verified = (
        f"verified by {s.verifier}" if s.verified and s.verifier else ("verified" if s.verified else "not verified")
    )
    return (
        f"supplier declaration: {s.company}, {s.date.isoformat()}, contact {s.contact} <{s.email}>; "
        f"evidence: {evidence or 'none given'}; {verified}; request {answers.request_digest[:16]}"
    )


def _number(value: float, unit: str, factor: float) -> str:
    text = f"{value!r} {unit}".strip()
    return f"{text} * {factor!r}" if factor != 1.0 else text


def _pedigree(answers: SupplierAnswers, evidence: str | None) -> list[int]:
    return [reliability(answers.supplier.verified, evidence), 3, 2, 2, 1]


def _line(answers: SupplierAnswers, line: LineAnswer, factor: float) -> dict[str, Any]:
    out: dict[str, Any] = {
        "module": line.module,
        "activity": line.activity,
        "amount": _number(line.amount, line.unit, factor),
        "per": line.per,
    }
    if line.stream:
        out["stream"] = line.stream
    if line.location:
        out["location"] = line.location
    if line.virgin_fraction is not None:
        out["virgin_fraction"] = line.virgin_fraction
    out["source"] = provenance_text(answers, line.evidence)
    out["year"] = answers.supplier.date.year
    out["pedigree"] = _pedigree(answers, line.evidence)
    if line.part:
        out["note"] = line.part
    return out


def build_case(case_text: str, answers: SupplierAnswers, options: ImportOptions | None = None) -> dict[str, Any]:
    """The case document (plain data, ready for YAML) with the option answered by the supplier.

    Parameters
    ----------
    case_text : str
        The request's case file.
    answers : SupplierAnswers
        From :func:`lcacompare.exchange.read.read_answers`.
    options : ImportOptions, optional
        The unverified-data penalty.

    Returns
    -------
    dict
        The case; the answered option's inventory, costs, uses per life, loss rate, cycle and
        zero modules are the supplier's, everything else is the request's.
    """
    options = options or ImportOptions()
    data = copy.deepcopy(yaml.safe_load(case_text))
    target = next(o for o in data["options"] if o.get("id") == answers.option_id)
    penalised = options.unverified_penalty > 0 and not answers.supplier.verified
    factor = 1.0 + options.unverified_penalty if penalised else 1.0
    target["inventory"] = [_line(answers, line, factor) for line in answers.lines]
    target.pop("reprocessing", None)  # the answered lines already hold what a reprocessing template made
    target["costs"] = [
        {
            "category": cost.category,
            "amount": _number(cost.amount_eur, "EUR", 1.0),
            "per": cost.per,
            **({"credit": True} if cost.credit else {}),
            "source": provenance_text(answers, cost.evidence),
            **({"year": cost.year} if cost.year is not None else {}),
            "pedigree": _pedigree(answers, cost.evidence),
            **({"note": cost.description} if cost.description else {}),
        }
        for cost in answers.costs
    ]
    target["zero_modules"] = dict(answers.zero_modules)
    sources: dict[str, str] = {}
    use_source = provenance_text(answers, answers.use_evidence)
    if target.get("kind") == "reusable":
        target["uses_per_life"] = answers.uses_per_life
        target["loss_rate"] = answers.loss_rate
        sources["uses_per_life"] = sources["loss_rate"] = use_source
    if answers.cycle_capacity is not None:
        target["cycle"] = {
            "allocation": "count",
            "capacity": answers.cycle_capacity,
            "fill_rate": answers.fill_rate if answers.fill_rate is not None else 1.0,
        }
        sources["cycle.capacity"] = use_source
    else:
        target.pop("cycle", None)
    target["sources"] = sources
    note = f"answered by {answers.supplier.company} on {answers.supplier.date.isoformat()}"
    if penalised:
        penalty = f"{options.unverified_penalty:.0%}"
        note += f"; amounts include a {penalty} penalty for unverified data ({NMD_PENALTY_REFERENCE})"
    target["note"] = note
    return data
