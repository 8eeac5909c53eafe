"""The buyer's first page says which options are worse on a supply-security indicator (issue 21)."""

from __future__ import annotations

import pytest

from lcacompare import load_case
from lcacompare.data import shipped_case
from lcacompare.report.buyers_page import buyers_page, supply_warnings
from lcacompare.report.html import render_summary_html
from lcacompare.run import analyse


@pytest.fixture(scope="module")
def clamp_result(home):
    with shipped_case("kocher-clamp") as path:
        case = load_case(path)
    return analyse(case, samples=0, home=home).result


def test_one_line_names_each_worse_option_and_on_how_many_indicators(clamp_result) -> None:
    worse = clamp_result.supply.worse()
    assert worse, "the shipped Kocher clamp case states supply figures on which the options differ"
    (line,) = supply_warnings(clamp_result)
    for option in clamp_result.options:
        assert (f"{option.id} on {len(worse[option.id])}" in line) == bool(worse.get(option.id))


def test_the_supply_line_is_on_the_first_page_in_both_languages(clamp_result) -> None:
    english = render_summary_html(clamp_result, "en")
    dutch = render_summary_html(clamp_result, "nl")
    assert "Supply security:" in english and 'class="supply-warning"' in english
    assert "Leveringszekerheid:" in dutch
    assert buyers_page(clamp_result, 0.95, "nl").supply_warnings[0].startswith("Leveringszekerheid:")


def test_no_supply_line_without_a_supply_section(clamp_result) -> None:
    assert supply_warnings(clamp_result.model_copy(update={"supply": None})) == []
