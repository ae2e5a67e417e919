"""Only an event's lead decides its fate; merging grants no rights and leaks nothing.

Issue 7, defects 1, 2, 5, 11, 12 and 14, each as an officer or an attacker would try it.
"""

from __future__ import annotations

import sqlalchemy as sa

from app.agenda import services
from app.agenda.models import Event, EventStatus, Visibility
from app.extensions import db
from tests.conftest import csrf_token
from tests.functional.test_agenda import as_, data, event_form, post


def _event(event_id) -> Event:
    db.session.expire_all()
    return db.session.get(Event, event_id)


def test_merging_a_throwaway_event_grants_no_edit_rights_over_the_target(client, agenda):
    """Defect 1: 93 folds a throwaway announcement into 91's training, then tries to rewrite it."""
    training = agenda["events"]["training"]
    as_(client, agenda, "officer93")
    response = post(client, "/agenda/nouveau", {**event_form("Jetable", organiser="93", action="publish"),
                                                "merge_into": str(training)})
    assert response.status_code == 302
    assert "93" in {o.member.code for o in _event(training).organisers if o.member}
    # The edit page offers 93 its own registration link, not the event.
    page = client.get(f"/agenda/{training}/modifier").get_data(as_text=True)
    assert 'name="title"' not in page and 'name="registration_url"' in page
    rewrite = event_form("Formation annulée, rendez-vous ailleurs", organiser="93", visibility="members",
                         distinct="1")
    post(client, f"/agenda/{training}/modifier", rewrite)
    event = _event(training)
    assert event.title == "Formation au montage de projets"
    assert event.visibility == Visibility.PUBLIC
    # Its own link, though, is its to set.
    assert post(client, f"/agenda/{training}/modifier",
                {"registration_url": "https://example.org/93"}).status_code == 302
    assert {o.member.code: o.registration_url for o in _event(training).organisers if o.member}["93"] == \
        "https://example.org/93"
    assert _event(training).title == "Formation au montage de projets"


def test_a_members_only_event_never_merges_into_a_public_one(client, agenda):
    """Defect 2: its organiser and registration link would show on public pages and feeds."""
    members = agenda["members"]
    secret = services.create_event(None, data("Formation au montage de projets", visibility=Visibility.MEMBERS,
                                              registration_url="https://intranet.example.org/secret"),
                                   member=members["93"], status=EventStatus.PUBLISHED)
    db.session.commit()
    training = agenda["events"]["training"]
    as_(client, agenda, "officer93")
    response = post(client, f"/agenda/{secret.id}/fusionner", {"target": str(training)}, f"/agenda/{secret.id}")
    assert response.status_code == 403
    assert _event(secret.id).status == EventStatus.PUBLISHED
    public = client.application.test_client()
    for url in (f"/agenda/{training}", f"/agenda/{training}.ics", "/agenda.ics", f"/api/v1/events/{training}"):
        body = public.get(url).get_data(as_text=True)
        assert "intranet.example.org" not in body and "Seine-Saint-Denis" not in body, url


def test_a_co_organiser_cannot_merge_the_leads_event_away(client, agenda):
    """Defect 14: the lead's announcement would redirect and be cancelled in every calendar."""
    members = agenda["members"]
    twin = services.create_event(None, data("Formation au montage de projets"), member=members["93"],
                                 status=EventStatus.PUBLISHED)
    training = db.session.get(Event, agenda["events"]["training"])
    services.merge(None, twin, training)  # 93 now co-organises 91's training
    own = services.create_event(None, data("Autre formation", day=training.first_day), member=members["93"],
                                status=EventStatus.PUBLISHED)
    db.session.commit()
    as_(client, agenda, "officer93")
    response = post(client, f"/agenda/{training.id}/fusionner", {"target": str(own.id)}, f"/agenda/{training.id}")
    assert response.status_code == 403
    assert _event(training.id).status == EventStatus.PUBLISHED
    # Nor through the edit form: switching it to members-only is the lead's decision.
    post(client, f"/agenda/{training.id}/modifier", event_form(visibility="members", organiser="91", distinct="1"))
    assert _event(training.id).visibility == Visibility.PUBLIC
    assert "Formation au montage de projets" in client.application.test_client().get("/agenda/").get_data(
        as_text=True)


def test_an_edit_without_its_version_overwrites_nothing(client, agenda):
    """Defect 11: a replayed or forged form without ``version`` used to win silently."""
    training = agenda["events"]["training"]
    as_(client, agenda, "officer91")
    form = event_form("Titre d'un vieux formulaire", organiser="91", distinct="1")
    token = csrf_token(client, f"/agenda/{training}/modifier")
    response = client.post(f"/agenda/{training}/modifier", data={**form, "csrf_token": token})
    assert response.status_code == 200
    assert "modifiée par quelqu&#39;un d&#39;autre" in response.get_data(as_text=True)
    assert 'value="Titre d&#39;un vieux formulaire"' in response.get_data(as_text=True)  # kept what was typed
    assert _event(training).title == "Formation au montage de projets"


def test_another_members_draft_is_not_shown_as_for_schemes(client, agenda):
    """Defect 12: a draft event opened by URL for any officer; a draft scheme answers 404."""
    draft = agenda["events"]["draft"]
    as_(client, agenda, "officer93")
    for url in (f"/agenda/{draft}", f"/agenda/{draft}.ics", f"/agenda/{draft}/historique"):
        assert client.get(url).status_code == 404, url
    assert "Brouillon essonnien" not in client.get("/agenda/").get_data(as_text=True)


def test_two_officers_moderating_the_same_proposal_get_the_conflict_message(client, agenda, monkeypatch):
    """Defect 5: the second of two simultaneous decisions used to answer 500."""
    proposal = agenda["events"]["proposal"]
    as_(client, agenda, "officer91")
    move = services.move

    def someone_else_first(user, event, name, **kwargs):
        # Another officer's decision commits between this one's read and its write.
        with db.engine.begin() as conn:
            conn.execute(sa.update(Event).where(Event.id == event.id).values(version=Event.version + 1))
        return move(user, event, name, **kwargs)

    monkeypatch.setattr(services, "move", someone_else_first)
    response = post(client, f"/agenda/{proposal}/moderation", {"action": "publier"}, f"/agenda/{proposal}")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "vient d&#39;être modifié par quelqu&#39;un d&#39;autre" in page
    assert _event(proposal).status == EventStatus.PROPOSED


def test_two_merges_into_the_same_event_at_once_answer_without_a_500(client, agenda, monkeypatch):
    training = agenda["events"]["training"]
    twin = services.create_event(None, data("Formation au montage de projets"), member=agenda["members"]["93"],
                                 status=EventStatus.PUBLISHED)
    db.session.commit()
    as_(client, agenda, "officer93")
    merge = services.merge

    def someone_else_first(user, source, target):
        with db.engine.begin() as conn:
            conn.execute(sa.update(Event).where(Event.id == target.id).values(version=Event.version + 1))
        return merge(user, source, target)

    monkeypatch.setattr(services, "merge", someone_else_first)
    response = post(client, f"/agenda/{twin.id}/fusionner", {"target": str(training)}, f"/agenda/{twin.id}")
    assert response.status_code == 302
    assert _event(twin.id).status == EventStatus.PUBLISHED
    assert [o.member.code for o in _event(training).organisers] == ["91"]


def test_undoing_a_merge_reads_the_earlier_status_from_the_event_not_the_audit(client, agenda):
    twin = services.create_event(None, data("Formation au montage de projets"), member=agenda["members"]["93"])
    services.merge(None, twin, db.session.get(Event, agenda["events"]["training"]))
    db.session.commit()
    assert _event(twin.id).status_before_merge == EventStatus.DRAFT
    db.session.execute(sa.text("DELETE FROM audit_entries"))
    db.session.commit()
    as_(client, agenda, "officer93")
    assert post(client, f"/agenda/{twin.id}/defusionner", {}, f"/agenda/{agenda['events']['training']}"
                ).status_code == 302
    assert _event(twin.id).status == EventStatus.DRAFT


def test_renaming_an_actor_renames_it_in_the_events_it_organises(client, agenda, make_actor):
    """The search gap: events carry their organisers' names in the index."""
    from app.actors import services as actor_services
    from app.agenda.models import EventOrganiser
    from app.search.sync import enqueue

    actor = make_actor("Solidarcoop", departement="93")
    training = db.session.get(Event, agenda["events"]["training"])
    training.organisers.append(EventOrganiser(actor=actor, position=1))
    enqueue(db.session, "event", [training.id])
    db.session.commit()
    assert client.get("/api/v1/search?q=solidarcoop&type=event").get_json()["total"] == 1
    record = actor_services.ActorData(name="Pangée", kind=actor.kind, departement=actor.departement)
    actor_services.update_actor(None, actor, record, version=actor.version)
    db.session.commit()
    assert client.get("/api/v1/search?q=solidarcoop&type=event").get_json()["total"] == 0
    hits = client.get("/api/v1/search?q=pangee&type=event").get_json()["results"]
    assert [h["id"] for h in hits] == [training.id]
