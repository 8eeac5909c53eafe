"""The Jinja2 environments of the pages: the web templates first, then the report's own templates.

One environment per language, with the report catalogues' gettext installed (``{% trans %}`` and
``_()`` in the templates). The language comes from ``?lang=`` (the selector in the page bar) and is
remembered in a cookie; English when neither names an offered language.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from lcacompare.i18n import LANGUAGES, translator
from lcacompare.report.formatting import eur, significant
from lcacompare.web.rule_titles import rule_title
from lcacompare.web.security import CSRF_FIELD, csrf_token

__all__ = ["environment", "language", "page", "LANGUAGE_COOKIE"]

LANGUAGE_COOKIE = "lcacompare_lang"
"""Cookie remembering the language last chosen with the selector."""


@cache
def environment(lang: str = "en") -> jinja2.Environment:
    """The page templates (autoescaped) in one language, with the report's templates and number filters reused."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader("lcacompare.web", "templates"),
                jinja2.PackageLoader("lcacompare.report", "templates"),
            ]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    texts = translator(lang)
    env.install_gettext_translations(texts.translations, newstyle=False)  # type: ignore[attr-defined]
    env.filters.update(sig=significant, eur=eur)
    env.globals["rule_title"] = lambda rule: rule_title(str(rule), texts.gettext)
    return env


def language(request: Request) -> str:
    """The ``lang`` asked for (``?lang=nl``, else the cookie), passed through to links and runs; English by default."""
    for lang in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if lang in LANGUAGES:
            return str(lang)
    return "en"


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the CSRF token and language every template uses."""
    lang = language(request)
    html = (
        environment(lang)
        .get_template(template)
        .render(
            csrf_field=CSRF_FIELD,
            csrf=csrf_token(request),
            lang=lang,
            languages=LANGUAGES,
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang") in LANGUAGES and request.cookies.get(LANGUAGE_COOKIE) != lang:
        response.set_cookie(LANGUAGE_COOKIE, lang, httponly=True, samesite="strict")
    return response
