"""The exchange package reaches the engine only through the public API and its one adapter module."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lcacompare" / "exchange"
ADAPTER = "engine_inputs.py"
# What every exchange module may import from lcacompare: the public API, errors, the case model,
# the atomic writer, and its own package.
ALLOWED = ("lcacompare", "lcacompare.errors", "lcacompare.model", "lcacompare.model.case", "lcacompare.report.writer")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "lcacompare" or name.startswith("lcacompare.")}


def test_only_the_adapter_imports_engine_internals():
    offending = {}
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name == ADAPTER:
            continue
        bad = {m for m in _imports(path) if m not in ALLOWED and not m.startswith("lcacompare.exchange")}
        if bad:
            offending[path.name] = sorted(bad)
    assert offending == {}


def test_nothing_below_the_exchange_package_imports_it():
    root = PACKAGE.parent
    users = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if PACKAGE not in path.parents
        and path.name != "cli.py"
        and root / "web" not in path.parents  # the interfaces (cli.py, web/) sit above the exchange
        and any(m.startswith("lcacompare.exchange") for m in _imports(path))
    ]
    assert users == []
