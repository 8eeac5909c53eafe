"""Security of the web app: token login, CSRF tokens on forms, security headers.

- Loopback by default; any other host needs a token (``--token`` or ``LCACOMPARE_TOKEN``),
  checked on every request: an ``Authorization: Bearer`` header (API) or the HTTP-only,
  SameSite=Strict cookie the login page sets.
- Forms carry a CSRF token that must equal the ``lcacompare_csrf`` cookie (double submit); the
  JSON API accepts only ``application/json`` bodies, which a cross-site form cannot send.
- Every response carries a Content-Security-Policy without inline scripts, ``nosniff`` and
  ``frame-ancestors 'none'``.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

__all__ = [
    "TOKEN_COOKIE",
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "SECURITY_HEADERS",
    "is_loopback",
    "SecurityMiddleware",
    "csrf_token",
    "csrf_ok",
]

TOKEN_COOKIE = "lcacompare_token"
CSRF_COOKIE = "lcacompare_csrf"
CSRF_FIELD = "csrf_token"
OPEN_PATHS = ("/login", "/static/")
"""Paths reachable without the token (the login page and its stylesheet)."""

SECURITY_HEADERS = {
    # Reports carry their styles inline (they are self-contained files); scripts come only from /static.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def same_secret(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a presented secret with the expected one."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser: its cookie, or a new one the middleware then sets."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """Whether a submitted form's CSRF token matches the browser's cookie."""
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie) and same_secret(submitted, cookie or "")


class SecurityMiddleware(BaseHTTPMiddleware):
    """Checks the token on every request and adds the security headers to every response.

    Parameters
    ----------
    app : ASGI app
        The wrapped application.
    token : str or None
        The access token; None on loopback without one (every request allowed).
    """

    def __init__(self, app: object, token: str | None) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.token = token

    def _authorised(self, request: Request) -> bool:
        if self.token is None or request.url.path.startswith(OPEN_PATHS):
            return True
        header = request.headers.get("authorization", "")
        bearer = header[7:] if header.lower().startswith("bearer ") else None
        return same_secret(bearer, self.token) or same_secret(request.cookies.get(TOKEN_COOKIE), self.token)

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """Refuse unauthorised requests (401 for the API, the login page otherwise); add headers."""
        if not self._authorised(request):
            if request.url.path.startswith("/api/"):
                response: Response = JSONResponse({"detail": "a valid token is needed"}, status_code=401)
            else:
                response = RedirectResponse("/login", status_code=303)
        else:
            response = await call_next(request)
        new_csrf = getattr(request.state, "new_csrf", None)
        if new_csrf:
            response.set_cookie(CSRF_COOKIE, new_csrf, httponly=True, samesite="strict")
        response.headers.update(SECURITY_HEADERS)
        return response
