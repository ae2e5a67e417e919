"""The language switch keeps the reader on the same page."""

from __future__ import annotations

import gettext
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CATALOGUE = Path(__file__).resolve().parents[2] / "translations" / "en" / "LC_MESSAGES" / "messages.mo"
HEADING = "Dispositifs de financement"


def english(msgid: str) -> str | None:
    """The compiled English translation of ``msgid``, if the catalogue has one yet
    (the catalogue is being written alongside these tests)."""
    if not CATALOGUE.exists():
        return None
    with CATALOGUE.open("rb") as fp:
        translated = gettext.GNUTranslations(fp).gettext(msgid)
    return translated if translated != msgid else None


def language_link(page: Page, code: str):
    names = {"Langue", english("Langue") or "Langue"}
    switch = page.get_by_role("navigation", name=re.compile("^(" + "|".join(map(re.escape, names)) + ")$"))
    return switch.get_by_role("link", name=re.compile(rf"^{code}\b"))


def test_switching_language_keeps_the_page(page: Page):
    page.goto("/dispositifs/?departement=91")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADING)
    expect(language_link(page, "FR")).to_have_attribute("aria-current", "true")

    language_link(page, "EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    url = urlsplit(page.url)
    assert url.path == "/dispositifs/"
    assert parse_qs(url.query) == {"departement": ["91"], "lang": ["en"]}
    expect(language_link(page, "EN")).to_have_attribute("aria-current", "true")
    # What the catalogue translates shows in English (all of it, once the catalogue is done).
    expect(page.get_by_label(english("Votre département") or "Votre département")).to_have_value("91")
    translated = english(HEADING)
    if translated:
        expect(page.get_by_role("heading", level=1)).to_have_text(translated)

    # The choice sticks to the visit: the next page is in English too.
    menu = page.get_by_role("navigation", name=english("Menu principal") or "Menu principal")
    menu.get_by_role("link", name=english("Territoires") or "Territoires", exact=True).click()
    expect(page).to_have_url(re.compile(r"/territoires/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/dispositifs/\?"))
    language_link(page, "FR").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    url = urlsplit(page.url)
    assert url.path == "/dispositifs/"
    assert parse_qs(url.query) == {"departement": ["91"], "lang": ["fr"]}
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADING)
    expect(page.get_by_label("Votre département")).to_have_value("91")


def test_a_cards_labels_take_the_colon_of_the_pages_language(page: Page):
    """« Financeur : » in French, "Funder:" in English (the colon is the stylesheet's)."""
    after = "document.querySelector('.card__details dt') && getComputedStyle(document.querySelector('.card__details dt'), '::after').content"
    page.goto("/dispositifs/")
    page.wait_for_load_state()
    assert page.evaluate(after) == '" :"'
    page.goto("/dispositifs/?lang=en")
    page.wait_for_load_state()
    assert page.evaluate(after) == '":"'
