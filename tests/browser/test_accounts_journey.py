"""The accounts' whole journey in Chromium, as a real deployment goes through it.

An empty, freshly migrated database (reference data: territories and themes; no member,
no user, no demo), a portal served by werkzeug with mail going to a real SMTP server
(aiosmtpd) through the delivery thread that runs after each request:

1. the first coordinator is created on the command line (``flask users create``), which
   installs the network's founding members;
2. it invites an officer of the Essonne through the web; the officer opens the link of
   the mail in a browser of its own, chooses a password and publishes a scheme, which
   the public sees;
3. an association signs up (on a phone-sized screen), confirms its address from the
   mail, asks to manage an actor of the directory; the coordinator accepts; the
   association edits the actor's profile and the public page (and search) shows the change.

Each person has a browser context of its own (own cookies), as each has their own
computer. The test reads every mail the SMTP server received: recipient, subject, link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from playwright.sync_api import Page, expect

from app.actors import services
from app.actors.models import ActorKind
from app.extensions import db
from app.network.models import Territory
from tests.browser.conftest import (
    PHONE,
    MailingPortal,
    assert_no_serious_violations,
    fits_the_screen,
    log_in,
    mail_to,
    mailing_portal,
)

pytestmark = pytest.mark.browser

PASSWORD = "cheval agrafe batterie correcte"
COORDINATOR = "coordination@iledefrance.example"
OFFICER = "agent.solidarite@essonne.example"
ASSOCIATION = "presidente@essonne-sahel.example"
ACTOR = "Essonne Solidarité Sahel"
ACTOR_MAILBOX = "contact@essonne-sahel.example"
RNA = "W913000123"
SCHEME = "Fonds essonnien pour les jumelages"


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Iterator[MailingPortal]:
    """An empty deployment (migrations only), served with its mail going to a local SMTP server."""
    with mailing_portal(tmp_path_factory, "journey") as portal:
        yield portal


# -- mail ----------------------------------------------------------------------------------


def link_in(mail: EmailMessage, portal: MailingPortal, path: str) -> str:
    """The one link to ``path...`` written in the mail's text, the same behind the HTML
    part's button."""
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    links = re.findall(rf"{re.escape(portal.url + path)}[^\s\"<>]*", text)
    assert len(links) == 1, (path, text)
    assert f'href="{links[0]}"' in html  # the button of the HTML part
    return links[0]


def flash(page: Page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def search(page: Page, text: str):
    """Search from the header's box, as a visitor would: the results' region."""
    box = page.get_by_role("combobox", name="Rechercher sur le portail")
    box.fill(text)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche\?q="))
    return page.get_by_role("region", name=re.compile(r"^(Aucun résultat|\d+ résultats?)"))


def heading(page: Page):
    return page.get_by_role("heading", level=1)


# -- the journey ---------------------------------------------------------------------------


def test_from_an_empty_deployment_to_an_association_editing_its_profile(portal: MailingPortal, person):
    smtp = portal.smtp

    # 1. The first coordinator, on the command line of an empty deployment.
    with portal.app.app_context():
        assert db.session.scalar(db.text("SELECT count(*) FROM users")) == 0
        assert db.session.scalar(db.text("SELECT count(*) FROM members")) == 0
    result = portal.app.test_cli_runner().invoke(
        args=["users", "create", "--email", COORDINATOR, "--name", "Camille Coordination",
              "--role", "coordinator", "--member", "IDF"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Membres fondateurs installés : IDF, 77, 91, 93, 94." in result.output
    assert f"coordinator de Région Île-de-France : compte créé pour {COORDINATOR}." in result.output

    # The directory of a real deployment already lists the association (imported, or
    # entered by the coordination): its account will ask to manage it.
    with portal.app.app_context():
        essonne = db.session.scalar(db.select(Territory).where(Territory.code == "91"))
        actor = services.create_actor(None, services.ActorData(
            name=ACTOR, kind=ActorKind.ASSOCIATION, rna=RNA, email=ACTOR_MAILBOX, commune="Évry-Courcouronnes",
            departement=essonne, description="Association de solidarité avec le Sahel."))
        db.session.commit()
        actor_path = f"/acteurs/{actor.id}"
        db.session.remove()

    # 2. The coordinator signs in and invites an officer of the Essonne.
    coordinator = person()
    log_in(coordinator, COORDINATOR, PASSWORD)
    coordinator.get_by_role("link", name="Mon compte").click()
    expect(heading(coordinator)).to_have_text("Mon compte")
    expect(coordinator.get_by_text("Coordination du réseau (Région)")).to_be_visible()
    coordinator.get_by_role("link", name="Inviter un agent").click()
    expect(heading(coordinator)).to_have_text("Inviter un agent")
    assert_no_serious_violations(coordinator)
    coordinator.get_by_label("Adresse électronique").fill(OFFICER)
    coordinator.get_by_label("Nom et prénom").fill("Samir Benali")
    coordinator.get_by_label("Collectivité membre").select_option(label="Département de l'Essonne")
    coordinator.get_by_label("Rôle").select_option(label="Agent d'une collectivité membre")
    coordinator.get_by_role("button", name="Envoyer l'invitation").click()
    expect(flash(coordinator, f"Invitation envoyée à {OFFICER} (Département de l'Essonne).")).to_be_visible()
    expect(heading(coordinator)).to_have_text("Comptes")
    row = coordinator.get_by_role("row").filter(has_text=OFFICER)
    expect(row.get_by_role("cell").nth(2)).to_have_text("Département de l'Essonne")
    expect(row.get_by_text("Invitation en attente")).to_be_visible()

    invitation = mail_to(smtp, OFFICER, "Votre compte sur le portail du réseau Île-de-France International")
    text = invitation.get_body(("plain",)).get_content()
    assert "Bonjour Samir Benali," in text
    assert "pour le Département de l'Essonne" in text
    link = link_in(invitation, portal, "/invitation/")

    # The officer opens the link in its own browser and chooses a password.
    officer = person()
    officer.goto(link)
    expect(heading(officer)).to_have_text("Activer votre compte")
    expect(officer.get_by_text("comme agent du Département de l'Essonne")).to_be_visible()
    expect(officer.get_by_label("Nom et prénom")).to_have_value("Samir Benali")
    assert_no_serious_violations(officer)
    officer.get_by_label("Mot de passe").fill(PASSWORD)
    officer.get_by_role("button", name="Activer mon compte").click()
    expect(flash(officer, "Bienvenue ! Votre compte est prêt.")).to_be_visible()
    expect(heading(officer)).to_have_text("Mon compte")
    expect(officer.get_by_role("button", name="Se déconnecter")).to_be_visible()
    expect(officer.get_by_text("Agent d'une collectivité membre")).to_be_visible()

    # It publishes a scheme of its Département.
    officer.goto("/dispositifs/")
    officer.get_by_role("link", name="Nouveau dispositif").click()
    expect(heading(officer)).to_have_text("Nouveau dispositif")
    officer.get_by_label("Nom du dispositif").fill(SCHEME)
    officer.get_by_label("Financeur", exact=True).select_option(label="Département de l'Essonne")
    officer.get_by_label("Résumé en une ou deux phrases").fill(
        "Aide aux associations essonniennes engagées dans un jumelage.")
    officer.get_by_role("button", name="Enregistrer et publier").click()
    expect(flash(officer, "Le dispositif a été publié.")).to_be_visible()
    expect(heading(officer)).to_have_text(SCHEME)
    scheme_url = officer.url

    visitor = person()
    visitor.goto("/dispositifs/")
    visitor.get_by_role("link", name=SCHEME).click()
    expect(heading(visitor)).to_have_text(SCHEME)
    assert visitor.url == scheme_url
    expect(visitor.get_by_role("complementary").get_by_role("link", name="Département de l'Essonne")).to_be_visible()
    # The new deployment's search index has it too.
    expect(search(visitor, "jumelages").get_by_role("link", name=SCHEME, exact=True)).to_be_visible()

    # 3. An association signs up, on its president's phone.
    association = person(**PHONE)
    association.goto("/inscription")
    expect(heading(association)).to_have_text("Créer un compte")
    assert_no_serious_violations(association)
    fits_the_screen(association)
    association.get_by_label("Adresse électronique").fill(ASSOCIATION)
    association.get_by_label("Nom et prénom").fill("Awa Diallo")
    association.get_by_label("Mot de passe").fill(PASSWORD)
    association.get_by_role("button", name="Créer mon compte").click()
    expect(heading(association)).to_have_text("Confirmez votre adresse électronique")

    confirmation = mail_to(smtp, ASSOCIATION, "Confirmez votre adresse électronique")
    assert "Bonjour Awa Diallo," in confirmation.get_body(("plain",)).get_content()
    association.goto(link_in(confirmation, portal, "/inscription/confirmer/"))
    expect(heading(association)).to_have_text("Confirmer votre adresse")
    expect(association.get_by_text(f"Confirmez que l'adresse {ASSOCIATION} est bien la vôtre.")).to_be_visible()
    association.get_by_role("button", name="Confirmer mon adresse").click()
    expect(flash(association, "Votre adresse électronique est confirmée.")).to_be_visible()
    expect(heading(association)).to_have_text("Se connecter")

    association.get_by_label("Adresse électronique").fill(ASSOCIATION)
    association.get_by_label("Mot de passe").fill(PASSWORD)
    association.get_by_role("main").get_by_role("button", name="Se connecter").click()
    expect(heading(association)).to_have_text("Rattacher mon compte à un acteur")
    expect(association.get_by_role("heading", name="Confirmez d'abord votre adresse")).to_have_count(0)
    fits_the_screen(association)

    # It finds its organisation in the directory by its RNA number and asks to manage it.
    association.get_by_label("Nom, numéro RNA ou SIRET").fill(RNA)
    association.get_by_role("button", name="Chercher", exact=True).click()
    association.get_by_role("link", name=ACTOR).click()
    expect(heading(association)).to_have_text(f"Demander à gérer « {ACTOR} »")
    assert_no_serious_violations(association)
    fits_the_screen(association)
    association.get_by_label("Votre rôle dans l'organisation (facultatif)").fill("Présidente de l'association")
    association.get_by_role("button", name="Envoyer la demande").click()
    expect(flash(association, f"Votre demande pour « {ACTOR} » est envoyée.")).to_be_visible()
    pending = association.get_by_role("region", name="Ma demande en cours")
    expect(pending.get_by_text(ACTOR)).to_be_visible()
    expect(pending.get_by_text("En attente")).to_be_visible()

    # The actor's contact address is told, with a link to confirm (nobody follows it here).
    notice = mail_to(smtp, ACTOR_MAILBOX, f"Une personne demande à gérer la fiche « {ACTOR} »")
    assert "Awa Diallo (presidente@essonne-sahel.example)" in notice.get_body(("plain",)).get_content()
    link_in(notice, portal, "/rattachement/confirmer/")

    # The coordinator accepts the request.
    coordinator.get_by_role("link", name="Mon compte").click()
    coordinator.get_by_role("link", name="Demandes de rattachement à un acteur").click()
    expect(heading(coordinator)).to_have_text("Demandes de rattachement")
    coordinator.get_by_role("link", name=f"Awa Diallo pour « {ACTOR} »").click()
    expect(heading(coordinator)).to_have_text("Demande de Awa Diallo")
    expect(coordinator.get_by_text("Présidente de l'association")).to_be_visible()
    expect(coordinator.get_by_text("adresse confirmée")).to_be_visible()
    assert_no_serious_violations(coordinator)
    coordinator.get_by_role("button", name="Accepter la demande").click()
    expect(flash(coordinator, "La demande de Awa Diallo est acceptée.")).to_be_visible()
    expect(coordinator.get_by_text("Aucune demande n'attend de réponse.")).to_be_visible()

    approved = mail_to(smtp, ASSOCIATION, f"Vous gérez désormais la fiche « {ACTOR} »")
    assert "La coordination du réseau a accepté votre demande" in approved.get_body(("plain",)).get_content()
    edit_link = link_in(approved, portal, f"{actor_path}/modifier")

    # 4. The association, still signed in, now manages the actor: its account says so,
    # and the actor's page offers the edit form the mail links to.
    association.get_by_role("link", name="Mon compte").click()
    expect(heading(association)).to_have_text("Mon compte")
    expect(association.get_by_text("Porteur de projet (compte d'un acteur)")).to_be_visible()
    association.get_by_role("main").get_by_role("link", name=ACTOR, exact=True).click()
    expect(heading(association)).to_have_text(ACTOR)
    association.get_by_role("link", name="Modifier la fiche").click()
    expect(heading(association)).to_contain_text("Modifier")
    assert association.url == edit_link
    assert_no_serious_violations(association)
    fits_the_screen(association)
    presentation = association.get_by_label("Présentation")
    expect(presentation).to_have_value("Association de solidarité avec le Sahel.")  # as typed: no tags
    presentation.fill("Nous soutenons des coopératives agricoles au Burkina Faso et au Mali.")
    association.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(flash(association, "La fiche a été mise à jour.")).to_be_visible()
    expect(heading(association)).to_have_text(ACTOR)

    visitor.goto(actor_path)
    expect(heading(visitor)).to_have_text(ACTOR)
    expect(visitor.get_by_text("Nous soutenons des coopératives agricoles au Burkina Faso et au Mali.")).to_be_visible()
    expect(visitor.get_by_role("link", name="Modifier la fiche")).to_have_count(0)
    expect(search(visitor, "coopératives agricoles").get_by_role("link", name=ACTOR, exact=True)).to_be_visible()

    # Every mail of the journey went out once, to its person, and nothing else.
    assert sorted((m["To"], m["Subject"]) for m in smtp.messages) == sorted([
        (OFFICER, "Votre compte sur le portail du réseau Île-de-France International"),
        (ASSOCIATION, "Confirmez votre adresse électronique"),
        (ACTOR_MAILBOX, f"Une personne demande à gérer la fiche « {ACTOR} »"),
        (ASSOCIATION, f"Vous gérez désormais la fiche « {ACTOR} »"),
    ])
