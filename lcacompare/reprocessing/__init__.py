"""Reprocessing templates: the formulas behind an option's ``reprocessing:`` block.

:mod:`lcacompare.reprocessing.steam` gives steam sterilisation by load (McGain et al. 2017) and
the one item's share of a load by count or by mass; :mod:`lcacompare.compile.reprocessing`
expands a template into inventory lines with these formulas.
"""

from __future__ import annotations

from lcacompare.reprocessing.steam import (
    SteamDefaults,
    count_share,
    load_in_chamber,
    mass_share,
    steam_defaults,
    steriliser_kwh,
)

__all__ = ["SteamDefaults", "count_share", "load_in_chamber", "mass_share", "steam_defaults", "steriliser_kwh"]
