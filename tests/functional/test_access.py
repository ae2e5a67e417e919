"""Every protected route for every role: 200, 302 to the login page, 403 or 404, as expected."""

from __future__ import annotations

import pytest

from app.extensions import db
from tests.conftest import csrf_token, login

ANON, OWNER, APPLICANT, OFFICER91, OFFICER93, COORDINATOR = (
    "anonymous", "owner", "applicant", "officer91", "officer93", "coordinator")
ROLES = [ANON, OWNER, APPLICANT, OFFICER91, OFFICER93, COORDINATOR]


@pytest.fixture
def world(app, make_member, make_user, make_actor, make_scheme):
    """Two members, an association with its account, another association, schemes of 91."""
    make_member("IDF")
    make_member("91")
    make_member("93")
    actor = make_actor("Énergie renouvelable et développement équitable", departement="75")
    hidden = make_actor("Fiche masquée", departement="93")
    hidden.published = False
    db.session.commit()
    users = {
        OWNER: make_user("applicant", actor=actor),
        APPLICANT: make_user("applicant"),
        OFFICER91: make_user("officer", member="91"),
        OFFICER93: make_user("officer", member="93"),
        COORDINATOR: make_user("coordinator", member="IDF"),
    }
    return {
        "users": users,
        "actor": actor.id,
        "hidden": hidden.id,
        "scheme": make_scheme("Soutien essonnien", funder="91").id,
        "draft": make_scheme("Brouillon essonnien", funder="91", publish=False).id,
    }


def as_role(client, world, role):
    if role != ANON:
        response = login(client, world["users"][role].email)
        assert response.status_code == 302
    return client


# (url template, {role: expected status}); roles not listed expect the default.
GETS = [
    ("/dispositifs/nouveau", {ANON: 302, OWNER: 403, APPLICANT: 403, OFFICER91: 200, OFFICER93: 200,
                              COORDINATOR: 200}),
    ("/dispositifs/{scheme}/modifier", {ANON: 302, OWNER: 403, APPLICANT: 403, OFFICER91: 200,
                                        OFFICER93: 403, COORDINATOR: 200}),
    ("/dispositifs/{draft}", {ANON: 404, OWNER: 404, APPLICANT: 404, OFFICER91: 200, OFFICER93: 404,
                              COORDINATOR: 200}),
    ("/dispositifs/{scheme}/historique", {ANON: 302, OWNER: 403, APPLICANT: 403, OFFICER91: 200,
                                          OFFICER93: 200, COORDINATOR: 200}),
    # The history of a record one may not see is as unknown as the record.
    ("/dispositifs/{draft}/historique", {ANON: 302, OWNER: 404, APPLICANT: 404, OFFICER91: 200,
                                         OFFICER93: 404, COORDINATOR: 200}),
    ("/acteurs/{hidden}/historique", {ANON: 302, OWNER: 404, APPLICANT: 404, OFFICER91: 404, OFFICER93: 404,
                                      COORDINATOR: 200}),
    ("/acteurs/nouveau", {ANON: 302, OWNER: 403, APPLICANT: 403, OFFICER91: 403, OFFICER93: 403,
                          COORDINATOR: 200}),
    ("/acteurs/{actor}/modifier", {ANON: 302, OWNER: 200, APPLICANT: 403, OFFICER91: 403,
                                   OFFICER93: 403, COORDINATOR: 200}),
    ("/acteurs/{actor}/historique", {ANON: 302, OWNER: 200, APPLICANT: 403, OFFICER91: 200,
                                     OFFICER93: 200, COORDINATOR: 200}),
    ("/acteurs/{hidden}", {ANON: 404, OWNER: 404, APPLICANT: 404, OFFICER91: 404, OFFICER93: 404,
                           COORDINATOR: 200}),
    ("/compte", {ANON: 302, OWNER: 200, APPLICANT: 200, OFFICER91: 200, OFFICER93: 200, COORDINATOR: 200}),
    ("/compte/export.json", {ANON: 302, OWNER: 200, APPLICANT: 200, OFFICER91: 200, OFFICER93: 200,
                             COORDINATOR: 200}),
]
PUBLIC = ["/", "/acteurs/", "/acteurs/{actor}", "/dispositifs/", "/dispositifs/{scheme}", "/territoires/",
          "/territoires/91", "/territoires/IDF", "/territoires/SN", "/reseau/", "/recherche?q=energie",
          "/connexion", "/accessibilite", "/donnees-personnelles", "/api/v1/actors", "/api/v1/schemes",
          "/api/v1/search?q=soutien", "/api/v1/openapi.json"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "expected"), GETS, ids=[u for u, _ in GETS])
def test_protected_pages(client, world, role, url, expected):
    response = as_role(client, world, role).get(url.format(**world))
    assert response.status_code == expected[role], (role, url)
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/connexion?next=")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages(client, world, role, url):
    response = as_role(client, world, role).get(url.format(**world))
    assert response.status_code == (200 if not (role != ANON and url == "/connexion") else 302)


@pytest.mark.parametrize("url", ["/acteurs/999999", "/dispositifs/999999", "/territoires/XX-nulle-part",
                                 "/api/v1/actors/999999", "/api/v1/schemes/999999", "/page-inconnue"])
def test_unknown_records_are_404(client, world, url):
    assert client.get(url).status_code == 404


# (url template, form data, {role: status}): every state-changing POST.
POSTS = [
    ("/dispositifs/{scheme}/publication", {"publier": "0"},
     {ANON: 302, OWNER: 403, APPLICANT: 403, OFFICER91: 302, OFFICER93: 403, COORDINATOR: 302}),
    ("/acteurs/{actor}/publication", {"publier": "0"},
     {ANON: 302, OWNER: 403, APPLICANT: 403, OFFICER91: 403, OFFICER93: 403, COORDINATOR: 302}),
    ("/dispositifs/{scheme}/modifier", {"name": "Nouveau nom", "funder": "91", "version": "1"},
     {ANON: 302, OWNER: 403, APPLICANT: 403, OFFICER91: 302, OFFICER93: 403, COORDINATOR: 302}),
    ("/acteurs/{actor}/modifier", {"name": "Nouveau nom", "kind": "association", "departement": "75",
                                   "version": "1"},
     {ANON: 302, OWNER: 302, APPLICANT: 403, OFFICER91: 403, OFFICER93: 403, COORDINATOR: 302}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url", "data", "expected"), POSTS, ids=[u for u, _, _ in POSTS])
def test_state_changing_posts(client, world, role, url, data, expected):
    client = as_role(client, world, role)
    token = csrf_token(client, "/connexion") if role == ANON else csrf_token(client, "/compte")
    response = client.post(url.format(**world), data={**data, "csrf_token": token})
    assert response.status_code == expected[role], (role, url, response.get_data(as_text=True)[:300])


CSRF_FORMS = [
    "/connexion", "/deconnexion", "/compte/supprimer", "/dispositifs/nouveau", "/dispositifs/{scheme}/modifier",
    "/dispositifs/{scheme}/publication", "/acteurs/nouveau", "/acteurs/{actor}/modifier",
    "/acteurs/{actor}/publication",
]


@pytest.mark.parametrize("url", CSRF_FORMS)
def test_every_form_requires_its_csrf_token(client, world, url):
    as_role(client, world, COORDINATOR)
    response = client.post(url.format(**world), data={"name": "X", "publier": "0", "password": "x",
                                                      "email": "x@example.org"})
    assert response.status_code == 400
    # Nothing changed.
    assert client.get("/dispositifs/{scheme}".format(**world)).status_code == 200
    assert client.get("/compte").status_code == 200


def test_anonymous_login_form_without_token_is_refused(client, world):
    response = client.post("/connexion", data={"email": world["users"][OWNER].email, "password": "x"})
    assert response.status_code == 400
