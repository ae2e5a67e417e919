"""The agenda's calendar and Atom feeds, and one event's ``.ics``: public data, cached."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import Response, abort, current_app, g, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from app.actors.models import FundingScheme, PublicationStatus
from app.actors.permissions import can_view_scheme
from app.agenda import deadlines, feedcache, feeds, queries
from app.agenda import permissions as perm
from app.agenda.blueprint import bp
from app.agenda.documents import when
from app.agenda.models import Event, EventKind
from app.core.db import utcnow
from app.extensions import db


def _base_url() -> str:
    return current_app.config.get("PORTAL_BASE_URL") or request.url_root


def feed_args(filters: queries.EventFilters) -> dict[str, str]:
    """The page's filters for its feed links, with the language when it is not French."""
    args = dict(filters.as_args())
    if str(g.locale) != "fr":
        args["lang"] = str(g.locale)
    return args


def _feed_words() -> feeds.FeedWords:
    """The feeds' own words in the reader's language (``/agenda.ics?lang=en``)."""
    return feeds.FRENCH.translated(_, locale=str(g.locale), kinds={k.value: k.title for k in EventKind})


def _feed_key(kind: str, filters: queries.EventFilters | None = None) -> feedcache.FeedKey:
    """What a feed's body depends on besides the data: never the raw query string."""
    return feedcache.FeedKey.of(kind, filters.as_args() if filters else {}, locale=str(g.locale),
                                base_url=_base_url())


def _ics(body: bytes, filename: str) -> Response:
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'inline; filename="{filename}"',
        "Cache-Control": "public, max-age=300",
    })


EVENT_STAMP = (Event.id, Event.updated_at, Event.sequence)


@bp.route("/agenda.ics")
def feed_ics():
    """Public events only, whoever asks: a feed URL is shared and subscribed to anonymously."""
    filters = queries.EventFilters.from_args(request.args)
    stmt = queries.feed_query(filters)

    def build() -> bytes:
        events = db.session.scalars(stmt).unique().all()
        return feeds.events_calendar(events, name=queries.feed_name(filters), base_url=_base_url(),
                                     words=_feed_words())

    return feedcache.cached_feed(_feed_key("ics", filters), stmt, EVENT_STAMP, build,
                                 "text/calendar", "agenda.ics")


@bp.route("/agenda.atom")
def feed_atom():
    filters = queries.EventFilters.from_args(request.args)
    stmt = queries.listing(filters, members=False).limit(200)
    # The feed's own address, from its filters: the raw URL may carry junk arguments.
    args = feed_args(filters)
    self_url = _base_url().rstrip("/") + "/agenda.atom" + (f"?{urlencode(args)}" if args else "")

    def build() -> bytes:
        events = db.session.scalars(stmt).unique().all()
        updated = max((e.updated_at for e in events), default=utcnow())
        return feeds.atom_feed(events, name=queries.feed_name(filters), base_url=_base_url(),
                               self_url=self_url, updated=updated, when=when, words=_feed_words())

    return feedcache.cached_feed(_feed_key("atom", filters), stmt, EVENT_STAMP, build,
                                 "application/atom+xml", "agenda.atom")


@bp.route("/agenda/echeances.ics")
def deadlines_ics():
    today = date.today()
    stmt = (sa.select(FundingScheme)
            .where(FundingScheme.status == PublicationStatus.PUBLISHED,
                   sa.or_(FundingScheme.closes_on >= today - timedelta(days=92),
                          FundingScheme.opens_on >= today - timedelta(days=92)))
            .options(selectinload(FundingScheme.funder_member)).order_by(FundingScheme.id))

    def build() -> bytes:
        return feeds.deadlines_calendar(db.session.scalars(stmt).all(),
                                        name=_("Échéances des dispositifs du réseau"),
                                        base_url=_base_url(), stamp=utcnow(), words=_feed_words(),
                                        others=deadlines.all_deadlines())

    return feedcache.cached_feed(_feed_key("deadlines"), stmt, (FundingScheme.id, FundingScheme.updated_at),
                                 build, "text/calendar", "echeances.ics", extra=deadlines.fingerprints())


@bp.route("/dispositifs/<int:scheme_id>.ics")
def scheme_ics(scheme_id: int):
    """"Add to my calendar" on a scheme's page: its opening and closing dates."""
    scheme = db.get_or_404(FundingScheme, scheme_id)
    if not can_view_scheme(current_user, scheme):
        abort(404)
    return _ics(feeds.deadlines_calendar([scheme], name=scheme.name, base_url=_base_url(), stamp=utcnow(),
                                         words=_feed_words()), f"dispositif-{scheme.id}.ics")


@bp.route("/agenda/<int:event_id>.ics")
def event_ics(event_id: int):
    event = visible_event(event_id)
    return _ics(feeds.events_calendar([event], name=event.title, base_url=_base_url(),
                                      words=_feed_words()), f"evenement-{event.id}.ics")


def visible_event(event_id: int) -> Event:
    event = db.get_or_404(Event, event_id)
    if not perm.can_view_event(current_user, event):
        abort(404)
    return event
