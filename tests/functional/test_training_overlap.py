"""Overlap when an officer saves a training: the three answers, the other member told
(dashboard and mail in its language), every co-organiser's words on the shared page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.agenda import services
from app.agenda.models import Event, EventStatus, NoticeKind, OverlapNotice
from app.extensions import db
from tests.functional.test_agenda import as_, data, event_form, post

EAD = "Éducation au développement : animer un atelier en classe"
DAY = date.today() + timedelta(days=40)


@pytest.fixture
def val_de_marne(agenda, make_member, make_user):
    member = make_member("94", name="Département du Val-de-Marne", short_name="Val-de-Marne")
    officer = make_user("officer", member=member, language="en", name="Agent du Val-de-Marne")
    training = services.create_event(None, data(EAD, day=DAY, departement="94", commune="Créteil",
                                                themes=["education-developpement"], summary="Trois heures en classe.",
                                                audience="Enseignants du primaire",
                                                registration_url="https://example.org/94"),
                                     member=member, status=EventStatus.PUBLISHED)
    db.session.commit()
    return {"member": member, "officer": officer, "training": training.id}


def plan_form(**overrides):
    return event_form(EAD, day=DAY + timedelta(days=30), organiser="91", action="publish", commune="Massy",
                      summary="Une journée pour les enseignants de l'Essonne.", audience="Enseignants du collège",
                      themes=["education-developpement"], registration_url="https://example.org/91", **overrides)


def count(model=Event) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_training_a_month_later_elsewhere_shows_the_overlap_and_saves_nothing(client, agenda, val_de_marne):
    before = count()
    as_(client, agenda, "officer91")
    response = post(client, "/agenda/nouveau", plan_form())
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and count() == before
    assert "membres prévoient une formation sur un sujet voisin" in html
    assert "Département du Val-de-Marne" in html and "Créteil" in html
    assert "même thème (Éducation au développement)" in html and "30 jours d" in html
    training = val_de_marne["training"]
    for value in (f"merge:{training}", f"join:{training}", "keep"):
        assert f'value="{value}"' in html
    assert 'value="Une journée pour les enseignants de l&#39;Essonne."' in html or \
        "Une journée pour les enseignants de l&#39;Essonne." in html  # nothing typed is lost


def test_keeping_both_needs_a_reason(client, agenda, val_de_marne):
    before = count()
    as_(client, agenda, "officer91")
    html = post(client, "/agenda/nouveau", plan_form(overlap_answer="keep")).get_data(as_text=True)
    assert "Indiquez pourquoi vous gardez les deux formations." in html and count() == before


def test_keeping_both_records_the_reason_and_tells_the_other_member(client, agenda, val_de_marne, mails):
    as_(client, agenda, "officer91")
    response = post(client, "/agenda/nouveau", plan_form(overlap_answer="keep",
                                                         overlap_reason="Public de collégiens, pas de primaire."))
    assert response.status_code == 302
    mine = db.session.scalar(sa.select(Event).where(Event.commune == "Massy"))
    assert mine.status == EventStatus.PUBLISHED
    notice = db.session.scalar(sa.select(OverlapNotice))
    assert (notice.kind, notice.event_id, notice.other_event_id) == (NoticeKind.KEPT, mine.id, val_de_marne["training"])
    assert notice.reason == "Public de collégiens, pas de primaire."
    assert notice.other_member.code == "94" and "same_themes" in notice.likeness
    [mail] = [m for m in mails if m.template == "overlap_notice"]
    assert mail.to == val_de_marne["officer"].email and mail.lang == "en"
    assert mail.context["kind"] == "kept" and mail.context["reason"] == "Public de collégiens, pas de primaire."
    assert mail.context["other_link"].endswith(f"/agenda/{val_de_marne['training']}")
    # Editing it again does not ask again about the same training.
    edit = post(client, f"/agenda/{mine.id}/modifier", plan_form(title=EAD + " (collège)"), f"/agenda/{mine.id}/modifier")
    assert edit.status_code == 302


def test_joining_adds_the_member_with_its_own_words_and_no_announcement(client, agenda, val_de_marne, mails):
    before, training = count(), val_de_marne["training"]
    as_(client, agenda, "officer91")
    response = post(client, "/agenda/nouveau", plan_form(overlap_answer=f"join:{training}"))
    assert response.status_code == 302 and response.headers["Location"].startswith(f"/agenda/{training}")
    assert count() == before
    page = client.get(f"/agenda/{training}").get_data(as_text=True)
    assert "Trois heures en classe." in page  # the lead's summary
    assert "Une journée pour les enseignants de l&#39;Essonne." in page and "Enseignants du collège" in page
    assert "https://example.org/94" in page and "https://example.org/91" in page
    notice = db.session.scalar(sa.select(OverlapNotice))
    assert notice.kind == NoticeKind.JOINED and notice.member.code == "91"
    assert [m.context["kind"] for m in mails if m.template == "overlap_notice"] == ["joined"]


def test_merging_keeps_both_organisers_words_on_the_page(client, agenda, val_de_marne, mails):
    training = val_de_marne["training"]
    as_(client, agenda, "officer91")
    response = post(client, "/agenda/nouveau", plan_form(overlap_answer=f"merge:{training}"))
    assert response.status_code == 302
    mine = db.session.scalar(sa.select(Event).where(Event.commune == "Massy"))
    assert mine.status == EventStatus.MERGED and mine.merged_into_id == training
    page = client.get(f"/agenda/{training}").get_data(as_text=True)
    assert "Trois heures en classe." in page and "Enseignants du primaire" in page
    assert "Une journée pour les enseignants de l&#39;Essonne." in page and "Enseignants du collège" in page
    assert db.session.scalar(sa.select(OverlapNotice.kind)) == NoticeKind.MERGED
    assert [m.context["kind"] for m in mails if m.template == "overlap_notice"] == ["merged"]


def test_an_answer_that_was_not_offered_is_refused(client, agenda, val_de_marne):
    before = count()
    as_(client, agenda, "officer91")
    html = post(client, "/agenda/nouveau", plan_form(overlap_answer="join:999999")).get_data(as_text=True)
    assert "Choisissez une des réponses proposées." in html and count() == before


def test_a_training_on_another_topic_or_of_the_same_member_is_saved_at_once(client, agenda, val_de_marne):
    as_(client, agenda, "officer91")
    assert post(client, "/agenda/nouveau", plan_form(title="Comptabilité d'une association")).status_code == 302
    other = client.application.test_client()
    as_(other, agenda, "officer93")
    far = event_form(EAD, day=DAY + timedelta(days=120), organiser="93", action="publish", commune="Bobigny")
    assert post(other, "/agenda/nouveau", far).status_code == 302


def test_the_mail_renders_in_the_recipients_language(app):
    from app.mail.render import render

    context = {"name": "Agent", "kind": "kept", "member_name": "Département de l'Essonne", "other_title": EAD,
               "other_link": "https://portail.example/agenda/1", "title": EAD, "link": "https://portail.example/agenda/2",
               "day": "2027-03-10", "reason": "Un autre public.", "dashboard_link": "https://portail.example/tableau-de-bord"}
    with app.test_request_context():
        french = render("overlap_notice", context, "fr")
        english = render("overlap_notice", context, "en")
    assert "prévoit une formation voisine" in french.subject and "Un autre public." in french.text
    assert "https://portail.example/tableau-de-bord" in french.html
    assert english.text and "Un autre public." in english.text
    # The day in words, in each reader's language, not as 2027-03-10.
    assert "(10 mars 2027)" in french.text and "(10 mars 2027)" in french.html
    assert "(10 March 2027)" in english.text and "2027-03-10" not in english.text + french.text


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("applicant", 403), ("officer91", 200),
                                              ("coordinator", 200)])
def test_the_dashboard_is_the_officers(client, agenda, role, status):
    assert as_(client, agenda, role).get("/tableau-de-bord").status_code == status


def test_the_dashboard_shows_the_kept_overlap_to_the_other_member(client, agenda, val_de_marne):
    from tests.conftest import login

    as_(client, agenda, "officer91")
    post(client, "/agenda/nouveau", plan_form(overlap_answer="keep", overlap_reason="Public de collégiens."))
    own = client.get("/tableau-de-bord").get_data(as_text=True)
    assert "Vos réponses aux formations voisines" in own and "Public de collégiens." in own
    other = client.application.test_client()
    assert login(other, val_de_marne["officer"].email).status_code == 302
    board = other.get("/tableau-de-bord").get_data(as_text=True)
    # The Val-de-Marne's officer reads English (its account's language); the reason
    # stays in the words the Essonne's officer wrote.
    assert "Similar training kept" in board and "Public de collégiens." in board
    assert "Département 91" in board
    coordinator = client.application.test_client()
    as_(coordinator, agenda, "coordinator")
    overview = coordinator.get("/tableau-de-bord").get_data(as_text=True)
    assert "Par membre" in overview and "Département du Val-de-Marne" in overview
