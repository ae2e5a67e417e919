"""Issue 10 in a real browser: the association's journey through the finder and forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, url_of

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


def test_on_a_phone_the_finder_shows_the_essonne_grant_and_a_plan_after_the_form(new_context):
    """The issue's journey: association, Essonne, water, Senegal, 20 000 €, on a 390 × 844 phone."""
    from tests.browser.test_accessibility import assert_no_serious_violations

    page = new_context(**PHONE).new_page()
    page.goto("/dispositifs/")
    form = page.get_by_role("form", name="Quels dispositifs pour moi ?")
    form.get_by_label("Vous êtes").select_option(label="Association")
    form.get_by_label("Votre département").select_option("91")
    form.get_by_label("Thème du projet").select_option(label="Eau et assainissement")
    form.get_by_label("Pays du projet").select_option(label="Sénégal")
    form.get_by_label("Montant recherché (€)").fill("20 000")
    form.get_by_role("button", name="Voir les dispositifs").click()
    expect(page).to_have_url(re.compile(r"montant=20.000.*#resultats$"))

    plan = page.get_by_role("region", name="Un plan de financement possible")
    expect(plan).to_be_in_viewport()
    expect(plan).to_contain_text("Département de l'Essonne : jusqu'à 50 %")
    expect(plan).to_contain_text("Apport propre : 20 %")
    grant = plan.get_by_role("link", name="Soutien aux projets de solidarité internationale des acteurs essonniens")
    expect(grant).to_be_in_viewport()
    assert_no_serious_violations(page)


def test_on_a_phone_the_search_results_come_before_the_folded_filters(new_context):
    page = new_context(**PHONE).new_page()
    page.goto("/recherche?q=eau+S%C3%A9n%C3%A9gal&type=scheme")
    toggle = page.get_by_role("button", name="Filtres (1)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("group", name="Thème")).to_be_hidden()
    expect(page.get_by_text("Sénégal : pays partenaire")).to_be_in_viewport()
    toggle.click()
    expect(page.get_by_role("group", name="Thème")).to_be_visible()

    # On a large screen the filters are open and no button folds them.
    desktop = new_context(viewport={"width": 1280, "height": 900}).new_page()
    desktop.goto("/recherche?q=eau")
    expect(desktop.get_by_role("group", name="Thème")).to_be_visible()
    expect(desktop.get_by_role("button", name=re.compile(r"^Filtres \("))).to_be_hidden()


def test_on_a_phone_the_answered_finder_folds_and_the_results_come_first(new_context):
    page = new_context(**PHONE).new_page()
    page.goto("/dispositifs/")
    # Not answered yet: the questions are open, and the button offers to fold them.
    questions = page.get_by_role("form", name="Quels dispositifs pour moi ?")
    expect(questions).to_be_visible()
    page.goto("/dispositifs/?profil=association&departement=91&theme=eau-assainissement&pays=SN#resultats")
    toggle = page.get_by_role("button", name="Filtres (4)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(questions).to_be_hidden()
    expect(page.get_by_role("heading", name=re.compile("dispositifs? pour votre situation"))).to_be_in_viewport()
    toggle.click()
    expect(questions.get_by_label("Vous êtes")).to_have_value("association")

    # On a large screen the questions stay open, with no button.
    desktop = new_context(viewport={"width": 1280, "height": 900}).new_page()
    desktop.goto("/dispositifs/?profil=association")
    expect(desktop.get_by_role("form", name="Quels dispositifs pour moi ?")).to_be_visible()
    expect(desktop.get_by_role("button", name=re.compile(r"^Filtres \("))).to_be_hidden()


def test_on_a_phone_a_schemes_key_facts_come_before_its_description(new_context):
    page = new_context(**PHONE).new_page()
    page.goto("/dispositifs/?profil=association&departement=91")
    page.get_by_role("link", name="Soutien aux projets de solidarité internationale des acteurs essonniens").first.click()
    facts = page.get_by_role("complementary", name="L'essentiel")
    expect(facts).to_contain_text("jusqu'à 10 000")
    expect(facts.get_by_text("Date limite de dépôt")).to_be_in_viewport()
    expect(page.get_by_role("region", name="Comment déposer une demande")).to_contain_text("Règlement d'intervention")
