"""The funded projects as a visitor reads them, on a phone: the menu leads there, the
list and a project's page pass axe, and the funding table stacks without sideways
scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_serious_violations, fits_the_screen

pytestmark = pytest.mark.browser

FUNDED = "Électricité solaire pour trois écoles de Dakar"


def test_a_visitor_reads_a_funded_project_on_a_phone(new_context):
    page = new_context(viewport={"width": 375, "height": 740}).new_page()
    page.goto("/")
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible():
        toggle.click()
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Projets financés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projets financés")
    fits_the_screen(page)
    assert_no_serious_violations(page)

    page.get_by_role("link", name=FUNDED).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FUNDED)
    table = page.locator("table.project-fundings")
    expect(table.get_by_role("rowheader").first).to_be_visible()
    expect(table).to_contain_text("Région Île-de-France")
    fits_the_screen(page)
    assert_no_serious_violations(page)
