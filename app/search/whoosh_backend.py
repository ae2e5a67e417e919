"""The Whoosh implementation of the search backend.

Matching, filtering and facet counting are done on bitmasks (:mod:`app.search.whoosh_masks`);
Whoosh then only ranks: it scores the query's terms with BM25F, restricted to the
matching documents. Writing (schema, documents, batches) is in :mod:`app.search.whoosh_writing`.

Pitfalls of whoosh-reloaded 2.7.5 handled here:
- ``Searcher.refresh()`` may show an updated document twice (old and new version):
  a fresh searcher is opened whenever the index generation changes.
- an unsigned NUMERIC field answers open-ended ranges wrongly: dates are signed.
- a second writer gets ``LockError`` at once: writes go through :meth:`batch`, which
  waits a bounded time and reports failure, so callers keep their changes pending.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from markupsafe import escape

from app.core.text import fold
from app.search.analysis import STOP_WORDS, TOKEN_RE, index_term, parse_query, stem
from app.search.backend import (
    FACETS,
    MEMBERS,
    PUBLIC,
    Hit,
    SearchQuery,
    SearchResults,
)
from app.search.whoosh_masks import Segment, View, mask_to_ids
from app.search.whoosh_writing import Batch, open_index, write_batch

# Prefix expansion bounds: a short prefix over a large vocabulary must not explode.
MIN_PREFIX = 2
MAX_NAME_EXPANSIONS = 200
MIN_BODY_PREFIX = 4
MAX_BODY_EXPANSIONS = 50
SUGGEST_CANDIDATES = 200


# A word of this length or more still finds what it names with one letter wrong
# ("assainisement"), when it matches nothing as typed.
MIN_FUZZY = 5
MAX_FUZZY_TERMS = 20


@dataclass
class _WordMatch:
    title: int  # documents with the word in their title
    body: int  # ... in their description, or tagged with what the word names
    strong: int  # ... at least twice in their description
    terms: set[str]  # stemmed terms, for the snippet
    weak: int = 0  # documents the word finds less surely: a typo, a scheme open to every country


class WhooshBackend:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._view: View | None = None
        self._segments: dict[str, Segment] = {}
        self._ix = None

    # -- index management -------------------------------------------------------

    def _index(self):
        if self._ix is None:
            self._ix = open_index(self.path)
        return self._ix

    def batch(self, *, wait: float = 0, clear: bool = False) -> AbstractContextManager[Batch]:
        return write_batch(self._index(), wait=wait, clear=clear)

    def keys(self) -> set[str]:
        view = self._current()
        return {
            view.searcher.stored_fields(docnum)["key"] for docnum in mask_to_ids(view.live)
        }

    def close(self) -> None:
        with self._lock:
            if self._view is not None:
                self._view.close()
                self._view = None
            self._segments.clear()

    # -- reading ----------------------------------------------------------------

    def _current(self) -> View:
        ix = self._index()
        with self._lock:
            view = self._view
            if view is None or view.generation != ix.latest_generation():
                # Never Searcher.refresh(): it can show both versions of an updated
                # document. A new searcher on the new generation never does.
                fresh = View(ix, self._segments)
                present = {leaf._segid for leaf, _o, _s in fresh.leaves}
                for segid in list(self._segments):
                    if segid not in present:
                        del self._segments[segid]
                # The old view is not closed here: another thread may still be
                # reading it. Its files close when the last reference goes.
                self._view = view = fresh
            return view

    def _visible(self, view: View, members: bool) -> int:
        mask = view.mask("audience", PUBLIC)
        if members:
            mask |= view.mask("audience", MEMBERS)
        return view.live & mask

    def _word(self, view: View, word, prefix: bool, query: SearchQuery | None = None,
              visible: int = -1) -> _WordMatch:
        """Where one query word matches: in titles, in bodies, and often in bodies; the
        records tagged with the place or theme it names; less surely, the records one
        letter away, and those open to every country for a country's name."""
        match = self._text_word(view, word, prefix)
        concept = query.concepts.get(word.folded) if query else None
        if concept:
            for name, values in concept.items():
                if name in FACETS:
                    match.body |= view.any_of(name, values)
            if "pays" in concept and query.anywhere_types:
                match.weak |= view.without("pays", query.anywhere_types)
        if len(word.folded) >= MIN_FUZZY and not ((match.title | match.body) & visible):
            self._fuzzy(view, word, match)
        return match

    @staticmethod
    def _fuzzy(view: View, word, match: _WordMatch) -> None:
        """One letter wrong, missing, extra or swapped: the names as typed, the titles
        and descriptions through the stems of the corrected words."""
        variants = one_edit(word.folded)
        for term in view.present("name", variants)[:MAX_FUZZY_TERMS]:
            match.weak |= view.mask("name", term)
        stems = {stem(v) for v in variants if v not in STOP_WORDS} - {word.stemmed}
        for term in view.present("title", stems)[:MAX_FUZZY_TERMS]:
            match.weak |= view.mask("title", term)
        for term in view.present("body", stems)[:MAX_FUZZY_TERMS]:
            match.weak |= view.mask("body", term)
            match.terms.add(term)

    def _text_word(self, view: View, word, prefix: bool) -> _WordMatch:
        """Where one query word matches: in titles, in bodies, and often in bodies."""
        title_terms: list[tuple[str, str]] = [("name", word.folded)]
        body_terms: list[str] = []
        if word.stemmed:
            title_terms.append(("title", word.stemmed))
            body_terms.append(word.stemmed)
        if prefix and len(word.folded) >= MIN_PREFIX:
            title_terms += [("name", t) for t in view.expand("name", word.folded, MAX_NAME_EXPANSIONS)]
            stem_prefix = stem(word.folded)
            if len(stem_prefix) >= MIN_BODY_PREFIX:
                title_terms += [("title", t) for t in view.expand("title", stem_prefix, MAX_BODY_EXPANSIONS)]
                body_terms += view.expand("body", stem_prefix, MAX_BODY_EXPANSIONS)
        title = strong = body = 0
        for field, text in title_terms:
            title |= view.mask(field, text)
        for text in body_terms:
            body |= view.mask("body", text)
            strong |= view.mask("body+", text)
        terms = {t for f, t in title_terms if f == "title"} | set(body_terms)
        return _WordMatch(title, body, strong, terms)

    def search(self, query: SearchQuery) -> SearchResults:
        view = self._current()
        parsed = parse_query(query.text)
        base = self._visible(view, query.members)
        if query.open_on is not None:
            base &= view.range_mask("starts", None, query.open_on)
            base &= view.range_mask("ends", query.open_on, None)
        base = self._hide_ended(view, base, query.ends_after, query.ends_after_types)
        words: list[_WordMatch] = []
        complete = None
        if not parsed.is_empty:
            last = len(parsed.words) - 1
            for i, word in enumerate(parsed.words):
                prefix = parsed.last_is_prefix and i == last
                if prefix and len(word.folded) < MIN_PREFIX and i > 0:
                    continue  # one letter typed after other words: wait for the next one
                words.append(self._word(view, word, prefix, query, base))
            # Records holding some of the words are found too (no empty page when one
            # word is missing); those holding every word come first (see _ranked).
            some = every = 0
            if words:
                every = base
                for match in words:
                    found = match.title | match.body | match.weak
                    some |= found
                    every &= found
            base &= some
            complete = every

        # Each facet is counted with every filter but its own, so the reader sees
        # what choosing another value of that facet would give.
        filter_masks = {
            name: view.any_of(name, values)
            for name, values in query.filters.items()
            if name in FACETS and values
        }
        matches = base
        for mask in filter_masks.values():
            matches &= mask
        facets: dict[str, dict[str, int]] = {}
        for name in FACETS:
            scope = base
            for other, mask in filter_masks.items():
                if other != name:
                    scope &= mask
            values = list(dict.fromkeys([*query.facet_domains.get(name, []), *view.values(name)]))
            facets[name] = {value: (scope & view.mask(name, value)).bit_count() for value in values}

        total = matches.bit_count()
        if complete is not None:
            complete = (complete & matches).bit_count()
        start = (query.page - 1) * query.per_page
        if start >= total:
            docnums: list[int] = []
        elif parsed.is_empty:
            docnums = []
            for i, docnum in enumerate(view.ordered(matches)):
                if i >= start + query.per_page:
                    break
                if i >= start:
                    docnums.append(docnum)
        else:
            docnums = list(islice(self._ranked(view, words, matches), start, start + query.per_page))
        terms = set().union(*(w.terms for w in words)) if words else set()
        hits = [self._hit(view, docnum, terms, query.locale) for docnum in docnums]
        return SearchResults(total, query.page, query.per_page, hits, facets, complete)

    @staticmethod
    def _ranked(view: View, words: list[_WordMatch], matches: int) -> Iterator[int]:
        """Matches by relevance tiers, each tier by title.

        Records holding every word as typed (or tagged with what it names) come first:
        1. every word in the title; 2. some words in the title; 3. every word used
        at least twice in the description; 4. the rest of them. Then 5. records holding
        every word, some only less surely (a typo, a scheme open to every country);
        6. records holding some of the words. Tiers are bit operations, so ranking
        costs the same for 10 or 10 000 matches.
        """
        exact = loose = matches
        for word in words:
            exact &= word.title | word.body
            loose &= word.title | word.body | word.weak
        all_title = exact
        some_title = 0
        all_strong = exact
        for word in words:
            all_title &= word.title
            some_title |= word.title
            all_strong &= word.strong | word.title
        tier1 = all_title
        tier2 = exact & some_title & ~tier1
        tier3 = all_strong & ~some_title
        tier4 = exact & ~(tier1 | tier2 | tier3)
        tier5 = loose & ~exact
        tier6 = matches & ~loose
        for tier in (tier1, tier2, tier3, tier4, tier5, tier6):
            if tier:
                yield from view.ordered(tier)

    @staticmethod
    def _subtitle(fields: dict, locale: str) -> str:
        return (fields.get("subtitle_en") if locale == "en" else None) or fields.get("subtitle") or ""

    def _hit(self, view: View, docnum: int, terms: set[str], locale: str = "fr") -> Hit:
        fields = view.searcher.stored_fields(docnum)
        return Hit(
            type=fields["type"],
            id=fields["id"],
            title=fields["title"],
            url=fields["url"],
            subtitle=self._subtitle(fields, locale),
            snippet=snippet(fields.get("body") or "", terms),
        )

    @staticmethod
    def _hide_ended(view: View, mask, ends_after: int | None, types: tuple[str, ...]):
        """Drop the records of ``types`` (all if empty) that ended before day ``ends_after``."""
        if ends_after is None:
            return mask
        scope = view.any_of("type", types) if types else view.live
        return mask & ~(scope & view.range_mask("ends", None, ends_after - 1))

    def suggest(self, text: str, *, members: bool = False, limit: int = 8, locale: str = "fr",
                ends_after: int | None = None, ends_after_types: tuple[str, ...] = ()) -> list[Hit]:
        """Type-ahead: names only, unstemmed, the last word as a prefix."""
        view = self._current()
        parsed = parse_query(text)
        if parsed.is_empty:
            return []
        mask = self._hide_ended(view, self._visible(view, members), ends_after, ends_after_types)
        last = len(parsed.words) - 1
        for i, word in enumerate(parsed.words):
            if parsed.last_is_prefix and i == last:
                values = [word.folded, *view.expand("name", word.folded, MAX_NAME_EXPANSIONS)]
            else:
                values = [word.folded]
            mask &= view.any_of("name", values)
            if not mask:
                return []
        # Names that start with what was typed first, then the others, by title.
        typed = fold(text).strip()
        candidates = list(islice(view.ordered_keys(mask), SUGGEST_CANDIDATES))
        candidates.sort(key=lambda pair: not pair[0].startswith(typed))
        hits = []
        for _key, docnum in candidates:
            fields = view.searcher.stored_fields(docnum)
            hits.append(Hit(fields["type"], fields["id"], fields["title"], fields["url"],
                            self._subtitle(fields, locale), ""))
            if len(hits) >= limit:
                break
        return hits


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit(word: str) -> set[str]:
    """Every word one letter away from ``word``: a letter missing, extra, wrong, or two
    neighbours swapped (about 54 per letter; stemming them costs well under a millisecond)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | swaps | replaces | inserts) - {word}


def snippet(text: str, terms: set[str], length: int = 220) -> str:
    """A short extract of ``text`` around the first matched word, as safe HTML.

    Whoosh's highlighter analyses the whole text of every hit; this stops at the first
    match, which keeps a page of twenty snippets within a millisecond or two.
    """
    if not text:
        return ""
    tokens = TOKEN_RE.finditer(text)
    first = None
    if terms:
        for match in tokens:
            if index_term(match.group(0)) in terms:
                first = match
                break
    if first is None:
        short = text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"
        return str(escape(short))
    start = max(0, first.start() - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else first.start()
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space > 0 else end
    parts = ["… " if start else ""]
    pos = start
    for match in TOKEN_RE.finditer(text, start, end):
        if index_term(match.group(0)) in terms:
            parts.append(str(escape(text[pos:match.start()])))
            parts.append(f"<mark>{escape(match.group(0))}</mark>")
            pos = match.end()
    parts.append(str(escape(text[pos:end])))
    if end < len(text):
        parts.append(" …")
    return "".join(parts)
