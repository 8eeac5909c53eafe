"""An award's robustness statement in the language a page is shown in, from its stored award.json.

The statement is stored in the language the award was run in (as ``lcacompare award --lang``
writes it); a page in the other language words it again with
:func:`lcacompare.tender.text.robustness_statement` from the same stored figures (winner, runner-up,
the winner's chance of winning, the nearest reversals, robust or not), so nothing is recomputed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["statement_in"]


def statement_in(award: Mapping[str, Any], lang: str) -> str:
    """The robustness statement of a stored award in ``lang``.

    Parameters
    ----------
    award : mapping
        The award document (award.json) as data.
    lang : {"en", "nl"}
        The language of the page.

    Returns
    -------
    str
        The stored statement when the award was run in ``lang`` or lacks the figures, else the
        same statement worded in ``lang``.
    """
    from lcacompare.i18n import check_language
    from lcacompare.tender.text import robustness_statement

    robustness = award.get("robustness") or {}
    stored = str(robustness.get("statement", ""))
    order = [bid for group in award.get("ranking") or [] for bid in group]
    if len(order) < 2 or "reversals" not in robustness:
        return stored
    p_win = next((b.get("probability_of_winning") for b in award.get("bids") or [] if b.get("id") == order[0]), None)
    reversals = [(r["axis"], r["published"], r["reverses_at"], r["unit"]) for r in robustness["reversals"]]
    return robustness_statement(
        order[0], order[1], p_win, reversals, bool(robustness.get("robust")), check_language(lang)
    )
