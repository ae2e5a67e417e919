"""A visitor asks "which schemes fit me?"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from app.demo.data import SCHEMES

pytestmark = pytest.mark.browser

AMIE = "AMIE – Aide à la mobilité internationale des étudiants franciliens"


def test_which_schemes_fit_a_student_in_essonne_open_today(page: Page):
    # The demo data dates AMIE from the day of loading: open from 60 days ago to 120 days on.
    amie = next(s for s in SCHEMES if s["name"] == AMIE)
    assert "etudiant" in amie["beneficiaries"] and amie["window"][0] <= 0 <= amie["window"][1]

    page.goto("/dispositifs/")
    form = page.get_by_role("form", name="Quels dispositifs pour moi ?")
    form.get_by_label("Vous êtes").select_option(label="Étudiant ou étudiante")
    form.get_by_label("Votre département").select_option(label="Essonne (91)")
    form.get_by_label("Seulement les dispositifs ouverts aujourd'hui").check()
    form.get_by_role("button", name="Voir les dispositifs").click()

    expect(page).to_have_url(re.compile(r"[?&]profil=etudiant(&|#|$)"))
    expect(page).to_have_url(re.compile(r"[?&]departement=91(&|#|$)"))
    expect(page).to_have_url(re.compile(r"[?&]ouvert=1(&|#|$)"))
    # The form remembers the answers.
    expect(form.get_by_label("Vous êtes")).to_have_value("etudiant")
    expect(form.get_by_label("Votre département")).to_have_value("91")
    expect(form.get_by_label("Seulement les dispositifs ouverts aujourd'hui")).to_be_checked()

    results = page.get_by_role("region", name=re.compile(r"dispositifs? pour votre situation$"))
    count = int(re.match(r"\d+", results.get_by_role("heading", level=2).inner_text()).group(0))
    cards = results.get_by_role("list").first.get_by_role("listitem").filter(
        has=page.get_by_role("heading", level=3)
    )
    expect(cards).to_have_count(count)
    assert count > 0
    for card in cards.all():
        title = card.get_by_role("heading", level=3).inner_text()
        expect(card.get_by_text("Ouvert", exact=True), title).to_be_visible()
        expect(card.get_by_text(re.compile(r"^(Fermé|À venir)$"))).to_have_count(0)
    expect(results.get_by_role("link", name=AMIE, exact=True)).to_be_visible()
