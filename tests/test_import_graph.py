"""The architecture's arrows point one way: forbidden imports, found by reading every module's AST.

Every import counts, also one inside a function, under ``if TYPE_CHECKING:`` or through
``importlib.import_module("...")`` with a literal name, because a deferred import is still a
dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lcacompare"
SESSION = "lcacompare.lca.session"


@dataclass(frozen=True)
class Import:
    """One imported name: the module that imports it, what it imports, and where."""

    module: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.module} imports {self.target} (line {self.line})"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute module a relative ``from ... import`` names."""
    if level == 0:
        return name or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def imports_of(path: Path) -> Iterator[Import]:
    module = module_name(path)
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, is_package, node.level, node.module)
            yield Import(module, source, node.lineno)
            for alias in node.names:  # ``from lcacompare import lca`` imports the subpackage
                if alias.name != "*":
                    yield Import(module, f"{source}.{alias.name}", node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield Import(module, node.args[0].value, node.lineno)


def all_imports() -> list[Import]:
    return [found for path in sorted(PACKAGE.rglob("*.py")) for found in imports_of(path)]


def within(name: str, *packages: str) -> bool:
    return any(name == package or name.startswith(f"{package}.") for package in packages)


def offending(importers: tuple[str, ...], forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    """Each forbidden import statement once (``from a import b`` names both ``a`` and ``a.b``)."""
    statements: dict[tuple[str, int], Import] = {}
    for found in all_imports():
        if within(found.module, *importers) and not within(found.module, *allowed) and within(found.target, *forbidden):
            statements.setdefault((found.module, found.line), found)
    return [str(found) for _, found in sorted(statements.items())]


def test_the_scan_sees_imports_inside_functions_and_relative_ones(tmp_path):
    # The session itself imports Brightway inside a method: the scan must see that.
    session = PACKAGE / "lca" / "session.py"
    assert {"bw2data", "bw2calc"} <= {found.target for found in imports_of(session)}
    assert _absolute("lcacompare.report.html", False, 2, "lca.backend") == "lcacompare.lca.backend"
    assert _absolute("lcacompare.report", True, 1, "charts") == "lcacompare.report.charts"


def test_only_the_brightway_session_imports_bw2data_or_bw2calc():
    found = offending(("lcacompare",), ("bw2data", "bw2calc"), allowed=(SESSION,))
    assert not found, "bw2data/bw2calc imported outside lcacompare/lca/session.py:\n" + "\n".join(found)


def test_report_imports_neither_lca_nor_cost_nor_the_compiler():
    forbidden = ("lcacompare.lca", "lcacompare.cost", "lcacompare.resolve", "lcacompare.compile")
    found = offending(("lcacompare.report",), forbidden)
    assert not found, "lcacompare/report/ imports what lies below the comparison:\n" + "\n".join(found)


def test_cost_imports_neither_the_comparison_nor_lca():
    forbidden = ("lcacompare.engine", "lcacompare.compare", "lcacompare.lca")
    found = offending(("lcacompare.cost",), forbidden)
    assert not found, "lcacompare/cost/ imports the comparison or lca:\n" + "\n".join(found)
