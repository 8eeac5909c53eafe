"""``award.html``: the scoring matrix, figures, robustness map, legal basis and justification."""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from lcacompare.tender.chart import winner_map_svg
from lcacompare.tender.result import AwardResult
from lcacompare.tender.text import Language, justification

__all__ = ["render_html", "LABELS"]

_TOTAL_RULE = {
    "en": {
        "weighted-points": "Total = sum of weight x points; the highest total wins.",
        "fictive-price": "Fictive price = cost x (1 - ladder discount) - EUR value of quality; the lowest wins.",
        "lowest-lcc": "Total = NPV(costs) + NPV(CO2e x carbon price); the lowest wins.",
        "value-for-money": "Total = cost / weighted quality points; the lowest wins.",
    },
    "nl": {
        "weighted-points": "Totaal = som van gewicht x punten; het hoogste totaal wint.",
        "fictive-price": (
            "Fictieve prijs = kosten x (1 - ladderkorting) - waarde van kwaliteit in EUR; de laagste wint."
        ),
        "lowest-lcc": "Totaal = NCW(kosten) + NCW(CO2e x CO2-prijs); het laagste wint.",
        "value-for-money": "Totaal = kosten / gewogen kwaliteitspunten; het laagste wint.",
    },
}
LABELS: dict[str, dict[str, Any]] = {
    "en": {
        "award": "award report",
        "method": "award method",
        "uses_year": "uses a year",
        "years": "years",
        "winner": "Best bid",
        "upgraded": "Ranked under other versions than the tender pinned",
        "pinned_ranking": "pinned ranking",
        "this_ranking": "this run",
        "not_recorded": "not recorded",
        "matrix": "Scoring matrix",
        "rank": "rank",
        "bid": "bid",
        "supplier": "supplier",
        "total": "total",
        "figures": "Cost and CO2e of each bid",
        "supply_criteria": "Supply-security criteria",
        "not_stated": "not stated",
        "price": "offered price",
        "use": "use",
        "year": "year",
        "costs": "costs",
        "monetised": "monetised CO2e (NPV)",
        "cost_criterion": "cost criterion",
        "cost_basis": "Cost criterion",
        "discount": "Real discount rate",
        "carbon": "Carbon price",
        "price_level": "price level",
        "seen": "seen",
        "declared": "Declared by the suppliers",
        "robustness": "Robustness of the ranking",
        "axis": "what changes",
        "published": "published",
        "reverses_at": "first two reverse at",
        "change": "change",
        "pwin_note": "P(win): share of {n} paired Monte Carlo draws (seed {seed}) in which a bid scores best; "
        "bids from the same case share draws. The map varies the carbon price and the sustainability weight "
        "(other weights keep their proportions); the circle marks the published point.",
        "justification": "Award justification (to paste into the award decision)",
        "legal": "Legal basis",
        "versions": "Method and data versions",
        "pinned": "pinned by the tender",
        "this_run": "this run",
    },
    "nl": {
        "award": "gunningsrapport",
        "method": "gunningsmethode",
        "uses_year": "gebruiken per jaar",
        "years": "jaar",
        "winner": "Beste inschrijving",
        "upgraded": "Gerangschikt onder andere versies dan de aanbesteding vastlegde",
        "pinned_ranking": "vastgelegde rangorde",
        "this_ranking": "deze berekening",
        "not_recorded": "niet vastgelegd",
        "matrix": "Scoringsmatrix",
        "rank": "plaats",
        "bid": "inschrijving",
        "supplier": "leverancier",
        "total": "totaal",
        "figures": "Kosten en CO2e per inschrijving",
        "supply_criteria": "Criteria voor leveringszekerheid",
        "not_stated": "niet opgegeven",
        "price": "geboden prijs",
        "use": "gebruik",
        "year": "jaar",
        "costs": "kosten",
        "monetised": "CO2e in euro (NCW)",
        "cost_criterion": "kostencriterium",
        "cost_basis": "Kostencriterium",
        "discount": "Reële discontovoet",
        "carbon": "CO2-prijs",
        "price_level": "prijspeil",
        "seen": "gezien",
        "declared": "Verklaringen van de leveranciers",
        "robustness": "Robuustheid van de rangorde",
        "axis": "wat verandert",
        "published": "gepubliceerd",
        "reverses_at": "eerste twee wisselen bij",
        "change": "verandering",
        "pwin_note": "P(win): aandeel van {n} gepaarde Monte-Carlotrekkingen (seed {seed}) waarin een inschrijving "
        "het best scoort; inschrijvingen uit dezelfde case delen trekkingen. De kaart varieert de CO2-prijs en het "
        "duurzaamheidsgewicht (de andere gewichten houden hun verhouding); de cirkel is het gepubliceerde punt.",
        "justification": "Motivering (om over te nemen in de gunningsbeslissing)",
        "legal": "Juridische grondslag",
        "versions": "Methode- en dataversies",
        "pinned": "vastgelegd in de aanbesteding",
        "this_run": "deze berekening",
    },
}


def _num(value: Any, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return f"{float(value):,.{digits}f}"


def _sig(value: Any) -> str:
    return "–" if value is None else f"{float(value):.4g}"


def _pct(value: Any) -> str:
    return "–" if value is None else f"{float(value):.1%}"


@cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lcacompare.tender", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(num=_num, pct=_pct, sig=_sig)
    return env


def paragraph(result: AwardResult, lang: Language) -> str:
    """The award justification paragraph of this result."""
    winner = result.bid(result.winner[0])
    carbon = f"EUR {result.carbon_price.eur_per_tonne:g}/t CO2e ({result.carbon_price.name})"
    return justification(
        result.title,
        result.method,
        winner.id,
        winner.supplier,
        result.weights,
        carbon,
        winner.cost_criterion_eur,
        winner.kg_co2e_per_year,
        lang,
    )


def render_html(result: AwardResult, lang: Language = "en") -> bytes:
    """Render ``award.html`` (self-contained: inline CSS and SVG, no scripts).

    Parameters
    ----------
    result : AwardResult
    lang : {"en", "nl"}

    Returns
    -------
    bytes
        UTF-8 HTML.
    """
    labels = dict(LABELS[lang])
    labels["total_rule"] = _TOTAL_RULE[lang]
    bids = sorted(result.bids, key=lambda b: (b.rank, b.id))
    declared_keys = sorted({k for b in result.bids for k in b.declared})
    html = (
        _environment()
        .get_template("award.html.j2")
        .render(
            r=result,
            t=labels,
            lang=lang,
            bids=bids,
            declared_keys=declared_keys,
            chart=winner_map_svg(result),
            paragraph=paragraph(result, lang),
            ranking_text=" > ".join("/".join(group) for group in result.ranking),
        )
    )
    return html.encode("utf-8")
