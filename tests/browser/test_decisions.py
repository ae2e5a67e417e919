"""Instruction and decisions in a real browser: agent91 opens the joint call's instruction
list (gauges and table), starts instructing a dossier and grants the Essonne's share;
agent93 grants the Seine-Saint-Denis's share and the dossier is accepted; association1
reads the decisions on its own dossier. axe on every new page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from app.demo.calls import JOINT_TITLE
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_no_serious_violations

pytestmark = pytest.mark.browser

DOSSIER = "Prévention santé avec les jeunes de Hanoï"
FILED = "Électricité solaire pour trois écoles de Dakar"


def _open_dossier(page: Page) -> None:
    page.goto("/appels/")
    page.get_by_role("link", name=JOINT_TITLE).first.click()
    page.get_by_role("link", name="Instruction des candidatures").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Instruction des candidatures")
    page.get_by_role("link", name=DOSSIER).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(DOSSIER)


def _decide(page: Page, member: str, amount: str, reference: str) -> None:
    page.get_by_role("link", name=f"Décider pour {member}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Décision du Département"))
    assert_no_serious_violations(page)
    page.get_by_label(re.compile("Montant attribué")).fill(amount)
    page.get_by_label("Référence de la délibération").fill(reference)
    page.get_by_label("Date de la délibération").fill("2027-03-20")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("a été enregistrée")).to_be_visible()


def test_two_members_decide_and_the_applicant_reads_its_decisions(new_context, officer_page: Page):
    page = officer_page
    page.goto("/appels/")
    page.get_by_role("link", name=JOINT_TITLE).first.click()
    page.get_by_role("link", name="Instruction des candidatures").click()
    expect(page.get_by_role("img", name=re.compile("Enveloppes"))).to_be_visible()
    expect(page.get_by_role("table", name="Enveloppes par cofinanceur")).to_be_visible()
    assert_no_serious_violations(page)
    page.get_by_role("link", name=DOSSIER).click()
    assert_no_serious_violations(page)
    page.get_by_role("button", name="Commencer l'instruction").click()
    expect(page.get_by_text("L'instruction du dossier a commencé.")).to_be_visible()
    _decide(page, "le Département de l'Essonne", "3 000", "CP 2027-91-12")
    expect(page.get_by_text(re.compile("attribué : 3"))).to_be_visible()

    page93 = new_context().new_page()
    log_in(page93, "agent93@example.org")
    _open_dossier(page93)
    _decide(page93, "le Département de la Seine-Saint-Denis", "1 500", "CP 2027-93-07")
    expect(page93.get_by_text(re.compile("attribué : 1"))).to_be_visible()
    expect(page93.locator("dd").filter(has_text="accepté")).to_be_visible()

    applicant = new_context().new_page()
    log_in(applicant, "association1@example.org")
    applicant.goto("/candidatures/")
    applicant.get_by_role("link", name=FILED).click()
    expect(applicant.get_by_role("heading", name="Décisions des cofinanceurs")).to_be_visible()
    expect(applicant.get_by_text(re.compile("attribués sur"))).to_have_count(2)
    expect(applicant.get_by_text("Alerte")).to_have_count(0)
    assert_no_serious_violations(applicant)
