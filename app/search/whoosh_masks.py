"""The index read as bitmasks: for every term, the documents holding it as one ``int``.

Bit n of a mask is document n. An ``and`` of two filters is then one machine-level
operation on a few kilobytes, and a facet count is ``(matches & value).bit_count()``,
exact and cheap whatever the number of hits.

The masks are cached per index segment. An edit adds a small segment and marks a
document deleted in an old one, so after a change only the small segment is read
again, and deletions are applied through one "live documents" mask.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict
from collections.abc import Iterable, Iterator

from whoosh.query import NumericRange

MASK_CACHE_SIZE = 4096


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



class Segment:
    """Raw (deletions ignored) term masks of one segment, kept across generations."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self.masks: OrderedDict[tuple[str, str], int] = OrderedDict()
        self.expansions: dict[tuple[str, str], list[str]] = {}
        self.vocabulary: dict[str, frozenset[str]] = {}
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

    def terms(self, reader, field: str) -> frozenset[str]:
        """Every term of ``field`` in this segment (read once)."""
        terms = self.vocabulary.get(field)
        if terms is None:
            terms = self.vocabulary[field] = frozenset(
                t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field))
        return terms

    def ordered(self, reader) -> tuple[list[str], list[int]]:
        """Sort keys by docnum, and the docnums in sort-key order."""
        if self.sort_keys is None:
            column = reader.column_reader("sort")
            self.sort_keys = [column[i] or "" for i in range(self.size)]
            self.order = sorted(range(self.size), key=self.sort_keys.__getitem__)
        return self.sort_keys, self.order


class View:
    """One generation of the index: a fresh searcher and the masks composed for it."""

    def __init__(self, ix, segments: dict[str, Segment]):
        # Read the generation first: if a commit lands in between, the next search
        # sees a newer one and opens again (never the other way round).
        self.generation = ix.latest_generation()
        self.searcher = ix.searcher()
        reader = self.searcher.reader()
        self.size = reader.doc_count_all()
        self.leaves: list[tuple[object, int, Segment]] = []
        for leaf, offset in reader.leaf_readers():
            if not leaf.doc_count_all():
                continue  # an empty index or segment
            segid = leaf._segid
            seg = segments.get(segid)
            if seg is None or seg.size != leaf.doc_count_all():
                seg = segments[segid] = Segment(leaf)
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

    def present(self, field: str, candidates: set[str]) -> list[str]:
        """Those of ``candidates`` that are terms of ``field`` somewhere in the index."""
        found: set[str] = set()
        for leaf, _offset, seg in self.leaves:
            found |= candidates & seg.terms(leaf, field)
        return sorted(found)

    def without(self, field: str, types: tuple[str, ...]) -> int:
        """Live documents of ``types`` with no value at all in keyword ``field``."""
        key = ("#without:" + field, ",".join(types))
        mask = self.masks.get(key)
        if mask is None:
            mask = self.masks[key] = (self.any_of("type", types) & self.live
                                      & ~self.any_of(field, self.values(field)))
        return mask

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


def _sorted_stream(seg: Segment, leaf, offset: int, part: int) -> Iterator[tuple[str, int]]:
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
