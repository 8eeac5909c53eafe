"""The local web app: server-rendered pages and a JSON API over the same analysis as the CLI.

:func:`lcacompare.web.app.create_app` builds the FastAPI application; ``lcacompare serve`` runs
it on uvicorn. Nothing is imported here, so ``import lcacompare.web`` stays cheap.
"""
