"""Deadlines that other features put in ``/agenda/echeances.ics``.

The agenda sits below the calls in the import layers: it cannot ask them for their
closing dates. Features register a *source* here instead (the calls do, in their
``init_app``): a fingerprint of what they would add (so the cached feed is rebuilt when
it changes) and the deadlines themselves, built in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Deadline:
    """One instant in the deadlines' calendar (a call's closing time, say)."""

    uid: str  # stable across rebuilds: calendars update the event instead of duplicating it
    summary: str
    at: datetime  # aware
    path: str  # the page, from the site's root
    updated_at: datetime
    sequence: int = 0
    description: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeadlineSource:
    name: str
    fingerprint: Callable[[], str]
    deadlines: Callable[[], Iterable[Deadline]]


SOURCES: dict[str, DeadlineSource] = {}


def register_deadlines(name: str, fingerprint: Callable[[], str],
                       deadlines: Callable[[], Iterable[Deadline]]) -> None:
    SOURCES[name] = DeadlineSource(name, fingerprint, deadlines)


def fingerprints() -> str:
    return "|".join(f"{name}:{SOURCES[name].fingerprint()}" for name in sorted(SOURCES))


def all_deadlines() -> list[Deadline]:
    return [d for name in sorted(SOURCES) for d in SOURCES[name].deadlines()]
