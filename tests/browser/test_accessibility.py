"""Accessibility: axe-core (WCAG 2.1 A and AA rules) on the pages, and the keyboard.

axe comes with the ``axe-playwright-python`` package (its own copy of axe-core, nothing
from a CDN); it is evaluated in the page through the DevTools protocol, which the
portal's Content-Security-Policy (``script-src 'self'``) does not govern, so the pages
are checked with their real CSP.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_no_serious_violations, url_of

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/recherche?q=eau",
    "/acteurs/",
    ("actor", "Via le monde"),
    "/dispositifs/",
    ("scheme", "AMIE – Aide à la mobilité internationale des étudiants franciliens"),
    "/territoires/",
    "/territoires/93",
    "/territoires/SN",
    "/reseau/",
    "/connexion",
    "/accessibilite",
]


@pytest.mark.parametrize("where", PAGES, ids=lambda w: w if isinstance(w, str) else w[0])
def test_public_page_has_no_serious_axe_violation(page: Page, where):
    path = where if isinstance(where, str) else url_of(page, where[1], where[0])
    response = page.goto(path)
    assert response.status == 200, (path, response.status)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_serious_violations(page)


def test_scheme_edit_form_has_no_serious_axe_violation(officer_page: Page):
    page = officer_page
    path = url_of(page, "Soutien aux projets de solidarité internationale des acteurs essonniens", "scheme")
    scheme_id = re.search(r"/dispositifs/(\d+)", path).group(1)
    response = page.goto(f"/dispositifs/{scheme_id}/modifier")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier le dispositif")
    assert_no_serious_violations(page)


def test_form_errors_have_no_serious_axe_violation(officer_page: Page):
    page = officer_page
    page.goto("/dispositifs/nouveau")
    page.get_by_label("Montant minimum (€)").fill("beaucoup")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_serious_violations(page)


def test_open_type_ahead_has_no_serious_axe_violation(page: Page):
    page.goto("/")
    page.get_by_role("combobox", name="Rechercher sur le portail").press_sequentially("dak", delay=50)
    expect(page.get_by_role("listbox", name="Suggestions").get_by_role("option").first).to_be_visible()
    assert_no_serious_violations(page)


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(page: Page):
    page.goto("/dispositifs/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # visible when focused, not only to screen readers

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#contenu$"))
    main = page.get_by_role("main")
    expect(main).to_be_focused()
    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert focused_in_main
