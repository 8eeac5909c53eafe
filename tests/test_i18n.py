"""English and Dutch: the gettext catalogue is complete, packaged, and used by every output."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from lcacompare.i18n import LANGUAGES, catalogue_path, translator
from lcacompare.i18n.extract import extract_messages

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dutch():
    from babel.messages.pofile import read_po

    with catalogue_path("nl").open("rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_dutch_catalogue_translates_every_message_the_code_shows(dutch):
    shown = list(extract_messages())
    assert len(shown) > 150
    missing = [m for m in shown if m not in dutch or not dutch[m].string]
    assert not missing, f"add these to locale/nl/LC_MESSAGES/lcacompare.po: {missing}"


def test_dutch_catalogue_holds_no_message_the_code_no_longer_shows(dutch):
    shown = set(extract_messages())
    stale = [m.id for m in dutch if m.id and m.id not in shown]
    assert not stale, f"python -m lcacompare.i18n.extract drops these: {stale}"


def test_dutch_translations_keep_every_placeholder(dutch):
    for message in dutch:
        if message.id:
            assert _fields(message.string) == _fields(message.id), message.id


def test_dutch_reads_as_a_buyer_writes(dutch):
    words = " ".join(m.string for m in dutch if m.id).lower()
    for term in ("aanbesteding", "levenscycluskosten", "kosten per gebruik", "terugverdienpunt"):
        assert term in words


def test_unknown_language_is_refused_with_the_offered_ones():
    with pytest.raises(ValueError, match="en, nl"):
        translator("fr")


def test_english_is_the_source_text():
    assert translator("en").gettext("Summary") == "Summary"
    assert translator("nl").gettext("Summary") == "Samenvatting"
    assert set(LANGUAGES) == {"en", "nl"}


def test_babel_is_a_dependency_and_the_catalogue_is_package_data():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(re.match(r"babel\b", d, re.I) for d in project["project"]["dependencies"])
    data = project["tool"]["setuptools"]["package-data"]["lcacompare"]
    assert "i18n/locale/*/LC_MESSAGES/*.po" in data
    assert catalogue_path("nl").is_file()


@pytest.fixture(scope="module")
def kocher():
    import json

    doc = json.loads((ROOT / "tests" / "data" / "expected" / "kocher-clamp.json").read_text(encoding="utf-8"))
    doc["schema"] = "lcacompare.result/2"
    return doc


def test_dutch_report_has_dutch_headings_and_number_formats(kocher):
    from lcacompare.report.html import render_html

    page = render_html(kocher, lang="nl")
    assert '<html lang="nl">' in page
    for heading in ("Oordeel", "Bijlage: de volledige analyse", "Resultaten per gebruik", "Terugverdienpunt"):
        assert heading in page
    assert "EUR 10.100 minder" in page
    assert "Results per use" not in page and "Appendix" not in page


def test_dutch_workbook_has_dutch_sheet_names_and_headers(kocher):
    import io

    from openpyxl import load_workbook

    from lcacompare.report.xlsx import render_xlsx, sheet_titles

    workbook = load_workbook(io.BytesIO(render_xlsx(kocher, lang="nl")))
    assert workbook.sheetnames[:2] == ["Samenvatting", "Resultaten per gebruik"]
    assert set(workbook.sheetnames) <= set(sheet_titles("nl").values())
    inputs = workbook[sheet_titles("nl")["inputs"]]
    assert [c.value for c in inputs[1]][:4] == ["Soort", "Optie", "Invoer", "Waarde"]


def test_run_prints_the_verdict_in_the_language_asked_and_writes_the_summary_alone(tmp_path):
    from typer.testing import CliRunner

    from lcacompare.cli import app

    result = CliRunner().invoke(
        app,
        [
            "run",
            "kocher-clamp",
            "--samples",
            "200",
            "--no-sensitivity",
            "--lang",
            "nl",
            "--report",
            "summary",
            "--output",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert " in plaats van " in result.output and "per gebruik" in result.output
    written = sorted(p.name for p in (tmp_path / "kocher-clamp").iterdir())
    assert written == ["summary.html"]
    page = (tmp_path / "kocher-clamp" / "summary.html").read_text(encoding="utf-8")
    assert "Datakwaliteit" in page and "<svg" not in page


def test_run_refuses_an_unknown_language(tmp_path):
    from typer.testing import CliRunner

    from lcacompare.cli import app

    result = CliRunner().invoke(app, ["run", "kocher-clamp", "--lang", "fr", "--output", str(tmp_path)])
    assert result.exit_code == 2


def test_case_lang_sets_the_language_and_the_option_wins(tmp_path):
    from typer.testing import CliRunner

    from lcacompare.cli import app

    shipped = ROOT / "lcacompare" / "data" / "cases" / "kocher-clamp.yaml"
    case = tmp_path / "kocher-nl.yaml"
    case.write_text(shipped.read_text(encoding="utf-8") + "\nlang: nl\n", encoding="utf-8")
    common = ["--samples", "0", "--no-sensitivity", "--report", "summary", "--output", str(tmp_path / "out")]
    dutch = CliRunner().invoke(app, ["run", str(case), *common])
    assert dutch.exit_code == 0, dutch.output
    assert " in plaats van " in dutch.output
    english = CliRunner().invoke(app, ["run", str(case), "--lang", "en", *common])
    assert english.exit_code == 0 and " instead of " in english.output
