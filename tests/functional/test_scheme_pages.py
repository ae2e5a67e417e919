"""A scheme's page as an association reads it: the facts first, the conditions to check,
how to apply (steps, documents, a contact), the legal basis, schemes of other funders on
the same theme or country, and the open call when there is one."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
import sqlalchemy as sa

from app.actors.models import FundingScheme
from app.calls import services as call_services
from app.core.db import utcnow
from app.extensions import db
from tests.conftest import hidden_fields

FORM = {
    "name": "Soutien aux projets de solidarité internationale",
    "funder": "91",
    "summary": "Subventions aux projets internationaux des acteurs de l'Essonne.",
    "description": "Tout projet international dans l'un des quatre domaines prioritaires.",
    "beneficiaries": ["association"],
    "departements": ["91"],
    "amount_max": "10 000",
    "max_rate": "50",
    "recurrence": "annual",
    "legal_basis": "Article L1115-1 du CGCT",
    "conditions": "Le siège de l'association est en Essonne.\nL'association existe depuis au moins un an.",
    "how_to_apply": "Prenez rendez-vous avec le Centre de ressources.\n\nDéposez le dossier complet.",
    "documents": "Règlement d'intervention | https://www.essonne.fr/reglement.pdf\n"
                 "Dossier de demande | https://www.essonne.fr/dossier.docx\nStatuts de l'association",
    "contact_name": "Claire Martin",
    "contact_email": "solidarite@essonne.fr",
}


@pytest.fixture
def officer(make_user, make_member):
    return make_user("officer", member="91")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def create(client, data):
    return client.post("/dispositifs/nouveau", data={**hidden_fields(client, "/dispositifs/nouveau"),
                                                      **data, "action": "publish"})


def test_the_officer_fills_how_to_apply_and_the_association_reads_it(client, officer, login_as):
    login_as(officer)
    assert create(client, FORM).status_code == 302
    scheme = db.session.scalar(sa.select(FundingScheme))
    client.get("/deconnexion")
    html = client.get(f"/dispositifs/{scheme.id}", follow_redirects=True).get_data(as_text=True)
    text = text_of(html)
    # The facts come before the description.
    assert text.index("10 000") < text.index("Tout projet international")
    assert text.index("50 % du coût du projet") < text.index("Tout projet international")
    assert "Qui peut déposer" in text
    # The conditions as a checklist.
    checklist = html.split('class="checklist"')[1].split("</ul>")[0]
    assert "Le siège de l&#39;association est en Essonne." in checklist
    assert "L&#39;association existe depuis au moins un an." in checklist
    assert "au plus 50 %" in checklist
    # How to apply: steps, documents with their links, a contact.
    assert "<p>Prenez rendez-vous avec le Centre de ressources.</p>" in html
    assert 'href="https://www.essonne.fr/reglement.pdf"' in html and "Règlement d&#39;intervention" in html
    assert 'href="https://www.essonne.fr/dossier.docx"' in html
    assert "Statuts de l&#39;association" in html
    assert "Claire Martin" in text and 'href="mailto:solidarite@essonne.fr"' in html
    assert "Base juridique" in text and "Article L1115-1 du CGCT" in text


def test_the_edit_form_gives_back_what_was_typed(client, officer, login_as):
    login_as(officer)
    create(client, FORM)
    scheme = db.session.scalar(sa.select(FundingScheme))
    html = client.get(f"/dispositifs/{scheme.id}/modifier").get_data(as_text=True)
    assert "Prenez rendez-vous avec le Centre de ressources.\n\nDéposez le dossier complet." in html
    assert "<p>" not in html.split('name="how_to_apply"')[1].split("</textarea>")[0]
    assert "Règlement d&#39;intervention | https://www.essonne.fr/reglement.pdf" in html
    assert 'value="Claire Martin"' in html


@pytest.mark.parametrize("documents", ["Règlement | javascript:alert(1)", "Dossier | www sans adresse"])
def test_a_document_line_without_a_web_address_is_refused_and_kept(client, officer, login_as, documents):
    login_as(officer)
    response = create(client, {**FORM, "documents": documents})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "attendu « intitulé | adresse web »" in html
    assert documents.split("|")[0].strip() in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FundingScheme)) == 0


def test_a_bad_contact_address_is_refused(client, officer, login_as):
    login_as(officer)
    response = create(client, {**FORM, "contact_email": "pas une adresse"})
    assert response.status_code == 200
    html = unescape(response.get_data(as_text=True))
    assert "Cette adresse électronique n'est pas valide." in html
    assert 'value="pas une adresse"' in html


def test_related_schemes_are_other_funders_on_the_same_theme_or_country(client, make_scheme):
    scheme = make_scheme("Fonds eau Sénégal", funder="91", themes=["eau-assainissement"], territories=["SN"])
    make_scheme("Autre dispositif de l'Essonne", funder="91", themes=["eau-assainissement"])
    make_scheme("Eau et assainissement régional", funder="IDF", themes=["eau-assainissement"])
    make_scheme("Jeunes au Sénégal", funder="93", themes=["jeunesse-mobilite"], territories=["SN"])
    make_scheme("Sport en Bretagne", funder="77", themes=["sport"])
    make_scheme("Brouillon eau", funder="IDF", themes=["eau-assainissement"], publish=False)
    html = client.get(f"/dispositifs/{scheme.id}", follow_redirects=True).get_data(as_text=True)
    related = html.split('id="titre-proches"')[1].split("</section>")[0]
    assert "Eau et assainissement régional" in related
    assert "Jeunes au Sénégal" in related
    assert "Autre dispositif de l" not in related  # the same funder
    assert "Sport en Bretagne" not in related
    assert "Brouillon eau" not in related


@pytest.fixture
def make_call(make_user):
    made = {}

    def _make(title, opens, closes, *, scheme=None, publish=True, themes=()):
        from app.network.models import Theme

        if "coordinator" not in made:
            made["coordinator"] = make_user("coordinator", member="IDF")
        coordinator = made["coordinator"]
        now = utcnow()
        call = call_services.create_call(
            coordinator, call_services.CallData(
                title_fr=title, text_fr="Un appel.", opens_at=now + timedelta(days=opens),
                closes_at=now + timedelta(days=closes), scheme_id=scheme.id if scheme else None,
                themes=list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(themes)))),
                criteria=[call_services.CriterionData("Pertinence", 3)]),
            lead=coordinator.member, envelope=call_services.EnvelopeData(100_000_00, 10_000_00, "Commission"))
        if publish:
            call_services.move(coordinator, call, "publish")
        db.session.commit()
        return call

    return _make


def test_the_page_links_to_the_open_call_of_the_scheme(client, make_scheme, make_call):
    scheme = make_scheme("Soutien régional", funder="IDF")
    page = f"/dispositifs/{scheme.id}"
    assert "Un appel à projets est ouvert" not in client.get(page, follow_redirects=True).get_data(as_text=True)
    open_call = make_call("Appel 2027 solidarité", -1, 30, scheme=scheme)
    make_call("Appel à venir", 10, 40, scheme=scheme)
    make_call("Appel en brouillon", -1, 30, scheme=scheme, publish=False)
    make_call("Appel d'un autre dispositif", -1, 30)
    html = client.get(page, follow_redirects=True).get_data(as_text=True)
    box = html.split('id="appel-ouvert"')[1].split("</section>")[0]
    assert "Un appel à projets est ouvert" in box
    assert f'href="{open_call.path}"' in box and "Appel 2027 solidarité" in box
    assert "Appel à venir" not in box and "Appel en brouillon" not in box and "autre dispositif" not in box


def test_the_closing_dates_page_lists_calls_with_schemes_by_month(client, make_scheme, make_call):
    from datetime import date

    make_scheme("Fonds eau", funder="91", themes=["eau-assainissement"],
                opens_on=date.today() - timedelta(days=5), closes_on=date.today() + timedelta(days=20))
    water = make_call("Appel eau et assainissement", -1, 45, themes=["eau-assainissement"])
    make_call("Appel jeunesse à venir", 10, 80, themes=["jeunesse-mobilite"])
    make_call("Appel en brouillon", -1, 30, publish=False)
    closed = make_call("Appel déjà clos", -30, 1)
    closed.closes_at = utcnow() - timedelta(hours=1)  # the clock passed it: closed
    db.session.commit()
    html = client.get("/dispositifs/echeances").get_data(as_text=True)
    text = unescape(text_of(html))
    assert "Fonds eau" in text and "Appel eau et assainissement" in text and "Appel jeunesse à venir" in text
    assert "Appel en brouillon" not in text and "Appel déjà clos" not in text
    assert f'href="{water.path}"' in html
    # By closing date, under each month's heading.
    assert text.index("Fonds eau") < text.index("Appel eau et assainissement") < text.index("Appel jeunesse à venir")
    months = re.findall(r'<h3 id="mois-(\d{4}-\d{2})">', html)
    assert months == sorted(months) and len(months) >= 2
    # Filtered like the schemes: by theme, by funder (the call's lead or co-funders).
    themed = unescape(text_of(client.get("/dispositifs/echeances?theme=eau-assainissement").get_data(as_text=True)))
    assert "Appel eau et assainissement" in themed and "Appel jeunesse à venir" not in themed
    by_essonne = unescape(text_of(client.get("/dispositifs/echeances?financeur=91").get_data(as_text=True)))
    assert "Fonds eau" in by_essonne and "Appel eau et assainissement" not in by_essonne
    by_region = unescape(text_of(client.get("/dispositifs/echeances?financeur=IDF").get_data(as_text=True)))
    assert "Appel eau et assainissement" in by_region and "Fonds eau" not in by_region
    # Criteria calls do not carry: said on the page.
    assert "vérifiez leurs critères" in unescape(client.get("/dispositifs/echeances?profil=association")
                                               .get_data(as_text=True))


def test_the_demo_essonne_grant_says_how_to_apply(demo_client):
    scheme_id = db.session.scalar(sa.select(FundingScheme.id).where(
        FundingScheme.name == "Soutien aux projets de solidarité internationale des acteurs essonniens"))
    html = demo_client.get(f"/dispositifs/{scheme_id}", follow_redirects=True).get_data(as_text=True)
    text = unescape(text_of(html))
    assert "Comment déposer une demande" in text
    assert "Règlement d'intervention" in text and "Dossier de demande de subvention" in text
    assert "Centre de ressources essonnien de la solidarité internationale" in text
    assert "Le projet relève de l'un des quatre domaines prioritaires du Département." in text
    assert text.index("jusqu'à 10 000") < text.index("Tout projet international")


def test_without_javascript_the_partner_countries_are_grouped_by_continent(client, officer, login_as):
    login_as(officer)
    html = unescape(client.get("/dispositifs/nouveau").get_data(as_text=True))
    picker = html.split('id="partners-liste"')[1].split("</fieldset>")[0]
    headings = re.findall(r'<p class="picker__continent"[^>]*>([^<]+)</p>', picker)
    assert headings[:5] == ["Afrique", "Amériques", "Asie et Moyen-Orient", "Europe", "Océanie"]
    africa = picker.split(">Afrique</p>")[1].split("</ul>")[0]
    assert ">Sénégal</label>" in africa and ">Mali</label>" in africa and ">Brésil</label>" not in africa
    asia = picker.split(">Asie et Moyen-Orient</p>")[1].split("</ul>")[0]
    assert ">Liban</label>" in asia and ">Viêt Nam</label>" in asia


def test_in_english_the_open_call_is_marked_french_only_when_it_has_no_english_title(client, make_scheme, make_call):
    scheme = make_scheme("Soutien régional", funder="IDF")
    translated = make_call("Appel 2027 solidarité", -1, 30, scheme=scheme)
    translated.title_en = "2027 solidarity call"
    make_call("Appel sans traduction", -1, 40, scheme=scheme)
    db.session.commit()
    html = client.get(f"/dispositifs/{scheme.id}?lang=en", follow_redirects=True).get_data(as_text=True)
    box = html.split('id="appel-ouvert"')[1].split("</section>")[0]
    assert f'<a href="{translated.path}">2027 solidarity call</a>' in box
    assert 'lang="fr">Appel sans traduction</a>' in box
