"""Calls for projects through the browser's eyes: rights per role, forms that keep what
was typed, bad amounts and forged ids refused, co-funders invited and answering."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.calls import services
from app.calls.models import Call, CallEnvelope, CallState, EnvelopeStatus
from app.core.audit import AuditEntry
from app.core.db import utcnow
from app.extensions import db
from app.mail.models import OutboxMail
from tests.conftest import hidden_fields

ROLES = ("anonymous", "association", "officer91", "officer77", "coordinator")


@pytest.fixture
def calls(app, make_member, make_user):
    members = {code: make_member(code) for code in ("IDF", "91", "93", "77")}
    users = {
        "association": make_user("applicant"),
        "officer91": make_user("officer", member=members["91"], email="agent91@example.org"),
        "officer93": make_user("officer", member=members["93"], email="agent93@example.org"),
        "officer77": make_user("officer", member=members["77"], email="agent77@example.org"),
        "coordinator": make_user("coordinator", member=members["IDF"], email="coord@example.org"),
    }
    now = utcnow()
    published = services.create_call(
        users["coordinator"], services.CallData(
            title_fr="Appel conjoint solidarité internationale", text_fr="Un appel commun.",
            opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=60),
            criteria=[services.CriterionData("Pertinence", 3)], required_attachments=["statuts", "rib"]),
        lead=members["IDF"], envelope=services.EnvelopeData(200_000_00, 15_000_00, "Commission permanente"))
    services.invite(users["coordinator"], published, [members["91"]])
    services.accept_envelope(users["officer91"], published.envelope_of(members["91"].id),
                             services.EnvelopeData(50_000_00, 10_000_00, "Commission permanente du 91"))
    services.move(users["coordinator"], published, "publish")
    draft = services.create_call(
        users["officer91"], services.CallData(title_fr="Brouillon de l'Essonne", opens_at=now,
                                              closes_at=now + timedelta(days=30)),
        lead=members["91"], envelope=services.EnvelopeData(30_000_00))
    db.session.commit()
    return {"members": members, "users": users, "published": published, "draft": draft}


def as_role(client, calls, role):
    if role != "anonymous":
        from tests.conftest import login

        assert login(client, calls["users"][role].email).status_code == 302
    return client


def urls(calls) -> dict[str, str]:
    p, d = calls["published"], calls["draft"]
    env91 = p.envelope_of(calls["members"]["91"].id)
    return {
        "list": "/appels/",
        "published": f"/appels/{p.id}",
        "draft": f"/appels/{d.id}",
        "new": "/appels/nouveau",
        "edit_draft": f"/appels/{d.id}/modifier",
        "edit_published": f"/appels/{p.id}/modifier",
        "envelope91": f"/appels/{p.id}/enveloppes/{env91.id}",
        "history": f"/appels/{p.id}/historique",
        "missing": "/appels/99999",
    }


EXPECTED = {
    #                 anonymous association officer91 officer77 coordinator
    "list":           (200, 200, 200, 200, 200),
    "published":      (200, 200, 200, 200, 200),
    "draft":          (302, 403, 200, 403, 200),
    "new":            (302, 403, 200, 200, 200),
    "edit_draft":     (302, 403, 200, 403, 200),
    "edit_published": (302, 403, 403, 403, 200),
    "envelope91":     (302, 403, 200, 403, 200),
    "history":        (302, 403, 200, 403, 200),
    "missing":        (404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_every_page_answers_each_role_as_expected(client, calls, role, page):
    as_role(client, calls, role)
    response = client.get(urls(calls)[page])
    assert response.status_code == EXPECTED[page][ROLES.index(role)], page


def test_the_slug_follows_the_id_and_the_id_alone_resolves(client, calls):
    call = calls["published"]
    assert client.get(f"/appels/{call.id}-{call.slug}").status_code == 200
    wrong = client.get(f"/appels/{call.id}-autre-chose")
    assert wrong.status_code == 301 and wrong.headers["Location"].endswith(call.path)


def test_the_public_page_says_dates_with_the_zone_cofunders_and_no_dead_link(client, calls):
    html = client.get(calls["published"].path).get_data(as_text=True)
    assert "(heure de Paris)" in html and re.search(r"\d{1,2} h( \d{2})? \(heure de Paris\)", html)
    assert "Commission permanente du 91" in html
    assert re.search(r"200\s000", html) and re.search(r"10\s000", html)
    assert "Statuts de l&#39;association" in html or "Statuts de l'association" in html
    assert "Pertinence" in html and "Indicatif" in html
    # The apply link is live since applications exist: it leads an anonymous visitor to log in.
    assert f'href="/appels/{calls["published"].id}/candidater"' in html
    response = client.get(f"/appels/{calls['published'].id}/candidater")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


@pytest.mark.parametrize("query", ["?page=abc", "?etat=%00", "?membre=<script>", "?theme=%ff%fe&page=-4",
                                   "?per_page=10000000000000000000000"])
def test_a_broken_query_string_answers_200(client, calls, query):
    assert client.get("/appels/" + query).status_code == 200


def test_open_calls_come_first_and_filters_work(client, calls, make_member):
    closed = calls["published"]
    html = client.get("/appels/?etat=ouvert").get_data(as_text=True)
    assert closed.title_fr in html
    assert "Brouillon de l" not in client.get("/appels/").get_data(as_text=True)
    assert closed.title_fr not in client.get("/appels/?etat=clos").get_data(as_text=True)
    assert closed.title_fr in client.get("/appels/?membre=91").get_data(as_text=True)
    assert closed.title_fr not in client.get("/appels/?membre=93").get_data(as_text=True)


def _new_call_form(**overrides) -> dict:
    data = {"lead": "91", "title_fr": "Mon appel conjoint", "text_fr": "Texte de l'appel",
            "opens_date": "2027-01-10", "opens_time": "09:00", "closes_date": "2027-03-31", "closes_time": "12:00",
            "min_own_share": "20", "max_public_rate": "80", "amount": "50 000", "ceiling": "10 000",
            "decision_body": "Commission permanente", "criteria": "Pertinence ; 3\nAncrage local ; 2",
            "required_attachments": ["statuts", "budget_previsionnel"]}
    data.update(overrides)
    return data


def test_an_officer_creates_a_draft_with_its_own_envelope(client, calls):
    as_role(client, calls, "officer91")
    response = client.post("/appels/nouveau", data={**hidden_fields(client, "/appels/nouveau"), **_new_call_form()})
    assert response.status_code == 302
    call = db.session.scalars(sa.select(Call).where(Call.title_fr == "Mon appel conjoint")).one()
    assert call.state == CallState.DRAFT and call.lead_member.code == "91"
    assert call.closes_at.isoformat() == "2027-03-31T10:00:00+00:00"  # noon in Paris, summer time
    envelope = call.envelopes[0]
    assert (envelope.status, envelope.amount_cents, envelope.ceiling_cents) == (EnvelopeStatus.ACCEPTED,
                                                                                 5_000_000, 1_000_000)
    assert [(c.label_fr, c.weight) for c in call.criteria] == [("Pertinence", 3), ("Ancrage local", 2)]
    html = client.get(call.path).get_data(as_text=True)
    assert "31 mars 2027 à 12 h (heure de Paris)" in html


def test_the_form_groups_each_list_of_checkboxes_under_its_legend(client, calls):
    as_role(client, calls, "officer91")
    html = client.get("/appels/nouveau").get_data(as_text=True)
    for legend in ("Porteurs de projet éligibles", "Thèmes", "Pièces à joindre"):
        assert re.search(r'<fieldset class="field field--choices[^>]*>\s*<legend class="field__legend">'
                         + re.escape(legend), html), legend


def test_the_edit_form_shows_the_chosen_territories_first_and_the_text_as_typed(client, calls):
    as_role(client, calls, "officer91")
    response = client.post("/appels/nouveau", data={**hidden_fields(client, "/appels/nouveau"), **_new_call_form(
        territories=["SN", "VN"], text_fr="Premier paragraphe.\n\nSecond paragraphe.")})
    assert response.status_code == 302
    call = db.session.scalars(sa.select(Call).where(Call.title_fr == "Mon appel conjoint")).one()
    html = client.get(f"/appels/{call.id}/modifier").get_data(as_text=True)
    chosen = html[html.index("Déjà choisis"):html.index("picker__search")]
    assert "Sénégal" in chosen and "Viêt Nam" in chosen
    assert "Premier paragraphe.\n\nSecond paragraphe.</textarea>" in html and "&lt;p&gt;" not in html


@pytest.mark.parametrize("amount", ["-1", "1e9", "10,555", "abc"])
def test_bad_amounts_are_refused_with_a_message_and_the_form_keeps_what_was_typed(client, calls, amount):
    as_role(client, calls, "officer91")
    before = db.session.scalar(sa.select(sa.func.count(Call.id)))
    response = client.post("/appels/nouveau", data={**hidden_fields(client, "/appels/nouveau"),
                                                    **_new_call_form(amount=amount, title_fr="Titre gardé")})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Montant invalide" in html and 'value="Titre gardé"' in html
    assert db.session.scalar(sa.select(sa.func.count(Call.id))) == before


def test_a_forged_lead_member_is_refused(client, calls):
    as_role(client, calls, "officer91")
    response = client.post("/appels/nouveau", data={**hidden_fields(client, "/appels/nouveau"),
                                                    **_new_call_form(lead="93")})
    assert response.status_code == 200 and "Choix invalide" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Call.id))) == 2


def test_closing_before_opening_is_refused_and_typed_values_stay(client, calls):
    as_role(client, calls, "officer91")
    response = client.post("/appels/nouveau", data={**hidden_fields(client, "/appels/nouveau"),
                                                    **_new_call_form(closes_date="2026-12-01")})
    html = response.get_data(as_text=True)
    assert "La clôture doit être postérieure à l&#39;ouverture" in html or "postérieure" in html
    assert 'value="50 000"' in html


def test_edit_keeps_input_and_a_stale_version_is_a_conflict(client, calls):
    draft = calls["draft"]
    as_role(client, calls, "officer91")
    url = f"/appels/{draft.id}/modifier"
    fields = hidden_fields(client, url)
    form = {**fields, **_new_call_form(title_fr="Titre modifié", closes_date="2027-06-30")}
    for key in ("amount", "ceiling", "decision_body"):
        form.pop(key)
    assert client.post(url, data=form).status_code == 302
    db.session.expire_all()
    assert db.session.get(Call, draft.id).title_fr == "Titre modifié"
    replay = client.post(url, data={**form, "title_fr": "Rejoué"})
    html = replay.get_data(as_text=True)
    assert replay.status_code == 200 and "modifiée par quelqu" in html and 'value="Rejoué"' in html
    db.session.expire_all()
    assert db.session.get(Call, draft.id).title_fr == "Titre modifié"


def test_invitation_mail_acceptance_and_publication(client, calls):
    draft = calls["draft"]
    as_role(client, calls, "officer91")
    url = draft.path
    response = client.post(f"/appels/{draft.id}/cofinanceurs",
                           data={"csrf_token": hidden_fields(client, url)["csrf_token"], "members": ["93"]})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True).replace("&#39;", "'")
    assert re.search(r"Invitation envoyée au Département[^<]*\.", page), "the flash names the member with « au »"
    mails = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.template == "call_invitation")
                               .order_by(OutboxMail.id)).all()
    # The fixture invited the 91 earlier; this invitation reaches the 93's officers only.
    assert [m.recipient for m in mails] == ["agent91@example.org", "agent93@example.org"]
    assert "Brouillon de l" in mails[-1].context["call_title"]
    envelope = db.session.scalars(sa.select(CallEnvelope).where(CallEnvelope.call_id == draft.id,
                                                                CallEnvelope.status == EnvelopeStatus.INVITED)).one()
    other = client.application.test_client()
    as_role(other, calls, "officer93")
    assert "Brouillon de l" in other.get("/appels/").get_data(as_text=True)  # the invitation is listed
    env_url = f"/appels/{draft.id}/enveloppes/{envelope.id}"
    fields = hidden_fields(other, env_url)
    token = fields["csrf_token"]
    refused = other.post(env_url, data={**fields, "amount": "-1", "ceiling": "", "decision_body": "CP"})
    assert "Montant invalide" in refused.get_data(as_text=True)
    ok = other.post(env_url, data={**fields, "amount": "40 000", "ceiling": "8 000",
                                   "decision_body": "Commission permanente du 93", "action": "accept"})
    assert ok.status_code == 302
    db.session.expire_all()
    envelope = db.session.get(CallEnvelope, envelope.id)
    assert (envelope.status, envelope.amount_cents, envelope.decision_body) == (
        EnvelopeStatus.ACCEPTED, 4_000_000, "Commission permanente du 93")
    # Officer 93 is not the lead: it may not publish.
    assert other.post(f"/appels/{draft.id}/etat", data={"csrf_token": token, "move": "publish"}).status_code == 403


def test_lowering_an_envelope_below_committed_says_why(client, calls):
    published = calls["published"]
    envelope = published.envelope_of(calls["members"]["91"].id)
    services.reserve(envelope.id, 9_000_00)
    db.session.commit()
    as_role(client, calls, "officer91")
    url = f"/appels/{published.id}/enveloppes/{envelope.id}"
    response = client.post(url, data={**hidden_fields(client, url), "amount": "8 000",
                                      "ceiling": "", "decision_body": "CP"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "déjà engagé" in html and 'value="8 000"' in html
    assert 'value="CP"' in html
    db.session.expire_all()
    assert db.session.get(CallEnvelope, envelope.id).amount_cents == 50_000_00


def _envelope_entries(envelope_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.object_type == CallEnvelope.__tablename__, AuditEntry.object_id == envelope_id))


def test_an_old_envelope_form_replayed_after_another_change_is_refused_and_keeps_what_was_typed(client, calls):
    published = calls["published"]
    envelope = published.envelope_of(calls["members"]["91"].id)
    url = f"/appels/{published.id}/enveloppes/{envelope.id}"
    as_role(client, calls, "officer91")
    old_form = hidden_fields(client, url)  # the first officer opens the form...
    colleague = as_role(client.application.test_client(), calls, "coordinator")
    saved = colleague.post(url, data={**hidden_fields(colleague, url), "amount": "70 000", "ceiling": "12 000",
                                      "decision_body": "Commission permanente du 12 mars"})
    assert saved.status_code == 302  # ...another one saves a new amount meanwhile
    entries = _envelope_entries(envelope.id)
    response = client.post(url, data={**old_form, "amount": "45 000", "ceiling": "9 000",
                                      "decision_body": "Bureau du 91"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "modifiée par quelqu" in html
    assert 'value="45 000"' in html and 'value="9 000"' in html and 'value="Bureau du 91"' in html
    db.session.expire_all()
    envelope = db.session.get(CallEnvelope, envelope.id)
    assert (envelope.amount_cents, envelope.ceiling_cents, envelope.decision_body) == (
        70_000_00, 12_000_00, "Commission permanente du 12 mars")
    assert _envelope_entries(envelope.id) == entries
    # The same form without its version (a forged or very old page) is refused the same way.
    forged = client.post(url, data={"csrf_token": old_form["csrf_token"], "amount": "45 000",
                                    "decision_body": "Bureau du 91"})
    assert forged.status_code == 200 and "modifiée par quelqu" in forged.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(CallEnvelope, envelope.id).amount_cents == 70_000_00


def test_an_envelope_saved_twice_from_fresh_forms_keeps_both_changes(client, calls):
    published = calls["published"]
    envelope = published.envelope_of(calls["members"]["91"].id)
    url = f"/appels/{published.id}/enveloppes/{envelope.id}"
    as_role(client, calls, "officer91")
    for amount, cents in (("55 000", 55_000_00), ("52 500", 52_500_00)):
        response = client.post(url, data={**hidden_fields(client, url), "amount": amount, "ceiling": "10 000",
                                          "decision_body": "Commission permanente du 91"})
        assert response.status_code == 302
        db.session.expire_all()
        assert db.session.get(CallEnvelope, envelope.id).amount_cents == cents
    amounts = db.session.scalars(sa.select(AuditEntry.changes).where(
        AuditEntry.action == "call.envelope.update", AuditEntry.object_id == envelope.id)
        .order_by(AuditEntry.id)).all()
    assert [c["amount_cents"] for c in amounts] == [[50_000_00, 55_000_00], [55_000_00, 52_500_00]]
    # Saving the form unchanged says so and does not make a colleague's open form stale.
    colleague = as_role(client.application.test_client(), calls, "coordinator")
    open_form = hidden_fields(colleague, url)
    same = client.post(url, data={**hidden_fields(client, url), "amount": "52 500", "ceiling": "10 000",
                                  "decision_body": "Commission permanente du 91"}, follow_redirects=True)
    assert "Aucune modification" in same.get_data(as_text=True)
    assert colleague.post(url, data={**open_form, "amount": "51 000", "ceiling": "10 000",
                                     "decision_body": "Commission permanente du 91"}).status_code == 302


def test_the_coordinator_edits_a_members_envelope_audited_as_coordinator(client, calls):
    published = calls["published"]
    envelope = published.envelope_of(calls["members"]["91"].id)
    as_role(client, calls, "coordinator")
    url = f"/appels/{published.id}/enveloppes/{envelope.id}"
    response = client.post(url, data={**hidden_fields(client, url), "amount": "60 000",
                                      "ceiling": "10 000", "decision_body": "CP"})
    assert response.status_code == 302
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "call.envelope.update")
                               .order_by(AuditEntry.id.desc())).first()
    assert entry.changes["amount_cents"] == [50_000_00, 60_000_00]
    assert entry.changes["acting_as"] == [None, "coordinator"]


def test_publishing_needs_the_rules_and_is_offered_only_to_the_lead(client, calls):
    draft = calls["draft"]
    as_role(client, calls, "officer91")
    html = client.get(draft.path).get_data(as_text=True)
    assert "Publier l&#39;appel" in html or "Publier l'appel" in html
    token = hidden_fields(client, draft.path)["csrf_token"]
    response = client.post(f"/appels/{draft.id}/etat", data={"csrf_token": token, "move": "publish"},
                           follow_redirects=True)
    assert "Rédigez le texte de l" in response.get_data(as_text=True)  # the draft has no text yet
    db.session.expire_all()
    assert db.session.get(Call, draft.id).state == CallState.DRAFT


def test_a_call_past_its_closing_time_is_closed_for_everyone_and_recorded_once(client, calls):
    published = calls["published"]
    published.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "ouvrira prochainement" not in client.get(published.path).get_data(as_text=True)
    as_role(client, calls, "officer91")
    client.get(published.path)
    client.get(published.path)
    db.session.expire_all()
    assert db.session.get(Call, published.id).state == CallState.CLOSED
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "call.close")) == 1


def test_the_list_issues_as_many_statements_for_40_calls_as_for_4(client, calls):
    from tests.functional.test_query_counts import counting

    members, coordinator = calls["members"], calls["users"]["coordinator"]
    now = utcnow()
    for i in range(40):
        call = services.create_call(coordinator, services.CallData(
            title_fr=f"Appel {i}", text_fr="Texte", opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=10 + i)), lead=members[("IDF", "91", "93")[i % 3]],
            envelope=services.EnvelopeData(10_000_00))
        services.move(coordinator, call, "publish")
    db.session.commit()
    counts = []
    for n in (4, 40):
        with counting() as statements:
            assert client.get(f"/appels/?per_page={n}").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_the_history_shows_envelope_amounts_before_and_after(client, calls):
    published = calls["published"]
    as_role(client, calls, "officer91")
    html = client.get(f"/appels/{published.id}/historique").get_data(as_text=True)
    assert "Acceptation d&#39;une enveloppe" in html or "Acceptation d'une enveloppe" in html
    assert "Montant de l" in html and re.search(r"50\s000", html)
    assert "Publication de l" in html


def test_a_forged_member_in_the_invitation_is_refused(client, calls):
    draft = calls["draft"]
    as_role(client, calls, "officer91")
    token = hidden_fields(client, draft.path)["csrf_token"]
    response = client.post(f"/appels/{draft.id}/cofinanceurs", data={"csrf_token": token, "members": ["99"]})
    assert response.status_code == 200 and "Choix invalide" in response.get_data(as_text=True)
    assert len(db.session.get(Call, draft.id).envelopes) == 1


def test_an_invited_member_declines_and_the_lead_cannot(client, calls):
    draft = calls["draft"]
    services.invite(calls["users"]["officer91"], draft, [calls["members"]["93"]])
    db.session.commit()
    invited = draft.envelope_of(calls["members"]["93"].id)
    other = as_role(client.application.test_client(), calls, "officer93")
    url = f"/appels/{draft.id}/enveloppes/{invited.id}"
    assert other.post(url, data={**hidden_fields(other, url), "action": "decline"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(CallEnvelope, invited.id).status == EnvelopeStatus.DECLINED
    as_role(client, calls, "officer91")
    lead = draft.envelope_of(calls["members"]["91"].id)
    url = f"/appels/{draft.id}/enveloppes/{lead.id}"
    response = client.post(url, data={**hidden_fields(client, url), "action": "decline"})
    assert "chef de file ne peut pas décliner" in response.get_data(as_text=True)


def test_a_stale_page_declines_nothing(client, calls):
    """Two officers of the Seine-Saint-Denis: one accepts the invitation, the other then
    clicks « Décliner » on the page opened before: the acceptance stands."""
    draft = calls["draft"]
    services.invite(calls["users"]["officer91"], draft, [calls["members"]["93"]])
    db.session.commit()
    invited = draft.envelope_of(calls["members"]["93"].id)
    url = f"/appels/{draft.id}/enveloppes/{invited.id}"
    late = as_role(client.application.test_client(), calls, "officer93")
    stale = hidden_fields(late, url)
    first = as_role(client, calls, "officer93")
    accepted = first.post(url, data={**hidden_fields(first, url), "action": "accept", "amount": "40000",
                                     "decision_body": "Commission permanente"})
    assert accepted.status_code == 302

    response = late.post(url, data={**stale, "action": "decline"})

    assert response.status_code == 200
    assert "modifiée par quelqu'un d'autre" in response.get_data(as_text=True).replace("&#39;", "'")
    db.session.expire_all()
    envelope = db.session.get(CallEnvelope, invited.id)
    assert envelope.status == EnvelopeStatus.ACCEPTED and envelope.amount_cents == 40_000_00


def test_a_closed_call_reopens_once_its_closing_date_is_moved(client, calls):
    published = calls["published"]
    published.closes_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    services.close_due()
    db.session.commit()
    as_role(client, calls, "coordinator")
    token = hidden_fields(client, published.path)["csrf_token"]
    refused = client.post(f"/appels/{published.id}/etat", data={"csrf_token": token, "move": "reopen"},
                          follow_redirects=True)
    assert "La date de clôture est passée" in refused.get_data(as_text=True)
    published = db.session.get(Call, published.id)
    published.closes_at = utcnow() + timedelta(days=10)
    db.session.commit()
    assert client.post(f"/appels/{published.id}/etat", data={"csrf_token": token, "move": "reopen"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Call, published.id).state == CallState.PUBLISHED
    assert db.session.get(Call, published.id).is_open


def test_the_coordinator_acting_for_a_member_is_audited_as_such(client, calls):
    draft = calls["draft"]
    as_role(client, calls, "coordinator")
    url = f"/appels/{draft.id}/modifier"
    form = {**hidden_fields(client, url), **_new_call_form(title_fr="Corrigé par la coordination")}
    for key in ("amount", "ceiling", "decision_body"):
        form.pop(key)
    assert client.post(url, data=form).status_code == 302
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "call.update")).one()
    assert entry.changes["acting_as"] == [None, "coordinator"]
    assert entry.changes["title_fr"] == ["Brouillon de l'Essonne", "Corrigé par la coordination"]
    created = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "call.create",
                                                             AuditEntry.object_id == draft.id)).one()
    assert "acting_as" not in created.changes  # the Essonne officer created it for its own member
    other = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "call.create",
                                                           AuditEntry.object_id == calls["published"].id)).one()
    assert "acting_as" not in other.changes  # the coordinator for its own member, the Région


def test_the_coordinator_creating_a_call_for_another_member_is_audited_as_such(client, calls):
    as_role(client, calls, "coordinator")
    response = client.post("/appels/nouveau", data={**hidden_fields(client, "/appels/nouveau"),
                                                    **_new_call_form(lead="93", title_fr="Pour la Seine-Saint-Denis")})
    assert response.status_code == 302
    call = db.session.scalars(sa.select(Call).where(Call.title_fr == "Pour la Seine-Saint-Denis")).one()
    assert call.lead_member.code == "93"
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "call.create",
                                                           AuditEntry.object_id == call.id)).one()
    assert entry.changes["acting_as"] == [None, "coordinator"]
