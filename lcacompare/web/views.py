"""The Jinja2 environment of the pages: the web templates first, then the report's own templates."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from lcacompare.report.formatting import eur, significant
from lcacompare.web.security import CSRF_FIELD, csrf_token

__all__ = ["environment", "page"]

LANGUAGES = ("en", "nl")


@cache
def environment() -> jinja2.Environment:
    """The page templates (autoescaped), with the report's templates and number filters reused."""
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
    )
    env.filters.update(sig=significant, eur=eur)
    return env


def language(request: Request) -> str:
    """The ``lang`` asked for (``?lang=nl``), passed through to links and runs; English by default."""
    lang = request.query_params.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page with the CSRF token and language every template uses."""
    html = (
        environment()
        .get_template(template)
        .render(
            csrf_field=CSRF_FIELD,
            csrf=csrf_token(request),
            lang=language(request),
            languages=LANGUAGES,
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code)
