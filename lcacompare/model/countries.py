"""Country codes the case format accepts (ISO 3166-1 alpha-2) and the EU's member states.

The code table ``lcacompare/data/countries/iso3166.tab`` is the public-domain copy of ISO
3166-1 alpha-2 that the IANA time zone database ships (tzdata, ISO/TC 46 N1108 of 2023-04-05);
it is read once per process, on first use.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Final

__all__ = ["EU_MEMBER_STATES", "country_names", "is_country_code", "is_eu_member"]

EU_MEMBER_STATES: Final = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip
"""The 27 member states of the European Union since 1 February 2020 (European Union, "Country
profiles", european-union.europa.eu), as ISO 3166-1 alpha-2 codes (Greece is ``GR``, not ``EL``)."""


@cache
def country_names() -> MappingProxyType[str, str]:
    """Every ISO 3166-1 alpha-2 code with its usual English name, read-only.

    Examples
    --------
    >>> country_names()["PK"]
    'Pakistan'
    """
    text = files("lcacompare.data").joinpath("countries", "iso3166.tab").read_text(encoding="utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return MappingProxyType({code: name for code, name in rows})


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code (upper case, e.g. ``"DE"``).

    Examples
    --------
    >>> is_country_code("DE"), is_country_code("XX"), is_country_code("de")
    (True, False, False)
    """
    return code in country_names()


def is_eu_member(code: str) -> bool:
    """Whether the country is a member state of the European Union.

    Examples
    --------
    >>> is_eu_member("DE"), is_eu_member("CH")
    (True, False)
    """
    return code in EU_MEMBER_STATES
