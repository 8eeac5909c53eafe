"""The result is typed: strict pydantic models, a schema generated from them, renderers on the model."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pydantic
import pytest

from lcacompare.result import RESULT_SCHEMA, Result, result_schema

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*/result.json"))
REGENERATE = "lcacompare schema --result -o lcacompare/schemas/result.schema.json"


def _example(path: Path) -> dict:
    """An example result.json as the current schema version writes it (only the schema id differs)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["schema"] = RESULT_SCHEMA
    return doc


def test_the_committed_result_schema_is_the_one_generated_from_the_models() -> None:
    committed = json.loads(files("lcacompare").joinpath("schemas/result.schema.json").read_text(encoding="utf-8"))
    assert committed == result_schema(), f"the committed result schema is out of date; regenerate it: {REGENERATE}"


def test_the_schema_command_writes_the_generated_result_schema(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from lcacompare.cli import app

    target = tmp_path / "result.schema.json"
    outcome = CliRunner().invoke(app, ["schema", "--result", "-o", str(target)])
    assert outcome.exit_code == 0, outcome.output
    assert json.loads(target.read_text(encoding="utf-8")) == result_schema()


def test_the_schema_names_version_2_and_every_top_level_key_of_the_examples() -> None:
    schema = result_schema()
    assert schema["properties"]["schema"]["const"] == "lcacompare.result/2"
    keys = {key for path in EXAMPLES for key in json.loads(path.read_text(encoding="utf-8"))}
    assert keys <= set(schema["properties"])
    assert {"method_spec", "context", "datasets_sha256", "cash_flows", "conventions", "monetised"} <= set(
        schema["properties"]
    )


def test_every_field_of_every_model_has_a_description() -> None:
    schema = result_schema()
    undocumented = [
        f"{name}.{field}"
        for name, model in schema["$defs"].items()
        for field, spec in model.get("properties", {}).items()
        if not spec.get("description")
    ]
    undocumented += [f"Result.{f}" for f, spec in schema["properties"].items() if not spec.get("description")]
    assert not undocumented


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_every_example_result_reads_into_the_model_and_dumps_to_the_same_text(path: Path) -> None:
    doc = _example(path)
    result = Result.model_validate(doc)
    assert result.to_dict() == doc
    assert result.to_json() == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_models_refuse_an_unknown_key_in_any_section() -> None:
    doc = _example(EXAMPLES[0])
    doc["options"][0]["lines"][0]["kg_co2e_per_km"] = 1.0
    with pytest.raises(pydantic.ValidationError, match="kg_co2e_per_km"):
        Result.model_validate(doc)
    doc = _example(EXAMPLES[0])
    doc["uncertanity"] = {}
    with pytest.raises(pydantic.ValidationError, match="uncertanity"):
        Result.model_validate(doc)


def test_the_models_refuse_another_schema_version_a_module_outside_the_method_and_a_short_pedigree() -> None:
    doc = _example(EXAMPLES[0])
    with pytest.raises(pydantic.ValidationError):
        Result.model_validate({**doc, "schema": "lcacompare.result/1"})
    broken = _example(EXAMPLES[0])
    broken["options"][0]["kg_co2e_by_module"]["E"] = 1.0
    with pytest.raises(pydantic.ValidationError):
        Result.model_validate(broken)
    broken = _example(EXAMPLES[0])
    broken["options"][0]["lines"][0]["pedigree"] = [1, 2]
    with pytest.raises(pydantic.ValidationError):
        Result.model_validate(broken)


def test_an_input_row_without_source_or_assumption_is_refused() -> None:
    doc = _example(EXAMPLES[0])
    doc["inputs"][0].update(source=None, assumption=None)
    with pytest.raises(pydantic.ValidationError, match="provenance-required"):
        Result.model_validate(doc)


def test_a_result_keeps_integers_as_integers_and_absent_sections_absent() -> None:
    doc = _example(EXAMPLES[0])
    minimal = {k: doc[k] for k in ("schema", "lcacompare_version", "case", "method", "baseline", "options")}
    result = Result.model_validate(minimal)
    assert result.uncertainty is None and set(result.to_dict()) == set(minimal)
    full = Result.model_validate(doc)
    assert isinstance(full.to_dict()["sensitivity"]["seed"], int)
    assert isinstance(full.to_dict()["context"]["price_year"], int)


def _imports(package: Path) -> set[str]:
    """Every module a package's files import, at top level or inside functions."""
    found: set[str] = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        (
            "result",
            (
                "lcacompare.report",
                "lcacompare.cost",
                "lcacompare.lca",
                "lcacompare.resolve",
                "lcacompare.compile",
                "lcacompare.engine",
                "lcacompare.analysis",
                "lcacompare.uncertainty",
            ),
        ),
        (
            "report",
            (
                "lcacompare.resolve",
                "lcacompare.compile",
                "lcacompare.cost",
                "lcacompare.lca",
                "lcacompare.engine",
                "lcacompare.analysis",
            ),
        ),
    ],
)
def test_the_models_and_the_renderers_import_nothing_from_the_layers_they_must_not_reach(
    package: str, forbidden: tuple[str, ...]
) -> None:
    imported = _imports(ROOT / "lcacompare" / package)
    reached = sorted(m for m in imported if m.startswith(forbidden))
    assert not reached


def test_importing_the_models_loads_no_report_cost_lca_or_compile_module() -> None:
    code = (
        "import sys, lcacompare.result; "
        "print(sorted(m for m in sys.modules if m.startswith(('lcacompare.report', 'lcacompare.cost', "
        "'lcacompare.lca', 'lcacompare.resolve', 'lcacompare.compile', 'lcacompare.engine'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_analyse_returns_the_typed_result_and_its_dict_only_through_to_dict(clamp_case, test_datasets, home) -> None:
    from lcacompare import analyse

    analysis = analyse(clamp_case, samples=64, seed=3, datasets=test_datasets, home=home)
    assert isinstance(analysis.result, Result)
    assert not hasattr(analysis, "document")
    plain = analysis.to_dict()
    assert plain == analysis.result.to_dict() and plain["schema"] == RESULT_SCHEMA
    assert plain["uncertainty"]["differences"] and analysis.result.transparency is not None
    assert analysis.result.inputs and analysis.result.uncertainty is not None
    assert Result.model_validate(json.loads(analysis.result.to_json())) == analysis.result


def test_renderers_take_the_model_and_give_what_they_give_for_its_dict(clamp_case, test_datasets, home) -> None:
    from lcacompare import analyse
    from lcacompare.report.json_result import render_json
    from lcacompare.report.render import render_reports

    analysis = analyse(clamp_case, samples=64, seed=3, datasets=test_datasets, home=home)
    from_model = render_reports(analysis.result, formats=("html", "xlsx"))
    from_dict = render_reports(analysis.to_dict(), formats=("html", "xlsx"))
    assert from_model == from_dict
    assert "lcacompare.result/2" in from_model["report.html"].decode()
    assert render_json(analysis.result) == analysis.result.to_json()


def test_the_terminal_summary_is_printed_from_the_model(clamp_case, test_datasets, home) -> None:
    from rich.console import Console

    from lcacompare import analyse, cli

    analysis = analyse(clamp_case, samples=64, seed=3, datasets=test_datasets, home=home)
    console = Console(record=True, width=200)
    original = cli._out
    cli._out = console
    try:
        cli._print_summary(analysis.result)
    finally:
        cli._out = original
    text = console.export_text()
    from lcacompare.report.formatting import significant

    for option in analysis.result.options:
        assert option.id in text and significant(option.kg_co2e_per_use) in text
    assert " instead of " in text
