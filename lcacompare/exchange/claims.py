"""Environmental claims and substances of a supplier's declaration, with their evidence.

The buyers' guide names the usual traps: vague green claims without certification,
"biodegradable" packaging that in practice ends in residual waste (incinerated or landfilled,
where it does not biodegrade), and DEHP in PVC (a substance of very high concern under REACH
Art. 57, whose presence above 0.1 % by mass the Medical Device Regulation requires to be
labelled, MDR Annex I 10.4.5).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lcacompare.exchange.answers import SupplierAnswers

__all__ = ["NO_EVIDENCE", "ClaimFinding", "review_claims"]

NO_EVIDENCE = "no evidence given"
_BIODEGRADABLE = ("biodegradable", "compostable")
_RESIDUAL_ROUTES = ("incineration", "landfill")


@dataclass(frozen=True)
class ClaimFinding:
    """One claim (or substance statement) with its evidence and what is wrong with it, if anything."""

    claim: str
    detail: str
    evidence: str
    flags: tuple[str, ...] = ()


def _residual(route: str) -> bool:
    return any(route.startswith(r) or r in route for r in _RESIDUAL_ROUTES)


def review_claims(answers: SupplierAnswers, end_of_life: Iterable[str] = ()) -> list[ClaimFinding]:
    """Each claim with its evidence or :data:`NO_EVIDENCE`, and the flags it raises.

    Parameters
    ----------
    answers : SupplierAnswers
        The declaration.
    end_of_life : iterable of str
        Treatment ids and waste streams of the option's end-of-life lines (``incineration-pp-pe``,
        ``landfill``): a biodegradability claim is flagged when these or the stated real route
        are incineration or landfill.

    Returns
    -------
    list of ClaimFinding
        Claims first, then the substance statements.
    """
    routes = [answers.take_back.route, *end_of_life]
    residual = [r for r in routes if r and _residual(r)]
    as_of = answers.supplier.date
    out = []
    for claim in answers.claims:
        flags = []
        detail = ", ".join(
            x for x in (claim.detail, f"{claim.share_percent:g} %" if claim.share_percent is not None else None) if x
        )
        if claim.claim in _BIODEGRADABLE and residual:
            flags.append(
                f"{claim.claim} claim, but the stated waste route is {residual[0]}: it will not biodegrade there"
            )
        if claim.claim == "type I ecolabel":
            if not claim.certificate:
                flags.append("type I ecolabel without a certificate number")
            if claim.valid_until is None:
                flags.append("type I ecolabel without a validity date")
            elif claim.valid_until < as_of:
                flags.append(f"certificate expired on {claim.valid_until.isoformat()}")
        if claim.claim in ("carbon neutral", "other") and not (claim.certificate or claim.evidence):
            flags.append("vague claim without certification or evidence")
        if claim.claim in ("recycled content", "bio-based content") and claim.share_percent is None:
            flags.append("content claim without a share")
        out.append(ClaimFinding(claim.claim, detail, claim.evidence or NO_EVIDENCE, tuple(flags)))
    s = answers.substances
    dehp_flags = (
        (
            f"contains DEHP above 0.1 % by mass{f' ({s.dehp_percent:g} %)' if s.dehp_percent else ''}: an SVHC "
            "(REACH Art. 57); the MDR requires labelling (Annex I 10.4.5)",
        )
        if s.dehp
        else ()
    )
    out.append(
        ClaimFinding("DEHP above 0.1 % by mass", "yes" if s.dehp else "no", s.evidence or NO_EVIDENCE, dehp_flags)
    )
    svhc_flags: tuple[str, ...] = ()
    if s.other_svhc:
        svhc_flags = ("contains an SVHC above 0.1 % by mass" + ("" if s.svhc_names else ", not named"),)
    out.append(
        ClaimFinding(
            "other SVHC above 0.1 % by mass",
            s.svhc_names or ("yes" if s.other_svhc else "no"),
            s.evidence or NO_EVIDENCE,
            svhc_flags,
        )
    )
    out.append(
        ClaimFinding("real end-of-life route", answers.take_back.route, answers.take_back.evidence or NO_EVIDENCE)
    )
    return out
