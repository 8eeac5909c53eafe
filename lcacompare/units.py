"""The single pint unit registry of lcacompare.

Every quantity in the package is made with :data:`ureg`. Money is a dimension of its own
(``[currency]``, base unit ``EUR``), so a cost can never be added to a mass. Counting units
(``use``, ``cycle``, ``item``, ``piece``, ``load``, ``change``) are dimensionless, which lets a
case write ``0.028 kg/use`` while amounts stay plain kilograms per functional unit.
"""

from __future__ import annotations

import warnings

import pint

__all__ = ["ureg", "Quantity", "parse_unit", "is_compatible"]


def _build_registry() -> pint.UnitRegistry:
    registry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, on_redefinition="ignore")
    registry.define("EUR = [currency] = euro")
    registry.define("kEUR = 1000 * EUR")
    # pint ships ``cycle`` as an angle (2 pi radian); a steriliser cycle is a count, so it is
    # redefined. Redefinition is allowed only for this one name, on purpose.
    registry._on_redefinition = "warn"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        registry.define("cycle = 1 = cycles")
    registry._on_redefinition = "raise"
    for name in ("use", "item", "piece", "load", "change", "procedure", "wash"):
        registry.define(f"{name} = 1")
    registry.define("tkm = tonne * kilometer")
    return registry


ureg = _build_registry()

Quantity = ureg.Quantity


def parse_unit(text: str) -> pint.Unit:
    """Parse a unit string with the package registry.

    Parameters
    ----------
    text : str
        A unit such as ``"kg"``, ``"t*km"`` or ``"m**3"``.

    Returns
    -------
    pint.Unit
        The parsed unit.

    Raises
    ------
    pint.UndefinedUnitError
        When the unit is not known.
    """
    return ureg.Unit(text)


def is_compatible(quantity: pint.Quantity, unit: pint.Unit | str) -> bool:
    """Tell whether ``quantity`` can be converted to ``unit``."""
    return quantity.is_compatible_with(unit)
