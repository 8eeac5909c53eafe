"""The PEF data-quality warning in the reader's language, for the terminal, the report and the workbook."""

from __future__ import annotations

from lcacompare.i18n import translator
from lcacompare.report.formatting import significant
from lcacompare.result import Result

__all__ = ["data_quality_warnings", "ask_for", "level_word", "line_number", "line_numbers"]


def line_number(index: int) -> int:
    """The number a reader sees for an inventory line: its position in the case counted from 1.

    The result keeps the 0-based ``index``; reports, workbook and terminal show ``index + 1``.

    Examples
    --------
    >>> line_number(0)
    1
    """
    return index + 1


def line_numbers(indices: list[int]) -> str:
    """Inventory lines as the reader numbers them (from 1), comma-separated.

    Examples
    --------
    >>> line_numbers([0, 4])
    '1, 5'
    """
    return ", ".join(str(line_number(i)) for i in indices)


def level_word(level: str | None, lang: str = "en") -> str:
    """A PEF quality level (``excellent`` ... ``poor``) in the reader's language; a dash for none."""
    if level is None:
        return "-"
    _ = translator(lang).gettext
    words = {
        "excellent": _("excellent"),
        "very good": _("very good"),
        "good": _("good"),
        "fair": _("fair"),
        "poor": _("poor"),
    }
    return words.get(level, level)


def ask_for(criterion: str, lang: str = "en") -> str:
    """What to ask a supplier or data provider for, by the PEF criterion that scores worst."""
    _ = translator(lang).gettext
    requests = {
        "TeR": _("data for the technology actually used (the product's own process, not a proxy)"),
        "GeR": _("data for the country or region where it is made or used"),
        "TiR": _("more recent data"),
        "P": _("measured or verified figures (an EPD or a third-party verified declaration)"),
    }
    return requests.get(criterion, criterion)


def data_quality_warnings(result: Result, lang: str = "en") -> list[str]:
    """One sentence per option whose most relevant inputs fall short of the method's DQR (empty without the section).

    Each names the lines (index, module, activity, DQR) and what to ask for.
    """
    section = result.data_quality
    if section is None:
        return []
    _ = translator(lang).gettext
    sentences = []
    for option_id, option in section.options.items():
        short = [row for row in option.inputs if row.index in option.short_of_requirement]
        if not short:
            continue
        named = "; ".join(
            _("line {index} ({module} {activity}, DQR {dqr}): ask for {request}").format(
                index=line_number(row.index),
                module=row.module,
                activity=row.activity,
                dqr=significant(row.dqr, lang=lang),
                request=ask_for(row.worst_criterion, lang),
            )
            for row in short
        )
        sentences.append(
            _("Data quality: option {option}: most relevant inputs above DQR {limit}: {inputs}.").format(
                option=option_id, limit=significant(section.most_relevant_max_dqr, lang=lang), inputs=named
            )
        )
    return sentences
