"""The supply-security indicators: id, name, unit, direction, formula and reference of each.

One home for what each indicator means; the section builder, the reports and the award read it
from here, and ``docs/supply-security.md`` documents the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

__all__ = ["Indicator", "INDICATORS", "INDICATOR_IDS", "indicator"]

_KPMG = "KPMG for the Dutch Ministry of Health (2022), Slimme inkoop"
_APICS = "ASCM/APICS Dictionary"


@dataclass(frozen=True)
class Indicator:
    """One supply-security indicator.

    Parameters
    ----------
    id : str
        Indicator id, as in the result and in a tender's ``indicator:``.
    title : str
        Name in the reports.
    unit : str
        Unit of its values.
    direction : {"higher", "lower"}
        Whether a higher or a lower value is better for supply security.
    formula : str
        How it is computed from the option's ``supply:`` inputs.
    reference : str
        Where the indicator is defined.
    reusable_only : bool
        Applies to reusable options only (a pool and its reprocessing).
    """

    id: str
    title: str
    unit: str
    direction: Literal["higher", "lower"]
    formula: str
    reference: str
    reusable_only: bool = False


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "qualified_sources",
        "Qualified sources",
        "suppliers",
        "higher",
        "qualified_sources (suppliers able to deliver the product or an accepted equivalent)",
        f"{_KPMG}; {_APICS}",
    ),
    Indicator(
        "second_source_contracted",
        "Second source contracted",
        "yes/no",
        "higher",
        "second_source_contracted (yes is better)",
        f"{_KPMG} (dual and triple sourcing in contracts)",
    ),
    Indicator(
        "country_hhi",
        "Concentration of country of manufacture (HHI)",
        "0-10,000",
        "lower",
        "HHI = sum over countries of (100 x share)^2",
        "U.S. DOJ and FTC (2023) Merger Guidelines, section 2.1",
    ),
    Indicator(
        "non_eu_share",
        "Share made outside the EU",
        "%",
        "lower",
        "100 x sum of the shares of countries outside the EU-27",
        "EU-27 member states since 1 February 2020 (european-union.europa.eu)",
    ),
    Indicator(
        "stock_cover_days",
        "Stock cover",
        "days",
        "higher",
        "stock_items / daily use",
        f"{_APICS} (days of supply on hand)",
    ),
    Indicator(
        "pool_buffer_days",
        "Pool buffer (reusables)",
        "days of use",
        "higher",
        "(pool_items - daily use) / daily use",
        "lcacompare (issue 21): items in the pool beyond one day's need",
        reusable_only=True,
    ),
    Indicator(
        "lead_time_days",
        "Lead time",
        "days",
        "lower",
        "lead_time_days (order to delivery)",
        _APICS,
    ),
    Indicator(
        "otif_percent",
        "On time in full (OTIF)",
        "%",
        "higher",
        "otif.percent, on the stated basis (order lines or orders) and period",
        f"{_APICS}; no single industry definition (an Ontario hospital metric targets 98 % of order lines)",
    ),
    Indicator(
        "reprocessing_capacity_share",
        "Reprocessing capacity in use (reusables)",
        "%",
        "lower",
        "100 x reprocessing_capacity.used / reprocessing_capacity.available",
        "lcacompare (issue 21): dependence on sterilisation capacity",
        reusable_only=True,
    ),
    Indicator(
        "reprocessing_sites",
        "Sites able to reprocess (reusables)",
        "sites",
        "higher",
        "reprocessing_sites",
        "lcacompare (issue 21): dependence on one department or centre",
        reusable_only=True,
    ),
    Indicator(
        "outage_cover_days",
        "Days covered if reprocessing stops (reusables)",
        "days of use",
        "higher",
        "(pool_items - daily use x turnaround_days) / daily use",
        "lcacompare (issue 21): sterile items on the shelf when the capacity stops",
        reusable_only=True,
    ),
    Indicator(
        "transport_distance_km",
        "Transport distance from the last production site",
        "km",
        "lower",
        "transport_distance_km",
        _KPMG + " (limited logistics capacity)",
    ),
    Indicator(
        "border_crossings",
        "Border crossings",
        "crossings",
        "lower",
        "border_crossings (from the last production site)",
        _KPMG,
    ),
)
"""Every indicator, in the order of the reports and of docs/supply-security.md."""

INDICATOR_IDS: tuple[str, ...] = tuple(entry.id for entry in INDICATORS)

_BY_ID = MappingProxyType({entry.id: entry for entry in INDICATORS})


def indicator(indicator_id: str) -> Indicator:
    """The indicator with this id.

    Raises
    ------
    KeyError
        If there is no such indicator.

    Examples
    --------
    >>> indicator("country_hhi").direction
    'lower'
    """
    try:
        return _BY_ID[indicator_id]
    except KeyError:
        raise KeyError(f"{indicator_id!r} is not a supply indicator; expected one of {list(INDICATOR_IDS)}") from None
