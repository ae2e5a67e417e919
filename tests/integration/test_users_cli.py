"""``flask users create``: the first coordinator of an empty database, with a password
typed at the prompt or an invitation by mail."""

from __future__ import annotations

import sqlalchemy as sa

from app.auth.models import Role, User
from app.core.audit import AuditEntry
from app.extensions import db
from app.network.models import Member
from tests.conftest import link_path, login

PASSWORD = "cheval agrafe batterie correcte"


def create(app, *args, input=None):
    return app.test_cli_runner().invoke(args=["users", "create", *args], input=input)


def user(email) -> User | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_the_first_coordinator_of_an_empty_database(app, client, mails):
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Member)) == 0
    result = create(app, "--email", "Coordination@Example.org", "--name", "Coordination régionale",
                    "--role", "coordinator", "--member", "idf", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Membres fondateurs installés : IDF, 77, 91, 93, 94." in result.output
    assert "compte créé pour coordination@example.org" in result.output
    assert PASSWORD not in result.output
    coordinator = user("coordination@example.org")
    assert (coordinator.role, coordinator.member.code, coordinator.email_confirmed) == (Role.COORDINATOR, "IDF", True)
    assert coordinator.member.is_coordinator
    assert db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.object_type == "users")) == "user.create"
    assert login(client, "coordination@example.org", PASSWORD).status_code == 302
    assert client.get("/comptes/").status_code == 200
    assert mails == []


def test_an_officer_invited_from_the_command_line(app, make_member, mails):
    make_member("91")
    app.config["PORTAL_BASE_URL"] = "https://portail.example.org/"
    result = create(app, "--email", "agent91@example.org", "--name", "Agent de l'Essonne", "--role", "officer",
                    "--member", "91", "--invite")
    assert result.exit_code == 0, result.output
    assert "invitation envoyée à agent91@example.org" in result.output
    officer = user("agent91@example.org")
    assert (officer.role, officer.member.code, officer.has_password) == (Role.OFFICER, "91", False)
    (mail,) = mails
    assert (mail.to, mail.template, mail.context["inviter_name"]) == ("agent91@example.org", "invitation", "")
    assert mail.context["link"].startswith("https://portail.example.org/invitation/")
    assert link_path(mail.context["link"]).startswith("/invitation/")


def test_an_invitation_needs_the_portals_public_address(app, make_member, mails):
    make_member("91")
    result = create(app, "--email", "agent91@example.org", "--name", "Agent", "--role", "officer",
                    "--member", "91", "--invite")
    assert result.exit_code == 1
    assert "PORTAL_BASE_URL" in result.output
    assert user("agent91@example.org") is None


def test_a_weak_password_creates_nothing(app, make_member):
    make_member("IDF")
    result = create(app, "--email", "coordination@example.org", "--name", "Coordination", "--role",
                    "coordinator", "--member", "IDF", input="motdepasse2026\nmotdepasse2026\n")
    assert result.exit_code == 1
    assert "Ce mot de passe est trop courant" in result.output
    assert user("coordination@example.org") is None


def test_a_taken_address_or_an_unknown_member_is_said(app, make_member, make_user):
    make_user("officer", member="91", email="agent91@example.org")
    taken = create(app, "--email", "agent91@example.org", "--name", "Doublon", "--role", "officer",
                   "--member", "91", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert taken.exit_code == 1 and "Un compte existe déjà" in taken.output
    unknown = create(app, "--email", "agent75@example.org", "--name", "Agent", "--role", "officer",
                     "--member", "75", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert unknown.exit_code == 2 and "Aucune collectivité membre de code « 75 »" in unknown.output
    coordinator = create(app, "--email", "coord91@example.org", "--name", "Coordination", "--role",
                         "coordinator", "--member", "91", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert coordinator.exit_code == 1 and "appartiennent à la Région" in coordinator.output
    bad = create(app, "--email", "pas-une-adresse", "--name", "Agent", "--role", "officer", "--member", "91")
    assert bad.exit_code == 2
