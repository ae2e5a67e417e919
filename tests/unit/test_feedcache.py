"""The feed cache: least recently used first out, bounded in count and in bytes."""

from __future__ import annotations

from datetime import date

from app.agenda.feedcache import FeedCache, FeedKey


def key(n: int, **changes) -> FeedKey:
    values = {"kind": "ics", "filters": {"membre": str(n)}, "locale": "fr", "base_url": "https://p.example/"}
    values.update(changes)
    return FeedKey.of(values.pop("kind"), values.pop("filters"), **values)


def test_the_least_recently_used_feed_goes_first_not_every_feed():
    cache = FeedCache(max_entries=3)
    for n in range(3):
        cache.put(key(n), "v1", b"feed %d" % n)
    assert cache.get(key(0), "v1") == b"feed 0"  # read again: now the most recent
    cache.put(key(3), "v1", b"feed 3")
    assert len(cache) == 3
    assert cache.get(key(1), "v1") is None
    assert [cache.get(key(n), "v1") for n in (0, 2, 3)] == [b"feed 0", b"feed 2", b"feed 3"]


def test_the_total_size_is_bounded_and_a_huge_feed_is_not_kept():
    cache = FeedCache(max_entries=100, max_bytes=1000)
    for n in range(10):
        cache.put(key(n), "v1", b"x" * 300)
    assert cache.size <= 1000 and len(cache) == 3
    cache.put(key(99), "v1", b"x" * 1001)
    assert cache.get(key(99), "v1") is None
    assert len(cache) == 3


def test_a_feed_built_from_other_data_is_not_served():
    cache = FeedCache()
    cache.put(key(1), "v1", b"old")
    assert cache.get(key(1), "v2") is None
    cache.put(key(1), "v2", b"new")
    assert cache.get(key(1), "v2") == b"new" and len(cache) == 1 and cache.size == 3


def test_the_key_ignores_the_order_of_the_filters_and_the_etag_covers_the_key():
    a = FeedKey.of("ics", {"type": "formation", "membre": "91"}, locale="fr", base_url="/")
    b = FeedKey.of("ics", {"membre": "91", "type": "formation"}, locale="fr", base_url="/")
    assert a == b and a.etag("data") == b.etag("data")
    assert a.day == date.today()
    others = [FeedKey.of("atom", {"type": "formation", "membre": "91"}, locale="fr", base_url="/"),
              FeedKey.of("ics", {"type": "formation", "membre": "91"}, locale="en", base_url="/"),
              FeedKey.of("ics", {"type": "formation", "membre": "91"}, locale="fr", base_url="https://x/"),
              FeedKey.of("ics", {"type": "formation"}, locale="fr", base_url="/")]
    assert len({a.etag("data"), *(k.etag("data") for k in others)}) == 5
    assert a.etag("data") != a.etag("other data")
