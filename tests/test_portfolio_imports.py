"""Portfolios are a decision layer: nothing below imports them, and they import no interface."""

from __future__ import annotations

from test_import_graph import offending

BELOW = (
    "lcacompare.engine",
    "lcacompare.run",
    "lcacompare.pipeline",
    "lcacompare.analysis",
    "lcacompare.report",
    "lcacompare.uncertainty",
    "lcacompare.cost",
    "lcacompare.lca",
    "lcacompare.compile",
    "lcacompare.model",
    "lcacompare.method",
    "lcacompare.units",
    "lcacompare.errors",
)


def test_nothing_below_the_decision_layer_imports_portfolios():
    found = offending(BELOW, ("lcacompare.portfolios",))
    assert not found, "\n".join(found)


def test_portfolios_import_neither_the_cli_nor_the_web_app_nor_brightway():
    found = offending(("lcacompare.portfolios",), ("lcacompare.cli", "lcacompare.web", "bw2data", "bw2calc"))
    assert not found, "\n".join(found)


def test_portfolios_import_no_other_decision_package():
    found = offending(("lcacompare.portfolios",), ("lcacompare.tender", "lcacompare.exchange", "lcacompare.award"))
    assert not found, "\n".join(found)
