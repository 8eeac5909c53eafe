"""The self-contained HTML report: Jinja2 template (autoescaped) with inline SVG charts.

Nothing in the page is fetched: styles are inline, charts are inline SVG, and the only links are
citations of sources (``http``/``https`` only) written in the text. Sections whose data the
result does not hold (break-even, annual figures, uncertainty, sensitivity, inputs,
transparency) are left out rather than shown empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from markupsafe import Markup

from lcacompare.method.spec import MethodSpec, load_method
from lcacompare.report import charts
from lcacompare.report.formatting import eur, percent, significant, uses
from lcacompare.report.sensitivity_view import sobol_rows, top_contributor_lines, tornado_tables
from lcacompare.report.verdict import claims, threshold_of, verdict_paragraph
from lcacompare.result import TRANSPARENCY_ITEMS, Option, Result, as_result

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


def method_for(result: Result) -> MethodSpec:
    """The method spec a result was computed under (the current one if the id is unknown)."""
    try:
        return load_method(result.method or "LCAC-HC/1")
    except KeyError:
        return load_method()


def _columns(options: list[Option], key: str, preferred: list[str]) -> list[str]:
    seen = [c for c in preferred if any(c in getattr(o, key) for o in options)]
    for option in options:
        seen += [c for c in getattr(option, key) if c not in seen]
    return seen


def _value(by_key: Mapping[Any, float], key: str) -> float:
    """A module's or category's figure, 0 where the option has none."""
    return by_key.get(key, 0.0)


def _charts(result: Result, method: MethodSpec, samples: dict[str, Any] | None) -> dict[str, Markup]:
    options = result.options
    ids = [o.id for o in options]
    modules = [m for m in method.total_modules if any(_value(o.kg_co2e_by_module, m) for o in options)]
    categories = _columns(options, "eur_by_category", list(method.costs.get("categories", [])))
    out = {
        "co2e-by-module": charts.stacked_bars_svg(
            "co2e-by-module",
            ids,
            {m: [_value(o.kg_co2e_by_module, m) for o in options] for m in modules},
            charts.MODULE_COLOURS,
            "CO2e per use (kg CO2e), modules " + " + ".join(method.total_modules),
            "CO2e per use of each option, stacked by life-cycle module",
        ),
        "cost-by-category": charts.stacked_bars_svg(
            "cost-by-category",
            ids,
            {c: [_value(o.eur_by_category, c) for o in options] for c in categories},
            charts.CATEGORY_COLOURS,
            "Cost per use (EUR, excl. VAT)",
            "Cost per use of each option, stacked by cost category",
        ),
    }
    breakeven = {k: v for k, v in (result.breakeven or {}).items() if v.curve}
    if breakeven:
        base = result.option(result.baseline)
        out["breakeven"] = charts.breakeven_svg(
            "breakeven", breakeven, base, "Cost and CO2e per use against the number of uses per item"
        )
    uncertainty = result.uncertainty
    differences = dict(list((uncertainty.differences if uncertainty else {}).items())[:CHARTED_ALTERNATIVES])
    if differences:
        out["uncertainty"] = charts.difference_svg(
            "uncertainty", differences, samples, "Distribution of the difference to the baseline per use"
        )
    for target, rows in list(tornado_tables(result.sensitivity).items())[:CHARTED_ALTERNATIVES]:
        name = f"tornado-{target}" if target else "tornado"
        out[name] = charts.tornado_svg(
            name, rows, f"Tornado chart {target}: result with each input low and high", difference="-vs-" in target
        )
    return {name: Markup(svg) for name, svg in out.items()}  # SVG from matplotlib, ids prefixed: trusted markup


def _charted_note(result: Result) -> str:
    """Says how many alternatives the charts show when there are more than :data:`CHARTED_ALTERNATIVES`."""
    alternatives = len(result.options) - 1
    if alternatives <= CHARTED_ALTERNATIVES:
        return ""
    return (
        f"The charts show the first {CHARTED_ALTERNATIVES} of {alternatives} alternatives; "
        "the tables below and result.json list all of them."
    )


def report_context(result: Result | Mapping[str, Any], samples: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the HTML template needs, derived from the result.

    Parameters
    ----------
    result : Result
        The result (a mapping, e.g. a loaded ``result.json``, is validated into one first).
    samples : dict, optional
        Raw Monte Carlo samples of the differences (see :func:`lcacompare.report.render.render_reports`).

    Returns
    -------
    dict
        Template variables.
    """
    result = as_result(result)
    method = method_for(result)
    threshold = threshold_of(result, method.assertion_threshold)
    options = result.options
    charts_out = _charts(result, method, samples)
    inputs = result.inputs or []
    grouped = [(kind, title, [r for r in inputs if r.kind == kind]) for kind, title in INPUT_KIND_TITLES.items()]
    transparency = result.transparency.items() if result.transparency is not None else []
    items = [(key, TRANSPARENCY_ITEMS[key], text) for key, text in transparency]
    return {
        "doc": result,
        "case": result.case,
        "method": method,
        "threshold": threshold,
        "verdict": verdict_paragraph(result, threshold),
        "claims": claims(result, threshold),
        "options": options,
        "modules": list(method.total_modules) + list(method.reported_apart),
        "total_modules": list(method.total_modules),
        "categories": _columns(options, "eur_by_category", list(method.costs.get("categories", []))),
        "charts": charts_out,
        "breakeven": result.breakeven or {},
        "annual": result.annual.options if result.annual is not None else {},
        "uncertainty": result.uncertainty,
        "sensitivity": result.sensitivity,
        "tornado_charts": [(name, svg) for name, svg in charts_out.items() if name.startswith("tornado")],
        "charted_note": _charted_note(result),
        "sobol": sobol_rows(result.sensitivity, main_targets=True),
        "top_contributors": top_contributor_lines(result.sensitivity),
        "inputs": [g for g in grouped if g[2]],
        "assumption_count": sum(1 for r in inputs if r.assumption and not r.source),
        "transparency": items,
        "pedigree_indicators": PEDIGREE_INDICATORS,
    }


def render_html(result: Result | Mapping[str, Any], samples: dict[str, Any] | None = None) -> str:
    """Render the self-contained HTML report of a result.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first).
    samples : dict, optional
        Raw samples of the differences, for the histogram.

    Returns
    -------
    str
        A complete HTML page.
    """
    return _environment().get_template("report.html.j2").render(**report_context(result, samples))
