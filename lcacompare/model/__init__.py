"""Pydantic models of a product case (the YAML format) and their loader."""

from lcacompare.model.case import (
    MODULES,
    ActivityRef,
    Case,
    Context,
    CostLine,
    CycleSharing,
    Distribution,
    InventoryLine,
    Option,
    Parameter,
    Reference,
)
from lcacompare.model.load import load_case, parse_case

__all__ = [
    "MODULES",
    "ActivityRef",
    "Case",
    "Context",
    "CostLine",
    "CycleSharing",
    "Distribution",
    "InventoryLine",
    "Option",
    "Parameter",
    "Reference",
    "load_case",
    "parse_case",
]
