"""The issue's whole journey, from an empty database: the first coordinator on the
command line invites an officer of the 91 through the web; the officer sets a password
from the mail and publishes a scheme; an association signs up, confirms, claims its
actor, is approved, and edits its profile. Every mail queued on the way renders, in
French and in English, with the link it was queued with."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader, StrictUndefined

from app.actors.models import Actor, FundingScheme
from app.auth.models import Role, User
from app.extensions import db
from tests.conftest import csrf_token, link_path, login

PASSWORD = "cheval agrafe batterie correcte"
MAIL_TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "mail" / "templates"
# The outbox's layouts (branch h-mail), when this branch does not have them yet.
LAYOUTS = {
    "mail/layout.txt": "{% block body %}{% endblock %}",
    "mail/layout.html": "<html><body>{% block body %}{% endblock %}</body></html>",
}


def form(client, url, page=None, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, page or url), **data})


def render(app, mail, lang):
    env = app.jinja_env.overlay(loader=ChoiceLoader([FileSystemLoader(MAIL_TEMPLATES), DictLoader(LAYOUTS)]),
                                undefined=StrictUndefined)
    values = {**mail.context, "lang": lang}
    with force_locale(lang):
        text_template = env.get_template(f"mail/{mail.template}.txt")
        subject = "".join(text_template.blocks["subject"](text_template.new_context(values))).strip()
        text = text_template.render(values)
        page = env.get_template(f"mail/{mail.template}.html").render(values, subject=subject)
    return subject, text, page


def test_from_an_empty_database_to_an_association_editing_its_profile(app, make_actor, mails):
    # 1. The first coordinator, on the command line.
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "coordination@region.example", "--name", "Coordination",
              "--role", "coordinator", "--member", "IDF"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    actor = make_actor("Essonne Solidarité Sahel", rna="W913000123", email="contact@essonne-sahel.org")

    # 2. It invites an officer of the 91 through the web.
    coordination = app.test_client()
    assert login(coordination, "coordination@region.example", PASSWORD).status_code == 302
    response = form(coordination, "/comptes/inviter", email="agent91@essonne.example", name="Agent 91",
                    member="91", role="officer")
    assert response.status_code == 302

    # 3. The officer sets a password from the mail and publishes a scheme.
    officer = app.test_client()
    invitation = link_path(mails[-1].context["link"])
    assert form(officer, invitation, name="Agent 91", password=PASSWORD).status_code == 302
    response = form(officer, "/dispositifs/nouveau", name="Solidarité Essonne Sud", funder="91",
                    recurrence="annual", action="publish")
    assert response.status_code == 302
    scheme = db.session.scalar(sa.select(FundingScheme).where(FundingScheme.name == "Solidarité Essonne Sud"))
    assert scheme.funder_member.code == "91"
    assert app.test_client().get(f"/dispositifs/{scheme.id}").status_code == 200

    # 4. An association signs up and confirms its address.
    association = app.test_client()
    response = form(association, "/inscription", email="presidente@essonne-sahel.org", name="Awa Diallo",
                    password=PASSWORD)
    assert response.headers["Location"] == "/inscription/message-envoye"
    confirmation = link_path(mails[-1].context["link"])
    assert form(association, confirmation).status_code == 302
    assert login(association, "presidente@essonne-sahel.org", PASSWORD).status_code == 302

    # 5. It claims its actor; the coordinator approves.
    results = association.get("/compte/rattachement?q=W913000123").get_data(as_text=True)
    assert f'/compte/rattachement/{actor.id}"' in results
    assert form(association, f"/compte/rattachement/{actor.id}", message="Présidente").status_code == 302
    claim_id = db.session.scalar(sa.text("SELECT id FROM actor_claims"))
    assert form(coordination, f"/comptes/demandes/{claim_id}", decision="approve").status_code == 302
    member = db.session.scalar(sa.select(User).where(User.email == "presidente@essonne-sahel.org"))
    assert (member.role, member.actor_id) == (Role.APPLICANT, actor.id)

    # 6. It edits its profile.
    url = f"/acteurs/{actor.id}/modifier"
    version = db.session.scalar(sa.select(Actor.version).where(Actor.id == actor.id))
    response = form(association, url, version=str(version), name=actor.name, kind="association",
                    departement="91", description="Nous soutenons des projets agricoles au Sahel.")
    assert response.status_code == 302
    db.session.expire_all()
    assert "projets agricoles" in db.session.get(Actor, actor.id).description

    # Every mail of the journey renders in both languages, its link in both parts.
    assert [m.template for m in mails] == ["invitation", "signup_confirmation", "claim_confirmation",
                                           "claim_approved"]
    for mail in mails:
        for lang in ("fr", "en"):
            subject, text, page = render(app, mail, lang)
            assert subject and "\n" not in subject
            link = mail.context.get("link") or mail.context.get("edit_link")
            assert link in text and link in page


@pytest.mark.parametrize("template, context", [
    ("signup_existing", {"name": "Marie", "login_link": "https://p.example/connexion",
                         "reset_link": "https://p.example/mot-de-passe-oublie"}),
    ("password_reset", {"name": "Marie", "link": "https://p.example/nouveau-mot-de-passe/x", "expires_hours": 2}),
    ("email_change", {"name": "Marie", "new_email": "n@example.org", "link": "https://p.example/adresse/x",
                      "expires_hours": 24}),
    ("email_changed", {"name": "Marie", "new_email": "n@example.org"}),
    ("claim_refused", {"name": "Marie", "actor_name": "Asso", "kind": "claim", "reason": "Inconnue du bureau",
                       "link": "https://p.example/compte/rattachement"}),
])
def test_the_other_mails_render(app, template, context):
    from types import SimpleNamespace

    for lang in ("fr", "en"):
        subject, text, page = render(app, SimpleNamespace(template=template, context=context), lang)
        assert subject
        for value in context.values():
            if isinstance(value, str) and value.startswith("https://"):
                assert value in text and value in page
