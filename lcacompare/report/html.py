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

from lcacompare.i18n import Translator, translator
from lcacompare.method.spec import MethodSpec, load_method
from lcacompare.report import charts
from lcacompare.report.buyers_page import buyers_page
from lcacompare.report.circularity_view import circularity_texts
from lcacompare.report.data_quality_view import data_quality_warnings
from lcacompare.report.formatting import eur, probability, signed, signed_eur, significant, uses
from lcacompare.report.iso14044_view import clause_groups
from lcacompare.report.labels import pretty_unit, readable_key, superscripts
from lcacompare.report.sensitivity_view import (
    SOBOL_SHOWN,
    TORNADO_SHOWN,
    sobol_rows,
    top_contributor_lines,
    tornado_tables,
)
from lcacompare.report.verdict import claims, threshold_of, verdict_paragraph
from lcacompare.report.vocabulary import vocabulary
from lcacompare.result import Option, Result, as_result

__all__ = [
    "render_html",
    "render_report_page",
    "render_summary_html",
    "report_context",
    "method_for",
    "CHARTED_ALTERNATIVES",
]

CHARTED_ALTERNATIVES = 12
"""Most alternatives (the first ones, in case order) drawn in the difference histograms and the
tornado charts: every one is a panel or a chart of its own, so a case with hundreds of options
would spend minutes drawing pages nobody reads. The tables, the Excel workbook and result.json
still hold every alternative; the page says how many were charted."""


def _input_name(name: str, kind: str) -> str:
    """A parameter key as its readable title; other input names are already words."""
    return readable_key(name) if kind == "parameter" else name


@cache
def _environment(lang: str = "en") -> Any:
    """The Jinja2 environment of one language: gettext installed, filters formatting for its locale."""
    import jinja2

    t = translator(lang)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lcacompare.report", "templates"),
        autoescape=True,
        # Optional sections come from other analyses: a missing key renders empty, not an error.
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(t.translations, newstyle=False)  # type: ignore[attr-defined]
    env.filters.update(
        sig=lambda value, digits=3: significant(value, digits, lang),
        eur=lambda value: eur(value, lang),
        pct=lambda value: probability(value, lang),
        share=lambda value: probability(value, lang),
        uses=lambda value: uses(value, lang),
        signed=lambda value: signed(value, lang=lang),
        signed_eur=lambda value: signed_eur(value, lang),
        unit=pretty_unit,
        typed=superscripts,
        input_name=_input_name,
        citation=_citation,
    )
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


def _charts(result: Result, method: MethodSpec, samples: dict[str, Any] | None, t: Translator) -> dict[str, Markup]:
    _ = t.gettext
    words = vocabulary(t)
    options = result.options
    titles = [o.title or o.id for o in options]
    modules = [m for m in method.total_modules if any(_value(o.kg_co2e_by_module, m) for o in options)]
    categories = _columns(options, "eur_by_category", list(method.costs.get("categories", [])))
    category_titles = {c: words.categories.get(c, c) for c in categories}
    out = {
        "co2e-by-module": charts.stacked_bars_svg(
            "co2e-by-module",
            [charts.clip(title) for title in titles],
            {m: [_value(o.kg_co2e_by_module, m) for o in options] for m in modules},
            charts.MODULE_COLOURS,
            _("CO2e per use (kg CO2e), modules {modules}").format(modules=" + ".join(method.total_modules)),
            _("CO2e per use of each option, stacked by life-cycle module"),
        ),
        "cost-by-category": charts.stacked_bars_svg(
            "cost-by-category",
            [charts.clip(title) for title in titles],
            {category_titles[c]: [_value(o.eur_by_category, c) for o in options] for c in categories},
            {category_titles[c]: colour for c, colour in charts.CATEGORY_COLOURS.items() if c in category_titles},
            _("Cost per use (EUR, excl. VAT)"),
            _("Cost per use of each option, stacked by cost category"),
        ),
    }
    breakeven = {k: v for k, v in (result.breakeven or {}).items() if v.curve}
    if breakeven:
        base = result.option(result.baseline)
        out["breakeven"] = charts.breakeven_svg(
            "breakeven",
            breakeven,
            base,
            _("Cost and CO2e per use against the number of uses per item"),
            t,
            {o.id: o.title or o.id for o in options},
        )
    uncertainty = result.uncertainty
    differences = dict(list((uncertainty.differences if uncertainty else {}).items())[:CHARTED_ALTERNATIVES])
    if differences:
        out["uncertainty"] = charts.difference_svg(
            "uncertainty", differences, samples, _("Distribution of the difference to the baseline per use"), t
        )
    for target, rows in list(tornado_tables(result.sensitivity).items())[:CHARTED_ALTERNATIVES]:
        name = f"tornado-{target}" if target else "tornado"
        out[name] = charts.tornado_svg(
            name,
            rows,
            _("Tornado chart {target}: result with each input low and high").format(target=target),
            top=TORNADO_SHOWN,
            difference="-vs-" in target,
            t=t,
        )
    return {name: Markup(svg) for name, svg in out.items()}  # SVG from matplotlib, ids prefixed: trusted markup


def _charted_note(result: Result, t: Translator) -> str:
    """Says how many alternatives the charts show when there are more than :data:`CHARTED_ALTERNATIVES`."""
    alternatives = len(result.options) - 1
    if alternatives <= CHARTED_ALTERNATIVES:
        return ""
    return t.gettext(
        "The charts show the first {shown} of {alternatives} alternatives; "
        "the tables below and result.json list all of them."
    ).format(shown=CHARTED_ALTERNATIVES, alternatives=alternatives)


def report_context(
    result: Result | Mapping[str, Any],
    samples: dict[str, Any] | None = None,
    lang: str = "en",
    *,
    with_charts: bool = True,
) -> dict[str, Any]:
    """Everything the HTML template needs, derived from the result.

    Parameters
    ----------
    result : Result
        The result (a mapping, e.g. a loaded ``result.json``, is validated into one first).
    samples : dict, optional
        Raw Monte Carlo samples of the differences (see :func:`lcacompare.report.render.render_reports`).
    lang : {"en", "nl"}
        Language of the texts and number formats.
    with_charts : bool
        Draw the charts (the one-page summary has none).

    Returns
    -------
    dict
        Template variables.
    """
    result = as_result(result)
    t = translator(lang)
    _ = t.gettext
    words = vocabulary(t)
    method = method_for(result)
    threshold = threshold_of(result, method.assertion_threshold)
    options = result.options
    charts_out = _charts(result, method, samples, t) if with_charts else {}
    inputs = result.inputs or []
    grouped = [(kind, title, [r for r in inputs if r.kind == kind]) for kind, title in words.input_kinds.items()]
    transparency = result.transparency.items() if result.transparency is not None else []
    items = [(key, words.reporting_items.get(key, key), text) for key, text in transparency]
    page = buyers_page(result, threshold, lang)
    return {
        "lang": t.lang,
        "doc": result,
        "data_quality_warnings": data_quality_warnings(result, lang),
        "circularity_texts": circularity_texts(result, lang),
        "case": result.case,
        "method": method,
        "threshold": threshold,
        "page": page,
        "uses_definition": page.uses_definition,
        "verdict": verdict_paragraph(result, threshold),
        "claims": claims(result, threshold),
        "options": options,
        "baseline_title": result.option(result.baseline).title or result.baseline,
        "kinds": words.kinds,
        "statuses": words.statuses,
        "verdicts": words.verdicts,
        "category_titles": words.categories,
        "quantity_titles": words.quantities,
        "quantities": list(words.quantities.items()),
        "modules": list(method.total_modules) + list(method.reported_apart),
        "total_modules": list(method.total_modules),
        "categories": _columns(options, "eur_by_category", list(method.costs.get("categories", []))),
        "charts": charts_out,
        "breakeven": result.breakeven or {},
        "annual": result.annual.options if result.annual is not None else {},
        "uncertainty": result.uncertainty,
        "sensitivity": result.sensitivity,
        "tornado_charts": [(name, svg) for name, svg in charts_out.items() if name.startswith("tornado")],
        "tornado_shown": TORNADO_SHOWN,
        "sobol_shown": SOBOL_SHOWN,
        "charted_note": _charted_note(result, t),
        "sobol": sobol_rows(result.sensitivity, main_targets=True, top=SOBOL_SHOWN, lang=lang),
        "top_contributors": top_contributor_lines(result.sensitivity, lang),
        "inputs": [g for g in grouped if g[2]],
        "assumption_count": sum(1 for r in inputs if r.assumption and not r.source),
        "transparency": items,
        "iso_groups": clause_groups(result, lang),
    }


def render_html(result: Result | Mapping[str, Any], samples: dict[str, Any] | None = None, lang: str = "en") -> str:
    """Render the self-contained HTML report of a result: the buyer's page, then the full analysis.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first).
    samples : dict, optional
        Raw samples of the differences, for the histogram.
    lang : {"en", "nl"}
        Language of the texts and number formats.

    Returns
    -------
    str
        A complete HTML page.
    """
    return render_report_page(report_context(result, samples, lang), lang)


def render_report_page(context: Mapping[str, Any], lang: str = "en") -> str:
    """The HTML report from a context of :func:`report_context` (its charts drawn once, reused).

    A caller that also shows the charts elsewhere (the web app's results page) builds the context
    once and renders the report from it, instead of drawing every chart twice.
    """
    return _environment(lang).get_template("report.html.j2").render(**context)


def render_summary_html(result: Result | Mapping[str, Any], lang: str = "en") -> str:
    """Render the buyer's page alone: one A4 page when printed, no charts.

    Parameters
    ----------
    result : Result
        The result (a mapping is validated into one first).
    lang : {"en", "nl"}
        Language of the texts and number formats.

    Returns
    -------
    str
        A complete HTML page.
    """
    context = report_context(result, None, lang, with_charts=False)
    return _environment(lang).get_template("summary.html.j2").render(**context)
