"""What people do in the directory, through the test client."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.actors.models import Actor, FundingScheme
from app.auth.models import User
from app.core.audit import AuditEntry
from app.extensions import db
from tests.conftest import csrf_token, hidden_fields, make_app

SCHEME_FORM = {
    "name": "Appel jeunesse solidaire",
    "funder": "91",
    "summary": "Pour les projets de jeunes Essonniens à l'international.",
    "description": "Un dispositif pour partir.\n\nDeuxième paragraphe.",
    "beneficiaries": ["association", "jeune"],
    "themes": ["jeunesse-mobilite"],
    "departements": ["91"],
    "partners": ["SN"],
    "age_min": "18",
    "age_max": "25",
    "amount_min": "1 000",
    "amount_max": "5 000",
    "max_rate": "80",
    "recurrence": "annual",
    "opens_on": "",
    "closes_on": "",
    "legal_basis": "Article L1115-1 du CGCT",
    "url": "https://www.essonne.fr",
}


@pytest.fixture
def officer(make_user, make_member):
    make_member("93")
    return make_user("officer", member="91")


def post_form(client, url, data, form_url=None):
    return client.post(url, data={**hidden_fields(client, form_url or url), **data})


def test_an_officer_creates_publishes_edits_and_unpublishes_a_scheme(client, officer, login_as):
    login_as(officer)
    response = post_form(client, "/dispositifs/nouveau", {**SCHEME_FORM, "action": "draft"})
    assert response.status_code == 302
    scheme = db.session.scalar(sa.select(FundingScheme))
    assert not scheme.is_published
    assert (scheme.amount_min_cents, scheme.amount_max_cents, scheme.max_rate_percent) == (100_000, 500_000, 80)
    assert [b.value for b in scheme.beneficiaries] == ["association", "jeune"]
    assert sorted(t.code for t in scheme.territories) == ["91", "SN"]
    assert "<p>Un dispositif pour partir.</p>" in scheme.description

    # Not public yet: not in the list, not found.
    anonymous = client.application.test_client()
    assert "Appel jeunesse solidaire" not in anonymous.get("/dispositifs/").get_data(as_text=True)
    assert anonymous.get(f"/dispositifs/{scheme.id}").status_code == 404
    assert anonymous.get("/api/v1/search?q=jeunesse solidaire").get_json()["total"] == 0

    page = f"/dispositifs/{scheme.id}"
    assert post_form(client, f"{page}/publication", {"publier": "1"}, page).status_code == 302
    assert anonymous.get(page).status_code == 200
    hits = anonymous.get("/api/v1/search?q=jeunesse solidaire").get_json()["results"]
    assert [h["title"] for h in hits] == ["Appel jeunesse solidaire"]

    response = post_form(client, f"{page}/modifier", {**SCHEME_FORM, "name": "Appel jeunesse solidaire 2027"})
    assert response.status_code == 302
    hits = anonymous.get("/api/v1/search?q=jeunesse solidaire").get_json()["results"]
    assert [h["title"] for h in hits] == ["Appel jeunesse solidaire 2027"]  # once, new title

    assert post_form(client, f"{page}/publication", {"publier": "0"}, page).status_code == 302
    assert anonymous.get(page).status_code == 404
    assert anonymous.get("/api/v1/search?q=jeunesse solidaire").get_json()["total"] == 0

    # The audit trail tells who did what.
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["scheme.create", "scheme.publish", "scheme.update", "scheme.unpublish"]
    update = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "scheme.update"))
    assert update.user_id == officer.id
    assert update.changes["name"] == ["Appel jeunesse solidaire", "Appel jeunesse solidaire 2027"]
    history = client.get(f"{page}/historique").get_data(as_text=True)
    assert "Appel jeunesse solidaire 2027" in history and officer.name in history


def test_two_people_editing_the_same_scheme_cannot_overwrite_each_other(client, officer, make_user,
                                                                        make_scheme):
    import re

    scheme = make_scheme("Soutien essonnien", funder="91")
    page = f"/dispositifs/{scheme.id}/modifier"
    first = client.application.test_client()
    first.post("/connexion", data={"email": officer.email, "password": "mot-de-passe-de-test",
                                   "csrf_token": csrf_token(first, "/connexion")})
    html = first.get(page).get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)

    second = client.application.test_client()  # the coordinator saves in between
    coordinator = make_user("coordinator", member="IDF")
    second.post("/connexion", data={"email": coordinator.email, "password": "mot-de-passe-de-test",
                                    "csrf_token": csrf_token(second, "/connexion")})
    assert post_form(second, page, {**SCHEME_FORM, "name": "Nom du coordinateur"}).status_code == 302

    response = first.post(page, data={**SCHEME_FORM, "name": "Nom de l'agent", "version": version,
                                      "csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "modifiée par quelqu&#39;un d&#39;autre" in html
    assert 'value="Nom de l&#39;agent"' in html  # what was typed is still there
    db.session.expire_all()
    assert db.session.get(FundingScheme, scheme.id).name == "Nom du coordinateur"


def test_a_form_with_errors_keeps_what_was_typed(client, officer, login_as):
    login_as(officer)
    data = {**SCHEME_FORM, "amount_min": "douze mille", "amount_max": "1 000", "age_min": "30",
            "closes_on": "2026-01-01", "opens_on": "2026-06-01", "url": "www.essonne"}
    response = post_form(client, "/dispositifs/nouveau", data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Montant invalide" in html
    assert "date limite est antérieure" in html
    assert "âge maximum est inférieur" in html
    assert "Adresse web invalide" in html
    assert 'value="Appel jeunesse solidaire"' in html
    assert 'value="douze mille"' in html
    assert "Pour les projets de jeunes Essonniens" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FundingScheme)) == 0


def test_a_deadline_in_year_9999_is_a_clear_form_error(client, officer, login_as):
    login_as(officer)
    response = post_form(client, "/dispositifs/nouveau", {**SCHEME_FORM, "closes_on": "9999-12-31"})
    assert response.status_code == 200
    assert "Indiquez une date entre 1900 et 2200" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FundingScheme)) == 0


def test_an_officer_cannot_publish_in_another_members_name(client, officer, login_as):
    login_as(officer)
    response = post_form(client, "/dispositifs/nouveau", {**SCHEME_FORM, "funder": "93"})
    assert response.status_code == 200  # the choice is not offered: a form error
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FundingScheme)) == 0


def test_the_coordinator_may_record_an_outside_funder(client, make_user, login_as):
    login_as(make_user("coordinator", member="IDF"))
    response = post_form(client, "/dispositifs/nouveau", {**SCHEME_FORM, "funder": "",
                                                          "funder_name": "Agence française de développement",
                                                          "action": "publish"})
    assert response.status_code == 302
    scheme = db.session.scalar(sa.select(FundingScheme))
    assert scheme.funder_member is None and scheme.is_published
    api = client.get(f"/api/v1/schemes/{scheme.id}").get_json()
    assert api["funder"] == {"name": "Agence française de développement", "member_code": None}


def test_an_association_edits_its_own_profile_only(client, make_user, make_actor, login_as):
    mine = make_actor("Écoles du monde", departement="93")
    other = make_actor("Autre association", departement="93")
    login_as(make_user("applicant", actor=mine))
    form = {"name": "Écoles du monde", "kind": "association", "departement": "93", "postal_code": "93100",
            "commune": "Montreuil", "rna": "W931234567", "themes": ["education"], "partners": ["SN"],
            "email": "contact@ecoles.example.org", "description": "Nous construisons des écoles."}
    assert post_form(client, f"/acteurs/{mine.id}/modifier", form).status_code == 302
    db.session.refresh(mine)
    assert mine.commune == "Montreuil" and mine.rna == "W931234567" and not mine.contact_public
    # The contact stays private until the actor chooses to show it.
    anonymous = client.application.test_client()
    assert "contact@ecoles.example.org" not in anonymous.get(f"/acteurs/{mine.id}").get_data(as_text=True)
    assert anonymous.get(f"/api/v1/actors/{mine.id}").get_json()["contact"] is None
    post_form(client, f"/acteurs/{mine.id}/modifier", {**form, "contact_public": "y"})
    assert "contact@ecoles.example.org" in anonymous.get(f"/acteurs/{mine.id}").get_data(as_text=True)

    assert client.get(f"/acteurs/{other.id}/modifier").status_code == 403
    bad = post_form(client, f"/acteurs/{mine.id}/modifier", {**form, "postal_code": "91000", "siret": "123"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 200 and "91000 n&#39;est pas dans le département 93" in html
    assert "SIRET invalide" in html


def test_slugs_redirect_and_the_id_alone_resolves(client, make_actor):
    actor = make_actor("Via le monde", departement="93")
    assert client.get(f"/acteurs/{actor.id}").status_code == 200
    assert client.get(f"/acteurs/{actor.id}-via-le-monde").status_code == 200
    old = client.get(f"/acteurs/{actor.id}-ancien-nom")
    assert old.status_code == 301 and old.headers["Location"].endswith(f"/acteurs/{actor.id}-via-le-monde")


def test_which_schemes_fit_me(client, make_scheme, make_member):
    today = date.today()
    make_member("IDF")
    make_scheme("Mobil'Asie", funder="IDF", beneficiaries=[], territories=["IDF", "VN"],
                themes=["jeunesse-mobilite"], age_min=18, age_max=30)
    make_scheme("Chantiers de jeunes 18-25", funder="91", territories=["91"], age_min=18, age_max=25,
                opens_on=today - timedelta(days=10), closes_on=today + timedelta(days=30))
    make_scheme("Fermé l'an dernier", funder="93", territories=["93"],
                opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=30))

    def names(query):
        html = client.get("/dispositifs/?" + query).get_data(as_text=True)
        return {n for n in ("Mobil&#39;Asie", "Chantiers de jeunes 18-25", "Fermé l&#39;an dernier") if n in html}

    assert names("departement=91") == {"Mobil&#39;Asie", "Chantiers de jeunes 18-25"}
    assert names("departement=93&ouvert=1") == {"Mobil&#39;Asie"}
    assert names("age=40") == {"Fermé l&#39;an dernier"}
    assert names("pays=VN") == {"Mobil&#39;Asie", "Chantiers de jeunes 18-25", "Fermé l&#39;an dernier"}
    assert names("pays=VN&departement=91&age=20&ouvert=1") == {"Mobil&#39;Asie", "Chantiers de jeunes 18-25"}


@pytest.mark.parametrize("url", [
    "/recherche?q=%22((&page=abc&per_page=-4&type=%00&departement=zz&theme=&pays=",
    "/recherche?q=" + "x" * 2000,
    "/recherche?q=AND+OR+NOT&ouvert=maybe&page=99999",
    "/recherche?q=%F0%9F%98%80&type=actor&type=actor,scheme",
    "/recherche?q=%27%3B+DROP+TABLE+actors%3B+--",
    "/acteurs/?page=x&per_page=abc&departement=99&type=martien&theme=%22&pays=%00",
    "/dispositifs/?age=abc&profil=martien&page=-1&ouvert=2&financeur=%27",
    "/territoires/?x=%ff",
    # The API refuses such values with a 400 naming them: tests/functional/test_api_contract.py.
])
def test_broken_query_strings_answer_200(client, make_actor, url):
    make_actor("Via le monde", departement="93")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/territoires/%00", "/acteurs/1-%00", "/territoires/" + "9" * 300])
def test_odd_paths_are_not_found_not_errors(client, url):
    assert client.get(url).status_code in (301, 404)


def test_control_characters_typed_in_a_form_are_dropped(client, officer, login_as):
    login_as(officer)
    response = post_form(client, "/dispositifs/nouveau", {**SCHEME_FORM, "name": "Nom\x00 propre",
                                                          "summary": "Ligne\x00"})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(FundingScheme.name)) == "Nom propre"


def test_security_headers_and_cookies(client, make_user):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    user = make_user("officer")
    token = csrf_token(client, "/connexion")
    response = client.post("/connexion", data={"email": user.email, "password": "mot-de-passe-de-test",
                                               "csrf_token": token})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_wrong_password_says_so_without_telling_which(client, make_user):
    user = make_user("officer")
    for email in (user.email, "inconnu@example.org"):
        token = csrf_token(client, "/connexion")
        response = client.post("/connexion", data={"email": email, "password": "faux", "csrf_token": token})
        assert response.status_code == 200
        assert "Adresse électronique ou mot de passe incorrect" in response.get_data(as_text=True)
        assert f'value="{email}"' in response.get_data(as_text=True)


def test_login_is_rate_limited(database, tmp_path, make_user):
    user = make_user("officer")
    app = make_app(database.url, tmp_path / "ix2", RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    statuses = []
    for _ in range(4):
        token = csrf_token(client, "/connexion")
        statuses.append(client.post("/connexion", data={"email": user.email, "password": "faux",
                                                        "csrf_token": token}).status_code)
    assert statuses == [200, 200, 200, 429]
    with app.app_context():
        db.engine.dispose()


def test_account_data_export_and_deletion(client, make_user, make_scheme, login_as):
    user = make_user("officer", member="91")
    login_as(user)
    scheme = make_scheme("Un dispositif", funder="91")
    post_form(client, f"/dispositifs/{scheme.id}/publication", {"publier": "0"}, f"/dispositifs/{scheme.id}")
    export = client.get("/compte/export.json")
    data = json.loads(export.get_data(as_text=True))
    assert data["email"] == user.email and data["actions"][0]["action"] == "scheme.unpublish"
    assert "attachment" in export.headers["Content-Disposition"]
    assert post_form(client, "/compte/supprimer", {"password": "faux"}, "/compte").status_code == 302
    assert db.session.get(User, user.id) is not None
    assert post_form(client, "/compte/supprimer", {"password": "mot-de-passe-de-test"}, "/compte").status_code == 302
    db.session.expunge_all()
    assert db.session.scalar(sa.select(User).where(User.id == user.id)) is None
    # The trail keeps the action, not the person.
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "scheme.unpublish"))
    assert entry.user_id is None
    assert client.get("/compte").status_code == 302


def test_english_switch_keeps_the_page(client, make_actor):
    from app.actors.models import ActorKind

    actor = make_actor("Via le monde", departement="93", kind=ActorKind.CENTRE_RESSOURCES)
    # Search results describe records in the reader's language too.
    assert "Resource centre" in client.get("/recherche?q=via&lang=en").get_data(as_text=True)
    assert "Centre de ressources" in client.get("/recherche?q=via&lang=fr").get_data(as_text=True)
    html = client.get(f"/acteurs/{actor.id}?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "Via le monde" in html
    assert "Directory" in html or "Actors" in html
    assert '<html lang="en"' in client.get("/dispositifs/").get_data(as_text=True)  # remembered
    assert '<html lang="fr"' in client.get("/?lang=fr").get_data(as_text=True)


def test_moderation_hides_an_actor_everywhere(client, make_user, make_actor, login_as):
    actor = make_actor("Association à masquer", departement="94")
    login_as(make_user("coordinator", member="IDF"))
    page = f"/acteurs/{actor.id}"
    assert post_form(client, f"{page}/publication", {"publier": "0"}, page).status_code == 302
    anonymous = client.application.test_client()
    assert anonymous.get(page).status_code == 404
    assert anonymous.get(f"/api/v1/actors/{actor.id}").status_code == 404
    assert "Association à masquer" not in anonymous.get("/acteurs/").get_data(as_text=True)
    assert anonymous.get("/api/v1/search?q=masquer").get_json()["total"] == 0
    db.session.expire_all()
    assert db.session.get(Actor, actor.id).published is False


def test_the_scheme_list_puts_open_then_opening_soon_then_closed(client, make_scheme):
    from datetime import date, timedelta

    from app.actors.models import Recurrence

    today = date.today()
    make_scheme("Fermé depuis longtemps", opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=300))
    make_scheme("Fermé hier", opens_on=today - timedelta(days=60), closes_on=today - timedelta(days=1))
    make_scheme("Ouvre bientôt", opens_on=today + timedelta(days=20), closes_on=today + timedelta(days=80))
    make_scheme("Permanent", recurrence=Recurrence.PERMANENT)
    make_scheme("Ouvert, date limite proche", opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=3))
    html = client.get("/dispositifs/").get_data(as_text=True)
    names = ["Ouvert, date limite proche", "Permanent", "Ouvre bientôt", "Fermé hier", "Fermé depuis longtemps"]
    positions = [html.index(f">{name}<") for name in names]
    assert positions == sorted(positions), names


def test_the_history_shows_what_changed_in_words(client, officer, login_as):
    """A change late in a long description, a new deadline and another partner country: each readable."""
    login_as(officer)
    opening = "Un dispositif pour partir. " * 20
    data = {**SCHEME_FORM, "description": opening + "Dépôt par courrier.", "closes_on": "2027-01-15"}
    assert post_form(client, "/dispositifs/nouveau", data).status_code == 302
    scheme = db.session.scalar(sa.select(FundingScheme))
    changed = {**data, "description": opening + "Dépôt en ligne uniquement.", "closes_on": "2027-02-01",
               "partners": ["ML"], "version": str(scheme.version)}
    assert post_form(client, f"/dispositifs/{scheme.id}/modifier", changed).status_code == 302
    history = client.get(f"/dispositifs/{scheme.id}/historique").get_data(as_text=True)
    assert "Dépôt par courrier." in history and "Dépôt en ligne uniquement." in history
    assert "15 janvier 2027" in history and "1er février 2027" in history
    assert "Mali" in history and "Sénégal" in history
    assert "2027-02-01" not in history.replace('datetime="2027-02-01"', "")
    english = client.get(f"/dispositifs/{scheme.id}/historique?lang=en").get_data(as_text=True)
    assert "February 1, 2027" in english or "1 February 2027" in english
    assert "Mali" in english and "Senegal" in english


def _description_in_form(client, url: str) -> str:
    import html
    import re

    page = client.get(url).get_data(as_text=True)
    match = re.search(r'<textarea[^>]*name="description"[^>]*>\r?\n?(.*?)</textarea>', page, re.S)
    assert match, url
    return html.unescape(match.group(1))


def test_a_description_typed_as_plain_text_comes_back_as_plain_text_in_the_edit_form(
        client, officer, make_user, make_actor, login_as):
    # A person who never wrote a tag must not find "<p>" in the form the next time.
    actor = make_actor("Écoles du monde", departement="93")
    login_as(make_user("applicant", actor=actor))
    form = {"name": "Écoles du monde", "kind": "association", "departement": "93",
            "description": "Nous construisons des écoles & des puits.\n\nAu Sénégal,\ndepuis 2004."}
    assert post_form(client, f"/acteurs/{actor.id}/modifier", form).status_code == 302
    db.session.refresh(actor)
    assert actor.description == ("<p>Nous construisons des écoles &amp; des puits.</p>"
                                 "<p>Au Sénégal,<br>depuis 2004.</p>")
    assert _description_in_form(client, f"/acteurs/{actor.id}/modifier") == form["description"]
    # Saved again as it is shown: nothing changed.
    again = post_form(client, f"/acteurs/{actor.id}/modifier", form)
    assert "Aucune modification." in client.get(again.headers["Location"]).get_data(as_text=True)

    # Tags written on purpose stay (the paragraph is a paragraph, as typed).
    form["description"] = "<p>Nous construisons des <strong>écoles</strong>.</p>"
    post_form(client, f"/acteurs/{actor.id}/modifier", form)
    assert _description_in_form(client, f"/acteurs/{actor.id}/modifier") == \
        "Nous construisons des <strong>écoles</strong>."
    db.session.refresh(actor)
    assert actor.description == "<p>Nous construisons des <strong>écoles</strong>.</p>"

    client.post("/deconnexion", data={"csrf_token": csrf_token(client, "/")})
    login_as(officer)
    response = post_form(client, "/dispositifs/nouveau", {**SCHEME_FORM, "action": "publish"})
    assert response.status_code == 302
    assert _description_in_form(client, f"{response.headers['Location'].split('-')[0]}/modifier") \
        == SCHEME_FORM["description"]
