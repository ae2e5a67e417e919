"""Calls for projects in a real browser: the public pages and the officer's forms, each
checked with axe; the Essonne officer answers for its envelope with a bad amount first."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import assert_no_serious_violations

pytestmark = pytest.mark.browser

JOINT = "Appel à projets conjoint « Solidarité internationale » 2027"


def test_the_public_finds_the_open_joint_call_with_its_cofunders(page: Page):
    page.goto("/")
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Appels à projets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appels à projets")
    assert_no_serious_violations(page)
    page.get_by_role("link", name=JOINT).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(JOINT)
    expect(page.get_by_text("(heure de Paris)").first).to_be_visible()
    table = page.get_by_role("table").first
    for name in ("Région Île-de-France", "Essonne", "Seine-Saint-Denis", "Val-de-Marne"):
        expect(table).to_contain_text(name)
    assert_no_serious_violations(page)


def test_the_officer_form_and_envelope_pages_have_no_serious_axe_violation(officer_page: Page):
    page = officer_page
    page.goto("/appels/nouveau")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvel appel à projets")
    assert_no_serious_violations(page)
    page.get_by_label("Montant de l'enveloppe du chef de file (€)").fill("1e9")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_no_serious_violations(page)

    page.goto("/appels/")
    page.get_by_role("link", name=JOINT).first.click()
    page.get_by_role("link", name=re.compile("Modifier l'enveloppe")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Enveloppe du Département de l'Essonne")
    page.get_by_label("Montant de l'enveloppe (€)").fill("10,555")
    page.get_by_role("button", name="Enregistrer l'enveloppe").click()
    expect(page.get_by_role("alert")).to_contain_text("Montant invalide")
    assert_no_serious_violations(page)
