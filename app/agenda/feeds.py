"""iCalendar and Atom feeds of the agenda, and the deadlines of funding schemes.

What calendar applications need, and what users of Indico and Decidim keep asking for:
a name for the calendar (X-WR-CALNAME), a stable UID, DTSTAMP / LAST-MODIFIED and a
SEQUENCE that grows when an event changes, local times with their VTIMEZONE,
multi-day trainings as all-day ranges, CATEGORIES for the kind and themes, a URL back
to the event page, and cancelled (or merged) events kept with STATUS:CANCELLED so
that calendars which had them remove them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta

from feedgen.feed import FeedGenerator
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from app.actors.models import FundingScheme
from app.agenda.deadlines import Deadline
from app.agenda.models import PARIS, Event, EventStatus
from app.core.text import html_to_text

PRODID = "-//Reseau Ile-de-France International//Agenda//FR"
UID_DOMAIN = "reseau-idf-international"


def N_(text: str) -> str:
    """Marks a French word for the catalogue (pybabel extracts ``N_``); translated later."""
    return text


@dataclass(frozen=True)
class FeedWords:
    """The words a feed writes around the events' own text, in the reader's language.

    French by default (the builders stay free of Flask). The French words are the
    catalogue's msgids (``N_`` marks them for pybabel): :meth:`translated` gives them in
    the reader's language.
    """

    locale: str = "fr"
    kinds: Mapping[str, str] = field(default_factory=dict)
    calendar: str = N_("Agenda partagé du réseau Île-de-France International")
    deadlines: str = N_("Ouvertures et dates limites des dispositifs des membres du réseau")
    online: str = N_("En ligne")
    place_and_online: str = N_("%(place)s (et en ligne)")
    co_organised: str = N_("Co-organisé par : %(names)s")
    registrations: str = N_("Inscriptions : %(links)s")
    online_link: str = N_("En ligne : %(url)s")
    merged: str = N_("Doublon fusionné : voir %(url)s")
    cancelled: str = N_("[Annulé] %(title)s")
    scheme: str = N_("Dispositif")
    opening: str = N_("Ouverture")
    closing: str = N_("Date limite")
    scheme_summary: str = N_("%(what)s : %(name)s (%(funder)s)")

    def translated(self, gettext, *, locale: str, kinds: Mapping[str, str]) -> FeedWords:
        """These words through ``gettext`` (placeholders are kept: they are filled here)."""
        words = {f.name: gettext(getattr(self, f.name)) for f in fields(self) if f.name not in ("locale", "kinds")}
        return replace(self, locale=locale, kinds=kinds, **words)


FRENCH = FeedWords()


def _calendar(name: str, description: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # X- properties are TEXT: vText escapes their commas (icalendar would not).
    cal.add("x-wr-calname", vText(name))
    cal.add("x-wr-caldesc", vText(description))
    cal.add("x-wr-timezone", "Europe/Paris")
    return cal


def event_uid(event_id: int) -> str:
    return f"event-{event_id}@{UID_DOMAIN}"


def _location(event: Event, words: FeedWords) -> str:
    if event.online and not (event.place_name or event.commune):
        return words.online
    parts = [event.place_name, event.address, event.commune]
    place = ", ".join(p for p in parts if p)
    return words.place_and_online % {"place": place} if event.online else place


def _vevent(event: Event, base_url: str, words: FeedWords) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event_uid(event.id))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("created", event.created_at)
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.title)
    if event.all_day or event.multi_day:
        # A multi-day training is an all-day range: DTEND is the day after the last.
        vevent.add("dtstart", event.first_day)
        vevent.add("dtend", event.last_day + timedelta(days=1))
    else:
        vevent.add("dtstart", event.local_start)
        vevent.add("dtend", event.local_end)
    url = base_url.rstrip("/") + event.path
    vevent.add("url", url)
    location = _location(event, words)
    if location:
        vevent.add("location", location)
    organisers = [o for o in event.organisers if o.name]
    if organisers:
        first = organisers[0]
        address = vCalAddress(base_url.rstrip("/") + (first.actor.path if first.actor else "/reseau/"))
        address.params["cn"] = vText(first.name)
        vevent.add("organizer", address)
    vevent.add("categories", [words.kinds.get(event.kind.value, event.kind.value)]
               + [t.label_for(words.locale) for t in event.themes])
    description = [event.summary or html_to_text(event.description)[:600]]
    if len(organisers) > 1:
        description.append(words.co_organised % {"names": ", ".join(o.name for o in organisers)})
    registrations = [f"{o.name} : {o.registration_url}" for o in organisers if o.registration_url]
    if registrations:
        description.append(words.registrations % {"links": " ; ".join(registrations)})
    if event.online and event.online_url:
        description.append(words.online_link % {"url": event.online_url})
    if event.status == EventStatus.MERGED and event.merged_into_id:
        description.append(words.merged % {"url": f"{base_url.rstrip('/')}/agenda/{event.merged_into_id}"})
    description.append(url)
    vevent.add("description", "\n\n".join(d for d in description if d))
    cancelled = event.status in (EventStatus.CANCELLED, EventStatus.MERGED)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if event.all_day or event.multi_day else "OPAQUE")
    vevent.add("class", "PRIVATE" if event.is_members_only else "PUBLIC")
    return vevent


# icalendar takes a few milliseconds per event: a feed of 1 000 events would take
# seconds. Each event's VEVENT is serialised once per version (its id and updated_at)
# and kept; a feed is then its header, the time zone and the cached blocks.
_VEVENT_CACHE: OrderedDict[tuple, bytes] = OrderedDict()
_VEVENT_CACHE_SIZE = 20_000
_TIMEZONE: list[bytes] = []


def _vevent_bytes(event: Event, base_url: str, words: FeedWords) -> bytes:
    key = (event.id, event.updated_at, event.sequence, event.status, base_url, words.locale)
    block = _VEVENT_CACHE.get(key)
    if block is None:
        block = _VEVENT_CACHE[key] = _vevent(event, base_url, words).to_ical()
        if len(_VEVENT_CACHE) > _VEVENT_CACHE_SIZE:
            _VEVENT_CACHE.popitem(last=False)
    return block


def _paris_timezone() -> bytes:
    if not _TIMEZONE:
        cal = Calendar()
        probe = VEvent()
        probe.add("dtstart", datetime(2026, 1, 1, 12, 0, tzinfo=PARIS))
        cal.add_component(probe)
        cal.add_missing_timezones()
        _TIMEZONE.append(b"".join(tz.to_ical() for tz in cal.walk("VTIMEZONE")))
    return _TIMEZONE[0]


def events_calendar(events: Iterable[Event], *, name: str, base_url: str, words: FeedWords = FRENCH) -> bytes:
    head, end = _calendar(name, words.calendar).to_ical().rsplit(b"END:VCALENDAR", 1)
    blocks = [_vevent_bytes(event, base_url, words) for event in events]
    return b"".join([head, _paris_timezone(), *blocks, b"END:VCALENDAR", end])


def deadlines_calendar(schemes: Iterable[FundingScheme], *, name: str, base_url: str,
                       stamp: datetime, words: FeedWords = FRENCH, others: Iterable[Deadline] = ()) -> bytes:
    """Opening and closing days of funding schemes, as all-day events, and the instants
    other features register (:mod:`app.agenda.deadlines`: the calls' closing times)."""
    cal = _calendar(name, words.deadlines)
    for deadline in others:
        vevent = VEvent()
        vevent.add("uid", f"{deadline.uid}@{UID_DOMAIN}")
        vevent.add("dtstamp", deadline.updated_at)
        vevent.add("last-modified", deadline.updated_at)
        vevent.add("sequence", deadline.sequence)
        vevent.add("summary", deadline.summary)
        vevent.add("dtstart", deadline.at.astimezone(UTC))
        vevent.add("dtend", deadline.at.astimezone(UTC))
        vevent.add("transp", "TRANSPARENT")
        if deadline.categories:
            vevent.add("categories", list(deadline.categories))
        url = base_url.rstrip("/") + deadline.path
        vevent.add("url", url)
        vevent.add("description", "\n\n".join(p for p in (deadline.description, url) if p))
        cal.add_component(vevent)
    for scheme in schemes:
        for which, day in (("ouverture", scheme.opens_on), ("cloture", scheme.closes_on)):
            if not day:
                continue
            vevent = VEvent()
            vevent.add("uid", f"scheme-{scheme.id}-{which}@{UID_DOMAIN}")
            vevent.add("dtstamp", scheme.updated_at or stamp)
            vevent.add("last-modified", scheme.updated_at or stamp)
            # Every saved edit of the scheme bumps its version: calendars then take the moved date.
            vevent.add("sequence", max((scheme.version or 1) - 1, 0))
            verb = words.opening if which == "ouverture" else words.closing
            vevent.add("summary", words.scheme_summary % {"what": verb, "name": scheme.name,
                                                          "funder": scheme.funder_label})
            vevent.add("dtstart", day)
            vevent.add("dtend", day + timedelta(days=1))
            vevent.add("transp", "TRANSPARENT")
            vevent.add("categories", [words.scheme, verb])
            url = base_url.rstrip("/") + scheme.path
            vevent.add("url", url)
            vevent.add("description", "\n\n".join(p for p in (scheme.summary, url) if p))
            cal.add_component(vevent)
    return cal.to_ical()


def atom_feed(events: Iterable[Event], *, name: str, base_url: str, self_url: str,
              updated: datetime, when, words: FeedWords = FRENCH) -> bytes:
    """The list as an Atom feed; ``when(event)`` renders its date line."""
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(name)
    feed.link(href=self_url, rel="self")
    feed.link(href=base_url.rstrip("/") + "/agenda/", rel="alternate")
    feed.language(words.locale)
    feed.updated(updated)
    feed.author({"name": "Réseau Île-de-France International"})
    for event in events:
        entry = feed.add_entry(order="append")
        entry.id(f"tag:{UID_DOMAIN},2026:event-{event.id}")
        cancelled = event.status == EventStatus.CANCELLED
        entry.title(words.cancelled % {"title": event.title} if cancelled else event.title)
        entry.link(href=base_url.rstrip("/") + event.path)
        entry.updated(event.updated_at)
        entry.published(event.created_at)
        entry.summary(f"{when(event)} — {event.summary or html_to_text(event.description)[:300]}")
        for organiser in event.organisers:
            entry.author({"name": organiser.name})
    return feed.atom_str(pretty=True)


def day_start(day: date) -> datetime:
    """Local midnight of ``day`` as an aware datetime."""
    return datetime(day.year, day.month, day.day, tzinfo=PARIS)
