"""The circularity section's formulas and value details in the reader's language, for the report and the workbook.

The result keeps the method's English wording (``CircularityIndicator.rule``) and an English
``detail`` per value with its figures. This view shows both in the reader's language: a formula
is translated only while the result's text is the one this module knows (a refined method text
falls back to its own English wording, never to a stale translation); a detail is recognised by
its pattern and rewritten with the report's number rule (:func:`~lcacompare.report.formatting.significant`),
else shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lcacompare.i18n import translator
from lcacompare.report.formatting import significant
from lcacompare.result import Result

__all__ = ["CircularityTexts", "circularity_texts", "formula_text", "detail_text"]

_NUMBER = r"(-?[0-9.]+(?:e[-+]?[0-9]+)?)"
_RECYCLING = re.compile(rf"^{_NUMBER} kg to recycling \+ {_NUMBER} kg back in service of {_NUMBER} kg leaving per use$")
_YEARS = re.compile(rf"^N = {_NUMBER} uses / {_NUMBER} uses per item a year \(annual uses / {_NUMBER} items, (.+)\)$")


def _formulas(_: Callable[[str], str]) -> dict[str, str]:
    """The method's formula of each indicator (the ``circularity`` section's ``rule``), through ``_``."""
    return {
        "total_material_kg": _("sum of A1-A3 material lines in kg"),
        "non_renewable_virgin_kg": _(
            "sum of A1-A3 material lines in kg x virgin fraction x (1 if the material is not renewable, else 0)"
        ),
        "bio_based_share": _("100 x bio-based material kg / total material kg (EN 16575: derived from biomass)"),
        "recycled_content_share": _("100 x sum of material kg x (1 - virgin fraction) / total material kg"),
        "service_life_uses": _(
            "rated uses per item N and expected uses E = (1 - (1 - l)^N) / l; 1 for a single-use item"
        ),
        "service_life_years": _(
            "N / (annual uses / items in circulation), items from the option's fleet or stock_items; else not stated"
        ),
        "reusable_or_recyclable_share": _(
            "100 x (module C kg to recycling + reusable item kg back in service) "
            "/ (module C kg + item kg back in service)"
        ),
    }


def formula_text(indicator_id: str, rule: str, lang: str = "en") -> str:
    """An indicator's formula in the reader's language; the result's own text when it is not the known one.

    Examples
    --------
    >>> formula_text("total_material_kg", "sum of A1-A3 material lines in kg", "nl")
    'som van de materiaalregels van A1-A3 in kg'
    >>> formula_text("total_material_kg", "a refined wording", "nl")
    'a refined wording'
    """
    if _formulas(translator("en").gettext).get(indicator_id) != rule:
        return rule
    return _formulas(translator(lang).gettext)[indicator_id]


def detail_text(detail: str | None, lang: str = "en") -> str | None:
    """A value's detail in the reader's language, its figures by the report's rule; unknown ones as they are.

    Examples
    --------
    >>> detail_text("0.01 kg to recycling + 0 kg back in service of 0.079 kg leaving per use", "nl")
    '0,0100 kg naar recyclage + 0 kg terug in dienst van 0,0790 kg die het systeem per gebruik verlaat'
    >>> detail_text("single-use item", "nl")
    'product voor eenmalig gebruik'
    """
    if detail is None:
        return None
    _ = translator(lang).gettext

    def number(text: str) -> str:
        return significant(float(text), lang=lang)

    fixed = {
        "single-use item": _("single-use item"),
        "the case gives no fleet or stock_items for the items in circulation": _(
            "the case gives no fleet or stock_items for the items in circulation"
        ),
        "no material mass to share": _("no material mass to share"),
    }
    if detail in fixed:
        return fixed[detail]
    match = _RECYCLING.match(detail)
    if match:
        recycled, in_service, leaving = (number(g) for g in match.groups())
        return _("{recycled} kg to recycling + {in_service} kg back in service of {leaving} kg leaving per use").format(
            recycled=recycled, in_service=in_service, leaving=leaving
        )
    match = _YEARS.match(detail)
    if match:
        uses, per_item, items, basis = match.groups()
        return _("N = {uses} uses / {per_item} uses per item a year (annual uses / {items} items, {basis})").format(
            uses=number(uses), per_item=number(per_item), items=number(items), basis=basis
        )
    return detail


@dataclass(frozen=True)
class CircularityTexts:
    """The circularity section's texts in one language."""

    formulas: dict[str, str]
    """By indicator id."""
    details: dict[str, dict[str, str | None]]
    """By indicator id, then option id."""


def circularity_texts(result: Result, lang: str = "en") -> CircularityTexts:
    """The formulas and details of the result's circularity section in the reader's language (empty without it)."""
    section = result.circularity
    if section is None:
        return CircularityTexts({}, {})
    return CircularityTexts(
        formulas={i.id: formula_text(i.id, i.rule, lang) for i in section.indicators},
        details={i.id: {oid: detail_text(v.detail, lang) for oid, v in i.values.items()} for i in section.indicators},
    )
