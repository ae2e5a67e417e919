"""Calls for projects as the directory sees them: the open call of a scheme (its page
links to it) and the coming closing dates of calls (« Dates limites »).

The calls sit above the directory in the import layers: the directory cannot ask them.
They register a *source* here in their ``init_app`` (as they do for the agenda's
deadlines' calendar), which answers in plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from app.core.dates import PARIS


@dataclass(frozen=True)
class LinkedCall:
    """A published call that has not closed yet (open now, or opening later)."""

    id: int
    title: str  # in the reader's language
    path: str  # the page, from the site's root
    opens_at: datetime  # aware
    closes_at: datetime  # aware
    lead_name: str
    scheme_id: int | None
    themes: tuple[str, ...] = ()  # theme slugs
    member_codes: tuple[str, ...] = ()  # the lead and the co-funders who accepted
    title_en: str = ""  # the English title, if any: where there is none the French stands in (lang_fr)

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at

    @property
    def closes_on(self) -> date:
        """The closing day in Paris (what the « Dates limites » page groups by)."""
        return self.closes_at.astimezone(PARIS).date()


# (scheme_id or None for every scheme, now) -> the calls not closed at ``now``.
CallSource = Callable[[int | None, datetime], list[LinkedCall]]
SOURCES: dict[str, CallSource] = {}


def register_calls(name: str, source: CallSource) -> None:
    SOURCES[name] = source


def coming_calls(now: datetime, scheme_id: int | None = None) -> list[LinkedCall]:
    """Calls not closed at ``now`` (of ``scheme_id`` only when given), soonest closing first."""
    calls = [call for name in sorted(SOURCES) for call in SOURCES[name](scheme_id, now)]
    return sorted(calls, key=lambda c: (c.closes_at, c.id))


def open_calls_of(scheme_id: int, now: datetime) -> list[LinkedCall]:
    return [call for call in coming_calls(now, scheme_id) if call.is_open(now)]
