"""The search engine's small interface: documents in, results and facets out.

Views, the API and the index sync only know this module. The Whoosh backend is one
implementation; a PostgreSQL full-text backend can take its place for deployments
with several application servers.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

FACETS = ("type", "departement", "theme", "pays")
PUBLIC = "public"
MEMBERS = "members"


@dataclass
class SearchDocument:
    """What the index keeps of one record. ``key`` is ``"<type>:<id>"``."""

    type: str
    id: int
    title: str
    url: str
    body: str = ""
    subtitle: str = ""  # in French
    subtitle_en: str = ""
    departement: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    pays: list[str] = field(default_factory=list)
    audience: str = PUBLIC
    # Days as YYYYMMDD integers for records with dates: a scheme or call is open
    # from ``starts`` to ``ends``, an event happens then. None for the others.
    starts: int | None = None
    ends: int | None = None

    @property
    def key(self) -> str:
        return f"{self.type}:{self.id}"


@dataclass
class SearchQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    # Readers with a member account also see members-only records.
    members: bool = False
    # Only dated records running on this day (YYYYMMDD): "open now".
    open_on: int | None = None
    # Dated records that ended before this day are left out (undated ones stay),
    # only among these types if some are given (past events, not closed schemes).
    ends_after: int | None = None
    ends_after_types: tuple[str, ...] = ()
    page: int = 1
    per_page: int = 20
    # Language of the hits' subtitles.
    locale: str = "fr"
    # Values each facet lists even at zero (the rest comes from the index itself).
    facet_domains: dict[str, list[str]] = field(default_factory=dict)
    # Words that also name a place or a theme (read by the web edge from the database):
    # folded word -> the facet values it stands for, ``{"senegal": {"pays": ["SN"]}}``.
    # A record tagged with the value matches the word as if it held it.
    concepts: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # Types whose records name no partner country because they are open to every
    # country: such a record matches a country word too, ranked below those that name it.
    anywhere_types: tuple[str, ...] = ()


@dataclass
class Hit:
    type: str
    id: int
    title: str
    url: str
    subtitle: str
    snippet: str  # HTML: escaped text with <mark> around matched words


@dataclass
class SearchResults:
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    # How many of the results hold every word (the others hold some: they come after).
    complete: int | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class IndexBusy(Exception):
    """Another process is writing the index; the caller's changes stay pending."""


class IndexBatch(Protocol):
    def index(self, docs: list[SearchDocument]) -> None: ...

    def delete(self, keys: list[str]) -> None: ...


class SearchBackend(Protocol):
    def batch(self, *, wait: float = 0, clear: bool = False) -> AbstractContextManager[IndexBatch]:
        """Exclusive write access to the index, committed when the block ends.

        Raises :class:`IndexBusy` when another process keeps the index longer than
        ``wait`` seconds. ``clear=True`` replaces the whole index by what the block adds.
        """
        ...

    def search(self, query: SearchQuery) -> SearchResults: ...

    def suggest(self, text: str, *, members: bool = False, limit: int = 8, locale: str = "fr",
                ends_after: int | None = None, ends_after_types: tuple[str, ...] = ()) -> list[Hit]: ...

    def keys(self) -> set[str]:
        """Every key in the index (for checks and tests)."""
        ...

    def close(self) -> None: ...
