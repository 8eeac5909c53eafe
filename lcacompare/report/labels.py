"""Readable titles of inputs and units: what charts and tables print instead of internal keys.

A parameter key ``manufacture_kwh_per_kg`` reads ``Manufacture kWh per kg``; a sampled input id
``parameter:load_fill_rate`` reads ``Load fill rate``; a unit ``kilowatt_hour / kilogram`` prints
``kWh/kg``, ``meter ** 3`` prints ``m³`` and ``tonne * kilometer`` prints ``t·km`` (pint's
abbreviated pretty format).
"""

from __future__ import annotations

import re
from functools import cache
from typing import cast

from pint.errors import PintError

__all__ = ["readable_key", "input_title", "pretty_unit", "superscripts"]

_WORDS: dict[str, str] = {
    "kwh": "kWh",
    "mwh": "MWh",
    "co2e": "CO2e",
    "m3": "m³",
    "m2": "m²",
    "tkm": "t·km",
    "su": "single-use",
    "ru": "reusable",
    "ext": "external",
    "reproc": "reprocessing",
    "pp": "PP",
    "pe": "PE",
    "sap": "SAP",
    "cssd": "CSSD",
    "eur": "EUR",
}


def readable_key(key: str) -> str:
    """A parameter key as words: underscores to spaces, known abbreviations spelled as people write them.

    Examples
    --------
    >>> readable_key("manufacture_kwh_per_kg"), readable_key("su_clamp_mass")
    ('Manufacture kWh per kg', 'Single-use clamp mass')
    """
    words = [_WORDS.get(word.lower(), word) for word in key.replace("-", "_").split("_") if word]
    if not words:
        return key
    first = words[0]
    words[0] = first[0].upper() + first[1:] if first.islower() or first == "single-use" else first
    return " ".join(words)


def input_title(input_id: str, label: str | None = None, titles: dict[str, str] | None = None) -> str:
    """The title of a sampled input id (``parameter:...``, ``background:...``, ``cost:...``).

    Parameters
    ----------
    input_id : str
        Id as in the uncertainty and sensitivity sections.
    label : str, optional
        The stored label, used when the id has no known form.
    titles : dict, optional
        Parameter key to title, where the case gives titles.

    Examples
    --------
    >>> input_title("parameter:load_fill_rate")
    'Load fill rate'
    >>> input_title("background:cotton-textile|GLO:Carbon dioxide equivalent")
    'Emission factor: cotton textile (GLO)'
    >>> input_title("cost:reusable-cssd:1")
    'Cost line 2 of reusable-cssd'
    """
    kind, _, rest = input_id.partition(":")
    if kind == "parameter" and rest:
        return (titles or {}).get(rest) or readable_key(rest)
    if kind in ("background", "background-pool") and rest:
        activity, _, tail = rest.partition("|")
        geography = tail.split(":", 1)[0]
        name = activity.replace("-", " ")
        return f"Emission factor: {name}" + (f" ({geography})" if geography else "")
    match = re.fullmatch(r"(cost|inventory|inventory-line|cost-line):([^:]+):(\d+)", input_id)
    if match:
        what = "Cost line" if match.group(1).startswith("cost") else "Inventory line"
        return f"{what} {int(match.group(3)) + 1} of {match.group(2)}"
    return label or input_id


_SYMBOLS: dict[str, str] = {
    "year": "year",
    "EUR": "EUR",
    "euro": "EUR",
    "day": "day",
    "hour": "h",
    **{name: name for name in ("use", "cycle", "item", "piece", "load", "change")},
}
"""Symbols buyers read better than pint's (``1/year`` rather than ``1/a``, ``EUR`` rather than ``euro``)."""


@cache
def pretty_unit(unit: str) -> str:
    """A unit as people print it: ``m³``, ``kWh/kg``, ``t·km``, ``kg CO2e/kg`` (unknown words kept).

    Examples
    --------
    >>> pretty_unit("kilowatt_hour / kilogram"), pretty_unit("m**3"), pretty_unit("tonne * kilometer")
    ('kWh/kg', 'm³', 't·km')
    >>> pretty_unit("kg CO2e/kg"), pretty_unit("")
    ('kg CO2e/kg', '')
    """
    text = unit.strip()
    if text in ("dimensionless", "1"):
        return ""
    if not text or "CO2e" in text or " per " in f" {text} ":
        return superscripts(text)
    try:
        from lcacompare.units import parse_unit, registry

        parsed = parse_unit(text)
        # pint's symbols, in the order written (pint's own pretty format sorts them: ``km·t``).
        terms = [
            (_SYMBOLS.get(name) or registry().get_symbol(name), cast(float, power))
            for name, power in parsed._units.items()
        ]
    except (
        PintError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
    ):  # a unit pint does not know (``per cycle``) prints as written
        return superscripts(text)
    table = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

    def term(symbol: str, power: float) -> str:
        power = abs(power)
        return symbol + (str(int(power)).translate(table) if power != 1 and float(power).is_integer() else "")

    upper = "·".join(term(s, p) for s, p in terms if p > 0)
    lower = "·".join(term(s, p) for s, p in terms if p < 0)
    pretty = (upper or "1") + (f"/{lower}" if lower else "")
    return pretty if terms else text


def superscripts(text: str) -> str:
    """``m**3`` and ``m^3`` as ``m³`` in a text pint cannot parse (an amount as typed in a case).

    Examples
    --------
    >>> superscripts("0.36 m**3")
    '0.36 m³'
    """
    table = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
    return re.sub(r"\s*(?:\*\*|\^)\s*(-?\d+)", lambda m: m.group(1).translate(table), text)
