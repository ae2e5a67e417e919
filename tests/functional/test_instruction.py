"""Instruction and decisions per member: who sees which dossier, the decision forms, the
envelope moved with each grant, the outcome consolidated, the mails, the alerts."""

from __future__ import annotations

from html import unescape
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.calls.models import CallEnvelope
from app.calls.models_applications import ApplicationShare, ApplicationState, Review
from app.core.audit import AuditEntry
from app.extensions import db
from tests.conftest import hidden_fields
from tests.instruction_factory import make_application, make_call


@pytest.fixture
def joint(app, make_member, make_user, make_actor):
    idf, m91, m93, m94 = (make_member(code) for code in ("IDF", "91", "93", "94"))
    call = make_call(m91, {m91: 1_000_000, m93: 150_000, idf: 2_000_000})
    actor = make_actor("Amis de Dakar")
    other_actor = make_actor("Jumelage Hanoï", departement="93")
    dossier = make_application(call, actor, {m91: 300_000, m93: 200_000}, state=ApplicationState.IN_REVIEW)
    region_only = make_application(call, other_actor, {idf: 500_000}, title="Bibliothèque à Hanoï")
    draft = make_application(call, make_actor("Brouillon SA"), {m91: 100_000}, state=ApplicationState.DRAFT,
                             title="Brouillon")
    users = SimpleNamespace(
        o91=make_user("officer", member=m91), o93=make_user("officer", member=m93),
        o94=make_user("officer", member=m94), coordinator=make_user("coordinator", member=idf),
        applicant=make_user("applicant", actor=actor))
    return SimpleNamespace(call=call, dossier=dossier, region_only=region_only, draft=draft, users=users,
                           m91=m91, m93=m93, m94=m94, idf=idf, actor=actor)


def _committed(envelope_member_id: int, call_id: int) -> int:
    return db.session.scalar(sa.select(CallEnvelope.committed_cents).where(
        CallEnvelope.call_id == call_id, CallEnvelope.member_id == envelope_member_id))


def _share(application_id: int, member_id: int) -> ApplicationShare:
    db.session.expire_all()
    return db.session.scalar(sa.select(ApplicationShare).where(
        ApplicationShare.application_id == application_id, ApplicationShare.member_id == member_id))


# -- rights -------------------------------------------------------------------------------


PAGES = {
    "list": "/appels/{call}/instruction",
    "csv": "/appels/{call}/instruction.csv",
    "dossier": "/candidatures/{dossier}/instruction",
    "decision91": "/candidatures/{dossier}/decision/{m91}",
    "decision93": "/candidatures/{dossier}/decision/{m93}",
    "region_only": "/candidatures/{region_only}/instruction",
    "draft": "/candidatures/{draft}/instruction",
    "not_asked": "/candidatures/{dossier}/decision/{m94}",
}
# who -> page -> status
MATRIX = {
    "anonymous": dict.fromkeys(PAGES, 302),
    "applicant": dict.fromkeys(PAGES, 403),
    # A dossier that does not ask the officer's member, or a draft, does not exist for it: 404
    # as for a missing id; another member's share of a dossier it sees is refused (403).
    "o91": {"list": 200, "csv": 200, "dossier": 200, "decision91": 200, "decision93": 403, "region_only": 404,
            "draft": 404, "not_asked": 404},
    "o93": {"list": 200, "csv": 200, "dossier": 200, "decision91": 403, "decision93": 200, "region_only": 404,
            "draft": 404, "not_asked": 404},
    "o94": {"list": 403, "csv": 403, "dossier": 404, "decision91": 404, "decision93": 404, "region_only": 404,
            "draft": 404, "not_asked": 404},
    "coordinator": {"list": 200, "csv": 200, "dossier": 200, "decision91": 200, "decision93": 200,
                    "region_only": 200, "draft": 404, "not_asked": 404},
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_rights_matrix(client, switch, joint, who):
    if who != "anonymous":
        switch(getattr(joint.users, who))
    values = {"call": joint.call.id, "dossier": joint.dossier.id, "region_only": joint.region_only.id,
              "draft": joint.draft.id, "m91": joint.m91.id, "m93": joint.m93.id, "m94": joint.m94.id}
    got = {name: client.get(url.format(**values)).status_code for name, url in PAGES.items()}
    assert got == MATRIX[who]


def test_an_officer_lists_only_the_applications_asking_its_member(client, switch, joint):
    switch(joint.users.o91)
    page = client.get(f"/appels/{joint.call.id}/instruction").get_data(as_text=True)
    assert "Puits au Sénégal" in page
    assert "Bibliothèque à Hanoï" not in page  # asks the Région only
    assert "Brouillon" not in page.split("<main")[1].split("Candidatures à instruire")[-1]
    switch(joint.users.coordinator)
    page = client.get(f"/appels/{joint.call.id}/instruction").get_data(as_text=True)
    assert "Puits au Sénégal" in page and "Bibliothèque à Hanoï" in page


def test_the_list_filters_and_sorts_and_a_broken_query_string_answers_200(client, switch, joint):
    switch(joint.users.coordinator)
    url = f"/appels/{joint.call.id}/instruction"
    page = client.get(url + "?etat=submitted").get_data(as_text=True)
    assert "Bibliothèque à Hanoï" in page and "Puits au Sénégal" not in page
    page = client.get(url + "?decide=oui").get_data(as_text=True)
    assert "Aucune candidature ne correspond." in page
    for query in ("?etat=%00&tri=<script>&page=-5&per_page=abc&pays=ZZZZ&decide=peut-etre",
                  "?tri=note", "?tri=montant", "?theme=inconnu&pays=SN"):
        assert client.get(url + query).status_code == 200


def _review(client, application, scores: dict, opinion: str = "favourable") -> None:
    url = f"/candidatures/{application.id}/instruction"
    data = {**hidden_fields(client, url), "opinion": opinion, "comment": "",
            **{f"score_{criterion.id}": str(score) for criterion, score in scores.items()}}
    assert client.post(f"/candidatures/{application.id}/avis", data=data).status_code == 302


def _order(page: str, *titles: str) -> list[str]:
    body = page.split("<main")[1]
    return sorted(titles, key=body.index)


def test_sorting_by_score_puts_the_best_mean_of_the_reviews_first_and_the_unscored_last(
        client, switch, joint, make_actor):
    first, second = joint.call.criteria  # weights 2 and 1
    gardens = make_application(joint.call, make_actor("Jardins partagés"), {joint.m91: 100_000},
                               state=ApplicationState.IN_REVIEW, title="Jardins à Bamako")
    make_application(joint.call, make_actor("Forages SA"), {joint.m91: 100_000},
                     state=ApplicationState.IN_REVIEW, title="Forage à Thiès")
    switch(joint.users.o91)
    _review(client, joint.dossier, {first: 4, second: 1})  # (4×2 + 1) / 3 = 3
    _review(client, gardens, {first: 4, second: 4})  # 4
    switch(joint.users.o93)
    _review(client, joint.dossier, {first: 5, second: 5})  # 5: the dossier's mean is (3 + 5) / 2 = 4
    switch(joint.users.o91)
    url = f"/appels/{joint.call.id}/instruction"
    titles = ("Puits au Sénégal", "Jardins à Bamako", "Forage à Thiès")
    assert _order(client.get(url).get_data(as_text=True), *titles) == [
        "Forage à Thiès", "Jardins à Bamako", "Puits au Sénégal"]  # the latest filed first
    assert _order(client.get(url + "?tri=note").get_data(as_text=True), *titles) == [
        "Puits au Sénégal", "Jardins à Bamako", "Forage à Thiès"]
    # Equal means: the earlier dossier first; the CSV follows the same order.
    _review(client, gardens, {first: 5, second: 2})  # (5×2 + 2) / 3 = 4, as the dossier
    csv = client.get(f"/appels/{joint.call.id}/instruction.csv?tri=note").get_data(as_text=True)
    assert sorted(titles, key=csv.index) == ["Puits au Sénégal", "Jardins à Bamako", "Forage à Thiès"]
    assert _order(client.get(url + "?tri=note&per_page=1&page=2").get_data(as_text=True), "Jardins à Bamako") \
        == ["Jardins à Bamako"]
    assert "Puits au Sénégal" not in client.get(url + "?tri=note&per_page=1&page=2").get_data(as_text=True)


def test_the_csv_is_the_officers_own_list_and_neutralises_formulas(client, switch, joint, make_actor):
    make_application(joint.call, make_actor("Formule SA"), {joint.m91: 100_000},
                     title="=HYPERLINK(\"http://x\")")
    switch(joint.users.o93)
    body = client.get(f"/appels/{joint.call.id}/instruction.csv").get_data(as_text=True)
    assert "Puits au Sénégal" in body and "HYPERLINK" not in body  # asks 91 only
    switch(joint.users.o91)
    response = client.get(f"/appels/{joint.call.id}/instruction.csv")
    assert response.headers["Content-Disposition"].startswith("attachment")
    body = response.get_data(as_text=True)
    assert "\"'=HYPERLINK" in body
    assert "Bibliothèque à Hanoï" not in body


# -- decisions ------------------------------------------------------------------------------


def _decide(client, joint, member, **data):
    url = f"/candidatures/{joint.dossier.id}/decision/{member.id}"
    fields = hidden_fields(client, url)
    values = {"granted": "", "reason": "", "reference": "", "decided_on": "", "convention_on": "",
              "payment_terms": "", "payment_from": "", "payment_until": ""}
    values.update(data)
    return client.post(url, data={**fields, **values})


def test_a_grant_reserves_the_envelope_audits_and_mails(client, switch, joint, mails):
    switch(joint.users.o91)
    response = _decide(client, joint, joint.m91, granted="2 500", reference="CP 2027-03-112",
                       decided_on="2027-03-20", payment_terms="unique")
    assert response.status_code == 302
    share = _share(joint.dossier.id, joint.m91.id)
    assert (share.granted_cents, share.decided_as.value) == (250_000, "officer")
    assert _committed(joint.m91.id, joint.call.id) == 250_000
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "application.decision")).one()
    assert entry.changes["granted_cents"] == [None, 250_000]
    assert entry.changes["committed_cents"] == [0, 250_000]
    assert [m.template for m in mails] == ["application_decision"]
    assert mails[0].to == joint.users.applicant.email
    # Still waiting for the 93: no outcome yet.
    assert share.application.state == ApplicationState.IN_REVIEW


def test_correcting_moves_the_difference_and_cancelling_gives_it_back(client, switch, joint):
    switch(joint.users.o91)
    _decide(client, joint, joint.m91, granted="3000", reference="CP 1", decided_on="2027-03-20")
    assert _committed(joint.m91.id, joint.call.id) == 300_000
    assert _decide(client, joint, joint.m91, granted="1 000,50", reference="CP 1 rectifiée",
                   decided_on="2027-03-20").status_code == 302
    assert _committed(joint.m91.id, joint.call.id) == 100_050
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "application.decision.correct")).one()
    assert entry.changes["committed_cents"] == [300_000, 100_050]
    url = f"/candidatures/{joint.dossier.id}/decision/{joint.m91.id}"
    fields = hidden_fields(client, url)
    assert client.post(url + "/annuler", data=fields).status_code == 302
    assert _committed(joint.m91.id, joint.call.id) == 0
    assert _share(joint.dossier.id, joint.m91.id).granted_cents is None


@pytest.mark.parametrize(("granted", "expected"), [
    ("-1", "Montant invalide"), ("1e9", "Montant invalide"), ("10,555", "Montant invalide"),
    ("abc", "Montant invalide"), ("3 000,01", "dépasse le montant demandé"),
    ("999999999999999", "Montant invalide"),
])
def test_bad_amounts_are_refused_and_kept(client, switch, joint, mails, granted, expected):
    switch(joint.users.o91)
    response = _decide(client, joint, joint.m91, granted=granted, reference="CP", decided_on="2027-03-20")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert expected in page
    assert f'value="{granted}"' in page
    assert _share(joint.dossier.id, joint.m91.id).granted_cents is None
    assert _committed(joint.m91.id, joint.call.id) == 0
    assert mails == []


def test_a_refusal_needs_a_reason(client, switch, joint):
    switch(joint.users.o91)
    response = _decide(client, joint, joint.m91, granted="0")
    assert response.status_code == 400
    assert "Un refus (0 €) doit être motivé" in response.get_data(as_text=True)
    assert _decide(client, joint, joint.m91, granted="0", reason="Hors zone").status_code == 302
    assert _share(joint.dossier.id, joint.m91.id).granted_cents == 0


def test_an_envelope_too_small_says_so_keeps_the_input_and_sends_nothing(client, switch, joint, mails):
    switch(joint.users.o93)
    # The 93's envelope is 1 500 € and the dossier asks 2 000 €.
    response = _decide(client, joint, joint.m93, granted="2 000", reference="CP 93", decided_on="2027-03-20")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Enveloppe insuffisante" in page and 'value="2 000"' in page
    assert _committed(joint.m93.id, joint.call.id) == 0
    assert _share(joint.dossier.id, joint.m93.id).granted_cents is None
    assert mails == []


def test_a_forged_member_id_or_another_members_share_changes_nothing(client, switch, joint):
    switch(joint.users.o91)
    fields = hidden_fields(client, f"/candidatures/{joint.dossier.id}/decision/{joint.m91.id}")
    data = {**fields, "granted": "1000", "reference": "CP", "decided_on": "2027-03-20"}
    assert client.post(f"/candidatures/{joint.dossier.id}/decision/{joint.m93.id}", data=data).status_code == 403
    assert client.post(f"/candidatures/{joint.dossier.id}/decision/99999", data=data).status_code == 404
    assert client.post(f"/candidatures/{joint.dossier.id}/decision/{joint.m93.id}/annuler",
                       data=fields).status_code == 403
    assert _share(joint.dossier.id, joint.m93.id).granted_cents is None
    assert _committed(joint.m93.id, joint.call.id) == 0


def test_the_coordinator_is_recorded_as_such_and_the_outcome_consolidates(client, switch, joint, mails):
    switch(joint.users.o91)
    _decide(client, joint, joint.m91, granted="0", reason="Déjà financé")
    switch(joint.users.coordinator)
    page = client.get(f"/candidatures/{joint.dossier.id}/decision/{joint.m93.id}").get_data(as_text=True)
    assert "au titre de la coordination" in page
    assert _decide(client, joint, joint.m93, granted="1 500", reference="CP 93-12",
                   decided_on="2027-03-21").status_code == 302
    share = _share(joint.dossier.id, joint.m93.id)
    assert share.decided_as.value == "coordinator"
    assert share.application.state == ApplicationState.ACCEPTED
    moves = [e.action for e in db.session.scalars(sa.select(AuditEntry).where(
        AuditEntry.object_type == "applications").order_by(AuditEntry.id))]
    assert moves[-1] == "application.accept"
    assert [m.template for m in mails] == ["application_decision", "application_decision"]
    # Settled and told: a correction that would turn it over is refused.
    response = _decide(client, joint, joint.m93, granted="0", reason="Erreur")
    assert response.status_code == 400
    assert "déjà été notifié" in response.get_data(as_text=True)
    assert _committed(joint.m93.id, joint.call.id) == 150_000


def test_all_refused_is_refused(client, switch, joint):
    switch(joint.users.o91)
    _decide(client, joint, joint.m91, granted="0", reason="Non")
    switch(joint.users.o93)
    _decide(client, joint, joint.m93, granted="0", reason="Non plus")
    assert _share(joint.dossier.id, joint.m93.id).application.state == ApplicationState.REFUSED


def test_payments_never_above_the_grant(client, switch, joint):
    switch(joint.users.o91)
    _decide(client, joint, joint.m91, granted="2000", reference="CP", decided_on="2027-03-20")
    url = f"/candidatures/{joint.dossier.id}/decision/{joint.m91.id}"
    token = hidden_fields(client, url)["csrf_token"]
    ok = client.post(url + "/versements", data={"csrf_token": token, "amount": "1500", "paid_on": "2027-04-01",
                                                "kind": "advance"})
    assert ok.status_code == 302
    too_much = client.post(url + "/versements", data={"csrf_token": token, "amount": "600",
                                                      "paid_on": "2027-06-01", "kind": "balance"})
    assert too_much.status_code == 400
    assert "il reste 500" in too_much.get_data(as_text=True)
    assert _share(joint.dossier.id, joint.m91.id).paid_cents == 150_000


# -- moves, reviews, alerts -------------------------------------------------------------------


def test_asking_for_corrections_mails_the_applicant(client, switch, joint, mails):
    switch(joint.users.o93)
    url = f"/candidatures/{joint.dossier.id}/instruction"
    token = hidden_fields(client, url)["csrf_token"]
    empty = client.post(url + "/ask_changes", data={"csrf_token": token, "message": " "})
    assert empty.status_code == 400 and "Indiquez ce qu'il faut corriger" in unescape(empty.get_data(as_text=True))
    assert client.post(url + "/ask_changes", data={"csrf_token": token, "message": "Joindre le RIB"}).status_code == 302
    db.session.expire_all()
    assert joint.dossier.state == ApplicationState.NEEDS_CHANGES
    assert [(m.template, m.context["message"]) for m in mails] == [("application_changes", "Joindre le RIB")]


def test_only_the_lead_member_or_the_coordinator_dismisses(client, switch, joint):
    url = f"/candidatures/{joint.dossier.id}/instruction"
    switch(joint.users.o93)  # asked, but the call's lead is the 91
    token = hidden_fields(client, url)["csrf_token"]
    assert "Classer sans suite" not in client.get(url).get_data(as_text=True)
    assert client.post(url + "/dismiss", data={"csrf_token": token, "message": "Hors sujet"}).status_code == 403
    switch(joint.users.o91)
    token = hidden_fields(client, url)["csrf_token"]
    assert client.post(url + "/dismiss", data={"csrf_token": token, "message": "Hors sujet"}).status_code == 302
    db.session.expire_all()
    assert joint.dossier.state == ApplicationState.DISMISSED


def test_reviews_one_per_reviewer_editable_others_read_only(client, switch, joint):
    criteria = joint.call.criteria
    url = f"/candidatures/{joint.dossier.id}/instruction"
    switch(joint.users.o91)
    fields = hidden_fields(client, url)
    data = {**fields, f"score_{criteria[0].id}": "4", f"score_{criteria[1].id}": "1", "opinion": "favourable",
            "comment": "Solide"}
    assert client.post(f"/candidatures/{joint.dossier.id}/avis", data=data).status_code == 302
    bad = client.post(f"/candidatures/{joint.dossier.id}/avis", data={**hidden_fields(client, url),
                                                                     f"score_{criteria[0].id}": "9"})
    assert bad.status_code == 400 and "Une note va de 0 à 5." in bad.get_data(as_text=True)
    fields = hidden_fields(client, url)
    assert client.post(f"/candidatures/{joint.dossier.id}/avis", data={**fields, f"score_{criteria[0].id}": "5",
                                                                      "opinion": "reserve"}).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Review)) == 1
    switch(joint.users.o93)
    page = client.get(url).get_data(as_text=True)
    assert "réservé" in page and "note pondérée : 5 / 5" in page


def test_the_joint_applicant_alert_reaches_the_officers_only(client, switch, joint, make_member):
    other_call = make_call(joint.m93, {joint.m93: 500_000}, title="Autre appel 2027")
    make_application(other_call, joint.actor, {joint.m93: 100_000}, title="Puits bis")
    alert = "a une candidature en cours dans un autre appel"
    switch(joint.users.o91)
    assert alert in client.get(f"/candidatures/{joint.dossier.id}/instruction").get_data(as_text=True)
    switch(joint.users.applicant)
    assert client.get(f"/candidatures/{joint.dossier.id}/instruction").status_code == 403
    for url in (f"/appels/{joint.call.id}", "/appels/", f"/recherche?q={joint.actor.name}", "/api/v1/calls",
                f"/acteurs/{joint.actor.id}"):
        body = client.get(url).get_data(as_text=True)
        assert alert not in body and "Puits bis" not in body, url


def test_a_reviews_stored_score_follows_the_calls_criteria(client, switch, joint):
    from app.calls import services

    first, second = joint.call.criteria
    switch(joint.users.o91)
    _review(client, joint.dossier, {first: 4, second: 1})
    db.session.expire_all()
    assert db.session.scalar(sa.select(Review.total_score)) == pytest.approx(3.0)
    call = joint.call
    url = f"/candidatures/{joint.dossier.id}/instruction"
    switch(joint.users.o93)  # reads the 91's review
    assert "note pondérée : 3 / 5" in client.get(url).get_data(as_text=True)
    # The officers reweigh the first criterion and drop the second: the first one's score
    # stays and alone makes the total, the second one's goes, in the sort as on the page.
    services.update_call(None, call, services.CallData(
        title_fr=call.title_fr, text_fr=call.text_fr, opens_at=call.opens_at, closes_at=call.closes_at,
        criteria=[services.CriterionData(first.label_fr, 1)]), version=call.version)
    db.session.commit()
    db.session.expire_all()
    review = db.session.scalars(sa.select(Review)).one()
    assert review.scores == {str(first.id): 4} and review.total_score == pytest.approx(4.0)
    assert "note pondérée : 4 / 5" in client.get(url).get_data(as_text=True)


def _call_form(call, criteria: str) -> dict:
    """The call's edit form as its page fills it, with the criteria typed anew."""
    from app.core.dates import PARIS

    opens, closes = call.opens_at.astimezone(PARIS), call.closes_at.astimezone(PARIS)
    return {"lead": call.lead_member.code, "title_fr": call.title_fr, "text_fr": call.text_fr,
            "opens_date": opens.date().isoformat(), "opens_time": opens.strftime("%H:%M"),
            "closes_date": closes.date().isoformat(), "closes_time": closes.strftime("%H:%M"),
            "min_own_share": str(call.min_own_share), "max_public_rate": str(call.max_public_rate),
            "criteria": criteria}


def test_editing_the_criteria_keeps_the_scores_given_and_the_total_follows_the_weights(client, switch, joint):
    first, second = joint.call.criteria  # Pertinence 2, Ancrage local 1
    call_id, dossier_id = joint.call.id, joint.dossier.id
    switch(joint.users.o91)
    _review(client, joint.dossier, {first: 4, second: 1})
    listing = f"/appels/{call_id}/instruction"
    assert '<td data-label="Note">3</td>' in client.get(listing).get_data(as_text=True)  # (4×2 + 1×1) / 3
    switch(joint.users.coordinator)
    edit = f"/appels/{call_id}/modifier"

    def save(criteria: str) -> None:
        db.session.expire_all()
        response = client.post(edit, data={**hidden_fields(client, edit), **_call_form(joint.call, criteria)})
        assert response.status_code == 302, response.get_data(as_text=True)
        db.session.expire_all()

    def review() -> Review:
        return db.session.scalars(sa.select(Review).where(Review.application_id == dossier_id)).one()

    # A label reworded and both weights changed: the same criteria, the same scores, a new total.
    save("Pertinence du projet ; 1\nAncrage local ; 3")
    assert [(c.id, c.label_fr, c.weight) for c in joint.call.criteria] == [
        (first.id, "Pertinence du projet", 1), (second.id, "Ancrage local", 3)]
    assert review().scores == {str(first.id): 4, str(second.id): 1}
    assert review().total_score == pytest.approx(1.75)  # (4×1 + 1×3) / 4
    switch(joint.users.o91)
    assert '<td data-label="Note">1,75</td>' in client.get(listing).get_data(as_text=True)
    switch(joint.users.o93)  # reads the 91's review under the new labels
    page = client.get(f"/candidatures/{dossier_id}/instruction").get_data(as_text=True)
    assert "Pertinence du projet : 4" in page and "Ancrage local : 1" in page and "note pondérée : 1,75" in page
    # A criterion added first: the others keep their scores, the total does not move.
    switch(joint.users.coordinator)
    save("Impact social ; 2\nPertinence du projet ; 1\nAncrage local ; 3")
    assert [c.label_fr for c in joint.call.criteria] == ["Impact social", "Pertinence du projet", "Ancrage local"]
    assert [c.id for c in joint.call.criteria][1:] == [first.id, second.id]
    assert review().scores == {str(first.id): 4, str(second.id): 1}
    assert review().total_score == pytest.approx(1.75)
    # A scored criterion removed: its score goes, the rest stays and makes the total.
    save("Impact social ; 2\nPertinence du projet ; 1")
    assert review().scores == {str(first.id): 4} and review().total_score == pytest.approx(4.0)
    switch(joint.users.o91)
    assert '<td data-label="Note">4</td>' in client.get(listing).get_data(as_text=True)


def test_the_dossier_names_the_partner_place_without_a_dash_when_no_organisation_is_given(client, switch, joint):
    from app.network.models import Territory, TerritoryKind

    dakar = Territory(code="SN-dakar-test", kind=TerritoryKind.PARTNER_CITY, name="Dakar", country_code="SN")
    db.session.add(dakar)
    joint.dossier.partner_territory, joint.dossier.partner_organisation = dakar, ""
    db.session.commit()
    switch(joint.users.o91)
    url = f"/candidatures/{joint.dossier.id}/instruction"
    assert "<dd>Dakar</dd>" in client.get(url).get_data(as_text=True)
    joint.dossier.partner_organisation = "Mairie de Dakar Plateau"
    db.session.commit()
    assert "<dd>Mairie de Dakar Plateau (Dakar)</dd>" in client.get(url).get_data(as_text=True)


def test_the_dossier_links_to_the_full_application_and_offers_decisions_once_in_review(client, switch, joint):
    switch(joint.users.o91)
    url = f"/candidatures/{joint.dossier.id}/instruction"
    decide = f'href="/candidatures/{joint.dossier.id}/decision/{joint.m91.id}"'
    page = client.get(url).get_data(as_text=True)
    assert f'href="/candidatures/{joint.dossier.id}">Voir le dossier complet' in page
    assert decide in page  # in review: the officer decides
    joint.dossier.state = ApplicationState.SUBMITTED  # resubmitted after corrections
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert decide not in page
    assert "Après le début de l" in page
    assert client.get(f"/candidatures/{joint.dossier.id}").status_code == 200  # the full dossier opens
