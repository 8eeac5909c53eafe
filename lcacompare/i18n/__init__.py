"""English and Dutch texts of the reports, the workbook and the terminal verdict (Babel + gettext).

English is the source language: every text a user reads is written in English in the code and the
templates, marked with ``_()`` (Python) or ``{% trans %}`` / ``_()`` (Jinja2), and looked up in the
gettext catalogue ``locale/<lang>/LC_MESSAGES/lcacompare.po`` of the language asked for. The
catalogue is compiled in memory (Babel's ``write_mo``) the first time a language is used, so a
fresh clone and an installed wheel need no build step and no ``.mo`` file can go stale.

Numbers are formatted for the language's locale by :mod:`lcacompare.report.formatting` with
Babel's CLDR data (``1,234.56`` in English, ``1.234,56`` in Dutch).

Examples
--------
>>> translator("nl").gettext("Summary")
'Samenvatting'
>>> translator("en").gettext("Summary")
'Summary'
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args

__all__ = ["Language", "LANGUAGES", "LOCALES", "Translator", "translator", "catalogue_path", "check_language"]

Language = Literal["en", "nl"]
"""Languages of the reports: English (the source texts) and Dutch."""

LANGUAGES: tuple[str, ...] = get_args(Language)

LOCALES: dict[str, str] = {"en": "en_GB", "nl": "nl_NL"}
"""The CLDR locale whose number formats each language uses (EUR amounts, decimal separators)."""

DOMAIN = "lcacompare"


def check_language(lang: str) -> Language:
    """``lang`` if it is one of :data:`LANGUAGES`.

    Raises
    ------
    ValueError
        If the language is not offered, naming the ones that are.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not offered; expected one of: {', '.join(LANGUAGES)}")
    return lang  # type: ignore[return-value]


def catalogue_path(lang: str) -> Any:
    """The gettext catalogue (``.po``) of a language, as a package resource."""
    return resources.files("lcacompare.i18n") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Translator:
    """The texts and locale of one language.

    Attributes
    ----------
    lang : str
        ``en`` or ``nl``.
    locale : str
        CLDR locale for numbers (see :data:`LOCALES`).
    translations : gettext.NullTranslations
        Babel translations compiled from the catalogue (null for English).
    """

    lang: Language
    locale: str
    translations: Any

    def gettext(self, message: str) -> str:
        """The message in this language (the English text when the catalogue has none)."""
        return str(self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural form for ``n`` in this language."""
        return str(self.translations.ngettext(singular, plural, n))


def _compiled(lang: str) -> Any:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with catalogue_path(lang).open("rb") as po:
        catalogue = read_po(po, locale=LOCALES[lang], domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@cache
def translator(lang: str = "en") -> Translator:
    """The :class:`Translator` of a language (built once per language and process).

    Parameters
    ----------
    lang : {"en", "nl"}
        Language.

    Raises
    ------
    ValueError
        If the language is not offered.
    """
    import gettext

    language = check_language(lang)
    translations = gettext.NullTranslations() if language == "en" else _compiled(language)
    return Translator(language, LOCALES[language], translations)
