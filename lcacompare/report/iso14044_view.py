"""The ISO 14044 reporting items as the reports show them: grouped by clause, titles translated.

Reads the result's ``iso_reporting`` section (:mod:`lcacompare.result.iso14044`); absent under a
method without that rule, and then every function here gives nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from lcacompare.i18n import translator
from lcacompare.result import Result
from lcacompare.result.iso14044 import IsoItem

__all__ = ["ClauseGroup", "clause_groups", "review_warning", "clause_titles"]


@dataclass(frozen=True)
class ClauseGroup:
    """The items of one clause (``5.2 a`` ... ``5.3``), with the clause's translated heading."""

    clause: str
    heading: str
    items: list[tuple[IsoItem, str]]
    """Each item with its translated title."""


def clause_titles(lang: str = "en") -> dict[str, str]:
    """The headings of ISO 14044:2006 5.2 a-g and 5.3, in ``lang``."""
    _ = translator(lang).gettext
    return {
        "5.2 a": _("General aspects"),
        "5.2 b": _("Goal of the study"),
        "5.2 c": _("Scope of the study"),
        "5.2 d": _("Life cycle inventory analysis"),
        "5.2 e": _("Life cycle impact assessment"),
        "5.2 f": _("Life cycle interpretation"),
        "5.2 g": _("Critical review"),
        "5.3": _("Comparative assertions disclosed to the public"),
    }


def clause_groups(result: Result, lang: str = "en") -> list[ClauseGroup]:
    """The items of the result grouped by clause in the clauses' order, or ``[]`` without the section."""
    section = result.iso_reporting
    if section is None:
        return []
    t = translator(lang)
    titles = clause_titles(lang)
    groups: dict[str, list[tuple[IsoItem, str]]] = {}
    for item in section.items:
        groups.setdefault(item.clause, []).append((item, t.gettext(item.title)))
    return [ClauseGroup(clause, titles.get(clause, clause), items) for clause, items in groups.items()]


def review_warning(result: Result, lang: str = "en") -> str | None:
    """The first page's warning when the results are meant for a public comparative claim without a panel review.

    ISO 14044:2006 6.1 asks for a critical review by a panel of interested parties (6.3) before
    an LCA supports a comparative assertion disclosed to the public; the result's
    ``iso_reporting.review_missing`` says whether the case lacks it.

    Returns
    -------
    str or None
        The warning in ``lang``, or None when nothing is missing (or the method has no ``iso_reporting``).
    """
    section = result.iso_reporting
    if section is None or not section.review_missing:
        return None
    _ = translator(lang).gettext
    statuses = {"none": _("none"), "internal": _("internal"), "external": _("external"), "panel": _("panel")}
    return _(
        "Not for a public comparative claim yet: the case says these results are meant for a comparative "
        "assertion disclosed to the public, but states no critical review by a panel of interested parties "
        "(review stated: {status}). ISO 14044:2006 (6.1, 6.3) requires that panel review before such a claim is "
        "published."
    ).format(status=statuses[section.review_status])
