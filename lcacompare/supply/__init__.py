"""Supply security beside cost and CO2e: stated indicators per option, with formula, unit and direction.

:mod:`~lcacompare.supply.indicators` holds the formulas as pure functions,
:mod:`~lcacompare.supply.definitions` what each indicator means (one home), and
:mod:`~lcacompare.supply.section` builds the result's ``supply`` section from a case.
"""

from lcacompare.supply.definitions import INDICATOR_IDS, INDICATORS, Indicator, indicator
from lcacompare.supply.section import compare_values, option_values, supply_section

__all__ = ["INDICATORS", "INDICATOR_IDS", "Indicator", "indicator", "option_values", "compare_values", "supply_section"]
