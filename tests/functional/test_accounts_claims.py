"""Acting for an actor: a signed-up person claims an actor of the directory (or proposes
a new one), sees its request and nothing more; the coordinator, or the actor's own
mailbox, says yes; then the person edits the actor's profile."""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from app.accounts.models import ActorClaim, ClaimStatus
from app.actors.models import Actor
from app.auth.models import Role, User
from app.core.db import utcnow
from app.extensions import db
from tests.conftest import csrf_token, link_path, login

PASSWORD = "cheval agrafe batterie correcte"


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def make_registrant(app):
    def _make(email="marie@asso-exemple.org", confirmed=True) -> User:
        user = User(email=email, name="Marie Dupont", role=Role.REGISTRANT,
                    email_confirmed_at=utcnow() if confirmed else None)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        return user

    return _make


@pytest.fixture
def world(make_member, make_user, make_actor, make_registrant):
    make_member("91")
    actor = make_actor("Essonne Solidarité Sahel", rna="W913000123", siret="73282932000074",
                       email="contact@essonne-sahel.org")
    return {
        "actor": actor,
        "quiet": make_actor("Amis de Hanoï", email=None),
        "coordinator": make_user("coordinator"),
        "registrant": make_registrant(),
    }


def sign_in(client, user):
    response = login(client, user.email, PASSWORD if user.role == Role.REGISTRANT else "mot-de-passe-de-test")
    assert response.status_code == 302
    return client


def claim(client, actor, message="Je suis la présidente."):
    url = f"/compte/rattachement/{actor.id}"
    return client.post(url, data={"csrf_token": csrf_token(client, "/compte"), "message": message})


def decide(client, claim_id, decision, reason=""):
    url = f"/comptes/demandes/{claim_id}"
    return client.post(url, data={"csrf_token": csrf_token(client, url), "decision": decision, "reason": reason})


def the_claim() -> ActorClaim:
    db.session.expire_all()  # what the requests committed, not what this session saw before
    return db.session.scalars(sa.select(ActorClaim).order_by(ActorClaim.id.desc())).first()


# -- what a registrant may do -----------------------------------------------------------


def test_a_registrant_sees_its_request_and_nothing_more(client, world, make_scheme):
    actor = world["actor"]
    sign_in(client, world["registrant"])
    scheme = make_scheme("Soutien essonnien", funder="91")
    for url in (f"/acteurs/{actor.id}/modifier", "/dispositifs/nouveau", f"/dispositifs/{scheme.id}/modifier",
                "/acteurs/nouveau", "/agenda/nouveau", f"/acteurs/{actor.id}/historique", "/comptes/",
                "/comptes/inviter", f"/acteurs/{actor.id}/comptes", "/comptes/demandes"):
        assert client.get(url).status_code == 403, url
    assert client.get("/compte/rattachement").status_code == 200
    assert client.get("/compte").status_code == 200
    claim(client, actor)
    page = text(client.get("/compte/rattachement"))
    assert "Ma demande en cours" in page and "Essonne Solidarité Sahel" in page
    assert client.get(f"/acteurs/{actor.id}/modifier").status_code == 403  # still nothing more


@pytest.mark.parametrize("query", ["essonne sahel", "ESSONNE SOLIDARITE", "W913000123", "732 829 320 00074"])
def test_an_actor_is_found_by_name_rna_or_siret(client, world, query):
    sign_in(client, world["registrant"])
    page = client.get("/compte/rattachement", query_string={"q": query}).get_data(as_text=True)
    assert f'href="/compte/rattachement/{world["actor"].id}"' in page


def test_an_unconfirmed_address_cannot_claim_yet(client, world, make_registrant, mails):
    user = make_registrant("pas.confirmee@example.org", confirmed=False)
    sign_in(client, user)
    page = claim(client, world["actor"])
    assert "Confirmez d'abord votre adresse électronique" in text(page)
    assert 'Je suis la présidente.' in page.get_data(as_text=True)
    assert the_claim() is None and mails == []


# -- a claim on an actor of the directory -----------------------------------------------


def test_the_coordinator_approves_and_the_person_edits_its_actor(app, client, world, mails):
    actor, registrant = world["actor"], world["registrant"]
    sign_in(client, registrant)
    assert claim(client, actor).headers["Location"] == "/compte/rattachement"
    (mail,) = mails
    assert (mail.to, mail.template) == ("contact@essonne-sahel.org", "claim_confirmation")
    assert mail.context["claimant_email"] == registrant.email and mail.context["actor_name"] == actor.name
    # The actor's address is never shown to the person who claims it.
    assert "contact@essonne-sahel.org" not in client.get("/compte/rattachement").get_data(as_text=True)

    coordination = sign_in(app.test_client(), world["coordinator"])
    pending = the_claim()
    assert "Marie Dupont" in text(coordination.get("/comptes/demandes"))
    assert decide(coordination, pending.id, "approve").headers["Location"] == "/comptes/demandes"
    db.session.refresh(registrant)
    assert (registrant.role, registrant.actor_id) == (Role.APPLICANT, actor.id)
    assert the_claim().state == ClaimStatus.APPROVED
    approved = mails[-1]
    assert (approved.to, approved.template, approved.context["confirmed_by"]) == (
        registrant.email, "claim_approved", "coordination")
    assert link_path(approved.context["edit_link"]) == f"/acteurs/{actor.id}/modifier"
    # The mailbox's link no longer works: the request is decided.
    assert client.get(link_path(mail.context["link"])).status_code == 410

    url = f"/acteurs/{actor.id}/modifier"
    form = client.get(url)
    assert form.status_code == 200
    version = db.session.scalar(sa.select(Actor.version).where(Actor.id == actor.id))
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "version": str(version),
                                      "name": actor.name, "kind": "association", "departement": "91",
                                      "description": "Nouvelle présentation de l'association."})
    assert response.status_code == 302, text(response)[:3000]
    db.session.refresh(actor)
    assert "Nouvelle présentation" in actor.description


def test_the_actors_mailbox_confirms_the_claim(app, client, world, mails):
    sign_in(client, world["registrant"])
    claim(client, world["actor"])
    path = link_path(mails[0].context["link"])
    mailbox = app.test_client()
    page = mailbox.get(path)
    assert page.status_code == 200 and "Marie Dupont" in text(page)
    response = mailbox.post(path, data={"csrf_token": csrf_token(mailbox, path)})
    assert response.status_code == 200 and "peut désormais gérer la fiche" in text(response)
    db.session.refresh(world["registrant"])
    assert world["registrant"].actor_id == world["actor"].id
    assert the_claim().state == ClaimStatus.CONFIRMED
    assert mails[-1].template == "claim_approved" and mails[-1].context["confirmed_by"] == "actor"
    assert mailbox.post(path, data={"csrf_token": csrf_token(mailbox, "/connexion")}).status_code == 410


def test_an_actor_without_address_waits_for_the_coordinator(client, world, mails):
    sign_in(client, world["registrant"])
    claim(client, world["quiet"])
    assert the_claim().state == ClaimStatus.PENDING and mails == []


def test_a_claim_on_an_actor_already_claimed_changes_nothing(client, world, make_user, make_registrant, mails):
    make_user("applicant", actor=world["actor"])
    sign_in(client, world["registrant"])
    page = client.get(f"/compte/rattachement/{world['actor'].id}")
    assert "Cet acteur a déjà des comptes sur le portail" in text(page)
    page = claim(client, world["actor"], message="Je suis le trésorier.")
    assert page.status_code == 200
    assert "Cet acteur a déjà des comptes sur le portail" in text(page)
    assert "Je suis le trésorier." in text(page)
    assert the_claim() is None and mails == []


def test_a_claim_on_an_actor_someone_else_claimed_changes_nothing(app, client, world, make_registrant, mails):
    first = sign_in(app.test_client(), make_registrant("autre@example.org"))
    claim(first, world["quiet"])
    sign_in(client, world["registrant"])
    page = claim(client, world["quiet"])
    assert "Une autre personne a déjà demandé à gérer cet acteur" in text(page)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActorClaim)) == 1


def test_one_request_at_a_time(client, world, mails):
    sign_in(client, world["registrant"])
    claim(client, world["quiet"])
    page = claim(client, world["actor"])
    assert "Vous avez déjà une demande en attente" in text(page)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ActorClaim)) == 1


def test_a_refusal_needs_a_reason_and_lets_the_person_ask_again(app, client, world, mails):
    sign_in(client, world["registrant"])
    claim(client, world["quiet"])
    coordination = sign_in(app.test_client(), world["coordinator"])
    pending = the_claim()
    page = decide(coordination, pending.id, "refuse")
    assert "Indiquez le motif du refus" in text(page)
    assert the_claim().state == ClaimStatus.PENDING
    decide(coordination, pending.id, "refuse", reason="Vous n'êtes pas dans le bureau de l'association.")
    assert the_claim().state == ClaimStatus.REFUSED
    refused = mails[-1]
    assert (refused.template, refused.context["reason"]) == (
        "claim_refused", "Vous n'êtes pas dans le bureau de l'association.")
    assert link_path(refused.context["link"]) == "/compte/rattachement"
    db.session.refresh(world["registrant"])
    assert world["registrant"].role == Role.REGISTRANT
    # Decided once: a second decision is refused with a message.
    assert "Cette demande a déjà reçu une réponse." in text(decide(coordination, pending.id, "approve"))
    assert claim(client, world["actor"]).status_code == 302


# -- a new actor ------------------------------------------------------------------------


def propose(client, name="Jeunes solidaires de Massy", **extra):
    url = "/compte/rattachement/nouvel-acteur"
    return client.post(url, data={"csrf_token": csrf_token(client, url), "name": name, "kind": "association",
                                  "departement": "91", "message": "Fondatrice", **extra})


def test_a_new_actor_is_published_once_approved(app, client, world, mails):
    sign_in(client, world["registrant"])
    assert propose(client).headers["Location"] == "/compte/rattachement"
    actor = db.session.scalar(sa.select(Actor).where(Actor.name == "Jeunes solidaires de Massy"))
    assert actor.published is False
    assert app.test_client().get(f"/acteurs/{actor.id}").status_code == 404
    coordination = sign_in(app.test_client(), world["coordinator"])
    decide(coordination, the_claim().id, "approve")
    db.session.refresh(actor)
    assert actor.published is True
    db.session.refresh(world["registrant"])
    assert world["registrant"].actor_id == actor.id
    assert mails[-1].context["kind"] == "creation"


def test_a_refused_new_actor_is_deleted(app, client, world, mails):
    sign_in(client, world["registrant"])
    propose(client)
    coordination = sign_in(app.test_client(), world["coordinator"])
    decide(coordination, the_claim().id, "refuse", reason="Déjà dans l'annuaire sous un autre nom.")
    assert db.session.scalar(sa.select(Actor).where(Actor.name == "Jeunes solidaires de Massy")) is None
    assert the_claim().actor_name == "Jeunes solidaires de Massy"


def test_a_new_actor_with_the_rna_of_another_points_to_it(client, world, mails):
    sign_in(client, world["registrant"])
    page = propose(client, name="Essonne Sahel (doublon)", rna="W913000123")
    assert "Ce numéro est déjà celui de « Essonne Solidarité Sahel »" in text(page)
    assert 'value="Essonne Sahel (doublon)"' in page.get_data(as_text=True)
    assert the_claim() is None
