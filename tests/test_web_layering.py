"""The web app is an interface: nothing else in the package imports it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "lcacompare"


def test_no_module_below_the_interfaces_imports_the_web_app():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).parts
        if relative[0] in ("web", "cli.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("lcacompare.web")]
    assert offenders == []


def test_the_web_app_imports_without_starting_anything():
    import lcacompare.web

    assert lcacompare.web.__doc__
