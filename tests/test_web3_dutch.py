"""The pages fully in Dutch: the verdict in the report's words, locale numbers, the problems' frame and rule titles."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from lcacompare.i18n import translator
from lcacompare.method.catalogue import RULES
from lcacompare.report.buyers_page import buyers_page
from lcacompare.report.formatting import eur, significant
from lcacompare.report.verdict import threshold_of
from lcacompare.result import as_result
from lcacompare.web.app import create_app
from lcacompare.web.cases import shipped_text
from lcacompare.web.rule_titles import RULE_TITLES, rule_title


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with TestClient(create_app(tmp_path_factory.mktemp("workspace"))) as c:
        c.get("/")
        yield c


@pytest.fixture(scope="module")
def run(client):
    answer = client.post("/api/v1/runs", json={"case": "kocher-clamp", "samples": 200, "seed": 3})
    assert answer.status_code == 201, answer.text
    run_id = answer.json()["run_id"]
    return run_id, as_result(client.get(f"/api/v1/runs/{run_id}/result").json())


def _verdict(page: str) -> str:
    found = re.search(r'<p class="verdict" id="verdict">(.*?)</p>', page, re.S)
    assert found is not None
    return html.unescape(found.group(1))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_verdict_is_the_reports_buyers_page_wording_in_the_page_language(client, run, lang):
    run_id, result = run
    threshold = threshold_of(result, 0.95)
    expected = " ".join(line.sentence for line in buyers_page(result, threshold, lang).lines)
    assert _verdict(client.get(f"/runs/{run_id}?lang={lang}").text) == expected


def test_dutch_and_english_verdicts_differ(client, run):
    run_id, _ = run
    assert _verdict(client.get(f"/runs/{run_id}?lang=nl").text) != _verdict(client.get(f"/runs/{run_id}?lang=en").text)


def test_results_page_numbers_are_in_the_locale_format(client, run):
    run_id, result = run
    page = client.get(f"/runs/{run_id}?lang=nl").text
    cells = dict(re.findall(r'<td class="(?:co2e|cost)" data-value="([^"]+)">([^<]+)</td>', page))
    for option in result.options:
        assert cells[repr(option.kg_co2e_per_use)] == significant(option.kg_co2e_per_use, lang="nl")
        assert cells[repr(option.eur_per_use)] == eur(option.eur_per_use, lang="nl")
    # a fraction of a kg is written with a decimal comma in Dutch, a point in English
    small = next(o.kg_co2e_per_use for o in result.options if 0 < o.kg_co2e_per_use < 1)
    assert "," in significant(small, lang="nl") and "." in significant(small)


def test_problems_frame_and_rule_titles_are_in_dutch(client):
    broken = (shipped_text("kocher-clamp") or "").replace("value: 85 g", "value: -85 g")
    answer = client.post(
        "/upload",
        data={"csrf_token": client.cookies.get("lcacompare_csrf")},
        files={"file": ("broken.yaml", broken.encode())},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"] + "?lang=nl").text
    items = re.findall(r'<li class="problem" data-field="[^"]+" data-rule="([^"]+)">(.*?)</li>', page, re.S)
    assert {"negative-amount", "distribution-fields"} <= {rule for rule, _ in items}
    for rule, text in items:
        dutch = translator("nl").gettext(RULES[rule].summary)
        assert "(verwacht: " in text and "[regel " in text and "(expected:" not in text
        assert f'<small class="rule">controle <code>{rule}</code>: {html.escape(dutch)}</small>' in text
        assert dutch != RULES[rule].summary


def test_rule_titles_are_the_catalogue_summaries_and_all_translated():
    assert set(RULE_TITLES) <= set(RULES)
    assert all(RULE_TITLES[rule] == RULES[rule].summary for rule in RULE_TITLES)
    nl = translator("nl").gettext
    assert all(rule_title(rule, nl) != RULES[rule].summary for rule in RULE_TITLES)
    assert rule_title("serve", nl) == "serve"  # command-line rules are shown by their id
