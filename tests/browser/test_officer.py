"""A member's officer edits, unpublishes and republishes a scheme; meets what is not theirs.

The edit journey writes to the browser tests' database: it works on a scheme of its own
("Accompagnement du Centre de ressources essonnien") that no other browser test uses.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import OFFICER_91, log_in, url_of

pytestmark = pytest.mark.browser

EDITED = "Accompagnement du Centre de ressources essonnien"
NEW_NAME = f"{EDITED} — édition navigateur"


def flash(page: Page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def search_from_header(page: Page, text: str) -> None:
    box = page.get_by_role("combobox", name="Rechercher sur le portail")
    box.fill(text)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche\?q="))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^(Aucun résultat|\d+ résultats?)"))).to_be_visible()


def results(page: Page):
    return page.get_by_role("region", name=re.compile(r"^(Aucun résultat|\d+ résultats?)"))


def test_officer_edits_unpublishes_and_republishes_a_scheme(new_context):
    officer = new_context().new_page()
    visitor = new_context().new_page()

    log_in(officer, OFFICER_91)
    expect(officer.get_by_text("Agent de l'Essonne")).to_be_visible()

    # Find the scheme among Essonne's, as an officer would.
    officer.goto("/dispositifs/")
    officer.get_by_label("Financeur").select_option(label="Département de l'Essonne")
    officer.get_by_role("button", name="Voir les dispositifs").click()
    officer.get_by_role("link", name=EDITED, exact=True).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(EDITED)
    scheme_url = officer.url

    officer.get_by_role("link", name="Modifier", exact=True).click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Modifier le dispositif")
    name = officer.get_by_label("Nom du dispositif")
    expect(name).to_have_value(EDITED)
    name.fill(NEW_NAME)
    officer.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(flash(officer, "Le dispositif a été mis à jour.")).to_be_visible()
    expect(officer.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    expect(officer.get_by_text("Ouvert", exact=True)).to_be_visible()

    # Unpublished: a draft for the officer, gone for the public.
    officer.get_by_role("button", name="Dépublier").click()
    expect(flash(officer, "Le dispositif est dépublié : il n'est plus visible du public.")).to_be_visible()
    expect(officer.get_by_text("Brouillon", exact=True)).to_be_visible()
    expect(officer.get_by_role("button", name="Publier", exact=True)).to_be_visible()
    draft_url = officer.url

    for url in (scheme_url, draft_url):
        response = visitor.goto(url)
        assert response.status == 404, (url, response.status)
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Page introuvable")
        expect(visitor.get_by_text(NEW_NAME)).to_have_count(0)
    search_from_header(visitor, NEW_NAME)
    expect(results(visitor).get_by_role("link", name=NEW_NAME)).to_have_count(0)

    # Published again: found by its new name through the header search box.
    officer.get_by_role("button", name="Publier", exact=True).click()
    expect(flash(officer, "Le dispositif est publié.")).to_be_visible()
    expect(officer.get_by_text("Ouvert", exact=True)).to_be_visible()
    search_from_header(officer, NEW_NAME)
    found = results(officer).get_by_role("link", name=NEW_NAME, exact=True)
    expect(found).to_be_visible()

    search_from_header(visitor, NEW_NAME)
    found = results(visitor).get_by_role("link", name=NEW_NAME, exact=True)
    expect(found).to_be_visible()
    found.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    expect(visitor.get_by_role("link", name="Modifier", exact=True)).to_have_count(0)


@pytest.mark.parametrize(("title", "funder"), [
    ("Financement des projets de solidarité internationale", "Département de la Seine-Saint-Denis"),
    ("AMIE – Aide à la mobilité internationale des étudiants franciliens", "Région Île-de-France"),
])
def test_officer_cannot_edit_another_members_scheme(officer_page: Page, title: str, funder: str):
    page = officer_page
    page.goto(url_of(page, title, "scheme"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("complementary").get_by_role("link", name=funder)).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(page.get_by_role("link", name="Modifier", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile(r"^(Dépublier|Publier)$"))).to_have_count(0)

    scheme_id = re.search(r"/dispositifs/(\d+)", page.url).group(1)
    response = page.goto(f"/dispositifs/{scheme_id}/modifier")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    expect(page.get_by_label("Nom du dispositif")).to_have_count(0)


def test_a_form_with_errors_keeps_what_was_typed(officer_page: Page):
    page = officer_page
    page.goto("/dispositifs/nouveau")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau dispositif")
    page.get_by_label("Nom du dispositif").fill("Bourse des jeunes reporters essonniens")
    page.get_by_label("Montant maximum (€)").fill("douze")
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    summary = page.get_by_role("alert").filter(has=page.get_by_role("heading", name=re.compile("Le formulaire contient")))
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Erreur : "))
    error_link = summary.get_by_role("link", name=re.compile(r"^Montant maximum \(€\) : "))
    expect(error_link).to_be_visible()

    expect(page.get_by_label("Nom du dispositif")).to_have_value("Bourse des jeunes reporters essonniens")
    amount = page.get_by_label("Montant maximum (€)")
    expect(amount).to_have_value("douze")
    expect(amount).to_have_attribute("aria-invalid", "true")

    # The summary's link takes the reader to the field.
    error_link.click()
    expect(page).to_have_url(re.compile(r"#amount_max$"))
    expect(amount).to_be_in_viewport()
