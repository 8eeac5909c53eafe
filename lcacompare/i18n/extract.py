"""The messages the code and the templates show, extracted with Babel, and the catalogue kept in step.

``python -m lcacompare.i18n.extract`` rewrites ``locale/nl/LC_MESSAGES/lcacompare.po``: new
messages are added with an empty translation (and the catalogue test fails until they are
translated), messages no longer used are dropped, translations are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

__all__ = ["SOURCES", "extract_messages", "update_catalogue"]

PACKAGE = Path(__file__).resolve().parent.parent

SOURCES: tuple[tuple[str, str], ...] = (
    ("report/**.py", "python"),
    ("analysis/iso14044.py", "python"),  # the ISO 14044 item titles, marked N_()
    ("report/templates/**.j2", "jinja2.ext:babel_extract"),
    ("cli.py", "python"),
    ("web/**.py", "python"),
    ("web/templates/**", "jinja2.ext:babel_extract"),
)
"""Babel method map, relative to the package: the files whose texts a user reads."""


def extract_messages() -> Iterator[str]:
    """Every message id marked with ``_()`` (Python) or ``_()`` / ``{% trans %}`` (templates), sorted."""
    from babel.messages.extract import extract_from_dir

    found: set[str] = set()
    jinja = {"extensions": "jinja2.ext.i18n", "trimmed": "false"}
    options = {"report/templates/**.j2": jinja, "web/templates/**": jinja}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=list(SOURCES), options_map=options
    ):
        if isinstance(message, tuple):
            found.update(m for m in message if m)
        elif message:
            found.add(message)
    yield from sorted(found)


def update_catalogue(lang: str = "nl") -> Path:
    """Bring a language's ``.po`` in step with the code (see the module docstring); return its path."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    from lcacompare.i18n import LOCALES, catalogue_path

    path = Path(str(catalogue_path(lang)))
    old = Catalog(locale=LOCALES[lang], domain="lcacompare")
    if path.exists():
        with path.open("rb") as handle:
            old = read_po(handle, locale=LOCALES[lang])
    new = Catalog(locale=LOCALES[lang], domain="lcacompare", project="lcacompare", fuzzy=False)
    for message in extract_messages():
        kept = old.get(message)
        new.add(message, kept.string if kept is not None else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, new, width=0, omit_header=False, sort_output=True, no_location=True)
    return path


if __name__ == "__main__":
    print(update_catalogue("nl"))
