"""The JSON result follows its versioned, documented schema."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from lcacompare.analysis.document import result_document, result_json

DOCS = Path(__file__).resolve().parent.parent / "docs" / "result-schema.md"


@pytest.fixture(scope="module")
def schema():
    return json.loads(files("lcacompare").joinpath("schemas/result.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def prepared_and_comparison(clamp_case, test_datasets, home):
    from lcacompare.engine import compare, prepare

    prepared = prepare(clamp_case, datasets=test_datasets, home=home)
    return prepared, compare(clamp_case, prepared=prepared)


def test_result_json_of_the_test_case_validates(validator, prepared_and_comparison):
    _, comparison = prepared_and_comparison
    validator.validate(json.loads(result_json(comparison)))


def test_result_with_inputs_transparency_and_optional_sections_validates(validator, prepared_and_comparison):
    from test_report_render import add_optional_sections

    from lcacompare.analysis.inputs import inputs_section
    from lcacompare.analysis.transparency import transparency_section

    prepared, comparison = prepared_and_comparison
    doc, _ = add_optional_sections(result_document(comparison))
    doc["inputs"] = inputs_section(prepared.compiled)
    doc["transparency"] = transparency_section(prepared.compiled, doc)
    validator.validate(json.loads(json.dumps(doc)))


def test_schema_rejects_a_result_of_another_schema_version_or_without_options(validator, prepared_and_comparison):
    doc = json.loads(result_json(prepared_and_comparison[1]))
    assert validator.is_valid(doc)
    assert not validator.is_valid(dict(doc, schema="lcacompare.result/1"))
    assert not validator.is_valid({k: v for k, v in doc.items() if k != "options"})
    broken = json.loads(json.dumps(doc))
    broken["options"][0]["kg_co2e_by_module"]["E"] = 1.0
    assert not validator.is_valid(broken)


def test_input_rows_need_a_source_or_an_assumption(validator, prepared_and_comparison):
    from lcacompare.analysis.inputs import inputs_section

    prepared, comparison = prepared_and_comparison
    doc = json.loads(result_json(comparison))
    doc["inputs"] = json.loads(json.dumps(inputs_section(prepared.compiled)))
    doc["inputs"][0].update(source=None, assumption=None)
    assert not validator.is_valid(doc)


def test_docs_describe_every_top_level_key_of_the_schema(schema):
    text = DOCS.read_text(encoding="utf-8")
    assert "lcacompare.result/2" in text
    missing = [key for key in schema["properties"] if f"`{key}`" not in text]
    assert not missing
