"""The members' accounts: invitations (an officer for its own member only), the
coordinator's list, deactivation, change of member; every change audited."""

from __future__ import annotations

import html
from datetime import date

import pytest
import sqlalchemy as sa

from app.auth.models import Role, User
from app.core.audit import AuditEntry
from app.extensions import db
from app.network.models import MemberStatus
from tests.conftest import csrf_token, link_path, login

NEW_PASSWORD = "cheval agrafe batterie correcte"


@pytest.fixture
def staff(make_member, make_user):
    idf, m91, m93 = make_member("IDF"), make_member("91"), make_member("93")
    return {
        "coordinator": make_user("coordinator", member=idf, email="coordination@example.org"),
        "officer91": make_user("officer", member=m91, email="agent91@example.org"),
        "officer93": make_user("officer", member=m93, email="agent93@example.org"),
        "members": {"IDF": idf, "91": m91, "93": m93},
    }


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def invite(client, email="nouvel.agent@example.org", member="91", role="officer", name="Nouvel Agent"):
    return client.post("/comptes/inviter", data={
        "csrf_token": csrf_token(client, "/comptes/inviter"), "email": email, "name": name,
        "member": member, "role": role})


def find(email) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email))


def audit_actions(user: User) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).where(
        AuditEntry.object_type == "users", AuditEntry.object_id == user.id).order_by(AuditEntry.id)))


# -- invitations ------------------------------------------------------------------------


def test_an_officer_invites_a_colleague_of_its_own_member(client, staff, mails, login_as):
    login_as(staff["officer91"])
    page = client.get("/comptes/inviter").get_data(as_text=True)
    assert 'value="91"' in page and 'value="93"' not in page and 'value="coordinator"' not in page
    response = invite(client)
    assert response.status_code == 302
    user = find("nouvel.agent@example.org")
    assert (user.role, user.member.code, user.has_password, user.invited_by_id) == (
        Role.OFFICER, "91", False, staff["officer91"].id)
    (mail,) = mails
    assert (mail.to, mail.template) == ("nouvel.agent@example.org", "invitation")
    assert mail.context["organisation"] == staff["members"]["91"].name
    assert mail.context["inviter_name"] == staff["officer91"].name and mail.context["expires_days"] == 7
    assert link_path(mail.context["link"]).startswith("/invitation/")
    assert audit_actions(user) == ["user.invite"]


@pytest.mark.parametrize("member, role", [("93", "officer"), ("IDF", "officer"), ("91", "coordinator")])
def test_an_officer_cannot_invite_for_another_member_or_above_itself(client, staff, mails, login_as, member, role):
    login_as(staff["officer91"])
    assert invite(client, member=member, role=role).status_code == 403
    assert find("nouvel.agent@example.org") is None and mails == []


def test_an_association_cannot_invite_staff(client, staff, make_user, login_as):
    login_as(make_user("applicant"))
    assert client.get("/comptes/inviter").status_code == 403
    assert client.post("/comptes/inviter", data={"csrf_token": csrf_token(client, "/compte")}).status_code == 403


def test_the_invited_officer_sets_a_password_and_publishes_a_scheme(app, client, staff, mails, login_as):
    login_as(staff["coordinator"])
    invite(client, member="91")
    path = link_path(mails[0].context["link"])
    newcomer = app.test_client()
    page = newcomer.get(path)
    assert page.status_code == 200 and "nouvel.agent@example.org" in page.get_data(as_text=True)
    # A weak password first: said, nothing changes, the link still works.
    weak = newcomer.post(path, data={"csrf_token": csrf_token(newcomer, path), "name": "Nouvel Agent",
                                     "password": "essonne2026"})
    assert "au moins 12 caractères" in text(weak)
    response = newcomer.post(path, data={"csrf_token": csrf_token(newcomer, path), "name": "Nouvelle Agente",
                                         "password": NEW_PASSWORD})
    assert response.headers["Location"] == "/compte"
    user = find("nouvel.agent@example.org")
    assert user.name == "Nouvelle Agente" and user.email_confirmed and user.check_password(NEW_PASSWORD)
    # Signed in: publishes a scheme for the 91.
    form = newcomer.get("/dispositifs/nouveau")
    assert form.status_code == 200
    response = newcomer.post("/dispositifs/nouveau", data={
        "csrf_token": csrf_token(newcomer, "/dispositifs/nouveau"), "name": "Solidarité Essonne Sud",
        "funder": "91", "recurrence": "annual", "action": "publish"})
    assert response.status_code == 302, text(response)[:2000]
    assert newcomer.get(response.headers["Location"]).status_code == 200
    assert app.test_client().get(response.headers["Location"]).status_code == 200  # published
    # The link is spent.
    assert newcomer.get(path).status_code == 410


def test_an_invitation_to_a_member_that_left_is_refused(client, staff, mails, login_as):
    left = staff["members"]["93"]
    left.status, left.left_on = MemberStatus.LEFT, date(2025, 12, 31)
    db.session.commit()
    login_as(staff["coordinator"])
    assert 'value="93"' not in client.get("/comptes/inviter").get_data(as_text=True)
    page = invite(client, member="93")  # a form opened before the member left
    assert page.status_code == 200
    assert "n'est pas membre active du réseau" in text(page)
    assert 'value="nouvel.agent@example.org"' in page.get_data(as_text=True)
    assert find("nouvel.agent@example.org") is None and mails == []


def test_the_coordination_accounts_belong_to_the_region(client, staff, mails, login_as):
    login_as(staff["coordinator"])
    page = invite(client, member="91", role="coordinator")
    assert "Les comptes de la coordination du réseau appartiennent à la Région" in text(page)
    assert find("nouvel.agent@example.org") is None and mails == []
    assert invite(client, member="IDF", role="coordinator").status_code == 302
    assert find("nouvel.agent@example.org").role == Role.COORDINATOR


def test_an_invitation_to_an_address_with_an_account_is_refused(client, staff, mails, login_as):
    login_as(staff["coordinator"])
    page = invite(client, email="AGENT93@example.org", name="Doublon")
    assert "Un compte existe déjà avec cette adresse électronique." in text(page)
    assert 'value="Doublon"' in page.get_data(as_text=True)
    assert mails == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 3


def test_a_new_invitation_replaces_the_old_link(client, staff, mails, login_as):
    login_as(staff["coordinator"])
    invite(client)
    user = find("nouvel.agent@example.org")
    client.post(f"/comptes/{user.id}/invitation", data={"csrf_token": csrf_token(client, "/comptes/")})
    first, second = (link_path(m.context["link"]) for m in mails)
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    assert audit_actions(user) == ["user.invite", "user.reinvite"]


# -- the coordinator's list -------------------------------------------------------------


def test_the_list_of_users_filters_by_member_role_and_state(client, staff, make_user, login_as):
    make_user("officer", member=staff["members"]["91"], email="ancien91@example.org", active=False)
    login_as(staff["coordinator"])

    def emails(query):
        page = client.get("/comptes/" + query)
        assert page.status_code == 200
        return {e for e in ("coordination", "agent91", "agent93", "ancien91") if f"{e}@example.org" in page.get_data(as_text=True)}

    assert emails("") == {"coordination", "agent91", "agent93", "ancien91"}
    assert emails("?membre=91") == {"agent91", "ancien91"}
    assert emails("?role=coordinator") == {"coordination"}
    assert emails("?actif=non") == {"ancien91"}
    assert emails("?membre=91&actif=oui") == {"agent91"}
    assert emails("?membre=zz&role=roi&actif=peut-etre") == {"coordination", "agent91", "agent93", "ancien91"}


@pytest.mark.parametrize("who, expected", [("anonymous", 302), ("officer91", 403), ("applicant", 403),
                                           ("registrant", 403), ("coordinator", 200)])
def test_only_the_coordinator_sees_the_users(client, staff, make_user, who, expected):
    if who == "applicant":
        login(client, make_user("applicant").email)
    elif who == "registrant":
        user = make_user("applicant")
        user.role, user.actor = Role.REGISTRANT, None
        db.session.commit()
        login(client, user.email)
    elif who != "anonymous":
        login(client, staff[who].email)
    assert client.get("/comptes/").status_code == expected
    assert client.get("/comptes/demandes").status_code == expected


def test_deactivating_signs_out_and_reactivating_lets_back_in(app, client, staff, login_as):
    officer = staff["officer93"]
    laptop = app.test_client()
    login(laptop, officer.email)
    login_as(staff["coordinator"])
    response = client.post(f"/comptes/{officer.id}/desactiver?membre=93",
                           data={"csrf_token": csrf_token(client, "/comptes/")})
    assert response.headers["Location"] == "/comptes/?membre=93"
    assert laptop.get("/compte").status_code == 302
    assert login(laptop, officer.email).status_code == 200  # refused while deactivated
    client.post(f"/comptes/{officer.id}/reactiver", data={"csrf_token": csrf_token(client, "/comptes/")})
    assert login(laptop, officer.email).status_code == 302
    assert audit_actions(officer) == ["user.deactivate", "user.activate"]


def test_the_coordinator_cannot_deactivate_itself(client, staff, login_as):
    me = staff["coordinator"]
    login_as(me)
    response = client.post(f"/comptes/{me.id}/desactiver", data={"csrf_token": csrf_token(client, "/comptes/")})
    assert response.status_code == 403
    db.session.refresh(me)
    assert me.active


def test_an_officer_changes_member(client, staff, login_as):
    officer = staff["officer93"]
    login_as(staff["coordinator"])
    assert client.get(f"/comptes/{staff['coordinator'].id}/collectivite").status_code == 403
    url = f"/comptes/{officer.id}/collectivite"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "member": "91"})
    assert response.headers["Location"] == "/comptes/"
    db.session.refresh(officer)
    assert officer.member.code == "91"
    (entry,) = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "user.change_member"))
    assert entry.changes == {"member_id": [staff["members"]["93"].id, staff["members"]["91"].id]}
    assert entry.user_id == staff["coordinator"].id


def test_an_officer_cannot_manage_accounts(client, staff, login_as):
    login_as(staff["officer91"])
    target = staff["officer93"]
    token = csrf_token(client, "/compte")
    assert client.post(f"/comptes/{target.id}/desactiver", data={"csrf_token": token}).status_code == 403
    assert client.get(f"/comptes/{target.id}/collectivite").status_code == 403
    assert client.post(f"/comptes/{target.id}/invitation", data={"csrf_token": token}).status_code == 403


# -- an actor's team --------------------------------------------------------------------


def test_an_actors_account_invites_a_colleague_to_that_actor_only(client, make_user, make_actor, mails, login_as):
    actor = make_actor("Association des amis de Dakar")
    other = make_actor("Association voisine")
    login_as(make_user("applicant", actor=actor))
    assert client.get(f"/acteurs/{other.id}/comptes").status_code == 403
    url = f"/acteurs/{actor.id}/comptes"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "email": "tresorier@amis-dakar.org",
                                      "name": "Trésorier"})
    assert response.headers["Location"] == url
    colleague = find("tresorier@amis-dakar.org")
    assert (colleague.role, colleague.actor_id, colleague.member_id) == (Role.APPLICANT, actor.id, None)
    assert mails[0].template == "invitation" and mails[0].context["organisation"] == actor.name
