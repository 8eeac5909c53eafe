"""The verdict paragraph of the results page in the page's language, in the report's own words.

The report's first page (:func:`lcacompare.report.buyers_page.buyers_page`) words one sentence per
alternative against the baseline in English or Dutch, with the numbers in the language's locale
(``EUR 10.100``, ``0,562`` in Dutch) and the method's significance wording; the results page shows
those sentences, so the page and the stored report say the same thing in the same language.
"""

from __future__ import annotations

from typing import Any

__all__ = ["verdict_in"]


def verdict_in(result: Any, threshold: float, lang: str) -> str:
    """The verdict paragraph: the buyer's-page sentence of every alternative, joined.

    Parameters
    ----------
    result : Result
        The run's result.
    threshold : float
        The method's comparative-assertion threshold.
    lang : {"en", "nl"}
        The page's language.

    Returns
    -------
    str
        Plain text (the template escapes it).
    """
    from lcacompare.i18n import translator
    from lcacompare.report.buyers_page import buyers_page

    lines = buyers_page(result, threshold, lang).lines
    if not lines:
        return translator(lang).gettext("The case has a single option; there is nothing to compare.")
    return " ".join(line.sentence for line in lines)
