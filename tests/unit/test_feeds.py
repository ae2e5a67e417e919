"""The iCalendar builder, read back by two independent parsers (icalendar and vobject)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import vobject

from app.actors.models import Actor, ActorKind, FundingScheme
from app.agenda.feeds import FeedWords, deadlines_calendar, events_calendar
from app.agenda.models import PARIS, Event, EventKind, EventOrganiser, EventStatus, Visibility
from app.network.models import Member, Theme

STAMP = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
LABELS = {k.value: str(k.value).capitalize() for k in EventKind}


def make_event(id, title, start, end, *, status=EventStatus.PUBLISHED, all_day=False, sequence=0, **kw):
    event = Event(id=id, title=title, kind=kw.pop("kind", EventKind.TRAINING), starts_at=start, ends_at=end,
                  all_day=all_day, status=status, sequence=sequence, summary=kw.pop("summary", "Résumé."),
                  description="", visibility=Visibility.PUBLIC, online=kw.pop("online", False),
                  created_at=STAMP, updated_at=STAMP, **kw)
    return event


def essonne() -> Member:
    return Member(id=2, code="91", name="Département de l'Essonne", short_name="Essonne")


def region() -> Member:
    return Member(id=1, code="IDF", name="Région Île-de-France", short_name="Région")


def sample() -> list[Event]:
    training = make_event(1, "Formation au montage de projets", datetime(2027, 1, 7, 9, 30, tzinfo=PARIS),
                          datetime(2027, 1, 7, 17, 0, tzinfo=PARIS), place_name="Centre de ressources",
                          commune="Évry-Courcouronnes", sequence=3)
    training.themes = [Theme(slug="education-developpement", label="Éducation au développement", label_en="Dev ed")]
    training.organisers = [
        EventOrganiser(member=region(), registration_url="https://example.org/region", position=0),
        EventOrganiser(member=essonne(), registration_url="https://example.org/essonne", position=1),
    ]
    two_days = make_event(2, "Préparation au départ", datetime(2027, 1, 23, 9, 30, tzinfo=PARIS),
                          datetime(2027, 1, 24, 17, 0, tzinfo=PARIS), commune="Bobigny")
    via = Actor(id=7, name="Via le monde", kind=ActorKind.CENTRE_RESSOURCES)
    two_days.organisers = [EventOrganiser(actor=via, actor_id=7, position=0)]
    cancelled = make_event(3, "Ciné-midi", datetime(2026, 12, 15, 12, 15, tzinfo=PARIS),
                           datetime(2026, 12, 15, 13, 45, tzinfo=PARIS), status=EventStatus.CANCELLED,
                           commune="Bobigny")
    webinar = make_event(4, "Webinaire", datetime(2027, 6, 5, 9, 30, tzinfo=PARIS),
                         datetime(2027, 6, 5, 13, 0, tzinfo=PARIS), online=True,
                         online_url="https://visio.example.org/x")
    day = make_event(5, "Journée de la Francophonie", datetime(2027, 3, 20, 0, 0, tzinfo=PARIS),
                     datetime(2027, 3, 20, 23, 59, tzinfo=PARIS), all_day=True, commune="Paris")
    return [training, two_days, cancelled, webinar, day]


def build() -> bytes:
    return events_calendar(sample(), name="Agenda du réseau — formations, Essonne",
                           base_url="https://portail.example.org/", words=FeedWords(kinds=LABELS))


def by_uid(calendar) -> dict:
    return {str(c["UID"]): c for c in calendar.walk("VEVENT")}


def test_calendar_names_itself_and_carries_its_time_zone():
    cal = icalendar.Calendar.from_ical(build())
    # TEXT with its comma escaped (RFC 5545 §3.3.11); icalendar leaves X- values raw.
    assert str(cal["X-WR-CALNAME"]).replace("\\,", ",") == "Agenda du réseau — formations, Essonne"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]


def test_each_event_has_stable_identity_and_change_markers():
    events = by_uid(icalendar.Calendar.from_ical(build()))
    training = events["event-1@reseau-idf-international"]
    assert int(training["SEQUENCE"]) == 3
    assert training.decoded("DTSTAMP") == STAMP and training.decoded("LAST-MODIFIED") == STAMP
    assert str(training["URL"]) == "https://portail.example.org/agenda/1-formation-au-montage-de-projets"
    assert training.decoded("DTSTART") == datetime(2027, 1, 7, 9, 30, tzinfo=PARIS)
    assert training["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [str(c) for c in training["CATEGORIES"].cats] == ["Formation", "Éducation au développement"]
    assert training["ORGANIZER"].params["CN"] == "Région Île-de-France"
    assert "Évry-Courcouronnes" in str(training["LOCATION"])
    description = str(training["DESCRIPTION"])
    assert "Co-organisé par : Région Île-de-France, Département de l'Essonne" in description
    assert "https://example.org/essonne" in description
    assert str(training["STATUS"]) == "CONFIRMED"


def test_multi_day_and_all_day_events_are_day_ranges():
    events = by_uid(icalendar.Calendar.from_ical(build()))
    two_days = events["event-2@reseau-idf-international"]
    assert two_days.decoded("DTSTART") == date(2027, 1, 23)
    assert two_days.decoded("DTEND") == date(2027, 1, 25)  # exclusive end: the day after
    day = events["event-5@reseau-idf-international"]
    assert (day.decoded("DTSTART"), day.decoded("DTEND")) == (date(2027, 3, 20), date(2027, 3, 21))


def test_cancelled_events_stay_with_status_cancelled():
    events = by_uid(icalendar.Calendar.from_ical(build()))
    assert str(events["event-3@reseau-idf-international"]["STATUS"]) == "CANCELLED"
    assert str(events["event-4@reseau-idf-international"]["LOCATION"]) == "En ligne"


def test_a_second_independent_parser_reads_the_same_feed():
    cal = vobject.readOne(build().decode("utf-8"))
    vevents = {v.uid.value: v for v in cal.vevent_list}
    assert len(vevents) == 5
    training = vevents["event-1@reseau-idf-international"]
    assert training.dtstart.value.astimezone(UTC) == datetime(2027, 1, 7, 8, 30, tzinfo=UTC)
    assert training.sequence.value == "3"
    assert vevents["event-2@reseau-idf-international"].dtend.value == date(2027, 1, 25)
    assert vevents["event-3@reseau-idf-international"].status.value == "CANCELLED"
    assert cal.contents["x-wr-calname"][0].value == "Agenda du réseau — formations, Essonne"


def test_deadlines_feed_lists_openings_and_closings():
    scheme = FundingScheme(id=9, name="AMIE", funder_member=region(), summary="Mobilité des étudiants.",
                           opens_on=date(2026, 9, 1), closes_on=date(2026, 12, 31), updated_at=STAMP)
    body = deadlines_calendar([scheme], name="Échéances", base_url="https://portail.example.org", stamp=STAMP)
    events = by_uid(icalendar.Calendar.from_ical(body))
    closing = events["scheme-9-cloture@reseau-idf-international"]
    assert str(closing["SUMMARY"]) == "Date limite : AMIE (Région Île-de-France)"
    assert closing.decoded("DTSTART") == date(2026, 12, 31)
    assert "scheme-9-ouverture@reseau-idf-international" in events
    assert vobject.readOne(body.decode()).vevent_list[0].summary.value.startswith("Ouverture")



def test_a_moved_deadline_carries_a_higher_sequence():
    """Calendars that trust SEQUENCE (Outlook) replace the old date only if it grows."""
    def closing_of(version: int, closes_on: date):
        scheme = FundingScheme(id=9, name="AMIE", funder_member=region(), summary="", version=version,
                               opens_on=None, closes_on=closes_on, updated_at=STAMP)
        body = deadlines_calendar([scheme], name="Échéances", base_url="https://portail.example.org", stamp=STAMP)
        return by_uid(icalendar.Calendar.from_ical(body))["scheme-9-cloture@reseau-idf-international"]

    first, moved = closing_of(1, date(2026, 12, 31)), closing_of(2, date(2027, 1, 15))
    assert first["UID"] == moved["UID"]
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert moved.decoded("DTSTART") == date(2027, 1, 15)
