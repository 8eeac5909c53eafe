r"""Supply-security indicators as pure functions over plain numbers.

Each function states its formula, unit, direction (whether higher or lower is better) and
reference. None of them scores: they give figures a buyer reads beside cost and CO2e, and which
a tender may turn into points with a published rule (:mod:`lcacompare.tender`).

References
----------
.. [KPMG2022] KPMG for the Dutch Ministry of Health, Welfare and Sport (2022), "Slimme inkoop"
   (supply security of medical products): dependence on one or a few producers, thin stocks and
   delivery performance buyers cannot enforce.
.. [DOJ2023] U.S. Department of Justice and Federal Trade Commission (2023), Merger Guidelines,
   section 2.1: the Herfindahl-Hirschman index, the sum of the squared market shares in percent.
.. [APICS] ASCM/APICS Dictionary: days of supply (stock on hand / average daily usage), lead time,
   on-time-in-full; OTIF has no single industry definition, so its basis and period are stated.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

__all__ = [
    "DAYS_PER_YEAR",
    "herfindahl_hirschman_index",
    "non_eu_share_percent",
    "average_daily_use",
    "stock_cover_days",
    "pool_buffer_days",
    "outage_cover_days",
    "capacity_share_percent",
]

DAYS_PER_YEAR = 365.0
"""Calendar days per year for the average daily use (stock cover counts calendar days)."""


def _positive(name: str, value: float) -> None:
    if not value > 0:
        raise ValueError(f"{name} must be above 0, got {value!r}")


def herfindahl_hirschman_index(shares: Mapping[str, float]) -> float:
    r"""Concentration of supply over countries of manufacture (Herfindahl-Hirschman index).

    .. math:: HHI = \sum_i (100\, s_i)^2

    with :math:`s_i` the share of supply made in country :math:`i` (fractions summing to 1).

    Parameters
    ----------
    shares : mapping of str to float
        Share of supply by country code, fractions summing to 1.

    Returns
    -------
    float
        0 to 10,000 (one country: 10,000); **lower is better**. Above 2,500 counts as highly
        concentrated in [DOJ2023]_ (1,800 since 2023).

    Raises
    ------
    ValueError
        If a share is outside [0, 1] or the shares do not sum to 1 (to 1e-6).

    Examples
    --------
    >>> herfindahl_hirschman_index({"CN": 0.6, "PK": 0.4})
    5200.0
    >>> herfindahl_hirschman_index({"DE": 1.0})
    10000.0
    """
    values = list(shares.values())
    if any(not 0.0 <= s <= 1.0 for s in values) or not math.isclose(math.fsum(values), 1.0, abs_tol=1e-6):
        raise ValueError(f"shares must lie in [0, 1] and sum to 1, got {dict(shares)!r}")
    return math.fsum((100.0 * s) ** 2 for s in values)


def non_eu_share_percent(shares: Mapping[str, float], is_eu_member: Callable[[str], bool]) -> float:
    r"""Share of supply made outside the European Union.

    .. math:: N = 100 \sum_{i \notin EU} s_i

    Parameters
    ----------
    shares : mapping of str to float
        Share of supply by country code, fractions summing to 1.
    is_eu_member : callable
        Whether a country code is an EU member state
        (:func:`lcacompare.model.countries.is_eu_member`).

    Returns
    -------
    float
        Percent, 0 to 100; **lower is better** (fewer shipments from far away, one customs union).

    Examples
    --------
    >>> non_eu_share_percent({"DE": 0.25, "CN": 0.75}, lambda c: c == "DE")
    75.0
    """
    return 100.0 * math.fsum(s for code, s in shares.items() if not is_eu_member(code))


def average_daily_use(annual_uses: float, days_per_year: float = DAYS_PER_YEAR) -> float:
    r"""Average items used per calendar day from the uses per year.

    .. math:: d = U / 365

    Examples
    --------
    >>> average_daily_use(3650)
    10.0
    """
    _positive("annual_uses", annual_uses)
    return annual_uses / days_per_year


def stock_cover_days(stock_items: float, daily_use: float) -> float:
    r"""Stock cover (days of supply on hand).

    .. math:: C = S / d

    Parameters
    ----------
    stock_items : float
        Items in stock, 0 or more.
    daily_use : float
        Average items used per day, above 0.

    Returns
    -------
    float
        Days; **higher is better** [APICS]_.

    Examples
    --------
    >>> stock_cover_days(300, 20)
    15.0
    """
    _positive("daily_use", daily_use)
    if stock_items < 0:
        raise ValueError(f"stock_items must be 0 or more, got {stock_items!r}")
    return stock_items / daily_use


def pool_buffer_days(pool_items: float, daily_use: float) -> float:
    r"""Pool buffer of reusables: the items beyond one day's need, in days of use.

    .. math:: B = (P - d) / d

    Parameters
    ----------
    pool_items : float
        Items in the pool (in use, in reprocessing and on the shelf).
    daily_use : float
        Average items used per day, above 0 (the daily need).

    Returns
    -------
    float
        Days; **higher is better**. Negative when the pool holds less than one day's need.

    Examples
    --------
    >>> pool_buffer_days(120, 30)
    3.0
    """
    _positive("daily_use", daily_use)
    return (pool_items - daily_use) / daily_use


def outage_cover_days(pool_items: float, daily_use: float, turnaround_days: float) -> float:
    r"""Days of use the pool covers if reprocessing stops.

    In steady state :math:`d\,T` items are in the loop (used, in transport, in reprocessing) and
    cannot be used when the capacity stops; the rest are sterile on the shelf:

    .. math:: O = (P - d\,T) / d

    Parameters
    ----------
    pool_items : float
        Items in the pool.
    daily_use : float
        Average items used per day, above 0.
    turnaround_days : float
        Days from use back to the shelf, 0 or more.

    Returns
    -------
    float
        Days; **higher is better**. Negative when the pool is too small to keep up with use.

    Examples
    --------
    >>> outage_cover_days(120, 30, 2)
    2.0
    """
    _positive("daily_use", daily_use)
    if turnaround_days < 0:
        raise ValueError(f"turnaround_days must be 0 or more, got {turnaround_days!r}")
    return (pool_items - daily_use * turnaround_days) / daily_use


def capacity_share_percent(used: float, available: float) -> float:
    r"""Share of the reprocessing department's or centre's capacity in use.

    .. math:: K = 100\, u / a

    Parameters
    ----------
    used, available : float
        Capacity in use and available, in the same unit (e.g. steriliser loads per week).

    Returns
    -------
    float
        Percent; **lower is better** (head-room to absorb a breakdown or a peak). Above 100 when
        the capacity is overbooked.

    Examples
    --------
    >>> capacity_share_percent(180, 240)
    75.0
    """
    _positive("available", available)
    if used < 0:
        raise ValueError(f"used must be 0 or more, got {used!r}")
    return 100.0 * used / available
