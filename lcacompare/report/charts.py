"""Charts of the HTML report as inline SVG (matplotlib, SVG backend, imported only when drawing).

Every chart is returned as an ``<svg>`` element ready to paste into HTML: no XML prolog, no
DOCTYPE, no RDF metadata (their URLs are not resources, but a self-contained report should not
carry any), text kept as text (searchable, prints crisp) and every ``id`` prefixed with the chart's
name so that several charts can live in one page without clashing.

Drawing time is matplotlib's per-artist overhead (a warm run renders six charts), so the charts
make few artists: one collection per bar series rather than a rectangle per bar, and no mathtext
(a log axis is labelled ``10³`` in plain text; parsing mathtext costs a quarter of a second the
first time in a process).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, cast

import numpy as np

from lcacompare.i18n import Translator, translator
from lcacompare.ranking import descending
from lcacompare.result import BreakEven, Difference, Option

__all__ = [
    "MODULE_COLOURS",
    "CATEGORY_COLOURS",
    "stacked_bars_svg",
    "breakeven_svg",
    "difference_svg",
    "tornado_svg",
    "clip",
]

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies and in greyscale.
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
MODULE_COLOURS: dict[str, str] = {"A1-A3": "#0072B2", "A4": "#E69F00", "B": "#009E73", "C": "#CC79A7", "D": "#999999"}
CATEGORY_COLOURS: dict[str, str] = {
    "acquisition": "#0072B2",
    "reprocessing": "#009E73",
    "consumables": "#56B4E9",
    "logistics": "#E69F00",
    "waste": "#CC79A7",
    "capital": "#D55E00",
    "residual": "#999999",
}
# Settings while a chart is built and drawn.
_SETTINGS = {
    "font.family": "sans-serif",
    "font.size": 9,
    "svg.fonttype": "none",
    "axes.spines.top": False,
    "text.parse_math": False,
}


def _figure(width: float, height: float, left: float = 0.7, bottom: float = 0.5, top: float = 0.4) -> Any:
    """A figure with fixed margins in inches (a layout engine costs more time than the drawing)."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    # A Figure on its own SVG canvas, without pyplot: no global backend switch, no figure registry.
    fig = Figure(figsize=(width, height))
    FigureCanvasSVG(fig)
    fig.subplots_adjust(left=left / width, right=1 - 0.25 / width, bottom=bottom / height, top=1 - top / height)
    return fig


def _label_inches(labels: Sequence[str], fontsize: float = 9.0) -> float:
    """Rough width of the longest tick label, to size the left margin (about 0.55 em per character)."""
    longest = max((len(str(label)) for label in labels), default=4)
    return 0.2 + longest * fontsize * 0.58 / 72


def _bars(
    ax: Any,
    y: np.ndarray,
    width: np.ndarray,
    left: np.ndarray,
    colour: str,
    label: str | None = None,
    edgecolor: str = "none",
    linewidth: float = 0.0,
    height: float = 0.6,
) -> Any:
    """Horizontal bars of one series as one ``PolyCollection`` (one SVG group).

    ``Axes.barh`` makes a ``Rectangle`` per bar, each with its own update of the data limits;
    one collection draws the same rectangles at a fraction of the cost. As with ``barh``, the
    bars' left ends are sticky, so autoscaling adds no margin beyond them. No bars, no collection.
    """
    from matplotlib.collections import PolyCollection

    x0 = np.asarray(left, dtype=float)
    if not x0.size:
        return None
    x1 = x0 + np.asarray(width, dtype=float)
    y0 = np.asarray(y, dtype=float) - height / 2
    y1 = y0 + height
    corners = np.stack([np.column_stack(p) for p in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))], axis=1)
    bars = PolyCollection(
        cast(Sequence[Any], corners),
        facecolors=colour,
        edgecolors=edgecolor,
        linewidths=linewidth,
        joinstyle="miter",
        label=label,
    )
    bars.sticky_edges.x[:] = x0.tolist()
    ax.add_collection(bars)
    return bars


def _svg(fig: Any, name: str, label: str) -> str:
    """Serialise a figure to an inline ``<svg>`` element with ids prefixed by ``name``.

    Call it inside :func:`_rc` of the same ``name`` (the settings apply while drawing).
    """
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)
    text = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{name}-\1"', text)
    text = re.sub(r'\s(width|height)="[0-9.]+pt"', "", text, count=2)
    return text.replace(
        "<svg ", f'<svg class="chart-svg" role="img" aria-label="{_attr(label)}" data-chart="{name}" ', 1
    ).strip()


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _style(ax: Any) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def stacked_bars_svg(
    name: str,
    labels: Sequence[str],
    parts: Mapping[str, Sequence[float]],
    colours: Mapping[str, str],
    xlabel: str,
    label: str,
) -> str:
    """Horizontal stacked bars, one per option; negative parts stack to the left of zero.

    Parameters
    ----------
    name : str
        Chart name (prefix of the SVG ids, ``data-chart`` attribute).
    labels : sequence of str
        One label per bar (option ids).
    parts : mapping of str to sequence of float
        Stack segment name (module, cost category) to one value per bar.
    colours : mapping of str to str
        Segment colours; unknown segments take the next palette colour.
    xlabel : str
        Axis label with its unit.
    label : str
        Accessible description of the chart.

    Returns
    -------
    str
        An inline ``<svg>`` element.
    """
    with _rc(name):
        shown = [segment for segment, values in parts.items() if np.any(np.asarray(values, dtype=float))]
        legend_rows = math.ceil(len(shown) / 5) if shown else 0
        top = 0.25 + 0.22 * legend_rows
        fig = _figure(7.5, 0.6 * len(labels) + 0.8 + top, left=_label_inches(labels) + 0.1, bottom=0.55, top=top)
        ax = fig.add_subplot()
        y = np.arange(len(labels))
        left_pos = np.zeros(len(labels))
        left_neg = np.zeros(len(labels))
        spare = iter(_PALETTE)
        for segment, values in parts.items():
            data = np.asarray(values, dtype=float)
            if not np.any(data):
                continue
            colour = colours.get(segment) or next(spare, "#777777")
            start = np.where(data >= 0, left_pos, left_neg)
            _bars(ax, y, data, start, colour, label=segment, edgecolor="white", linewidth=0.5)
            left_pos = left_pos + np.where(data >= 0, data, 0)
            left_neg = left_neg + np.where(data < 0, data, 0)
        totals = left_pos + left_neg
        span = float(np.max(left_pos) - np.min(left_neg)) or 1.0
        for i, total in enumerate(totals):
            ax.text(left_pos[i] + 0.01 * span, i, f"{_short(total)}", va="center", fontsize=8)
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlim(min(0.0, float(np.min(left_neg)) * 1.05), float(np.max(left_pos)) + 0.14 * span)
        ax.set_xlabel(xlabel)
        ax.axvline(0, color="#333333", linewidth=0.8)
        _style(ax)
        if shown:
            ax.legend(
                loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(shown), 5), frameon=False, fontsize=8
            )
        return _svg(fig, name, label)


def clip(text: str, limit: int = 46) -> str:
    """Shorten a tick label so the plot keeps most of the width (the full name is in the tables)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tick(row: Mapping[str, Any]) -> str:
    return clip(f"{row['input']} ({row['option']})" if row.get("option") else str(row["input"]))


def _short(value: float) -> str:
    from lcacompare.report.formatting import significant

    return significant(value, 3)


def _rc(name: str) -> Any:
    """The chart settings, for building and drawing: fonts, text as text, ids salted with ``name``.

    Labels come from case files: a ``$`` in a name is text, never mathtext (``text.parse_math``).
    """
    import matplotlib

    return matplotlib.rc_context(cast(Any, {**_SETTINGS, "svg.hashsalt": name}))  # keys are rc names


def breakeven_svg(
    name: str,
    breakeven: Mapping[str, BreakEven],
    baseline: Option,
    label: str,
    t: Translator | None = None,
    titles: Mapping[str, str] | None = None,
) -> str:
    """Break-even curves: cost and CO2e per use of each reusable option against its uses per item.

    Parameters
    ----------
    name : str
        Chart name.
    breakeven : mapping
        The result's ``breakeven`` section: per reusable option id, ``curve`` (points of
        ``uses_per_life``, ``eur_per_use``, ``kg_co2e_per_use``), ``uses_cost``, ``uses_co2e`` and
        their statuses.
    baseline : Option
        The baseline option of the result (its per-use figures are the flat lines).
    label : str
        Accessible description.
    t : Translator, optional
        Language of the axis labels (English by default).
    titles : mapping, optional
        Option id to the title shown in the legends (default the id; the ids are shown when a
        title is longer than 40 characters, since shortened titles read alike).

    Returns
    -------
    str
        An inline ``<svg>`` element with two panels (cost, CO2e), each with its legend; curves
        that coincide stay visible (each option has its own dash pattern).
    """
    _ = (t or translator("en")).gettext
    shown = {oid: (titles or {}).get(oid, oid) for oid in [*breakeven, baseline.id]}
    if any(len(title) > 40 for title in shown.values()):  # shortened titles read alike: the ids tell them apart
        shown = {oid: oid for oid in shown}
    dashes = ["-", (0, (5, 2)), (0, (1, 1.5)), "-."]
    with _rc(name):
        fig = _figure(7.5, 3.2, left=0.65, bottom=0.55, top=0.15)
        axes = fig.subplots(1, 2, gridspec_kw={"wspace": 0.3})
        panels = (
            ("eur_per_use", "cost", _("Cost per use (EUR)")),
            ("kg_co2e_per_use", "co2e", _("CO2e per use (kg CO2e)")),
        )
        colours = iter(_PALETTE[1:])
        option_colours = {oid: next(colours, "#777777") for oid in breakeven}
        log_x = False
        for ax, (key, what, ylabel) in zip(axes, panels, strict=True):
            for index, (option_id, entry) in enumerate(breakeven.items()):
                curve = entry.curve
                x = np.array([p.uses_per_life for p in curve])
                y = np.array([getattr(p, key) for p in curve])
                if x.size == 0:
                    continue
                log_x = log_x or (x.min() > 0 and x.max() / x.min() > 50)
                colour = option_colours[option_id]
                ax.plot(
                    x,
                    y,
                    color=colour,
                    linewidth=1.8 if index == 0 else 1.4,
                    linestyle=dashes[index % len(dashes)],
                    label=shown[option_id],
                )
                n_star = getattr(entry, f"uses_{what}")
                if getattr(entry, f"status_{what}") == "breaks-even" and n_star is not None and math.isfinite(n_star):
                    ax.axvline(float(n_star), color=colour, linestyle=":", linewidth=1)
                    ax.plot([float(n_star)], [float(np.interp(n_star, x, y))], "o", color=colour, markersize=4)
            base_value = float(getattr(baseline, key))
            ax.axhline(
                base_value,
                color=_PALETTE[0],
                linestyle="--",
                linewidth=1.2,
                label=shown[baseline.id],
            )
            # Per-use curves fall like 1/N: cap the axis so the crossing with the baseline stays readable.
            tails = [float(getattr(e.curve[-1], key)) for e in breakeven.values() if e.curve]
            highs = [max(float(getattr(p, key)) for p in e.curve) for e in breakeven.values() if e.curve]
            cap = 2.5 * max([base_value, *tails])
            if highs and max(highs) > cap > 0:
                ax.set_ylim(0, cap)
            if log_x:
                _log_x_axis(ax)
            ax.set_xlabel(_("Uses per item"))
            ax.set_ylabel(ylabel)
            if ax.get_ylim()[0] > 0 or not (highs and max(highs) > cap > 0):
                ax.set_ylim(bottom=min(0.0, ax.get_ylim()[0]))
            _style(ax)
            ax.grid(axis="y", color="#dddddd", linewidth=0.6)
            ax.legend(frameon=False, fontsize=7)
        return _svg(fig, name, label)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _decade(value: float, _position: Any = None) -> str:
    """``10³`` for a power of ten, nothing otherwise: plain text, no mathtext to parse."""
    if not value > 0:
        return ""
    exponent = round(math.log10(value))
    return "10" + str(exponent).translate(_SUPERSCRIPT) if math.isclose(value, 10.0**exponent) else ""


def _log_x_axis(ax: Any) -> None:
    """Log-scale x axis labelled ``10⁰``, ``10¹``, ... as plain text (matplotlib's labels are mathtext)."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(_decade))
    ax.xaxis.set_minor_formatter(NullFormatter())


def difference_svg(
    name: str,
    differences: Mapping[str, Difference],
    samples: Mapping[str, Any] | None,
    label: str,
    t: Translator | None = None,
) -> str:
    """Distribution of each difference (alternative minus baseline) in CO2e and cost per use.

    With samples, a histogram per difference; without, the median and 95 % interval from the
    summary statistics. A vertical line marks zero (no difference).

    Parameters
    ----------
    name : str
        Chart name.
    differences : mapping
        The result's ``uncertainty.differences``: per ``"<alt>-vs-<baseline>"`` key, summaries
        of ``kg_co2e_per_use`` and ``eur_per_use`` (``mean``, ``median``, ``p2_5``, ``p97_5``).
    samples : mapping, optional
        Per difference key, either an array of the CO2e difference per use or a mapping of
        ``kg_co2e_per_use`` / ``eur_per_use`` to arrays.
    label : str
        Accessible description.
    t : Translator, optional
        Language of the labels (English by default).

    Returns
    -------
    str
        An inline ``<svg>`` element, one row per difference, CO2e left and cost right, with a
        legend for the lines (zero, median, 95 % interval).
    """
    _ = (t or translator("en")).gettext
    keys = list(differences)
    with _rc(name):
        fig = _figure(7.5, 2.0 * len(keys) + 0.5, left=0.45, bottom=0.5, top=0.5)
        axes = np.atleast_2d(fig.subplots(len(keys), 2, squeeze=False, gridspec_kw={"wspace": 0.15, "hspace": 0.75}))
        for row, key in enumerate(keys):
            drawn = _sample_arrays((samples or {}).get(key))
            for col, (metric, xlabel) in enumerate(
                (
                    ("kg_co2e_per_use", _("Difference in CO2e per use (kg CO2e)")),
                    ("eur_per_use", _("Difference in cost per use (EUR)")),
                )
            ):
                ax = axes[row, col]
                summary = getattr(differences[key], metric)
                stats: dict[str, Any] = {k: getattr(summary, k) for k in ("p2_5", "median", "p97_5")}
                data = drawn.get(metric)
                colour = _PALETTE[2] if col == 0 else _PALETTE[1]
                if data is not None and data.size:
                    ax.hist(data, bins=60, color=colour, alpha=0.85, histtype="stepfilled")  # one artist, not 60
                    ax.set_yticks([])
                    ax.set_ylabel(_("samples"))
                elif stats:
                    low, mid, high = (float(stats[k]) for k in ("p2_5", "median", "p97_5"))
                    ax.errorbar([mid], [0], xerr=[[mid - low], [high - mid]], fmt="o", color=colour, capsize=6)
                    ax.set_yticks([])
                else:
                    ax.text(0.5, 0.5, _("not sampled"), transform=ax.transAxes, ha="center", va="center")
                    ax.set_yticks([])
                for stat, style in (("p2_5", ":"), ("p97_5", ":"), ("median", "-")):
                    if stats.get(stat) is not None:
                        ax.axvline(float(stats[stat]), color="#333333", linestyle=style, linewidth=0.9)
                ax.axvline(0, color="#D55E00", linewidth=1.4)
                ax.set_xlabel(xlabel)
                ax.set_title(key, fontsize=9, loc="left")
                _style(ax)
        from matplotlib.lines import Line2D

        fig.legend(
            handles=[
                Line2D([], [], color="#D55E00", linewidth=1.4, label=_("no difference")),
                Line2D([], [], color="#333333", linewidth=0.9, label=_("median")),
                Line2D([], [], color="#333333", linestyle=":", linewidth=0.9, label=_("95 % interval")),
            ],
            loc="upper right",
            ncols=3,
            frameon=False,
            fontsize=8,
        )
        return _svg(fig, name, label)


def _sample_arrays(entry: Any) -> dict[str, np.ndarray]:
    if entry is None:
        return {}
    if isinstance(entry, Mapping):
        return {k: np.asarray(v, dtype=float).ravel() for k, v in entry.items()}
    return {"kg_co2e_per_use": np.asarray(entry, dtype=float).ravel()}


def tornado_svg(
    name: str,
    rows: Sequence[Mapping[str, Any]],
    label: str,
    top: int = 10,
    difference: bool = False,
    t: Translator | None = None,
) -> str:
    """Tornado chart: the per-use result with each input at its low and its high value.

    Parameters
    ----------
    name : str
        Chart name.
    rows : sequence of mapping
        ``doc["sensitivity"]["tornado"]``: each with ``input``, ``low_<metric>`` and
        ``high_<metric>`` (``kg_co2e_per_use``, and ``eur_per_use`` when given), optionally
        ``option`` and ``base_<metric>``.
    label : str
        Accessible description.
    top : int
        Most inputs per panel.
    difference : bool
        The rows are differences to the baseline (axis labels say so).
    t : Translator, optional
        Language of the labels (English by default).

    Returns
    -------
    str
        An inline ``<svg>`` element, one panel per metric (CO2e above cost), widest swing on top.
    """
    metrics = [m for m in ("kg_co2e_per_use", "eur_per_use") if any(f"low_{m}" in r for r in rows)]
    _ = (t or translator("en")).gettext
    titles = {"kg_co2e_per_use": _("CO2e per use (kg CO2e)"), "eur_per_use": _("Cost per use (EUR)")}
    differences = {
        "kg_co2e_per_use": _("Difference in CO2e per use (kg CO2e)"),
        "eur_per_use": _("Difference in cost per use (EUR)"),
    }
    panels = []
    for metric in metrics:
        usable = [r for r in rows if r.get(f"low_{metric}") is not None and r.get(f"high_{metric}") is not None]
        usable.sort(
            key=lambda r: descending(
                abs(float(r[f"high_{metric}"]) - float(r[f"low_{metric}"])), f"{r['input']}|{r.get('option') or ''}"
            )
        )
        panels.append((metric, usable[:top]))
    names = [
        clip(f"{r['input']} ({r['option']})" if r.get("option") else str(r["input"])) for _, p in panels for r in p
    ]
    with _rc(name):
        heights = [0.26 * max(len(p), 1) + 0.55 for _, p in panels]
        fig = _figure(7.5, sum(heights) + 0.45, left=_label_inches(names, 8) + 0.1, bottom=0.5, top=0.4)
        axes = fig.subplots(len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": heights, "hspace": 0.45})[:, 0]
        for ax, (metric, usable) in zip(axes, panels, strict=True):
            low = np.array([float(r[f"low_{metric}"]) for r in usable])
            high = np.array([float(r[f"high_{metric}"]) for r in usable])
            base = np.array([np.nan if r.get(f"base_{metric}") is None else float(r[f"base_{metric}"]) for r in usable])
            centre = np.where(np.isnan(base), (low + high) / 2, base)
            y = np.arange(len(usable))
            _bars(ax, y, low - centre, centre, _PALETTE[0])
            _bars(ax, y, high - centre, centre, _PALETTE[5])
            marked = np.flatnonzero(~np.isnan(base))
            if marked.size:
                # The base-case marks as one line, broken (NaN) between the rows.
                xs = np.repeat(base[marked], 3)
                xs[2::3] = np.nan
                ys = np.repeat(marked.astype(float), 3) + np.tile([-0.42, 0.42, np.nan], marked.size)
                ax.plot(xs, ys, color="#333333", linewidth=0.9)
            ax.set_yticks(range(len(usable)), [_tick(r) for r in usable], fontsize=8)
            ax.set_ylim(len(usable) - 0.5, -0.5)
            ax.set_xlabel(differences[metric] if difference else titles[metric])
            _style(ax)
        from matplotlib.patches import Patch

        axes[0].legend(
            handles=[
                Patch(color=_PALETTE[0], label=_("input at low value")),
                Patch(color=_PALETTE[5], label=_("input at high value")),
            ],
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=2,
            frameon=False,
            fontsize=8,
        )
        return _svg(fig, name, label)
