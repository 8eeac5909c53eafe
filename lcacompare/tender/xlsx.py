"""``award.xlsx``: one row per bid, each value beside the formula that gives it, written as text.

A reviewer recomputes every figure from the row: the formulas are text cells (never live Excel
formulas, so nothing is evaluated on opening), with the numbers they use written in.
"""

from __future__ import annotations

import io
from typing import Any

from lcacompare.tender.result import AwardResult, BidResult

__all__ = ["render_xlsx", "bid_rows"]


def _points_formula(result: AwardResult, bid: BidResult, criterion: dict[str, Any]) -> str:
    cid, rule, top = str(criterion["id"]), criterion["rule"], float(criterion["max_points"] or 0.0)
    if criterion["kind"] == "quality":
        return f"{top:g} x ({bid.quality[cid]:g} - scale min) / (scale max - scale min)"
    if criterion["kind"] == "supply":
        value = bid.supply.get(cid)
        shown = "not stated" if value is None else f"{value:.6g}"
        return f"{criterion['indicator']} = {shown}; {criterion['scoring_rule']}"
    values = [b.cost_criterion_eur if criterion["kind"] == "cost" else b.kg_co2e_per_use for b in result.bids]
    own = bid.cost_criterion_eur if criterion["kind"] == "cost" else bid.kg_co2e_per_use
    if rule == "proportional":
        return f"{top:g} x {min(values):.6g} / {own:.6g}"
    if rule == "linear":
        return f"max(0, {top:g} x (n x {min(values):.6g} - {own:.6g}) / ((n - 1) x {min(values):.6g}))"
    return "lowest wins"


def _total_formula(result: AwardResult, bid: BidResult) -> str:
    if result.method == "weighted-points":
        return " + ".join(f"{w:g} % x {bid.points.get(k, 0.0):.6g}" for k, w in result.weights.items())
    if result.method == "value-for-money":
        return f"{bid.cost_criterion_eur:.6g} / weighted quality points"
    if result.method == "fictive-price":
        return f"{bid.cost_criterion_eur:.6g} x (1 - ladder discount) - sum of V_k x (q - min) / (max - min)"
    return f"{bid.npv_cost_eur:.6g} + {bid.monetised_co2e_eur:.6g}"


def bid_rows(result: AwardResult) -> tuple[list[str], list[list[Any]]]:
    """The header and one row per bid: each value followed by its formula as text."""
    price = result.carbon_price.eur_per_tonne
    header = [
        "bid", "supplier", "rank", "kg CO2e per use", "EUR per use (levelised)",
        "NPV of uses", "NPV costs, EUR", "formula", "NPV CO2e, kg", "formula",
        "monetised CO2e, EUR", "formula", "cost criterion, EUR", "formula",
    ]  # fmt: skip
    for criterion in result.criteria:
        header += [f"points {criterion['id']}", "formula"]
    header += ["total", "formula", "P(win)"]
    rows = []
    for bid in sorted(result.bids, key=lambda b: (b.rank, b.id)):
        npv_uses = bid.npv_cost_eur / bid.eur_per_use if bid.eur_per_use else 0.0
        carbon_in = bid.cost_criterion_eur != bid.npv_cost_eur
        row: list[Any] = [
            bid.id, bid.supplier, bid.rank, bid.kg_co2e_per_use, bid.eur_per_use, npv_uses,
            bid.npv_cost_eur, f"{bid.eur_per_use:.6g} x {npv_uses:.6g}",
            bid.npv_kg_co2e, f"{bid.kg_co2e_per_use:.6g} x {npv_uses:.6g}",
            bid.monetised_co2e_eur, f"{bid.npv_kg_co2e:.6g} x {price:g} / 1000",
            bid.cost_criterion_eur,
            f"{bid.npv_cost_eur:.6g} + {bid.monetised_co2e_eur:.6g}" if carbon_in else f"{bid.npv_cost_eur:.6g}",
        ]  # fmt: skip
        for criterion in result.criteria:
            value = bid.points.get(str(criterion["id"]))
            row += [value, _points_formula(result, bid, criterion) if value is not None else ""]
        row += [bid.total, _total_formula(result, bid), bid.probability_of_winning]
        rows.append(row)
    return header, rows


def render_xlsx(result: AwardResult) -> bytes:
    """Render ``award.xlsx``: a bids sheet and a basis sheet (method, carbon price, versions).

    Parameters
    ----------
    result : AwardResult

    Returns
    -------
    bytes
        The workbook, with fixed dates so the same result gives the same bytes.
    """
    from openpyxl import Workbook

    from lcacompare.report.xlsx import _FIXED_TIME, _normalise_zip, _put

    wb = Workbook()
    ws = wb.active
    ws.title = "Bids"
    header, rows = bid_rows(result)
    for col, title in enumerate(header, start=1):
        _put(ws, 1, col, title)
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            _put(ws, r, col, value)
    basis = wb.create_sheet("Basis")
    facts = [
        ("tender", result.tender_id), ("title", result.title), ("method", result.method),
        ("cost basis", result.cost_basis), ("discount rate", result.discount_rate),
        ("carbon price, EUR/t", result.carbon_price.eur_per_tonne), ("carbon price set", result.carbon_price.name),
        ("carbon price year", result.carbon_price.year), ("price level", result.carbon_price.price_level),
        ("carbon price source", result.carbon_price.source), ("seen", result.carbon_price.seen),
        ("robustness", result.robustness.statement),
        ("method version", result.versions.method), ("method sha256", result.versions.method_sha256),
        ("datasets sha256", result.versions.datasets_sha256), ("lcacompare", result.versions.lcacompare),
    ]  # fmt: skip
    facts += [(f"weight {k}, %", w) for k, w in result.weights.items()]
    facts += [("legal basis", text) for text in result.legal_basis]
    facts += [("warning", text) for text in result.warnings]
    for r, (name, value) in enumerate(facts, start=1):
        _put(basis, r, 1, name)
        _put(basis, r, 2, value)
    wb.properties.created = _FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return _normalise_zip(buffer.getvalue())
