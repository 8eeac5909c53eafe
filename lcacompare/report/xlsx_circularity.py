"""The Excel sheets of the circularity section and the reuse identity (LCAC-HC/2 only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lcacompare.i18n import Translator
from lcacompare.report.circularity_view import formula_text
from lcacompare.result import Result
from lcacompare.result.circularity import CircularityValue

__all__ = ["circularity_rows", "reuse_identity_rows", "circularity_sheet"]

Table = Callable[[Any, Sequence[str], Sequence[Sequence[Any]]], Any]


def _cell(value: CircularityValue, t: Translator) -> Any:
    """A stated value as a number, else its status in words."""
    if value.status == "stated":
        return value.value
    return t.gettext("not stated") if value.status == "not stated" else t.gettext("not applicable")


def _labels(t: Translator) -> dict[str, tuple[str, str]]:
    """Title and unit of each indicator in the sheet's language (the same texts as the HTML report)."""
    _ = t.gettext
    kg, material, leaving = (
        _("kg per use"),
        _("percent of material mass"),
        _("percent of mass leaving the system per use"),
    )
    return {
        "total_material_kg": (_("Total material"), kg),
        "non_renewable_virgin_kg": (_("Non-renewable virgin material"), kg),
        "bio_based_share": (_("Bio-based share"), material),
        "recycled_content_share": (_("Recycled content"), material),
        "service_life_uses": (_("Service life (uses per item)"), _("uses")),
        "service_life_years": (_("Service life (years)"), _("years")),
        "reusable_or_recyclable_share": (_("Reusable or recyclable at end of life"), leaving),
    }


def circularity_rows(result: Result, t: Translator) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the circularity table: indicator, unit, rule, one value per option.

    Parameters
    ----------
    result : Result
        A result (empty header and rows without a ``circularity`` section).
    t : Translator
        Language of the header.

    Returns
    -------
    header : list of str
    rows : list of list
        One per indicator, plus a row of expected uses E under ``service_life_uses``.
    """
    if result.circularity is None:
        return [], []
    _ = t.gettext
    options = [option.id for option in result.options]
    header = [_("Indicator"), _("Unit"), _("Rule"), *options]
    rows: list[list[Any]] = []
    labels = _labels(t)
    for indicator in result.circularity.indicators:
        values = [indicator.values[o] for o in options]
        title, unit = labels.get(indicator.id, (indicator.title, indicator.unit))
        rows.append([title, unit, formula_text(indicator.id, indicator.rule, t.lang), *(_cell(v, t) for v in values)])
        if indicator.id == "service_life_uses":
            rows.append(
                [_("Expected uses E"), _("uses"), "E = (1 - (1 - l)^N) / l", *(v.expected_uses for v in values)]
            )
    return header, rows


def reuse_identity_rows(result: Result, t: Translator) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the reuse identity: N, R, E, 1 / (1 - R) and the relative gap per reusable option."""
    if not result.reuse_identity:
        return [], []
    _ = t.gettext
    header = [
        _("Option"),
        _("Rated uses per item N"),
        _("Reuse rate R"),
        _("Expected uses E"),
        _("PEF uses 1 / (1 - R)"),
        _("Relative gap (1 - l)^N"),
    ]
    rows = [
        [
            oid,
            r.uses_per_life,
            r.reuse_rate,
            r.expected_uses,
            r.pef_uses if r.pef_uses is not None else _("unbounded (no loss)"),
            r.relative_gap,
        ]
        for oid, r in result.reuse_identity.items()
    ]
    return header, rows


def circularity_sheet(wb: Any, result: Result, table: Table, t: Translator) -> None:
    """Add the ``Circularity`` sheet when the result has a ``circularity`` or ``reuse_identity`` section.

    Parameters
    ----------
    wb : openpyxl.Workbook
        The workbook.
    result : Result
        The result.
    table : callable
        The workbook's table writer ``table(ws, header, rows)`` (numbers as numbers, text never a formula).
    t : Translator
        Language of the sheet.
    """
    if result.circularity is None and not result.reuse_identity:
        return
    ws = wb.create_sheet(t.gettext("Circularity"))
    for header, rows in (circularity_rows(result, t), reuse_identity_rows(result, t)):
        if rows:
            table(ws, header, rows)
    if result.circularity is not None:
        notes = [[note] for note in [*result.circularity.assumptions, result.circularity.reference]]
        table(ws, [t.gettext("Notes")], notes)
