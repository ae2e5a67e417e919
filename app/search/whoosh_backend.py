"""The Whoosh implementation of the search backend.

Matching, filtering and facet counting are done on *bitmasks*: for every term the
documents that hold it are one Python ``int`` (bit n = document n). An ``and`` of two
filters is then one machine-level operation on a few kilobytes, and a facet count is
``(matches & value).bit_count()``, exact and cheap whatever the number of hits.

The masks are cached per index segment. An edit adds a small segment and marks a
document deleted in an old one, so after a change only the small segment is read
again, and deletions are applied through one "live documents" mask. Whoosh then only
ranks: it scores the query's terms with BM25F, restricted to the matching documents.

Pitfalls of whoosh-reloaded 2.7.5 handled here:
- ``Searcher.refresh()`` may show an updated document twice (old and new version):
  a fresh searcher is opened whenever the index generation changes.
- an unsigned NUMERIC field answers open-ended ranges wrongly: dates are signed.
- a second writer gets ``LockError`` at once: writes go through :meth:`apply`, which
  waits a bounded time and reports failure, so callers keep their changes pending.
"""

from __future__ import annotations

import heapq
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from markupsafe import escape
from whoosh import index, writing
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.idsets import DocIdSet
from whoosh.index import LockError
from whoosh.query import NumericRange

from app.core.text import fold
from app.search.analysis import (
    TOKEN_RE,
    french_analyzer,
    index_term,
    name_analyzer,
    parse_query,
    stem,
)
from app.search.backend import (
    FACETS,
    MEMBERS,
    PUBLIC,
    Hit,
    IndexBusy,
    SearchDocument,
    SearchQuery,
    SearchResults,
)

TITLE_BOOST = 4.0
NAME_BOOST = 2.0
# Prefix expansion bounds: a short prefix over a large vocabulary must not explode.
MIN_PREFIX = 2
MAX_NAME_EXPANSIONS = 200
MIN_BODY_PREFIX = 4
MAX_BODY_EXPANSIONS = 50
MASK_CACHE_SIZE = 4096
log = logging.getLogger(__name__)
SUGGEST_CANDIDATES = 200
BUILD_PROCS = min(2, os.cpu_count() or 1)


def make_schema() -> Schema:
    french = french_analyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        type=ID(stored=True),
        id=STORED,
        title=TEXT(analyzer=french, stored=True, phrase=False),
        name=TEXT(analyzer=name_analyzer(), phrase=False),
        body=TEXT(analyzer=french, stored=True, phrase=False),
        url=STORED,
        subtitle=STORED,
        subtitle_en=STORED,
        sort=ID(sortable=True),
        departement=KEYWORD(commas=True, scorable=False),
        theme=KEYWORD(commas=True, scorable=False),
        pays=KEYWORD(commas=True, scorable=False),
        audience=ID,
        # Signed on purpose: an unsigned NUMERIC answers open-ended ranges wrongly
        # (NumericRange(None, x) matched every value in whoosh-reloaded 2.7.5).
        starts=NUMERIC(int, bits=32),
        ends=NUMERIC(int, bits=32),
    )


_BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


def ids_to_mask(ids: Iterable[int], size: int) -> int:
    data = bytearray((size + 7) >> 3)
    for i in ids:
        data[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(data, "little")


def _blocks(matcher, weights: bool):
    """(ids, weights) per posting block, read as arrays rather than one posting at a time."""
    if not hasattr(matcher, "_read_ids"):  # another codec: the slow, public way
        items = list(matcher.items_as("weight")) if weights else [(i, 1) for i in matcher.all_ids()]
        yield [i for i, _w in items], [w for _i, w in items]
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        block_weights = None
        if weights:
            if matcher._weights is None:
                matcher._read_weights()
            block_weights = matcher._weights
        yield matcher._ids, block_weights
        matcher._next_block()


def mask_to_ids(mask: int) -> list[int]:
    """Set bits in ascending order."""
    out: list[int] = []
    data = mask.to_bytes((mask.bit_length() + 7) >> 3, "little")
    start = 0
    while True:
        # Skip runs of zero bytes at C speed.
        stripped = data[start:].lstrip(b"\x00")
        if not stripped:
            return out
        start = len(data) - len(stripped)
        byte = data[start]
        base = start << 3
        out.extend(base + bit for bit in _BITS[byte])
        start += 1


class MaskSet(DocIdSet):
    """A read-only docnum set over a bitmask, for Whoosh's result filter."""

    def __init__(self, mask: int, size: int):
        self._data = mask.to_bytes((size + 7) >> 3 or 1, "little")

    def __contains__(self, docnum: int) -> bool:
        return bool(self._data[docnum >> 3] >> (docnum & 7) & 1)

    def __bool__(self) -> bool:
        return True


class _Segment:
    """Raw (deletions ignored) term masks of one segment, kept across generations."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self.masks: OrderedDict[tuple[str, str], int] = OrderedDict()
        self.expansions: dict[tuple[str, str], list[str]] = {}
        self.sort_keys: list[str] | None = None
        self.order: list[int] = []

    def mask(self, reader, field: str, text: str) -> int:
        """Documents of this segment holding ``text`` in ``field``.

        For the body, a second mask (field ``"body+"``) keeps the documents that use
        the term at least twice: they rank above single mentions.
        """
        key = (field, text)
        mask = self.masks.get(key)
        if mask is not None:
            self.masks.move_to_end(key)
            return mask
        base = "body" if field == "body+" else field
        btext = reader._text_to_bytes(base, text)
        mask = strong = 0
        if (base, btext) in reader._terms:
            matcher = reader._terms.matcher(base, btext, reader.schema[base].format)
            size = (self.size + 7) >> 3
            data = bytearray(size)
            strong_data = bytearray(size) if base == "body" else None
            for ids, weights in _blocks(matcher, strong_data is not None):
                for docnum in ids:
                    data[docnum >> 3] |= 1 << (docnum & 7)
                if strong_data is not None:
                    for docnum, weight in zip(ids, weights, strict=True):
                        if weight >= 2:
                            strong_data[docnum >> 3] |= 1 << (docnum & 7)
            mask = int.from_bytes(data, "little")
            if strong_data is not None:
                strong = int.from_bytes(strong_data, "little")
        if base == "body":
            self._remember(("body", text), mask)
            self._remember(("body+", text), strong)
            return strong if field == "body+" else mask
        self._remember(key, mask)
        return mask

    def _remember(self, key, mask: int) -> None:
        self.masks[key] = mask
        if len(self.masks) > MASK_CACHE_SIZE:
            self.masks.popitem(last=False)

    def expand(self, reader, field: str, prefix: str, limit: int) -> list[str]:
        key = (field, prefix)
        terms = self.expansions.get(key)
        if terms is None:
            terms = []
            for term in reader.expand_prefix(field, prefix):
                terms.append(term.decode("utf-8") if isinstance(term, bytes) else term)
                if len(terms) >= limit:
                    break
            if len(self.expansions) > MASK_CACHE_SIZE:
                self.expansions.clear()
            self.expansions[key] = terms
        return terms

    def ordered(self, reader) -> tuple[list[str], list[int]]:
        """Sort keys by docnum, and the docnums in sort-key order."""
        if self.sort_keys is None:
            column = reader.column_reader("sort")
            self.sort_keys = [column[i] or "" for i in range(self.size)]
            self.order = sorted(range(self.size), key=self.sort_keys.__getitem__)
        return self.sort_keys, self.order


class _View:
    """One generation of the index: a fresh searcher and the masks composed for it."""

    def __init__(self, ix, segments: dict[str, _Segment]):
        # Read the generation first: if a commit lands in between, the next search
        # sees a newer one and opens again (never the other way round).
        self.generation = ix.latest_generation()
        self.searcher = ix.searcher()
        reader = self.searcher.reader()
        self.size = reader.doc_count_all()
        self.leaves: list[tuple[object, int, _Segment]] = []
        for leaf, offset in reader.leaf_readers():
            if not leaf.doc_count_all():
                continue  # an empty index or segment
            segid = leaf._segid
            seg = segments.get(segid)
            if seg is None or seg.size != leaf.doc_count_all():
                seg = segments[segid] = _Segment(leaf)
            self.leaves.append((leaf, offset, seg))
        live = (1 << self.size) - 1
        for leaf, offset, _seg in self.leaves:
            if leaf.has_deletions():
                for docnum in leaf.deleted_docs_set:
                    live &= ~(1 << (offset + docnum))
        self.live = live
        self.masks: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        self.searcher.close()

    def mask(self, field: str, text: str) -> int:
        key = (field, text)
        mask = self.masks.get(key)
        if mask is None:
            mask = 0
            for leaf, offset, seg in self.leaves:
                mask |= seg.mask(leaf, field, text) << offset
            if len(self.masks) > MASK_CACHE_SIZE:
                self.masks.clear()
            self.masks[key] = mask
        return mask

    def expand(self, field: str, prefix: str, limit: int) -> list[str]:
        terms: set[str] = set()
        for leaf, _offset, seg in self.leaves:
            terms.update(seg.expand(leaf, field, prefix, limit))
        return sorted(terms)[:limit]

    def range_mask(self, field: str, low: int | None, high: int | None) -> int:
        """Documents whose numeric ``field`` lies in [low, high] (None: unbounded)."""
        key = ("#range:" + field, f"{low}:{high}")
        mask = self.masks.get(key)
        if mask is None:
            matcher = NumericRange(field, low, high).matcher(self.searcher)
            mask = self.masks[key] = ids_to_mask(matcher.all_ids(), self.size)
        return mask

    def any_of(self, field: str, values: Iterable[str]) -> int:
        mask = 0
        for value in values:
            mask |= self.mask(field, value)
        return mask

    def values(self, field: str) -> list[str]:
        """Every value of a keyword field present in the index."""
        key = ("#values", field)
        cached = self.masks.get(key)
        if cached is None:
            seen: set[str] = set()
            for leaf, _offset, _seg in self.leaves:
                seen.update(t.decode("utf-8") if isinstance(t, bytes) else t
                            for t in leaf.lexicon(field))
            cached = self.masks[key] = sorted(seen)
        return cached

    def ordered(self, mask: int) -> Iterator[int]:
        """Docnums of ``mask`` by title (the order of a browsing list), lazily."""
        for _key, docnum in self.ordered_keys(mask):
            yield docnum

    def ordered_keys(self, mask: int) -> Iterator[tuple[str, int]]:
        """(sort key, docnum) of ``mask`` by title, lazily."""
        streams = []
        for leaf, offset, seg in self.leaves:
            part = (mask >> offset) & ((1 << seg.size) - 1)
            if part:
                streams.append(_sorted_stream(seg, leaf, offset, part))
        return heapq.merge(*streams)


def _sorted_stream(seg: _Segment, leaf, offset: int, part: int) -> Iterator[tuple[str, int]]:
    """(sort key, global docnum) of one segment's documents in ``part``, in key order."""
    keys, order = seg.ordered(leaf)
    if part.bit_count() * 16 < seg.size:
        # Few documents: sort just them.
        yield from sorted((keys[i], offset + i) for i in mask_to_ids(part))
    else:
        # Many: walk the segment's sorted order and keep those in the mask.
        data = part.to_bytes((seg.size + 7) >> 3, "little")
        for i in order:
            if data[i >> 3] >> (i & 7) & 1:
                yield keys[i], offset + i


class _Batch:
    def __init__(self, writer, fields, clear: bool):
        self._writer = writer
        self._fields = fields
        self._clear = clear
        self.changed = False

    def index(self, docs: list[SearchDocument]) -> None:
        add = self._writer.add_document if self._clear else self._writer.update_document
        for doc in docs:
            add(**self._fields(doc))
            self.changed = True

    def delete(self, keys: list[str]) -> None:
        for key in keys:
            self._writer.delete_by_term("key", key)
            self.changed = True


@dataclass
class _WordMatch:
    title: int  # documents with the word in their title
    body: int  # ... in their description
    strong: int  # ... at least twice in their description
    terms: set[str]  # stemmed terms, for the snippet


class WhooshBackend:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._view: _View | None = None
        self._segments: dict[str, _Segment] = {}
        self._ix = None

    # -- index management -------------------------------------------------------

    def _index(self):
        if self._ix is None:
            self.path.mkdir(parents=True, exist_ok=True)
            if index.exists_in(self.path):
                self._ix = index.open_dir(self.path)
                if set(self._ix.schema.names()) != set(make_schema().names()):
                    # An index written by an older version: start a new, empty one
                    # (`flask search reindex` fills it; `make run` always does).
                    log.warning("search index schema changed: recreating %s, reindex it", self.path)
                    self._ix = index.create_in(self.path, make_schema())
            else:
                try:
                    self._ix = index.create_in(self.path, make_schema())
                except LockError:  # pragma: no cover - another process created it
                    self._ix = index.open_dir(self.path)
        return self._ix

    @staticmethod
    def _fields(doc: SearchDocument) -> dict:
        return {
            "key": doc.key,
            "type": doc.type,
            "id": doc.id,
            "title": doc.title,
            "name": doc.title,
            "body": doc.body,
            "url": doc.url,
            "subtitle": doc.subtitle,
            "subtitle_en": doc.subtitle_en or doc.subtitle,
            "sort": fold(doc.title)[:80],
            "departement": ",".join(doc.departement),
            "theme": ",".join(doc.theme),
            "pays": ",".join(doc.pays),
            "audience": doc.audience,
            **({"starts": doc.starts, "ends": doc.ends} if doc.ends is not None else {}),
        }

    @contextmanager
    def batch(self, *, wait: float = 0, clear: bool = False) -> Iterator[_Batch]:
        ix = self._index()
        options = {"timeout": wait, "delay": 0.05, "limitmb": 128}
        if clear and BUILD_PROCS > 1:
            # A full rebuild analyses in parallel and keeps one segment per process.
            options.update(procs=BUILD_PROCS, multisegment=True)
        try:
            writer = ix.writer(**options)
        except LockError as exc:
            raise IndexBusy(str(exc)) from exc
        batch = _Batch(writer, self._fields, clear)
        try:
            yield batch
        except BaseException:
            writer.cancel()
            raise
        if batch.changed or clear:
            writer.commit(mergetype=writing.CLEAR if clear else None)
        else:
            writer.cancel()

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

    def _current(self) -> _View:
        ix = self._index()
        with self._lock:
            view = self._view
            if view is None or view.generation != ix.latest_generation():
                # Never Searcher.refresh(): it can show both versions of an updated
                # document. A new searcher on the new generation never does.
                fresh = _View(ix, self._segments)
                present = {leaf._segid for leaf, _o, _s in fresh.leaves}
                for segid in list(self._segments):
                    if segid not in present:
                        del self._segments[segid]
                # The old view is not closed here: another thread may still be
                # reading it. Its files close when the last reference goes.
                self._view = view = fresh
            return view

    def _visible(self, view: _View, members: bool) -> int:
        mask = view.mask("audience", PUBLIC)
        if members:
            mask |= view.mask("audience", MEMBERS)
        return view.live & mask

    def _word(self, view: _View, word, prefix: bool) -> _WordMatch:
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
        if not parsed.is_empty:
            last = len(parsed.words) - 1
            for i, word in enumerate(parsed.words):
                prefix = parsed.last_is_prefix and i == last
                if prefix and len(word.folded) < MIN_PREFIX and i > 0:
                    continue  # one letter typed after other words: wait for the next one
                match = self._word(view, word, prefix)
                words.append(match)
                base &= match.title | match.body
                if not base:
                    break

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
        return SearchResults(total, query.page, query.per_page, hits, facets)

    @staticmethod
    def _ranked(view: _View, words: list[_WordMatch], matches: int) -> Iterator[int]:
        """Matches by relevance tiers, each tier by title.

        1. every word in the title; 2. some words in the title; 3. every word used
        at least twice in the description; 4. the rest. Tiers are bit operations,
        so ranking costs the same for 10 or 10 000 matches.
        """
        all_title = some_title = matches
        some_title = 0
        all_strong = matches
        for word in words:
            all_title &= word.title
            some_title |= word.title
            all_strong &= word.strong | word.title
        tier1 = all_title
        tier2 = matches & some_title & ~tier1
        tier3 = all_strong & ~some_title
        tier4 = matches & ~(tier1 | tier2 | tier3)
        for tier in (tier1, tier2, tier3, tier4):
            if tier:
                yield from view.ordered(tier)

    @staticmethod
    def _subtitle(fields: dict, locale: str) -> str:
        return (fields.get("subtitle_en") if locale == "en" else None) or fields.get("subtitle") or ""

    def _hit(self, view: _View, docnum: int, terms: set[str], locale: str = "fr") -> Hit:
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
    def _hide_ended(view: _View, mask, ends_after: int | None, types: tuple[str, ...]):
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
