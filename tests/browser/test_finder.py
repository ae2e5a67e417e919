"""Issue 10 in a real browser: the association's journey through the finder and forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import url_of

pytestmark = pytest.mark.browser

# Only this test edits this scheme (one partner territory in the demo data: Wuhan).
STUDENTS = "Mobilité internationale des étudiants essonniens"


def test_adding_a_partner_country_keeps_the_one_already_chosen(officer_page):
    page = officer_page
    page.goto(url_of(page, STUDENTS, "scheme"))
    page.get_by_role("link", name="Modifier", exact=True).click()
    picker = page.get_by_role("group", name="Pays ou territoires partenaires éligibles")
    wuhan = picker.get_by_role("checkbox", name="Wuhan (CN)")
    expect(wuhan).to_be_checked()

    # The filter box narrows the long list; accents are optional.
    box = picker.get_by_label("Filtrer la liste")
    box.fill("senegal")
    senegal = picker.get_by_role("checkbox", name="Sénégal", exact=True)
    expect(senegal).to_be_visible()
    expect(picker.get_by_role("checkbox", name="Mali", exact=True)).to_be_hidden()
    # Enter in the box does not send the form: it moves to the first match, Space ticks it.
    box.press("Enter")
    expect(senegal).to_be_focused()
    page.keyboard.press("Space")
    expect(senegal).to_be_checked()
    expect(wuhan).to_be_checked()

    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Le dispositif a été mis à jour.")).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name=re.compile("^Wuhan"))).to_be_visible()
    expect(main.get_by_role("link", name="Sénégal", exact=True)).to_be_visible()
