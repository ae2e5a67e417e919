"""Search benchmark: build an index of N synthetic French records and time queries.

    .venv/bin/python bench/search.py --records 10000
    .venv/bin/python bench/search.py --records 100000 --index /tmp/bench-100k --reuse

Prints one JSON object: build time, index size, peak memory (RSS), p50/p95/max latency
of plain, filtered, prefix (search while typing) and type-ahead (suggestions) queries,
and the time from a database commit to the change being found by search. Figures,
not assertions: the targets are in the issue and the README.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import COUNTRIES, DEPARTEMENTS, THEMES, prefixes, queries, records  # noqa: E402

from app.search.backend import SearchQuery  # noqa: E402
from app.search.whoosh_backend import WhooshBackend  # noqa: E402


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - started)
    return out


def dir_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.iterdir() if f.is_file()) / 1024 / 1024, 1)


def commit_to_visible(index_dir: Path, rounds: int) -> dict:
    """A real write: service, commit, drain after commit, then search until found."""
    from app import create_app
    from app.actors import services
    from app.extensions import db

    work = Path(tempfile.mkdtemp(prefix="bench-db-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'bench.db'}",
                      "SEARCH_INDEX_DIR": str(index_dir), "SECRET_KEY": "bench"})
    import flask_migrate

    samples = []
    with app.app_context():
        flask_migrate.upgrade()
        backend = app.extensions["search"]
        backend.search(SearchQuery(text="warm"))
        for i in range(rounds):
            name = f"Zqxwv dispositif témoin {i}"
            started = time.perf_counter()
            services.create_scheme(None, services.SchemeData(name=name, funder_member=None,
                                                             funder_name="Banc d'essai"), publish=True)
            db.session.commit()
            while not backend.search(SearchQuery(text=f"zqxwv témoin {i} ")).total:
                time.sleep(0.001)
            samples.append(time.perf_counter() - started)
        backend.close()
        db.engine.dispose()
    shutil.rmtree(work, ignore_errors=True)
    return summary(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--index", type=Path, help="index folder (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="reuse --index if it holds N records")
    parser.add_argument("--changes", type=int, default=20, help="commit-to-visible rounds")
    args = parser.parse_args()

    index_dir = args.index or Path(tempfile.mkdtemp(prefix="bench-index-"))
    report: dict = {"records": args.records}
    backend = WhooshBackend(index_dir)
    if args.reuse and index_dir.exists() and backend.search(SearchQuery()).total == args.records:
        report["build_s"] = None
    else:
        docs = records(args.records)
        words = sum(len(d.body.split()) for d in docs)
        report["words_per_record"] = round(words / len(docs))
        started = time.perf_counter()
        with backend.batch(clear=True) as batch:
            batch.index(docs)
        report["build_s"] = round(time.perf_counter() - started, 1)
        del docs
    report["index_mb"] = dir_size_mb(index_dir)
    report["peak_rss_after_build_mb"] = peak_rss_mb()

    rng = random.Random(7)
    started = time.perf_counter()
    backend.search(SearchQuery(text="association"))
    report["first_query_ms"] = round((time.perf_counter() - started) * 1000, 1)

    def plain(text):
        backend.search(SearchQuery(text=text + " "))

    def filtered(text):
        backend.search(SearchQuery(text=text + " ", filters={
            "departement": [rng.choice(DEPARTEMENTS)],
            "theme": [rng.choice(THEMES)],
            **({"pays": [rng.choice(COUNTRIES)]} if rng.random() < 0.5 else {}),
        }))

    def prefix_search(text):
        backend.search(SearchQuery(text=text))

    def typeahead(text):
        backend.suggest(text)

    plain_queries = queries(rng, args.queries)
    report["plain"] = summary(timed(plain, plain_queries))
    report["filtered"] = summary(timed(filtered, queries(rng, args.queries)))
    typed = prefixes(rng, args.queries)
    report["prefix_search"] = summary(timed(prefix_search, typed))
    report["typeahead"] = summary(timed(typeahead, typed))
    # The same queries again: what a busy portal sees once its caches are warm.
    report["plain_repeat"] = summary(timed(plain, plain_queries))
    report["peak_rss_after_queries_mb"] = peak_rss_mb()
    backend.close()
    if args.changes:
        report["commit_to_visible"] = commit_to_visible(index_dir, args.changes)
    if not args.index:
        shutil.rmtree(index_dir, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
