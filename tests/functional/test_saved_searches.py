"""An association saves the finder's answers, finds them on its account page, and gets
a mail when a new scheme that fits them is published."""

from __future__ import annotations

from html import unescape

import pytest
import sqlalchemy as sa

from app.accounts.models import SavedSearch
from app.extensions import db
from app.mail.models import OutboxMail
from tests.conftest import csrf_token, hidden_fields

ANSWERS = "profil=association&departement=91&theme=eau-assainissement&pays=SN&montant=20000"


@pytest.fixture
def association(make_user, make_member):
    make_member("91")
    return make_user("applicant", email="asso@example.org", name="Awa Diop")


def save(client, name, query=ANSWERS):
    token = csrf_token(client, f"/dispositifs/?{query}")
    return client.post("/compte/recherches", data={"csrf_token": token, "name": name, "query": query})


def alerts():
    return db.session.scalars(sa.select(OutboxMail).where(OutboxMail.template == "saved_search_alert")
                              .order_by(OutboxMail.id)).all()


def test_the_finder_offers_to_save_its_answers(client, association, login_as):
    html = client.get(f"/dispositifs/?{ANSWERS}").get_data(as_text=True)
    assert "Connectez-vous pour enregistrer cette recherche" in html
    login_as(association)
    html = client.get(f"/dispositifs/?{ANSWERS}").get_data(as_text=True)
    assert 'action="/compte/recherches"' in html and "Nom de la recherche" in html
    # No answers, nothing to save.
    assert "Enregistrer cette recherche" not in client.get("/dispositifs/").get_data(as_text=True)


def test_a_saved_search_is_listed_on_the_account_page_and_removed(client, association, login_as):
    login_as(association)
    response = save(client, "Eau au Sénégal")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/dispositifs/?{ANSWERS}#resultats")
    page = unescape(client.get("/compte").get_data(as_text=True))
    assert "Mes recherches de financement" in page
    assert f'href="/dispositifs/?{ANSWERS}#resultats">Eau au Sénégal</a>' in page
    assert "même si vous ne recevez pas les messages « Nouveaux dispositifs de financement »" in page
    search = db.session.scalar(sa.select(SavedSearch))
    form = hidden_fields(client, "/compte")
    response = client.post(f"/compte/recherches/{search.id}/supprimer", data={"csrf_token": form["csrf_token"]})
    assert response.status_code == 302
    page = unescape(client.get("/compte").get_data(as_text=True))
    assert "Recherche « Eau au Sénégal » supprimée" in page
    assert ">Eau au Sénégal</a>" not in page and "Aucune recherche enregistrée" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SavedSearch)) == 0


def test_only_the_owner_removes_a_saved_search(client, association, make_user, login_as):
    login_as(association)
    save(client, "Eau au Sénégal")
    search_id = db.session.scalar(sa.select(SavedSearch.id))
    client.post("/deconnexion", data={"csrf_token": csrf_token(client, "/compte")})
    token = csrf_token(client, "/connexion")
    response = client.post(f"/compte/recherches/{search_id}/supprimer", data={"csrf_token": token})
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    login_as(make_user("applicant", email="autre@example.org"))
    token = csrf_token(client, "/compte")
    assert client.post(f"/compte/recherches/{search_id}/supprimer", data={"csrf_token": token}).status_code == 403
    assert db.session.get(SavedSearch, search_id) is not None


@pytest.mark.parametrize(("name", "query", "expected"), [
    ("", ANSWERS, "Donnez un nom à cette recherche"),
    ("Tout", "", "Répondez d'abord à au moins une question du moteur"),
    ("Bizarre", "profil=%00&page=3", "Répondez d'abord à au moins une question du moteur"),
])
def test_a_search_without_name_or_answers_is_refused_and_says_why(client, association, login_as, name, query, expected):
    login_as(association)
    response = save(client, name, query)
    assert response.status_code == 200
    html = unescape(response.get_data(as_text=True))
    assert expected in html
    assert f'value="{name}"' in html or not name
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SavedSearch)) == 0


def test_a_new_scheme_that_fits_is_mailed_once_in_the_accounts_language(
        client, association, login_as, make_user):
    login_as(association)
    save(client, "Eau au Sénégal")
    client.post("/deconnexion", data={"csrf_token": csrf_token(client, "/compte")})
    association.language = "en"  # it reads its mail in English
    db.session.commit()
    assert not association.notify_new_schemes  # saved searches alert regardless: explicit opt-in
    officer = make_user("officer", member="91")
    login_as(officer)

    def publish(name, **fields):
        data = {**hidden_fields(client, "/dispositifs/nouveau"), "name": name, "funder": "91",
                "recurrence": "annual", "action": "publish", **fields}
        assert client.post("/dispositifs/nouveau", data=data).status_code == 302
        return db.session.scalar(sa.select(sa.text("max(id)")).select_from(sa.table("funding_schemes")))

    # Another theme still fits (the finder ranks by theme, it does not exclude).
    fits = publish("Solidarité internationale de l'Essonne", beneficiaries=["association"],
                   departements=["91"], themes=["sante"])
    publish("Export des PME", beneficiaries=["entreprise"])  # a hard criterion fails
    publish("Chantiers au Vietnam", partners=["VN"])  # another country, named
    client.post("/dispositifs/nouveau", data={**hidden_fields(client, "/dispositifs/nouveau"),
                                              "name": "Brouillon", "funder": "91", "recurrence": "annual",
                                              "action": "draft"})
    sent = alerts()
    assert [(m.recipient, m.lang) for m in sent] == [("asso@example.org", "en")]
    assert sent[0].context["scheme_name"] == "Solidarité internationale de l'Essonne"
    assert sent[0].context["search_name"] == "Eau au Sénégal"
    assert sent[0].context["link"].endswith(f"/dispositifs/{fits}-solidarite-internationale-de-l-essonne")
    # Unpublished, published again: no second mail.
    token = csrf_token(client, f"/dispositifs/{fits}")
    for flag in ("0", "1"):
        client.post(f"/dispositifs/{fits}/publication", data={"csrf_token": token, "publier": flag})
    assert len(alerts()) == 1
    # Its subject in English.
    from app.mail.render import render

    rendered = render("saved_search_alert", sent[0].context, "en")
    assert "Eau au Sénégal" in rendered.subject


def test_a_deleted_account_takes_its_saved_searches_along(client, association, login_as):
    from app.accounts import services

    login_as(association)
    save(client, "Eau au Sénégal")
    services.delete_account(db.session.merge(association))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SavedSearch)) == 0
