"""The supplier-data check of a case: claims with their evidence, declared versus computed.

A small report of its own (Markdown or JSON), written by ``lcacompare check-declared``; the main
HTML report can link it as a section later.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lcacompare.exchange.answers import DeclaredFootprint, SupplierAnswers
from lcacompare.exchange.claims import ClaimFinding, review_claims
from lcacompare.exchange.declared import DEFAULT_TOLERANCE, DeclaredCheck, check_declared

__all__ = ["SupplierCheck", "check_supplier_data", "render_markdown", "render_json"]


@dataclass(frozen=True)
class SupplierCheck:
    """Claims and declared-versus-computed checks of the options of one case."""

    case_id: str
    method_id: str
    tolerance: float
    claims: dict[str, list[ClaimFinding]] = field(default_factory=dict)
    declared: list[DeclaredCheck] = field(default_factory=list)


def check_supplier_data(
    case: Any,
    *,
    declaration: SupplierAnswers | None = None,
    footprints: dict[str, DeclaredFootprint] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    home: str | Path | None = None,
) -> SupplierCheck:
    """Check a case's supplier data under the harmonised method.

    Parameters
    ----------
    case : Case
        The case (typically from ``lcacompare import``).
    declaration : SupplierAnswers, optional
        The declaration written next to an imported case (claims, substances, declared figure).
    footprints : dict of option id to DeclaredFootprint, optional
        Declared figures from PACT files; they take precedence over the workbook's.
    tolerance : float
        Accepted relative difference.
    home : str or Path, optional
        lcacompare's cache home.

    Returns
    -------
    SupplierCheck
    """
    from lcacompare.exchange.engine_inputs import comparison, method_summary

    result = comparison(case, home=home)
    total = method_summary(result.method_id).total_modules
    declared: dict[str, DeclaredFootprint] = {}
    claims: dict[str, list[ClaimFinding]] = {}
    if declaration is not None:
        option = case.option(declaration.option_id)
        end_of_life = [x for ln in option.inventory if ln.module == "C" for x in (str(ln.activity), ln.stream or "")]
        claims[declaration.option_id] = review_claims(declaration, end_of_life)
        if declaration.declared is not None:
            declared[declaration.option_id] = declaration.declared
    declared.update(footprints or {})
    checks = [
        check_declared(result.option(oid), figure, total_modules=total, tolerance=tolerance)
        for oid, figure in declared.items()
    ]
    return SupplierCheck(case.id, result.method_id, tolerance, claims, checks)


def render_json(check: SupplierCheck) -> str:
    """The check as JSON."""
    return json.dumps(asdict(check), indent=2, default=str) + "\n"


def render_markdown(check: SupplierCheck) -> str:
    """The check as a short Markdown report for buyers."""
    out = [f"# Supplier data check: {check.case_id}", "", f"Method {check.method_id}.", ""]
    for option_id, findings in check.claims.items():
        out += [
            f"## Claims and substances: {option_id}",
            "",
            "| claim | detail | evidence | flag |",
            "|---|---|---|---|",
        ]
        for f in findings:
            flag = "; ".join(f.flags) if f.flags else ""
            out.append(f"| {f.claim} | {f.detail} | {f.evidence} | {('**' + flag + '**') if flag else ''} |")
        out.append("")
    for c in check.declared:
        verdict = "within" if c.within_tolerance else "OUTSIDE"
        out += [
            f"## Declared versus computed: {c.option_id}",
            "",
            f"- declared: {c.declared_kg_co2e:.4g} kg CO2e {c.basis}, modules {', '.join(c.declared_modules)} "
            f"({c.source})",
            f"- computed under {check.method_id} on the same modules: {c.computed_kg_co2e:.4g} kg CO2e "
            f"(whole life: {c.computed_whole_life_kg_co2e:.4g})",
            f"- relative difference: {c.relative_difference:+.1%}, {verdict} the tolerance of {c.tolerance:.0%}",
            "",
        ]
        if c.within_tolerance:
            continue
        out += ["What explains most of the gap:", ""]
        for k in c.contributors:
            text = f"- {k.label}: {k.kg_co2e:.4g} kg CO2e ({k.share_of_computed:.0%})"
            if k.factor_change_to_close_gap is not None:
                text += f"; its factor would have to change by {k.factor_change_to_close_gap:+.0%} to close the gap"
            out.append(text)
        out.append("")
    if not check.claims and not check.declared:
        out.append("No declaration or declared footprint given.")
    return "\n".join(out).rstrip() + "\n"
