"""The pages in Dutch and English: the language from ?lang=, remembered in a cookie, texts from the catalogues."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lcacompare.i18n.extract import extract_messages
from lcacompare.web.app import create_app


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(tmp_path)) as c:
        yield c


def test_home_page_in_dutch_has_dutch_headings(client):
    page = client.get("/?lang=nl").text
    assert '<html lang="nl">' in page
    for heading in ("Meegeleverde casussen", "Casussen in de werkruimte", "Recente berekeningen"):
        assert f"<h2>{heading}</h2>" in page
    assert "<h2>Shipped cases</h2>" not in page


def test_case_page_in_dutch_has_dutch_headings_and_labels(client):
    page = client.get("/cases/kocher-clamp?lang=nl").text
    for heading in ("Instellingen", "Opties", "Kerngetallen en parameters", "Berekenen"):
        assert f"<h2>{heading}</h2>" in page
    assert '<label for="samples">Trekkingen</label>' in page
    assert "<h2>Settings</h2>" not in page and "Save to workspace" not in page


def test_english_is_the_default_and_the_chosen_language_is_remembered(client):
    assert "<h2>Shipped cases</h2>" in client.get("/").text
    client.get("/?lang=nl")
    assert "<h2>Instellingen</h2>" in client.get("/cases/kocher-clamp").text
    assert "<h2>Settings</h2>" in client.get("/cases/kocher-clamp?lang=en").text


def test_an_unknown_language_falls_back_to_english(client):
    page = client.get("/?lang=xx").text
    assert '<html lang="en">' in page and "<h2>Shipped cases</h2>" in page


def test_the_catalogue_covers_the_web_pages_texts():
    shown = set(extract_messages())
    assert {"Shipped cases", "Compare two runs", "case digest (SHA-256 of the case text)"} <= shown
