"""Report charts: inline SVG with prefixed ids, one group per bar series, plain-text labels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from lcacompare.report import charts
from lcacompare.result import BreakEven, Difference, Option

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

LABELS = ["single-use", "reusable-cssd", "reusable-external"]
MODULES = {"A1-A3": [0.6, 0.0, 0.0], "A4": [0.02, 0.0, 0.0], "B": [0.0, 0.06, 0.05], "C": [0.01, 0.02, 0.02]}
CATEGORIES = {"acquisition": [2.2, 0.0, 1.8], "reprocessing": [0.0, 1.1, 0.0], "residual": [0.0, -0.1, 0.0]}
BASELINE = Option(
    id="single-use",
    title="Single-use",
    kind="single-use",
    kg_co2e_per_use=0.645,
    kg_co2e_by_module={"A1-A3": 0.645},
    credits_kg_co2e_per_use=0.0,
    eur_per_use=2.24,
    eur_by_category={"acquisition": 2.24},
    virgin_material_kg_per_use=0.05,
    waste_kg_per_use=0.05,
    waste_kg_by_stream={},
    water_m3_per_use=0.0,
    expected_uses=1.0,
)
USES = [1.0, 2.0, 5.0, 10.0, 30.0, 100.0, 300.0, 1000.0]
BREAKEVEN = {
    "reusable-cssd": BreakEven(
        baseline="single-use",
        uses_per_life_case=500.0,
        baseline_eur_per_use=2.24,
        baseline_kg_co2e_per_use=0.645,
        uses_per_life_searched_max=1e6,
        **{
            "uses_cost": 28.0,
            "uses_co2e": 1.3,
            "status_cost": "breaks-even",
            "status_co2e": "breaks-even",
            "curve": [
                {"uses_per_life": n, "eur_per_use": 1.2 + 30 / n, "kg_co2e_per_use": 0.08 + 0.8 / n} for n in USES
            ],
        },
    )
}
RNG = np.random.default_rng(3)
DIFFERENCES = {
    "reusable-cssd-vs-single-use": Difference(
        alternative="reusable-cssd",
        baseline="single-use",
        kg_co2e_per_use={"mean": -0.56, "sd": 0.2, "median": -0.56, "p2_5": -1.2, "p97_5": -0.33},
        eur_per_use={"mean": -1.1, "sd": 0.5, "median": -1.1, "p2_5": -2.1, "p97_5": -0.2},
        probability_lower_co2e=1.0,
        probability_lower_cost=0.98,
        verdict_co2e="lower",
        verdict_cost="lower",
    )
}
SAMPLES = {
    "reusable-cssd-vs-single-use": {
        "kg_co2e_per_use": -0.56 + 0.2 * RNG.standard_normal(2000),
        "eur_per_use": -1.1 + 0.5 * RNG.standard_normal(2000),
    }
}
TORNADO = [
    {
        "input": f"parameter p{i}",
        "option": "reusable-cssd" if i % 3 == 0 else None,
        "low_kg_co2e_per_use": -0.56 + 0.05 * (i + 1),
        "high_kg_co2e_per_use": -0.56 - 0.07 * (i + 1),
        "base_kg_co2e_per_use": -0.56,
        "low_eur_per_use": -1.0 - 0.1 * i,
        "high_eur_per_use": -1.0 + 0.12 * i,
    }
    for i in range(12)
]

CHARTS = {
    "co2e-by-module": lambda: charts.stacked_bars_svg(
        "co2e-by-module", LABELS, MODULES, charts.MODULE_COLOURS, "CO2e per use (kg CO2e)", "CO2e by module"
    ),
    "cost-by-category": lambda: charts.stacked_bars_svg(
        "cost-by-category", LABELS, CATEGORIES, charts.CATEGORY_COLOURS, "Cost per use (EUR)", "Cost by category"
    ),
    "breakeven": lambda: charts.breakeven_svg("breakeven", BREAKEVEN, BASELINE, "Break-even curves"),
    "uncertainty": lambda: charts.difference_svg("uncertainty", DIFFERENCES, SAMPLES, "Differences"),
    "uncertainty-intervals": lambda: charts.difference_svg("uncertainty-intervals", DIFFERENCES, None, "Intervals"),
    "tornado": lambda: charts.tornado_svg("tornado", TORNADO, "Tornado", difference=True),
}


@pytest.fixture(scope="module")
def drawn() -> dict[str, str]:
    return {name: draw() for name, draw in CHARTS.items()}


def texts(svg: str) -> list[str]:
    """The strings the chart shows, in document order."""
    return ["".join(t.itertext()).strip() for t in ET.fromstring(svg).iter(f"{SVG}text")]


def group_ids(svg: str, kind: str) -> list[str]:
    return [e.get("id") for e in ET.fromstring(svg).iter(f"{SVG}g") if re.search(rf"-{kind}_\d+$", e.get("id") or "")]


@pytest.mark.parametrize("name", list(CHARTS))
def test_each_chart_is_an_inline_svg_whose_ids_and_references_carry_its_name(drawn, name):
    svg = drawn[name]
    assert svg.startswith("<svg ") and "<?xml" not in svg and "<!DOCTYPE" not in svg
    root = ET.fromstring(svg)
    assert root.get("data-chart") == name and root.get("role") == "img" and root.get("aria-label")
    assert root.get("width") is None and root.get("viewBox")
    assert not list(root.iter(f"{SVG}metadata"))
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids and all(i.startswith(f"{name}-") for i in ids) and len(ids) == len(set(ids))
    references = re.findall(r"url\(#([^)]+)\)", svg) + [e.get(XLINK_HREF)[1:] for e in root.iter() if e.get(XLINK_HREF)]
    assert set(references) <= set(ids)


def test_stacked_bars_draw_one_group_per_segment_shown_and_label_every_row(drawn):
    svg = drawn["co2e-by-module"]
    assert len(group_ids(svg, "PolyCollection")) == len(MODULES)
    shown = texts(svg)
    assert all(label in shown for label in LABELS) and all(module in shown for module in MODULES)
    assert [t for t in shown if t[0].isdigit() and len(t) > 3] == ["0.630", "0.0800", "0.0700"]


def test_tornado_draws_one_group_per_colour_in_each_panel_and_the_top_ten_rows(drawn):
    svg = drawn["tornado"]
    assert len(group_ids(svg, "PolyCollection")) == 2 * 2
    shown = texts(svg)
    assert sum(t.startswith("parameter p") for t in shown) == 2 * 10
    assert "parameter p11" in shown and "parameter p9 (reusable-cssd)" in shown
    assert "parameter p0 (reusable-cssd)" not in shown and "parameter p1" not in shown
    assert "input at low value" in shown and "Difference in cost per use (EUR)" in shown


def test_histograms_are_drawn_only_from_samples(drawn):
    assert "samples" in texts(drawn["uncertainty"]) and "samples" not in texts(drawn["uncertainty-intervals"])


def test_log_axis_of_the_breakeven_chart_labels_decades_as_plain_text(drawn):
    shown = texts(drawn["breakeven"])
    assert [t for t in shown if t.startswith("10")] == ["10⁰", "10¹", "10²", "10³"] * 2
    assert "mathdefault" not in drawn["breakeven"]


def test_dollar_signs_in_case_labels_are_shown_as_typed_not_read_as_mathtext():
    labels = ["clamp $x^2$", "tray $\\alpha$"]
    svg = charts.stacked_bars_svg("money", labels, {"A1-A3": [1.0, 2.0]}, charts.MODULE_COLOURS, "$ per use", "x")
    assert {"clamp $x^2$", "tray $\\alpha$", "$ per use"} <= set(texts(svg))


def test_a_chart_drawn_twice_is_the_same_text():
    assert CHARTS["tornado"]() == CHARTS["tornado"]() and CHARTS["breakeven"]() == CHARTS["breakeven"]()
