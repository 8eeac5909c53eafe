"""The single unit registry: conversions and dimension checks."""

from __future__ import annotations

import pint
import pytest

from lcacompare.expressions import ExpressionError, evaluate
from lcacompare.units import ureg


def test_grams_convert_to_kilograms():
    assert evaluate("250 g").m_as("kg") == pytest.approx(0.25)


def test_watt_hours_convert_to_kilowatt_hours():
    assert evaluate("1500 Wh").m_as("kWh") == pytest.approx(1.5)


def test_euro_is_its_own_dimension():
    with pytest.raises(pint.DimensionalityError):
        ureg.Quantity(1, "EUR").to("kg")


def test_steriliser_cycle_is_a_count_not_an_angle():
    assert ureg.Quantity(18.7, "kWh/cycle").m_as("kWh") == pytest.approx(18.7)


def test_adding_mass_and_energy_is_an_error():
    with pytest.raises(ExpressionError, match="units do not match"):
        evaluate("1 kg + 1 kWh")


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "a.b", "lambda: 1", "2 ** 1000", "[x for x in y]", "'a' * 100", "open('f')", "nan", "1/0"],
)
def test_expressions_refuse_python_constructs(text):
    with pytest.raises(ExpressionError):
        evaluate(text, {"a": ureg.Quantity(1, "kg"), "y": ureg.Quantity(1, "kg")})
