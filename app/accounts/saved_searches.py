"""Saved finder searches: an account keeps the finder's answers (the query string of
``/dispositifs/``) under a name, sees them on its account page, and gets a mail when a
newly published scheme fits them.

A saved search is an explicit request for alerts: its mails go whatever the account's
« nouveaux dispositifs » preference says (the account page says so). A scheme *fits*
when it passes the finder's own hard criteria (kind of structure, territory, partner
country, age): the theme only ranks in the finder, so it does not hold an alert back.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from app.accounts.mails import NoPublicAddress, external_url
from app.accounts.models import SavedSearch
from app.actors import queries
from app.actors.models import FundingScheme
from app.auth.models import User
from app.core.rules import RuleViolations, Violation
from app.extensions import db
from app.mail import outbox

log = logging.getLogger(__name__)

# The finder's answers, as they are named in its URL.
FINDER_KEYS = ("profil", "departement", "theme", "pays", "age", "montant", "ouvert", "financeur")
MAX_PER_ACCOUNT = 20
MAX_NAME = 120


def finder_query(args: MultiDict) -> str:
    """The finder's answers of ``args`` as a canonical query string (other keys dropped)."""
    pairs = [(key, value.strip()) for key in FINDER_KEYS for value in args.getlist(key)[:1] if value.strip()]
    return urlencode(pairs)[:1000]


def filters_of(query: str) -> queries.SchemeFilters:
    filters = queries.SchemeFilters.from_args(MultiDict(parse_qsl(query)))
    filters.rank_theme = True  # as in the finder: the theme ranks, it does not exclude
    return filters


def searches_of(user: User) -> list[SavedSearch]:
    return list(db.session.scalars(
        sa.select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.id)))


def save(user: User, name: str, args: MultiDict) -> SavedSearch:
    name = " ".join((name or "").split())[:MAX_NAME]
    query = finder_query(args)
    violations = []
    if not name:
        violations.append(Violation("search_name_required", "name"))
    if not filters_of(query).active:
        violations.append(Violation("search_empty", "query"))
    if len(searches_of(user)) >= MAX_PER_ACCOUNT:
        violations.append(Violation("search_too_many", "name", {"max": MAX_PER_ACCOUNT}))
    if violations:
        raise RuleViolations(violations)
    search = SavedSearch(user_id=user.id, name=name, query=query)
    db.session.add(search)
    db.session.flush()
    return search


def remove(search: SavedSearch) -> None:
    db.session.delete(search)
    db.session.flush()


def fits(search: SavedSearch, scheme: FundingScheme) -> bool:
    stmt = queries.schemes_query(filters_of(search.query)).where(FundingScheme.id == scheme.id)
    return db.session.scalar(stmt.with_only_columns(FundingScheme.id).limit(1)) is not None


def alert_on_publication(scheme: FundingScheme) -> None:
    """Queue a mail to each active account whose saved search the newly published
    ``scheme`` fits; once per (search, scheme), even if it is unpublished and published again."""
    db.session.flush()
    rows = db.session.execute(
        sa.select(SavedSearch, User).join(User, SavedSearch.user_id == User.id)
        .where(User.active.is_(True)).order_by(SavedSearch.id)).all()
    for search, user in rows:
        if not fits(search, scheme):
            continue
        try:
            link = external_url("actors.scheme", scheme_id=scheme.id, slug=scheme.slug)
            search_link = external_url("actors.schemes") + "?" + search.query
            account_link = external_url("accounts.account")
        except NoPublicAddress:
            log.warning("saved search %s: no public address to link scheme %s; no alert", search.id, scheme.id)
            return
        outbox.queue_mail(db.session, to=user.email, template="saved_search_alert", lang=user.language or "fr",
                          context={"name": user.name, "search_name": search.name, "scheme_name": scheme.name,
                                   "funder": scheme.funder_label, "summary": scheme.summary, "link": link,
                                   "search_link": search_link, "account_link": account_link},
                          dedupe_key=f"saved-search:{search.id}:scheme:{scheme.id}")
