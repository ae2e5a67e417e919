"""The applicant's side of a call: apply, fill the harmonised dossier, attach, submit,
withdraw, resubmit; rights per role on every new URL; every bad input changes nothing
and sends no mail."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.calls import application_services as apps
from app.calls import services
from app.calls.models_applications import Application, ApplicationRevision, ApplicationState
from app.core.audit import AuditEntry
from app.core.db import utcnow
from app.extensions import db
from app.files.models import StoredFile
from app.mail.models import OutboxMail
from tests.conftest import hidden_fields, login
from tests.file_samples import pdf

ROLES = ("anonymous", "applicant", "other_applicant", "officer91", "officer77", "coordinator")


@pytest.fixture
def world(app, make_member, make_user, make_actor):
    members = {code: make_member(code) for code in ("IDF", "91", "93", "77")}
    actor = make_actor("Association Solidarité Essonne")
    other_actor = make_actor("Association Voisine", departement="93")
    users = {
        "applicant": make_user("applicant", actor=actor, email="asso@example.org"),
        "other_applicant": make_user("applicant", actor=other_actor, email="voisine@example.org"),
        "officer91": make_user("officer", member=members["91"], email="agent91@example.org"),
        "officer93": make_user("officer", member=members["93"], email="agent93@example.org", language="en"),
        "officer77": make_user("officer", member=members["77"], email="agent77@example.org"),
        "coordinator": make_user("coordinator", member=members["IDF"], email="coord@example.org"),
    }
    now = utcnow()
    call = services.create_call(
        users["coordinator"], services.CallData(
            title_fr="Appel conjoint solidarité internationale", text_fr="Un appel commun.",
            opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=30),
            min_own_share=10, max_public_rate=80,
            criteria=[services.CriterionData("Pertinence", 3)], required_attachments=["statuts"]),
        lead=members["IDF"], envelope=services.EnvelopeData(200_000_00, 15_000_00, "Commission permanente"))
    services.invite(users["coordinator"], call, [members["91"], members["93"], members["77"]])
    services.accept_envelope(users["officer91"], call.envelope_of(members["91"].id),
                             services.EnvelopeData(50_000_00, 10_000_00, "Commission permanente du 91"))
    services.accept_envelope(users["officer93"], call.envelope_of(members["93"].id),
                             services.EnvelopeData(40_000_00, 8_000_00, "Commission permanente du 93"))
    services.move(users["coordinator"], call, "publish")
    db.session.commit()
    return {"members": members, "users": users, "call": call, "actor": actor, "other_actor": other_actor}


def balanced(world, **overrides) -> apps.ApplicationData:
    """A dossier that passes every rule: 10 000 € of costs, 2 000 € own, 5 000 € asked of
    the 91 and 3 000 € of the 93."""
    from app.network.models import Territory, Theme

    territory = db.session.scalar(sa.select(Territory).where(Territory.country_code != "FR").limit(1))
    theme = db.session.scalar(sa.select(Theme).limit(1))
    m = world["members"]
    values = dict(
        project_title="Puits au Burkina", summary="Deux puits pour un village.",
        starts_on=utcnow().date() + timedelta(days=60), ends_on=utcnow().date() + timedelta(days=400),
        partner_territory_id=territory.id, partner_organisation="Commune de Koudougou",
        theme_ids=[theme.id], expected_results="Eau potable pour 800 personnes.",
        local_benefits="Animations dans trois collèges de l'Essonne.",
        own_contribution_cents=2_000_00,
        expenses=[apps.LineData("Forage", 8_000_00), apps.LineData("Formation", 2_000_00)],
        requests={m["91"].id: 5_000_00, m["93"].id: 3_000_00},
        head_office_idf=True, francilien_members_percent=80)
    values.update(overrides)
    return apps.ApplicationData(**values)


@pytest.fixture
def make_application(app, world):
    def _make(user=None, data=None, *, attach=True, submit=False, call=None) -> Application:
        user = user or world["users"]["applicant"]
        with app.test_request_context():
            application = apps.create_draft(user, call or world["call"], data or balanced(world))
            if attach:
                apps.attach(user, application, "statuts", _upload("statuts.pdf", pdf("Statuts")),
                            version=application.version)
            if submit:
                apps.submit(user, application, version=application.version)
            db.session.commit()
        return application
    return _make


def _upload(name: str, content: bytes):
    import io

    from werkzeug.datastructures import FileStorage

    return FileStorage(stream=io.BytesIO(content), filename=name, content_type="application/pdf")


def as_role(client, world, role):
    if role != "anonymous":
        assert login(client, world["users"][role].email).status_code == 302
    return client


def form_of(client, url: str) -> dict:
    """Every field of the dossier's edit form as the page shows it (what a browser sends)."""
    page = client.get(url).get_data(as_text=True)
    form = page[page.index('<form method="post"'):]
    form = form[:form.index("</form>")]
    data = {}
    for match in re.finditer(r'<input[^>]*>', form):
        tag = match.group(0)
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind.group(1) == "checkbox":
            if "checked" in tag:
                data.setdefault(name.group(1), []).append(value.group(1))
            continue
        data[name.group(1)] = _unescape(value.group(1)) if value else ""
    for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[match.group(1)] = _unescape(match.group(2).lstrip("\n"))
    for match in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', match.group(2))
        data[match.group(1)] = (selected.group(1) or selected.group(2) or "") if selected else ""
    return data


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


# -- rights ---------------------------------------------------------------------------------------

EXPECTED = {
    #                   anonymous applicant other_applicant officer91 officer77 coordinator
    "apply":            (302, 200, 200, 403, 403, 403),
    "draft":            (302, 200, 404, 404, 404, 404),
    "submitted":        (302, 200, 404, 200, 404, 200),
    "revision":         (302, 200, 404, 200, 404, 200),
    "withdraw_page":    (302, 200, 404, 403, 404, 403),
    "mine":             (302, 200, 200, 403, 403, 403),
    "file":             (302, 200, 404, 200, 404, 200),
    "missing":          (302, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("page", EXPECTED)
@pytest.mark.parametrize("role", ROLES)
def test_rights_per_role(client, world, make_application, page, role):
    draft = make_application()
    # The same actor may hold one live application per call: the filed one goes to another call.
    other_call = services.create_call(
        world["users"]["coordinator"], services.CallData(
            title_fr="Second appel", text_fr="Un second appel.", opens_at=utcnow() - timedelta(days=1), closes_at=utcnow() + timedelta(days=9),
            required_attachments=["statuts"]),
        lead=world["members"]["IDF"], envelope=services.EnvelopeData(100_000_00, None, "CP"))
    services.invite(world["users"]["coordinator"], other_call, [world["members"]["91"]])
    services.accept_envelope(world["users"]["officer91"], other_call.envelope_of(world["members"]["91"].id),
                             services.EnvelopeData(50_000_00, 10_000_00, "CP 91"))
    services.move(world["users"]["coordinator"], other_call, "publish")
    db.session.commit()
    world_other = {**world, "call": other_call}
    submitted = _submitted_in(world_other, make_application)
    file_id = submitted.current_attachments[0].id
    urls = {
        "apply": f"/appels/{world['call'].id}/candidater",
        "draft": f"/candidatures/{draft.id}",
        "submitted": f"/candidatures/{submitted.id}",
        "revision": f"/candidatures/{submitted.id}/versions/1",
        "withdraw_page": f"/candidatures/{submitted.id}/retirer",
        "mine": "/candidatures/",
        "file": f"/candidatures/{submitted.id}/pieces/{file_id}",
        "missing": "/candidatures/99999",
    }
    expected = EXPECTED[page][ROLES.index(role)]
    response = as_role(client, world, role).get(urls[page])
    if page == "apply" and role == "applicant":
        expected = 302  # it already has a draft for this call: it goes there
        assert response.headers["Location"].endswith(f"/candidatures/{draft.id}")
    assert response.status_code == expected, (page, role, response.status_code)
    if expected == 302 and role == "anonymous":
        assert "/connexion" in response.headers["Location"]


def _submitted_in(world, make_application) -> Application:
    m = world["members"]
    data = balanced(world, requests={m["91"].id: 8_000_00}, own_contribution_cents=2_000_00)
    return make_application(data=data, submit=True, call=world["call"])


def test_posts_of_others_are_refused(client, world, make_application):
    application = make_application()
    as_role(client, world, "officer91")
    token = hidden_fields(client, "/compte/profil")["csrf_token"]
    for url in (f"/candidatures/{application.id}", f"/candidatures/{application.id}/deposer",
                f"/candidatures/{application.id}/pieces", f"/candidatures/{application.id}/retirer"):
        assert client.post(url, data={"csrf_token": token, "version": str(application.version)}).status_code == 404
    assert db.session.get(Application, application.id).state == ApplicationState.DRAFT


# -- the whole path ----------------------------------------------------------------------------------


def fill(world, data: dict, **changes) -> dict:
    """The blank form of the call page filled as an association would fill it."""
    from app.network.models import Territory, Theme

    m = world["members"]
    territory = db.session.scalar(sa.select(Territory).where(Territory.country_code != "FR").limit(1))
    theme = db.session.scalar(sa.select(Theme).limit(1))
    data.update({
        "project_title": "Puits au Burkina", "summary": "Deux puits pour un village.",
        "starts_on": "2027-03-01", "ends_on": "2027-12-31", "partner_territory": str(territory.id),
        "partner_organisation": "Commune de Koudougou", "themes": [str(theme.id)],
        "expected_results": "Eau potable pour 800 personnes.",
        "local_benefits": "Animations dans trois collèges de l'Essonne.",
        "expenses-0-label": "Forage", "expenses-0-amount": "8 000",
        "expenses-1-label": "Formation", "expenses-1-amount": "2 000",
        "own_contribution": "2 000", "head_office_idf": "oui", "francilien_members_percent": "80",
    })
    for key, value in list(data.items()):
        if key.startswith("requests-") and key.endswith("-member_id"):
            amount = {str(m["91"].id): "5 000", str(m["93"].id): "3 000"}.get(value, "")
            data[key.replace("member_id", "amount")] = amount
    data.update(changes)
    return data


def test_apply_attach_submit_and_the_dossier_is_frozen(client, world, mails):
    as_role(client, world, "applicant")
    url = f"/appels/{world['call'].id}/candidater"
    page = client.get(url).get_data(as_text=True)
    assert "Plafond par projet" in page and re.search(r"10\W000\W€", page)  # the 91's ceiling shown next to its request
    assert "CAA Paris, 1er décembre 2009" in page  # each anchoring answer with its legal source
    response = client.post(url, data=fill(world, form_of(client, url)))
    assert response.status_code == 302, response.get_data(as_text=True)
    application = db.session.scalar(sa.select(Application))
    assert response.headers["Location"].endswith(f"/candidatures/{application.id}")
    assert application.state == ApplicationState.DRAFT and application.asked_cents == 8_000_00
    assert [line.amount_cents for line in application.expenses] == [8_000_00, 2_000_00]
    dossier = f"/candidatures/{application.id}"
    page = client.get(dossier).get_data(as_text=True)
    assert "équilibré" in page and "Déposer le dossier" in page

    fields = hidden_fields(client, dossier)
    import io
    response = client.post(f"{dossier}/pieces", data={**fields, "kind": "statuts",
                                                      "file": (io.BytesIO(pdf("Statuts")), "statuts.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    attachment = db.session.get(Application, application.id).current_attachments[0]
    download = client.get(f"{dossier}/pieces/{attachment.id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    assert download.headers["Content-Disposition"].startswith("attachment")

    assert not mails
    submit_form = _submit_fields(client, dossier)
    response = client.post(f"{dossier}/deposer", data=submit_form)
    assert response.status_code == 302
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.state == ApplicationState.SUBMITTED and application.revision == 1
    assert application.submitted_at is not None
    revision = db.session.scalar(sa.select(ApplicationRevision))
    assert revision.snapshot["project_title"] == "Puits au Burkina"
    assert revision.snapshot["attachments"][0]["name"] == "statuts.pdf"
    sent = {(mail.to, mail.template, mail.lang) for mail in mails}
    assert sent == {("asso@example.org", "application_receipt", "fr"),
                    ("agent91@example.org", "application_new", "fr"),
                    ("agent93@example.org", "application_new", "en")}
    assert db.session.scalar(sa.select(AuditEntry.action).where(AuditEntry.action == "application.submit"))

    page = client.get(dossier).get_data(as_text=True)
    assert "Enregistrer le brouillon" not in page and "Puits au Burkina" in page and "déposé" in page
    # A POST of the old form is refused with a message; nothing changes.
    replay = client.post(dossier, data=fill(world, {"csrf_token": fields["csrf_token"], "version": "1"},
                                            project_title="Autre titre"), follow_redirects=True)
    assert "ne peut plus être modifié" in replay.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Application, application.id).project_title == "Puits au Burkina"
    again = client.post(f"{dossier}/deposer", data=submit_form, follow_redirects=True)
    assert "ne peut plus être modifié" in again.get_data(as_text=True) or "modifié depuis" in again.get_data(as_text=True)
    assert len(mails) == 3

    # The officers asked read it; the member not asked does not even learn it exists.
    client.get("/deconnexion")
    officer = client.application.test_client()
    as_role(officer, world, "officer91")
    assert "Puits au Burkina" in officer.get(dossier).get_data(as_text=True)
    assert officer.get(f"{dossier}/pieces/{attachment.id}").status_code == 200


def _submit_fields(client, dossier: str) -> dict:
    page = client.get(dossier).get_data(as_text=True)
    form = page[page.index('action="' + dossier + '/deposer"'):]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', form)
    return {"csrf_token": token.group(1), "version": version.group(1)}


@pytest.mark.parametrize("typed", ["-1", "1e9", "10,555", "douze"])
def test_a_bad_amount_is_refused_and_kept(client, world, typed):
    as_role(client, world, "applicant")
    url = f"/appels/{world['call'].id}/candidater"
    response = client.post(url, data=fill(world, form_of(client, url), **{"expenses-0-amount": typed}))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Montant invalide" in page and f'value="{typed}"' in page
    assert 'value="Puits au Burkina"' in page  # the rest of what was typed is kept too
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0


def test_add_lines_keeps_what_was_typed_and_saves_nothing(client, world):
    as_role(client, world, "applicant")
    url = f"/appels/{world['call'].id}/candidater"
    data = fill(world, form_of(client, url), action="add_lines")
    page = client.post(url, data=data).get_data(as_text=True)
    assert 'name="expenses-4-label"' in page and 'value="Forage"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0


def test_a_forged_member_id_is_refused(client, world):
    as_role(client, world, "applicant")
    url = f"/appels/{world['call'].id}/candidater"
    data = fill(world, form_of(client, url))
    data["requests-0-member_id"] = str(world["members"]["77"].id)  # invited, never accepted
    data["requests-0-amount"] = "1 000"
    page = client.post(url, data=data).get_data(as_text=True)
    assert "ne participe pas à cet appel" in page
    data["requests-0-member_id"] = "abc"
    assert "ne participe pas à cet appel" in client.post(url, data=data).get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 0


# -- submission refused: nothing changes, no mail ------------------------------------------------------


def _nothing_changed(application_id: int, mails) -> None:
    db.session.expire_all()
    application = db.session.get(Application, application_id)
    assert application.state == ApplicationState.DRAFT and application.revision == 0
    assert application.submitted_at is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApplicationRevision)) == 0
    assert not [m for m in mails if m.template.startswith("application_")]


def test_submitting_one_second_after_closing_is_refused(client, world, make_application, mails):
    application = make_application()
    as_role(client, world, "applicant")
    dossier = f"/candidatures/{application.id}"
    fields = _submit_fields(client, dossier)
    call = world["call"]
    call.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    page = client.post(f"{dossier}/deposer", data=fields).get_data(as_text=True)
    assert "est clos depuis le" in page and "heure de Paris" in page
    _nothing_changed(application.id, mails)


def test_the_closing_second_follows_paris_daylight_saving(world, make_application):
    """Closing at 02:30 Paris on the night clocks go back is the second 02:30 if so set: the
    rule compares instants, so one second after the stored instant is late."""
    from datetime import UTC, datetime

    from app.core.dates import PARIS

    application = make_application()
    closes = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS)
    call = world["call"]
    call.opens_at, call.closes_at = closes - timedelta(days=30), closes
    db.session.commit()
    with pytest.raises(apps.RuleViolations) as refused:
        apps.submit(world["users"]["applicant"], application, version=application.version,
                    now=closes.astimezone(UTC) + timedelta(seconds=1))  # (wall-clock arithmetic would lose the fold)
    assert refused.value.codes == ["call_closed"]
    db.session.rollback()
    apps.submit(world["users"]["applicant"], db.session.get(Application, application.id), version=None,
                now=closes.astimezone(UTC) - timedelta(seconds=1))
    assert db.session.get(Application, application.id).state == ApplicationState.SUBMITTED


def test_a_replayed_old_form_changes_nothing(client, world, make_application, mails):
    application = make_application(attach=False)
    as_role(client, world, "applicant")
    dossier = f"/candidatures/{application.id}"
    old = form_of(client, dossier)
    old_submit = _submit_fields(client, dossier)
    # Meanwhile a colleague saves the draft (the version moves on).
    with client.application.test_request_context():
        apps.save_draft(world["users"]["applicant"], application, balanced(world, project_title="Titre du collègue"),
                        version=application.version)
        db.session.commit()
    page = client.post(dossier, data={**old, "project_title": "Mon titre"}).get_data(as_text=True)
    assert "modifié depuis que vous avez ouvert la page" in page
    assert 'value="Mon titre"' in page  # what was typed is kept
    db.session.expire_all()
    assert db.session.get(Application, application.id).project_title == "Titre du collègue"
    page = client.post(f"{dossier}/deposer", data=old_submit, follow_redirects=True).get_data(as_text=True)
    assert "modifié depuis que vous avez ouvert la page" in page
    _nothing_changed(application.id, mails)


@pytest.mark.parametrize("case", ["unbalanced", "missing_attachment", "ceiling", "rate", "required"])
def test_a_dossier_breaking_a_rule_is_not_submitted(client, world, make_application, mails, case):
    m = world["members"]
    data = {
        "unbalanced": balanced(world, own_contribution_cents=1_000_00),
        "missing_attachment": balanced(world),
        "ceiling": balanced(world, requests={m["91"].id: 7_000_00, m["93"].id: 9_000_00},
                            expenses=[apps.LineData("Forage", 18_000_00)]),
        "rate": balanced(world, own_contribution_cents=1_000_00, requests={m["91"].id: 9_000_00}),
        "required": balanced(world, summary="", theme_ids=[]),
    }[case]
    application = make_application(data=data, attach=case != "missing_attachment")
    as_role(client, world, "applicant")
    dossier = f"/candidatures/{application.id}"
    page = client.post(f"{dossier}/deposer", data=_submit_fields(client, dossier)).get_data(as_text=True)
    expected = {
        "unbalanced": "Le budget n'est pas équilibré",
        "missing_attachment": "Pièce jointe manquante : Statuts de l'association.",
        "ceiling": "dépasse son plafond par projet",
        "rate": "L'argent public demandé représente",
        "required": "Ce champ est obligatoire.",
    }[case]
    assert expected in page.replace("&#39;", "'")
    assert "Enregistrer le brouillon" in page  # the form, to correct it
    _nothing_changed(application.id, mails)


def test_an_exe_renamed_pdf_is_refused(client, world, make_application):
    import io

    application = make_application(attach=False)
    as_role(client, world, "applicant")
    dossier = f"/candidatures/{application.id}"
    fields = hidden_fields(client, dossier)
    exe = b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200
    response = client.post(f"{dossier}/pieces", data={**fields, "kind": "statuts",
                                                      "file": (io.BytesIO(exe), "statuts.pdf")},
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "statuts.pdf" in page and "Erreur" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredFile)) == 0
    db.session.expire_all()
    assert db.session.get(Application, application.id).attachments == []


def test_replacing_an_attachment_keeps_the_earlier_file_for_the_revisions(world, make_application, app):
    application = make_application(submit=True)
    first = application.current_attachments[0]
    application.state = ApplicationState.NEEDS_CHANGES
    db.session.commit()
    with app.test_request_context():
        apps.attach(world["users"]["applicant"], application, "statuts", _upload("statuts-2.pdf", pdf("V2")),
                    version=application.version)
        db.session.commit()
    assert [a.stored_file.original_name for a in application.current_attachments] == ["statuts-2.pdf"]
    assert first.replaced_at is not None and first.stored_file_id == application.revisions[0].snapshot["attachments"][0]["stored_file_id"]


# -- withdraw, corrections, versions, my applications -------------------------------------------------


def test_withdraw_with_confirmation_then_apply_again(client, world, make_application):
    application = make_application(submit=True)
    as_role(client, world, "applicant")
    url = f"/candidatures/{application.id}/retirer"
    page = client.get(url).get_data(as_text=True)
    assert "Confirmer le retrait" in page
    response = client.post(url, data=hidden_fields(client, url))
    assert response.status_code == 302
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.state == ApplicationState.WITHDRAWN and application.withdrawn_at is not None
    # Its place is free again: a new draft may be started.
    page = client.get(f"/appels/{world['call'].id}/candidater")
    assert page.status_code == 200 and "Nouvelle candidature" in page.get_data(as_text=True)


def test_no_withdrawal_once_a_member_decided(client, world, make_application):
    application = make_application(submit=True)
    share = application.shares[0]
    share.granted_cents, share.decided_at, share.decided_as = 1_000_00, utcnow(), "officer"
    db.session.commit()
    as_role(client, world, "applicant")
    assert client.get(f"/candidatures/{application.id}/retirer").status_code == 403


def test_resubmission_after_corrections_keeps_the_earlier_version(client, world, make_application, mails):
    application = make_application(submit=True)
    # The officers send it back (step 3 builds their page; the state is what matters here).
    application.state = ApplicationState.NEEDS_CHANGES
    application.correction_message = "Précisez le budget de formation."
    db.session.commit()
    as_role(client, world, "applicant")
    dossier = f"/candidatures/{application.id}"
    page = client.get(dossier).get_data(as_text=True)
    assert "Précisez le budget de formation." in page and "Enregistrer le brouillon" in page
    response = client.post(dossier, data={**form_of(client, dossier), "project_title": "Puits et formation"})
    assert response.status_code == 302
    # Resubmitted after the closing time: the dossier was filed in time, the officers wait for it.
    world["call"].closes_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    mails.clear()
    assert client.post(f"{dossier}/deposer", data=_submit_fields(client, dossier)).status_code == 302
    db.session.expire_all()
    application = db.session.get(Application, application.id)
    assert application.state == ApplicationState.SUBMITTED and application.revision == 2
    assert "Puits au Burkina" in client.get(f"{dossier}/versions/1").get_data(as_text=True)
    assert "Puits et formation" in client.get(f"{dossier}/versions/2").get_data(as_text=True)
    assert client.get(f"{dossier}/versions/3").status_code == 404
    assert {m.context["resubmission"] for m in mails if m.template == "application_receipt"} == {True}


def test_my_applications_show_each_members_decision(client, world, make_application):
    application = make_application(submit=True)
    share = application.share_of(world["members"]["91"].id)
    share.granted_cents, share.decided_at, share.decided_as = 4_000_00, utcnow(), "officer"
    share.decision_reference = "CP 2027-03-112"
    db.session.commit()
    as_role(client, world, "applicant")
    assert "/candidatures/" in client.get("/compte").get_data(as_text=True)
    page = client.get("/candidatures/").get_data(as_text=True)
    assert "Puits au Burkina" in page and "CP 2027-03-112" in page and "en attente de décision" in page
    other = client.application.test_client()
    as_role(other, world, "other_applicant")
    assert "Puits au Burkina" not in other.get("/candidatures/").get_data(as_text=True)


# -- mails ------------------------------------------------------------------------------------------


def test_the_reminder_goes_once_to_drafts_closing_within_seven_days(app, world, make_application):
    application = make_application()
    world["call"].closes_at = utcnow() + timedelta(days=5)
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["calls", "remind"])
    second = runner.invoke(args=["calls", "remind"])
    assert "1 rappel(s)" in first.output and "0 rappel(s)" in second.output
    rows = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.template == "application_reminder")).all()
    assert [row.recipient for row in rows] == ["asso@example.org"]
    assert rows[0].dedupe_key == f"application-reminder:{application.id}:{world['users']['applicant'].id}"


def test_no_reminder_for_a_call_closing_later_or_a_submitted_dossier(app, world, make_application):
    make_application(submit=True)
    world["call"].closes_at = utcnow() + timedelta(days=3)
    db.session.commit()
    assert "0 rappel(s)" in app.test_cli_runner().invoke(args=["calls", "remind"]).output


def test_submission_mails_arrive_in_each_recipients_language(app, world, make_application, smtp_server):
    from app.mail.delivery import deliver_due

    make_application(submit=True)
    deliver_due()
    app.extensions["mail"].courier.wait_idle()
    received = {m["To"]: m for m in smtp_server.wait_for(3)}
    assert received["asso@example.org"]["Subject"] == "Accusé de réception : « Puits au Burkina »"
    assert received["agent91@example.org"]["Subject"] == "Nouveau dossier : « Puits au Burkina »"
    body = received["agent91@example.org"].get_body(("plain",)).get_content()
    assert "Association Solidarité Essonne" in body and "5" in body and "/candidatures/" in body
    assert received["agent93@example.org"]["Subject"]  # English once the integrator merges the catalogue


def test_after_a_refused_submission_the_form_holds_the_draft_and_saves_to_the_dossier(
        client, world, make_application, mails):
    """The submission is refused (unbalanced budget): the page shows the saved draft (its
    lines, themes and requests), and correcting it there saves the draft, not a new try."""
    m = world["members"]
    application = make_application(data=balanced(world, own_contribution_cents=1_000_00))
    as_role(client, world, "applicant")
    dossier = f"/candidatures/{application.id}"
    page = client.post(f"{dossier}/deposer", data=_submit_fields(client, dossier)).get_data(as_text=True)
    assert "Le budget n&#39;est pas équilibré" in page or "Le budget n'est pas équilibré" in page
    form = page[page.index('<form method="post"'):]
    assert form.startswith(f'<form method="post" action="{dossier}"')  # not …/deposer
    assert re.search(r'name="expenses-0-label"[^>]*value="[^"]+"', form)  # the draft's lines
    assert re.search(r'name="themes"[^>]*checked', form) or re.search(r'checked[^>]*name="themes"', form)
    assert re.search(rf'name="requests-\d-member_id"[^>]*value="{m["91"].id}"', form)
    assert 'aria-current="page"' in page and f'href="{dossier}/deposer"' not in page.split("</nav>")[0]
    # Corrected on that page and saved: a draft saved, nothing submitted.
    data = form_of(client, dossier)
    data["own_contribution"] = "2000"
    saved = client.post(dossier, data=data, follow_redirects=True).get_data(as_text=True)
    assert "Brouillon enregistré." in saved
    db.session.expire_all()
    stored = db.session.get(Application, application.id)
    assert stored.own_contribution_cents == 2_000_00 and stored.state.value == "draft"


def test_the_dossier_and_the_new_dossier_mail_say_au_departement(client, world, make_application, mails):
    application = make_application(submit=True)
    as_role(client, world, "applicant")
    page = client.get(f"/candidatures/{application.id}").get_data(as_text=True).replace("&#39;", "'")
    assert re.search(r"Demandé au Département", page) and "Demandé à Département" not in page
    from app.mail.render import render

    texts = [render(m.template, m.context, m.lang).text for m in mails if m.template == "application_new"]
    assert any("Montant demandé au Département" in t for t in texts), texts
    assert not any("demandé à Département" in t for t in texts)


def test_the_receipt_says_the_moment_in_words_in_the_readers_language(client, world, make_application, mails):
    from app.mail.render import render

    make_application(submit=True)
    (receipt,) = [m for m in mails if m.template == "application_receipt"]
    french = render(receipt.template, receipt.context, "fr").text
    english = render(receipt.template, receipt.context, "en").text
    assert re.search(r"a été déposé le \d{1,2}(er)? \w+ 20\d\d à \d{1,2} h( \d\d)? \(heure de Paris\)", french), french
    assert re.search(r"on \d{1,2} \w+ 20\d\d at (\d{1,2}(:\d\d)? [ap]m|noon|midnight) \(Paris time\)", english), english


def test_a_call_title_with_guillemets_is_quoted_once_in_the_mails(client, world, make_application, mails):
    """« pour l'appel à projets « Appel … “Solidarité” 2027 » », never « « … » » nested."""
    from app.mail.render import render

    world["call"].title_fr = "Appel conjoint « Solidarité internationale » 2027"
    db.session.commit()
    make_application(submit=True)
    (receipt,) = [m for m in mails if m.template == "application_receipt"]
    french = render(receipt.template, receipt.context, "fr").text
    english = render(receipt.template, receipt.context, "en").text
    assert "« Appel conjoint “Solidarité internationale” 2027 »" in french, french
    assert "“Appel conjoint ‘Solidarité internationale’ 2027”" in english, english
