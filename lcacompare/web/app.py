"""The FastAPI application factory: workspace, worker pool, security, pages, API, static files."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from lcacompare.web.compute import Runner
from lcacompare.web.security import SecurityMiddleware
from lcacompare.web.workspace import Workspace, default_workspace

__all__ = ["create_app", "TOKEN_VARIABLE"]

TOKEN_VARIABLE = "LCACOMPARE_TOKEN"
"""Environment variable holding the access token when ``--token`` is not given."""

STATIC = Path(__file__).parent / "static"


def create_app(
    workspace: Path | None = None,
    *,
    token: str | None = None,
    workers: int = 2,
    home: Path | None = None,
) -> FastAPI:
    """Build the web app.

    Parameters
    ----------
    workspace : Path, optional
        Folder of the workspace database; default :func:`~lcacompare.web.workspace.default_workspace`.
    token : str, optional
        Access token required on every request; default ``$LCACOMPARE_TOKEN`` (none: open, for
        loopback only; ``lcacompare serve`` refuses other hosts without one).
    workers : int
        Threads computing runs.
    home : Path, optional
        lcacompare's cache home.

    Returns
    -------
    FastAPI
        The application; ``app.state.workspace`` and ``app.state.runner`` are its workspace and pool.
    """
    from lcacompare.web import api, award_pages, pages, portfolio_pages, supplier_pages

    token = token or os.environ.get(TOKEN_VARIABLE) or None
    store = Workspace(workspace or default_workspace())
    runner = Runner(store, workers=workers, home=home)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        runner.shutdown()

    app = FastAPI(
        title="lcacompare",
        summary="Whole-life cost and CO2e per use of healthcare products: the JSON API of lcacompare.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI loads scripts from a CDN: the app fetches nothing from the network
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.workspace = store
    app.state.runner = runner
    app.state.token = token
    app.add_middleware(SecurityMiddleware, token=token)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(award_pages.router)  # before the pages' catch-all /{kind}/{key}
    app.include_router(portfolio_pages.router)
    app.include_router(supplier_pages.router)
    app.include_router(pages.router)
    return app
