"""PACT 2.3 footprints: the shipped schema, export of every shipped case, re-import, invalid files refused."""

from __future__ import annotations

import json

import jsonschema
import pytest

from lcacompare import compare, load_case
from lcacompare.data import shipped_case, shipped_case_names
from lcacompare.errors import CaseError
from lcacompare.exchange.pact import SPEC_VERSION, export_footprints, read_footprint, schema, validate_footprint


def _case(name: str):
    with shipped_case(name) as path:
        return load_case(path)


def test_the_shipped_schema_is_pacts_product_footprint_with_its_source():
    document = schema()
    jsonschema.Draft202012Validator.check_schema(document)
    assert "wbcsd/pact-openapi" in document["$comment"] and "2.3.0" in document["$comment"]
    assert {"id", "specVersion", "pcf", "companyName"} <= set(document["required"])
    assert "pCfExcludingBiogenic" in document["$defs"]["CarbonFootprint"]["required"]


@pytest.mark.parametrize("name", shipped_case_names())
def test_the_export_of_a_shipped_case_validates_and_reimports_to_the_same_figure(tmp_path, name):
    case = _case(name)
    result = compare(case)
    footprints = export_footprints(case, result)
    assert len(footprints) == len(case.options)
    for footprint, option in zip(footprints, result.options, strict=True):
        jsonschema.validate(footprint, schema(), format_checker=jsonschema.FormatChecker())
        assert footprint["specVersion"] == SPEC_VERSION
        path = tmp_path / f"{option.id}.json"
        path.write_text(json.dumps(footprint))
        _, declared = read_footprint(path)
        assert declared.kg_co2e == pytest.approx(option.kg_co2e_per_use, rel=1e-12)
        assert declared.per == "use" and declared.modules == ("A1-A3", "A4", "B", "C")


def test_a_list_response_is_read_by_option_and_an_ambiguous_file_is_refused(tmp_path):
    case = _case("kocher-clamp")
    path = tmp_path / "all.json"
    path.write_text(json.dumps({"data": export_footprints(case, compare(case))}))
    _, declared = read_footprint(path, ":option:reusable-cssd:")
    assert declared.kg_co2e == pytest.approx(compare(case).option("reusable-cssd").kg_co2e_per_use, rel=1e-12)
    with pytest.raises(CaseError):
        read_footprint(path)


def test_a_suppliers_cradle_to_gate_footprint_is_per_item_and_covers_a1_a3(tmp_path):
    case = _case("kocher-clamp")
    footprint = export_footprints(case, compare(case))[0]
    footprint["productIds"] = ["urn:acme:product:kocher-14"]
    footprint["pcf"]["unitaryProductAmount"] = "0.06"
    footprint["pcf"]["pCfExcludingBiogenic"] = "5"
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(footprint))
    _, declared = read_footprint(path)
    assert declared.per == "item" and declared.modules == ("A1-A3",)
    assert declared.kg_co2e == pytest.approx(0.3, rel=1e-12)


def test_a_footprint_breaking_the_schema_is_refused_naming_each_field(tmp_path):
    case = _case("kocher-clamp")
    footprint = export_footprints(case, compare(case))[0]
    footprint["pcf"]["pCfExcludingBiogenic"] = "-1"
    del footprint["companyName"]
    assert len(validate_footprint(footprint)) >= 2
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(footprint))
    with pytest.raises(CaseError) as caught:
        read_footprint(path)
    fields = {p.field for p in caught.value.problems}
    assert "footprint.pcf.pCfExcludingBiogenic" in fields and "footprint" in fields
    assert set(caught.value.rules) == {"pact-schema"}


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json")
    with pytest.raises(CaseError):
        read_footprint(path)
