"""A request filled with a case's own figures imports back to the same numbers, each from the supplier."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lcacompare import compare, load_case
from lcacompare.data import shipped_case, shipped_case_names
from lcacompare.exchange.answers import Supplier, answers_from_case
from lcacompare.exchange.importer import import_workbook, load_declaration, write_import
from lcacompare.exchange.request import build_request
from lcacompare.exchange.template import template_digest
from lcacompare.exchange.to_case import NMD_PENALTY, ImportOptions

SUPPLIER = Supplier(
    company="Acme Surgical NV",
    contact="An Peeters",
    email="an.peeters@acme.example",
    date=dt.date(2026, 3, 2),
)


def _case(name: str):
    with shipped_case(name) as path:
        return Path(path).read_text(encoding="utf-8"), load_case(path)


def _filled(tmp_path: Path, name: str, option_id: str, supplier: Supplier = SUPPLIER) -> Path:
    text, case = _case(name)
    answers = answers_from_case(case, option_id, supplier, request_digest=template_digest(text, option_id))
    path = tmp_path / f"{name}-{option_id}.xlsx"
    path.write_bytes(build_request(text, case, option_id, answers=answers))
    return path


def _close(a: float, b: float) -> bool:
    return a == pytest.approx(b, rel=1e-9, abs=1e-15)


def _same_numbers(a, b) -> list[str]:
    """Names of the per-use figures that differ by more than 1e-9 relative."""
    differ = []
    for name in (
        "kg_co2e_per_use",
        "credits_kg_co2e_per_use",
        "eur_per_use",
        "virgin_material_kg_per_use",
        "waste_kg_per_use",
        "water_m3_per_use",
        "expected_uses",
    ):
        if not _close(getattr(a, name), getattr(b, name)):
            differ.append(name)
    for name in ("kg_co2e_by_module", "eur_by_category", "waste_kg_by_stream"):
        left, right = getattr(a, name), getattr(b, name)
        if set(left) != set(right) or any(not _close(left[k], right[k]) for k in left):
            differ.append(name)
    return differ


CASES = [(name, option.id) for name in shipped_case_names() for option in _case(name)[1].options]


@pytest.mark.parametrize(("name", "option_id"), CASES)
def test_a_request_filled_with_the_cases_own_figures_imports_to_the_same_numbers(tmp_path, name, option_id):
    _, case = _case(name)
    imported = import_workbook(_filled(tmp_path, name, option_id)).case
    original, again = compare(case), compare(imported)
    for option in case.options:
        assert _same_numbers(original.option(option.id), again.option(option.id)) == [], option.id


def test_every_imported_number_names_the_supplier_with_date_contact_and_evidence(tmp_path):
    imported = import_workbook(_filled(tmp_path, "kocher-clamp", "reusable-cssd")).case
    option = imported.option("reusable-cssd")
    sources = [line.source for line in option.inventory] + [cost.source for cost in option.costs]
    sources += [option.sources[key] for key in ("uses_per_life", "loss_rate", "cycle.capacity")]
    assert sources and all(s and s.startswith("supplier declaration: Acme Surgical NV, 2026-03-02") for s in sources)
    assert all("An Peeters" in s and "evidence: case figure" in s for s in sources)
    assert {line.pedigree[0] for line in option.inventory} == {3}  # evidence named, not verified


def test_other_options_of_the_case_keep_the_buyers_figures(tmp_path):
    _, case = _case("kocher-clamp")
    imported = import_workbook(_filled(tmp_path, "kocher-clamp", "single-use")).case
    assert imported.option("reusable-cssd") == case.option("reusable-cssd")


def test_a_verified_declaration_scores_reliability_two_and_no_evidence_four(tmp_path):
    verified = SUPPLIER.model_copy(update={"verified": True, "verifier": "Bureau Check"})
    option = import_workbook(_filled(tmp_path, "kocher-clamp", "single-use", verified)).case.option("single-use")
    assert {line.pedigree[0] for line in option.inventory} == {2}
    assert "verified by Bureau Check" in option.inventory[0].source


def test_the_unverified_data_penalty_is_off_by_default_and_scales_unverified_amounts(tmp_path):
    path = _filled(tmp_path, "kocher-clamp", "single-use")
    plain = compare(import_workbook(path).case).option("single-use").kg_co2e_per_use
    penalised = import_workbook(path, options=ImportOptions(unverified_penalty=NMD_PENALTY)).case
    assert compare(penalised).option("single-use").kg_co2e_per_use == pytest.approx(1.3 * plain, rel=1e-9)
    assert "Nationale Milieudatabase" in (penalised.option("single-use").note or "")


def test_the_penalty_leaves_a_verified_declaration_alone(tmp_path):
    verified = SUPPLIER.model_copy(update={"verified": True, "verifier": "Bureau Check"})
    path = _filled(tmp_path, "kocher-clamp", "single-use", verified)
    plain = compare(import_workbook(path).case).option("single-use").kg_co2e_per_use
    penalised = import_workbook(path, options=ImportOptions(unverified_penalty=NMD_PENALTY)).case
    assert compare(penalised).option("single-use").kg_co2e_per_use == pytest.approx(plain, rel=1e-12)


def test_the_written_case_loads_as_a_case_file_and_keeps_its_declaration_beside_it(tmp_path):
    result = import_workbook(_filled(tmp_path, "kocher-clamp", "single-use"))
    written = write_import(result, tmp_path / "out" / "kocher-acme.yaml")
    assert [p.name for p in written] == ["kocher-acme.yaml", "kocher-acme.supplier.yaml"]
    again = load_case(written[0])
    assert compare(again).option("single-use").kg_co2e_per_use == pytest.approx(
        compare(result.case).option("single-use").kg_co2e_per_use, rel=1e-12
    )
    assert load_declaration(written[1]).supplier.company == "Acme Surgical NV"
