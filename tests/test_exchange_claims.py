"""Claims and substances: each with its evidence or "no evidence given"; biodegradable-but-incinerated flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lcacompare import load_case
from lcacompare.data import shipped_case
from lcacompare.exchange.answers import Claim, Substances, Supplier, TakeBack, answers_from_case
from lcacompare.exchange.check import check_supplier_data, render_markdown
from lcacompare.exchange.claims import NO_EVIDENCE, review_claims
from lcacompare.exchange.importer import import_workbook
from lcacompare.exchange.request import build_request
from lcacompare.exchange.template import template_digest

SUPPLIER = Supplier(company="Acme", contact="An", email="an@acme.example", date=dt.date(2026, 3, 2))


def _answers(**update):
    with shipped_case("kocher-clamp") as path:
        text, case = Path(path).read_text(encoding="utf-8"), load_case(path)
    answers = answers_from_case(case, "single-use", SUPPLIER, request_digest=template_digest(text, "single-use"))
    return text, case, answers.model_copy(update=update)


def _flags(findings, claim):
    return [flag for f in findings if f.claim == claim for flag in f.flags]


def test_a_biodegradable_claim_whose_stated_route_is_incineration_is_flagged():
    _, _, answers = _answers(
        claims=(Claim(claim="biodegradable", detail="pouch film", evidence="EN 13432 test"),),
        take_back=TakeBack(route="incineration"),
    )
    assert any("incineration" in flag for flag in _flags(review_claims(answers), "biodegradable"))


def test_a_biodegradable_claim_is_flagged_when_the_end_of_life_lines_are_landfill_or_incineration():
    _, _, answers = _answers(claims=(Claim(claim="compostable"),), take_back=TakeBack(route="composting"))
    assert _flags(review_claims(answers, ["incineration-pp-pe"]), "compostable")
    assert not _flags(review_claims(answers, ["recycling-paper-cardboard"]), "compostable")


def test_each_claim_shows_its_evidence_or_no_evidence_given():
    claims = (
        Claim(claim="recycled content", detail="steel", share_percent=50, evidence="mill certificate 2025"),
        Claim(claim="bio-based content", detail="film", share_percent=30),
    )
    findings = review_claims(_answers(claims=claims)[2])
    by_claim = {f.claim: f.evidence for f in findings}
    assert by_claim["recycled content"] == "mill certificate 2025" and by_claim["bio-based content"] == NO_EVIDENCE


def test_a_type_one_ecolabel_needs_a_certificate_number_and_a_valid_date():
    bare = review_claims(_answers(claims=(Claim(claim="type I ecolabel", detail="Nordic Swan"),))[2])
    assert len(_flags(bare, "type I ecolabel")) == 2
    expired = Claim(
        claim="type I ecolabel", detail="EU Ecolabel", certificate="DK/1/2", valid_until=dt.date(2025, 1, 1)
    )
    assert any("expired" in f for f in _flags(review_claims(_answers(claims=(expired,))[2]), "type I ecolabel"))
    valid = expired.model_copy(update={"valid_until": dt.date(2028, 1, 1)})
    assert not _flags(review_claims(_answers(claims=(valid,))[2]), "type I ecolabel")


def test_dehp_above_the_threshold_is_flagged_by_name():
    answers = _answers(substances=Substances(dehp=True, dehp_percent=12, evidence="SDS"))[2]
    flags = _flags(review_claims(answers), "DEHP above 0.1 % by mass")
    assert flags and "DEHP" in flags[0] and "MDR" in flags[0]
    clean = _answers(substances=Substances(dehp=False, other_svhc=False))[2]
    assert not _flags(review_claims(clean), "DEHP above 0.1 % by mass")


def test_claims_typed_in_the_workbook_reach_the_report_after_import(tmp_path):
    text, case, answers = _answers(
        claims=(Claim(claim="biodegradable", detail="peel pouch"),), take_back=TakeBack(route="incineration")
    )
    path = tmp_path / "request.xlsx"
    path.write_bytes(build_request(text, case, "single-use", answers=answers))
    result = import_workbook(path)
    report = render_markdown(check_supplier_data(result.case, declaration=result.answers))
    assert "| biodegradable | peel pouch | no evidence given |" in report
    assert "will not biodegrade" in report
