"""Applications in a real browser: association1 reads its filed dossier, its first version
and its list; association2's draft form refuses a bad amount and keeps it; axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_no_serious_violations

pytestmark = pytest.mark.browser

FILED = "Électricité solaire pour trois écoles de Dakar"


def test_association1_reads_its_filed_dossier(page: Page):
    log_in(page, "association1@example.org")
    page.goto("/compte")
    page.get_by_role("link", name="Mes candidatures aux appels à projets").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mes candidatures")
    assert_no_serious_violations(page)
    page.get_by_role("link", name=FILED).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(FILED)
    # Filed, then decided by the Région and the 91 (the decisions' demo).
    expect(page.get_by_text("accepté", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer le brouillon")).to_have_count(0)
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Version 1, déposée le", exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 du dossier")
    assert_no_serious_violations(page)


def test_association2_draft_refuses_a_bad_amount_and_keeps_it(page: Page):
    log_in(page, "association2@example.org")
    page.goto("/candidatures/")
    page.get_by_role("link", name="Maraîchage et gestion de l'eau dans la vallée du fleuve").click()
    expect(page.get_by_role("button", name="Enregistrer le brouillon")).to_be_visible()
    assert_no_serious_violations(page)
    page.get_by_label("Dépense 1 : montant").fill("10,555")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("alert")).to_contain_text("Montant invalide")
    expect(page.get_by_label("Dépense 1 : montant")).to_have_value("10,555")
    assert_no_serious_violations(page)
