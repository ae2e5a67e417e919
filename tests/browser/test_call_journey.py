"""Issue 9's journey in Chromium, with real mail: one dossier, two co-funders, two decisions.

A portal of its own (the demo data, plus a fresh call co-financed by the Essonne and the
Seine-Saint-Denis, published, in which nobody has applied yet), served by werkzeug with its
mail going to a local SMTP server (aiosmtpd) through the delivery thread that runs after
each request, as in test_accounts_journey.py:

1. association1, on its phone, applies: the harmonised form with a balanced budget asking
   each Département within its ceiling, the budget it uploads as a real (tiny) PDF, then
   submits; the receipt reaches it and the new-dossier mail reaches agent91 and agent93;
2. agent91 starts the instruction and grants the Essonne's share; agent93 refuses the
   Seine-Saint-Denis's with a reason;
3. association1's dossier shows both decisions and the state « accepté »; both decision
   mails arrived. axe on the application form, the dossier, the instruction list and the
   decision form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from email.message import EmailMessage

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.auth.models import User
from app.calls import services
from app.core.dates import PARIS
from app.extensions import db
from app.network.models import Member, Territory, Theme
from tests.browser.conftest import (
    PHONE,
    MailingPortal,
    assert_no_serious_violations,
    fits_the_screen,
    log_in,
    mail_to,
    mailing_portal,
)
from tests.file_samples import pdf

pytestmark = pytest.mark.browser

CALL = "Appel à projets « Jeunesse et coopération » Essonne – Seine-Saint-Denis"
PROJECT = "Bibliothèques solaires dans les quartiers de Dakar"
ASSOCIATION = "association1@example.org"
AGENT_91 = "agent91@example.org"
AGENT_93 = "agent93@example.org"
ESSONNE = "Département de l'Essonne"
SEINE_SAINT_DENIS = "Département de la Seine-Saint-Denis"
REFUSAL = "Le projet ne concerne pas la jeunesse séquano-dionysienne."


def _create_call() -> int:
    """A call of the Essonne that the Seine-Saint-Denis co-finances, published and open,
    created as their officers would (through the services), requiring one attachment."""
    members = {m.code: m for m in db.session.scalars(sa.select(Member).where(Member.code.in_(["91", "93"])))}
    agent91 = db.session.scalar(sa.select(User).where(User.email == AGENT_91))
    agent93 = db.session.scalar(sa.select(User).where(User.email == AGENT_93))
    today = datetime.now(PARIS)
    data = services.CallData(
        title_fr=CALL, text_fr="Projets de coopération portés par des associations franciliennes avec la jeunesse.",
        opens_at=today - timedelta(days=2), closes_at=today + timedelta(days=60), min_own_share=20,
        max_public_rate=80, beneficiary_kinds=["association", "osim"], required_attachments=["budget_previsionnel"],
        themes=list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(["education", "jeunesse-mobilite"])))),
        territories=list(db.session.scalars(sa.select(Territory).where(Territory.code == "SN-dakar"))),
        criteria=[services.CriterionData("Pertinence du partenariat", 2), services.CriterionData("Sensibilisation", 1)])
    call = services.create_call(agent91, data, lead=members["91"], envelope=services.EnvelopeData(
        20_000_00, 6_000_00, "Commission permanente du conseil départemental de l'Essonne"))
    db.session.flush()
    (envelope,) = services.invite(agent91, call, [members["93"]])
    services.accept_envelope(agent93, envelope, services.EnvelopeData(
        15_000_00, 4_000_00, "Commission permanente du conseil départemental de la Seine-Saint-Denis"))
    services.move(agent91, call, "publish")
    db.session.commit()
    return call.id


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Iterator[MailingPortal]:
    """The demo data and the fresh call (``portal.made``: its id), served with mail."""
    from app.demo.loader import load

    def prepare() -> int:
        load()
        return _create_call()

    with mailing_portal(tmp_path_factory, "calljourney", prepare) as portal:
        yield portal


def text_of(mail: EmailMessage) -> str:
    return mail.get_body(("plain",)).get_content()


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def flash(page: Page, text: str):
    return page.get_by_role("status").filter(has_text=text)


def open_dossier_to_instruct(page: Page, portal: MailingPortal) -> None:
    """From the calls' list to the dossier's instruction page, as an officer goes."""
    page.goto("/appels/")
    page.get_by_role("link", name=CALL).first.click()
    page.get_by_role("link", name="Instruction des candidatures").click()
    expect(heading(page)).to_contain_text("Instruction des candidatures")
    page.get_by_role("link", name=PROJECT).click()
    expect(heading(page)).to_contain_text(PROJECT)


def test_an_association_applies_once_and_two_departements_decide(portal: MailingPortal, person, tmp_path):
    smtp = portal.smtp
    today = date.today()

    # 1. association1 applies, on its phone.
    association = person(**PHONE)
    log_in(association, ASSOCIATION)
    association.goto("/appels/")
    association.get_by_role("link", name=CALL).first.click()
    expect(heading(association)).to_contain_text(CALL)
    association.get_by_role("link", name="Candidater").click()
    expect(heading(association)).to_contain_text("Nouvelle candidature")
    assert_no_serious_violations(association)
    fits_the_screen(association)
    association.get_by_label("Intitulé du projet").fill(PROJECT)
    association.get_by_label("Résumé du projet").fill("Trois bibliothèques alimentées à l'énergie solaire.")
    association.get_by_label("Date de début").fill((today + timedelta(days=90)).isoformat())
    association.get_by_label("Date de fin").fill((today + timedelta(days=400)).isoformat())
    association.get_by_label("Territoire partenaire").select_option(label="Dakar")
    association.get_by_label("Organisation partenaire (facultatif)").fill("Mairie de Dakar-Plateau")
    association.get_by_role("checkbox", name=re.compile("Éducation")).first.check()
    association.get_by_label("Résultats attendus").fill("Trois bibliothèques ouvertes, 600 lecteurs.")
    association.get_by_label("Retombées locales en Île-de-France").fill("Ateliers dans deux collèges franciliens.")
    association.get_by_label("Dépense 1 : intitulé").fill("Panneaux solaires et batteries")
    association.get_by_label("Dépense 1 : montant").fill("7 000")
    association.get_by_label("Dépense 2 : intitulé").fill("Livres et mobilier")
    association.get_by_label("Dépense 2 : montant").fill("3 000")
    association.get_by_label("Apport propre (€)").fill("2 000")
    association.get_by_label(f"Montant demandé au {ESSONNE}").fill("5 000")
    association.get_by_label(f"Montant demandé au {SEINE_SAINT_DENIS}").fill("3 000")
    association.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(flash(association, "Votre brouillon est enregistré.")).to_be_visible()
    expect(heading(association)).to_contain_text(PROJECT)
    expect(association.get_by_text("équilibré", exact=True)).to_be_visible()

    # The budget, a real PDF file chosen from the phone.
    budget = tmp_path / "budget-previsionnel.pdf"
    budget.write_bytes(pdf("Budget prévisionnel des bibliothèques"))
    association.get_by_label("Pièce", exact=True).select_option(value="budget_previsionnel")
    association.get_by_label("Fichier", exact=True).set_input_files(budget)
    association.get_by_role("button", name="Joindre le fichier").click()
    expect(flash(association, "Pièce jointe enregistrée : budget-previsionnel.pdf.")).to_be_visible()
    expect(association.get_by_role("link", name="budget-previsionnel.pdf")).to_be_visible()
    assert_no_serious_violations(association)
    fits_the_screen(association)

    association.get_by_role("button", name="Déposer le dossier").click()
    expect(flash(association, "Votre dossier est déposé.")).to_be_visible()
    expect(association.get_by_text("déposé", exact=True)).to_be_visible()
    expect(association.get_by_role("button", name="Enregistrer le brouillon")).to_have_count(0)
    assert_no_serious_violations(association)
    fits_the_screen(association)
    dossier_url = association.url

    receipt = text_of(mail_to(smtp, ASSOCIATION, f"Accusé de réception : « {PROJECT} »"))
    assert dossier_url in receipt
    for officer, member in ((AGENT_91, ESSONNE), (AGENT_93, SEINE_SAINT_DENIS)):
        notice = text_of(mail_to(smtp, officer, f"Nouveau dossier : « {PROJECT} »"))
        assert member in notice
        assert dossier_url in notice

    # 2. agent91 starts the instruction and grants the Essonne's share.
    agent91 = person()
    log_in(agent91, AGENT_91)
    agent91.goto("/appels/")
    agent91.get_by_role("link", name=CALL).first.click()
    agent91.get_by_role("link", name="Instruction des candidatures").click()
    expect(heading(agent91)).to_contain_text("Instruction des candidatures")
    expect(agent91.get_by_role("link", name=PROJECT)).to_be_visible()
    assert_no_serious_violations(agent91)
    agent91.get_by_role("link", name=PROJECT).click()
    expect(heading(agent91)).to_contain_text(PROJECT)
    agent91.get_by_role("button", name="Commencer l'instruction").click()
    expect(agent91.get_by_text("L'instruction du dossier a commencé.")).to_be_visible()
    agent91.get_by_role("link", name=f"Décider pour le {ESSONNE}").click()
    expect(heading(agent91)).to_contain_text(f"Décision du {ESSONNE}")
    assert_no_serious_violations(agent91)
    agent91.get_by_label(re.compile("Montant attribué")).fill("4 500")
    agent91.get_by_label("Référence de la délibération").fill("CP 2027-91-31")
    agent91.get_by_label("Date de la délibération").fill(today.isoformat())
    agent91.get_by_role("button", name="Enregistrer la décision").click()
    expect(agent91.get_by_text(f"La décision du {ESSONNE} a été enregistrée")).to_be_visible()

    # agent93 refuses the Seine-Saint-Denis's share, with a reason.
    agent93 = person()
    log_in(agent93, AGENT_93)
    open_dossier_to_instruct(agent93, portal)
    agent93.get_by_role("link", name=f"Décider pour le {SEINE_SAINT_DENIS}").click()
    expect(heading(agent93)).to_contain_text(f"Décision du {SEINE_SAINT_DENIS}")
    agent93.get_by_label(re.compile("Montant attribué")).fill("0")
    agent93.get_by_label("Motif du refus (envoyé au porteur de projet)").fill(REFUSAL)
    agent93.get_by_role("button", name="Enregistrer la décision").click()
    expect(agent93.get_by_text(f"La décision du {SEINE_SAINT_DENIS} a été enregistrée")).to_be_visible()

    # 3. The association reads both decisions on its dossier, now accepted.
    association.goto(dossier_url)
    expect(heading(association)).to_contain_text(PROJECT)
    expect(association.locator(".page-head__meta strong")).to_have_text("accepté")
    decisions = association.get_by_role("region", name="Décisions des cofinanceurs")
    expect(decisions.get_by_role("listitem").filter(has_text=ESSONNE)).to_contain_text(
        re.compile(r"4\s500\s€ attribués sur 5\s000\s€ demandés — délibération CP 2027-91-31"))
    expect(decisions.get_by_role("listitem").filter(has_text=SEINE_SAINT_DENIS)).to_contain_text(
        f"refus. Motif : {REFUSAL}")
    expect(association.get_by_text("Alerte")).to_have_count(0)
    assert_no_serious_violations(association)
    fits_the_screen(association)

    granted = text_of(mail_to(smtp, ASSOCIATION, f"Décision du {ESSONNE} sur votre projet « {PROJECT} »"))
    assert "CP 2027-91-31" in granted
    assert dossier_url in granted
    refused = text_of(mail_to(smtp, ASSOCIATION, f"Décision du {SEINE_SAINT_DENIS} sur votre projet « {PROJECT} »"))
    assert REFUSAL in refused

    # Each mail about the dossier went out once, to its person, and nothing else.
    about = sorted((m["To"], m["Subject"]) for m in list(smtp.messages) if PROJECT in (m["Subject"] or ""))
    assert about == sorted([
        (ASSOCIATION, f"Accusé de réception : « {PROJECT} »"),
        (AGENT_91, f"Nouveau dossier : « {PROJECT} »"),
        (AGENT_93, f"Nouveau dossier : « {PROJECT} »"),
        (ASSOCIATION, f"Décision du {ESSONNE} sur votre projet « {PROJECT} »"),
        (ASSOCIATION, f"Décision du {SEINE_SAINT_DENIS} sur votre projet « {PROJECT} »"),
    ])
