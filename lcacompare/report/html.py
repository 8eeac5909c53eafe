"""The self-contained HTML report: Jinja2 template (autoescaped) with inline SVG charts.

Nothing in the page is fetched: styles are inline, charts are inline SVG, and the only links are
citations of sources (``http``/``https`` only) written in the text. Sections whose data the
result does not hold (break-even, annual figures, uncertainty, sensitivity, inputs,
transparency) are left out rather than shown empty.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from markupsafe import Markup

from lcacompare.method.spec import MethodSpec, load_method
from lcacompare.report import charts
from lcacompare.report.formatting import eur, percent, significant, uses
from lcacompare.report.sensitivity_view import sobol_rows, top_contributor_lines, tornado_tables
from lcacompare.report.verdict import claims, threshold_of, verdict_paragraph

__all__ = ["render_html", "report_context", "method_for", "CHARTED_ALTERNATIVES"]

CHARTED_ALTERNATIVES = 12
"""Most alternatives (the first ones, in case order) drawn in the difference histograms and the
tornado charts: every one is a panel or a chart of its own, so a case with hundreds of options
would spend minutes drawing pages nobody reads. The tables, the Excel workbook and result.json
still hold every alternative; the page says how many were charted."""

INPUT_KIND_TITLES: dict[str, str] = {
    "setting": "Case and option settings",
    "parameter": "Parameters",
    "inventory": "Inventory lines",
    "cost": "Cost lines",
    "factor": "Emission factors",
    "price": "Prices",
}
PEDIGREE_INDICATORS = "reliability, completeness, temporal, geographical, technological correlation"


@cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lcacompare.report", "templates"),
        autoescape=True,
        # Optional sections come from other analyses: a missing key renders empty, not an error.
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(sig=significant, eur=eur, pct=percent, uses=uses, citation=_citation)
    return env


def _citation(url: Any) -> str | None:
    """A source URL safe to link from the text: ``http``/``https`` only, else None."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else None


def method_for(doc: dict[str, Any]) -> MethodSpec:
    """The method spec a result was computed under (the current one if the id is unknown)."""
    try:
        return load_method(doc.get("method") or "LCAC-HC/1")
    except KeyError:
        return load_method()


def _columns(options: list[dict[str, Any]], key: str, preferred: list[str]) -> list[str]:
    seen = [c for c in preferred if any(c in (o.get(key) or {}) for o in options)]
    for option in options:
        seen += [c for c in (option.get(key) or {}) if c not in seen]
    return seen


def _charts(doc: dict[str, Any], method: MethodSpec, samples: dict[str, Any] | None) -> dict[str, Markup]:
    options = doc["options"]
    ids = [o["id"] for o in options]
    modules = [m for m in method.total_modules if any((o.get("kg_co2e_by_module") or {}).get(m) for o in options)]
    categories = _columns(options, "eur_by_category", list(method.costs.get("categories", [])))
    out = {
        "co2e-by-module": charts.stacked_bars_svg(
            "co2e-by-module",
            ids,
            {m: [(o.get("kg_co2e_by_module") or {}).get(m, 0.0) for o in options] for m in modules},
            charts.MODULE_COLOURS,
            "CO2e per use (kg CO2e), modules " + " + ".join(method.total_modules),
            "CO2e per use of each option, stacked by life-cycle module",
        ),
        "cost-by-category": charts.stacked_bars_svg(
            "cost-by-category",
            ids,
            {c: [(o.get("eur_by_category") or {}).get(c, 0.0) for o in options] for c in categories},
            charts.CATEGORY_COLOURS,
            "Cost per use (EUR, excl. VAT)",
            "Cost per use of each option, stacked by cost category",
        ),
    }
    breakeven = {k: v for k, v in (doc.get("breakeven") or {}).items() if v.get("curve")}
    if breakeven:
        base = next(o for o in options if o["id"] == doc["baseline"])
        out["breakeven"] = charts.breakeven_svg(
            "breakeven", breakeven, base, "Cost and CO2e per use against the number of uses per item"
        )
    differences = dict(list(((doc.get("uncertainty") or {}).get("differences") or {}).items())[:CHARTED_ALTERNATIVES])
    if differences:
        out["uncertainty"] = charts.difference_svg(
            "uncertainty", differences, samples, "Distribution of the difference to the baseline per use"
        )
    for target, rows in list(tornado_tables(doc.get("sensitivity")).items())[:CHARTED_ALTERNATIVES]:
        name = f"tornado-{target}" if target else "tornado"
        out[name] = charts.tornado_svg(
            name, rows, f"Tornado chart {target}: result with each input low and high", difference="-vs-" in target
        )
    return {name: Markup(svg) for name, svg in out.items()}  # SVG from matplotlib, ids prefixed: trusted markup


def _charted_note(doc: dict[str, Any]) -> str:
    """Says how many alternatives the charts show when there are more than :data:`CHARTED_ALTERNATIVES`."""
    alternatives = len(doc["options"]) - 1
    if alternatives <= CHARTED_ALTERNATIVES:
        return ""
    return (
        f"The charts show the first {CHARTED_ALTERNATIVES} of {alternatives} alternatives; "
        "the tables below and result.json list all of them."
    )


def report_context(doc: dict[str, Any], samples: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the HTML template needs, derived from the result document.

    Parameters
    ----------
    doc : dict
        The result document (``lcacompare.result/1``).
    samples : dict, optional
        Raw Monte Carlo samples of the differences (see :func:`lcacompare.report.render.render_reports`).

    Returns
    -------
    dict
        Template variables.
    """
    from lcacompare.report.transparency import TRANSPARENCY_ITEMS

    method = method_for(doc)
    threshold = threshold_of(doc, method.assertion_threshold)
    options = doc["options"]
    charts_out = _charts(doc, method, samples)
    inputs = doc.get("inputs") or []
    grouped = [(kind, title, [r for r in inputs if r.get("kind") == kind]) for kind, title in INPUT_KIND_TITLES.items()]
    transparency = doc.get("transparency") or {}
    items = [
        (key, TRANSPARENCY_ITEMS.get(key, key.replace("_", " ").capitalize()), text)
        for key, text in transparency.items()
    ]
    return {
        "doc": doc,
        "case": doc["case"],
        "method": method,
        "threshold": threshold,
        "verdict": verdict_paragraph(doc, threshold),
        "claims": claims(doc, threshold),
        "options": options,
        "modules": list(method.total_modules) + list(method.reported_apart),
        "total_modules": list(method.total_modules),
        "categories": _columns(options, "eur_by_category", list(method.costs.get("categories", []))),
        "charts": charts_out,
        "breakeven": doc.get("breakeven") or {},
        "annual": (doc.get("annual") or {}).get("options", {}),
        "uncertainty": doc.get("uncertainty") or {},
        "sensitivity": doc.get("sensitivity") or {},
        "tornado_charts": [(name, svg) for name, svg in charts_out.items() if name.startswith("tornado")],
        "charted_note": _charted_note(doc),
        "sobol": sobol_rows(doc.get("sensitivity"), main_targets=True),
        "top_contributors": top_contributor_lines(doc.get("sensitivity")),
        "inputs": [g for g in grouped if g[2]],
        "assumption_count": sum(1 for r in inputs if r.get("assumption") and not r.get("source")),
        "transparency": items,
        "pedigree_indicators": PEDIGREE_INDICATORS,
    }


def render_html(doc: dict[str, Any], samples: dict[str, Any] | None = None) -> str:
    """Render the self-contained HTML report of a result document.

    Parameters
    ----------
    doc : dict
        The result document.
    samples : dict, optional
        Raw samples of the differences, for the histogram.

    Returns
    -------
    str
        A complete HTML page.
    """
    return _environment().get_template("report.html.j2").render(**report_context(doc, samples))
