"""The call for projects walked as its users: the error summary of the dossier's lists,
withdrawn drafts kept out of instruction, the call page of an association that already
applied, flash messages that tell the truth about mails, the decision form's markers,
404 for dossiers that do not exist for an officer, wording by state."""

# ruff: noqa: F811  (the fixtures imported below are the tests' parameters)

from __future__ import annotations

import re
from html import unescape

import pytest
import sqlalchemy as sa

from app.calls import application_services as apps
from app.calls.models_applications import ApplicationState
from app.extensions import db
from app.network.models import Territory
from tests.conftest import hidden_fields
from tests.functional.test_applications import (  # noqa: F401  (fixtures)
    as_role,
    balanced,
    fill,
    form_of,
    make_application,
    world,
)
from tests.functional.test_instruction import joint  # noqa: F401  (a fixture)
from tests.instruction_factory import make_application as make_filed


def _text(response) -> str:
    return unescape(response.get_data(as_text=True))


def _input(page: str, field_id: str) -> str:
    match = re.search(r'<(?:input|select)[^>]*\bid="' + re.escape(field_id) + r'"[^>]*>', page)
    assert match, field_id
    return match.group(0)


# -- 1. the error summary of a list of lines --------------------------------------------------


@pytest.mark.parametrize("typed", ["10,555", "-1", "1e9"])
def test_a_bad_line_amount_is_one_error_named_and_linked(client, world, make_application, typed):
    application = make_application()
    as_role(client, world, "applicant")
    dossier = f"/candidatures/{application.id}"
    response = client.post(dossier, data={**form_of(client, dossier), "expenses-0-amount": typed})
    page = _text(response)
    assert response.status_code == 200
    summary = page[page.index('class="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert "Le formulaire contient 1 erreur" in summary
    assert "{" not in summary and "Expenses" not in summary
    link = re.search(r'<a href="#expenses-0-amount">([^<]+)</a>', summary)
    assert link, summary
    assert link.group(1).startswith("Dépenses, ligne 1, montant (€) : ")
    assert "Montant invalide" in link.group(1)
    assert 'aria-invalid="true"' in _input(page, "expenses-0-amount")
    assert f'value="{typed}"' in _input(page, "expenses-0-amount")


def test_resource_and_request_amounts_in_error_are_marked_like_expenses(client, world, make_application):
    application = make_application()
    as_role(client, world, "applicant")
    dossier = f"/candidatures/{application.id}"
    data = form_of(client, dossier)
    request_key = next(k for k in data if k.startswith("requests-") and k.endswith("-amount"))
    data.update({"resources-0-label": "Fondation", "resources-0-amount": "douze", request_key: "abc"})
    page = _text(client.post(dossier, data=data))
    assert "Le formulaire contient 2 erreurs" in page
    request_id = request_key
    for field_id in ("resources-0-amount", request_id):
        tag = _input(page, field_id)
        assert 'aria-invalid="true"' in tag and f'aria-describedby="{field_id}-error"' in tag, tag
        assert f'id="{field_id}-error"' in page
        assert f'<a href="#{field_id}">' in page
    assert "Autres financeurs, ligne 1, montant (€) : " in page
    assert "Montants demandés aux collectivités, ligne 1, montant demandé (€) : " in page
    # A line without error stays unmarked.
    assert "aria-invalid" not in _input(page, "expenses-0-amount")


# -- 2. a draft withdrawn before it was filed is not in instruction ------------------------------


def _territories() -> tuple[Territory, Territory]:
    first = db.session.scalar(sa.select(Territory).where(Territory.country_code != "FR").limit(1))
    other = db.session.scalar(sa.select(Territory).where(
        Territory.country_code.not_in(["FR", first.country_code])).limit(1))
    return first, other


@pytest.fixture
def withdrawn_draft(app, world, make_application):
    first, other = _territories()
    filed = make_application(world["users"]["other_applicant"], balanced(world, project_title="Dossier déposé",
                                                                        partner_territory_id=first.id),
                             submit=True)
    draft = make_application(data=balanced(world, project_title="Brouillon retiré", partner_territory_id=other.id))
    with app.test_request_context():
        apps.withdraw(world["users"]["applicant"], draft, version=draft.version)
        db.session.commit()
    assert draft.state == ApplicationState.WITHDRAWN and draft.submitted_at is None
    return {"filed": filed, "draft": draft, "other_country": other.country_code}


@pytest.mark.parametrize("role", ["coordinator", "officer91"])
def test_a_withdrawn_draft_is_not_in_the_instruction_list_nor_its_counts_nor_csv(client, world, withdrawn_draft,
                                                                                  role):
    as_role(client, world, role)
    call_id = world["call"].id
    page = _text(client.get(f"/appels/{call_id}/instruction"))
    assert "Dossier déposé" in page and "Brouillon retiré" not in page
    assert "Candidatures (1)" in page
    counts = dict(re.findall(r'etat=(\w+)[^"]*">[^<:]+ : (\d+)</a>', page))
    assert counts.get("withdrawn") == "0" and counts.get("submitted") == "1", counts
    assert f'value="{withdrawn_draft["other_country"]}"' not in page  # its partner country is no filter choice
    assert "Brouillon retiré" not in _text(client.get(f"/appels/{call_id}/instruction?etat=withdrawn"))
    csv = client.get(f"/appels/{call_id}/instruction.csv").get_data(as_text=True)
    assert "Dossier déposé" in csv and "Brouillon retiré" not in csv
    # Its instruction page does not exist for them, as its dossier page does not.
    draft_id = withdrawn_draft["draft"].id
    assert client.get(f"/candidatures/{draft_id}/instruction").status_code == 404
    assert client.get(f"/candidatures/{draft_id}/decision/{world['members']['91'].id}").status_code == 404
    assert client.get(f"/candidatures/{draft_id}").status_code == 404


# -- 3. the call page of an association that already applied -----------------------------------------


def test_an_applicant_who_applied_sees_its_dossier_not_the_apply_button(client, world, make_application):
    application = make_application()
    as_role(client, world, "applicant")
    page = _text(client.get(world["call"].path))
    assert "Vous avez déjà candidaté" in page
    assert f'href="/candidatures/{application.id}">voir votre dossier</a>' in page
    assert "état : Brouillon" in page or "état : brouillon" in page
    assert ">Candidater</a>" not in page
    response = client.get(f"/appels/{world['call'].id}/candidater", follow_redirects=True)
    assert response.request.path == f"/candidatures/{application.id}"
    assert "Vous avez déjà candidaté à cet appel : voici votre dossier." in _text(response)
    # Another association still gets the button.
    other = client.application.test_client()
    as_role(other, world, "other_applicant")
    page = _text(other.get(world["call"].path))
    assert ">Candidater</a>" in page and "Vous avez déjà candidaté" not in page


# -- 4. flash messages tell the truth about mails -----------------------------------------------------


@pytest.fixture
def no_account(joint, make_actor):
    """Two dossiers in review of associations with no user account: nobody to mail."""
    return [make_filed(joint.call, make_actor(f"Association sans compte {n}"), {joint.m91: 300_000},
                       state=ApplicationState.IN_REVIEW, title=f"Dossier sans compte {n}") for n in (1, 2)]


def _decision(client, application, member, **values):
    url = f"/candidatures/{application.id}/decision/{member.id}"
    data = {"granted": "", "reason": "", "reference": "", "decided_on": "", "convention_on": "",
            "payment_terms": "", "payment_from": "", "payment_until": "", **values}
    return client.post(url, data={**hidden_fields(client, url), **data}, follow_redirects=True)


def test_no_mail_promised_when_the_applicant_has_no_account(client, switch, joint, no_account, mails):
    switch(joint.users.o91)
    decided, corrected = no_account
    page = _text(_decision(client, decided, joint.m91, granted="1 000", reference="CP 12", decided_on="2027-03-20"))
    assert "La décision du Département" in page and "a été enregistrée" in page
    assert "le porteur de projet en est informé" not in page
    assert "Aucun compte n'est rattaché à ce porteur : prévenez-le par un autre moyen." in page
    url = f"/candidatures/{corrected.id}/instruction"
    token = hidden_fields(client, url)["csrf_token"]
    page = _text(client.post(url + "/ask_changes", data={"csrf_token": token, "message": "Joindre le RIB"},
                             follow_redirects=True))
    assert "La demande de corrections a été envoyée" not in page
    assert "Aucun compte n'est rattaché à ce porteur : prévenez-le par un autre moyen." in page
    assert not [m for m in mails if m.template in ("application_decision", "application_changes")]


def test_the_applicant_is_said_informed_when_it_has_an_account(client, switch, joint, mails):
    switch(joint.users.o91)
    page = _text(_decision(client, joint.dossier, joint.m91, granted="1 000", reference="CP 12",
                           decided_on="2027-03-20"))
    assert "le porteur de projet en est informé" in page and "Aucun compte" not in page
    assert [m.template for m in mails] == ["application_decision"]


# -- 5. the decision form's markers ------------------------------------------------------------------


def test_the_deliberation_date_and_reference_are_marked_required_to_grant(client, switch, joint):
    switch(joint.users.o91)
    url = f"/candidatures/{joint.dossier.id}/decision/{joint.m91.id}"
    page = _text(client.get(url))
    for label in ("Date de la délibération", "Référence de la délibération"):
        assert re.search(re.escape(label) + r' <span class="field__required">\(obligatoire pour une attribution\)</span>',
                         page), label
    # The rule is unchanged: a grant without date is refused, a refusal without date is recorded.
    page = _text(_decision(client, joint.dossier, joint.m91, granted="1 000", reference="CP 12"))
    assert "Indiquez la date de la délibération." in page
    page = _text(_decision(client, joint.dossier, joint.m91, granted="0", reason="Hors priorités"))
    assert "a été enregistrée" in page


# -- 6. a dossier that does not ask the officer's member answers 404 ----------------------------------


def test_an_officer_not_asked_gets_404_as_for_a_missing_dossier(client, switch, joint):
    switch(joint.users.o91)
    missing = client.get("/candidatures/999999/instruction")
    not_asked = client.get(f"/candidatures/{joint.region_only.id}/instruction")
    assert (missing.status_code, not_asked.status_code) == (404, 404)
    assert client.get(f"/candidatures/{joint.region_only.id}/decision/{joint.idf.id}").status_code == 404
    # Its own dossier, another member's share: the dossier exists for it, the share is refused.
    assert client.get(f"/candidatures/{joint.dossier.id}/decision/{joint.m93.id}").status_code == 403


# -- 7. wording -------------------------------------------------------------------------------------


def test_withdrawing_a_draft_does_not_speak_of_instruction(client, world, make_application):
    draft = make_application()
    as_role(client, world, "applicant")
    page = _text(client.get(f"/candidatures/{draft.id}/retirer"))
    assert "ne l'instruiront pas" not in page
    assert "Il n'a jamais été déposé" in page


def test_withdrawing_a_filed_dossier_still_says_it_will_not_be_instructed(client, world, make_application):
    filed = make_application(submit=True)
    as_role(client, world, "applicant")
    assert "ne l'instruiront pas" in _text(client.get(f"/candidatures/{filed.id}/retirer"))


def test_my_applications_name_the_cofunders_as_the_dossier_does(client, world, make_application):
    from app.core.db import utcnow

    application = make_application(submit=True)
    share = application.share_of(world["members"]["91"].id)
    share.granted_cents, share.decided_at, share.decided_as = 4_000_00, utcnow(), "officer"
    db.session.commit()
    as_role(client, world, "applicant")
    assert "Décisions des cofinanceurs" in _text(client.get("/candidatures/"))
    assert "Décisions des collectivités" not in _text(client.get("/candidatures/"))
    assert "Décisions des cofinanceurs" in _text(client.get(f"/candidatures/{application.id}"))
