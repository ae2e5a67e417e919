"""Agenda benchmark: the agenda page, its feeds and the training plan with N events (default 5 000).

    .venv/bin/python bench/agenda.py --events 5000
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/agenda.py

Prints JSON: for each URL, p50/p95/max latency through the Flask test client (the
whole request: SQL, templates, feed building) and the number of SQL statements.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy import event as sa_event  # noqa: E402
from timing import ms  # noqa: E402

from app import create_app  # noqa: E402
from app.agenda.models import PARIS, Event, EventKind, EventOrganiser, EventStatus, Visibility  # noqa: E402
from app.extensions import db  # noqa: E402
from app.network.models import Member, MemberKind, Territory, Theme  # noqa: E402

CODES = ["IDF", "77", "91", "93", "94"]
WORDS = ["formation", "montage", "projet", "solidarité", "internationale", "jeunesse", "mobilité", "eau", "assainissement", "rencontre", "atelier", "festival", "restitution", "coopération", "éducation", "développement"]


def populate(n: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    territories = {t.code: t for t in db.session.scalars(sa.select(Territory).where(
        Territory.code.in_(["IDF", "75", "77", "78", "91", "92", "93", "94", "95", "SN", "VN", "ML", "MA"])))}
    members = []
    for code in CODES:
        member = Member(code=code, kind=MemberKind.REGION if code == "IDF" else MemberKind.DEPARTEMENT,
                        name=f"Membre {code}", short_name=code, territory=territories[code],
                        is_coordinator=code == "IDF")
        db.session.add(member)
        members.append(member)
    themes = list(db.session.scalars(sa.select(Theme)))
    today = date.today()
    departements = [territories[c] for c in ("75", "77", "78", "91", "92", "93", "94", "95")]
    for i in range(n):
        day = today + timedelta(days=rng.randint(-120, 365))
        start = datetime(day.year, day.month, day.day, rng.choice([9, 10, 14, 18]), 0, tzinfo=PARIS)
        length = timedelta(days=rng.choice([0, 0, 0, 1, 2])) + timedelta(hours=rng.choice([2, 3, 7]))
        online = rng.random() < 0.2
        event = Event(
            title=" ".join(rng.sample(WORDS, 4)).capitalize() + f" {i}",
            kind=rng.choice(list(EventKind)), summary="Un rendez-vous du réseau.", description="",
            starts_at=start, ends_at=start + length, online=online,
            commune=None if online else "Commune", departement=None if online else rng.choice(departements),
            visibility=Visibility.MEMBERS if rng.random() < 0.05 else Visibility.PUBLIC,
            status=EventStatus.CANCELLED if rng.random() < 0.03 else EventStatus.PUBLISHED,
            themes=rng.sample(themes, 2), countries=rng.sample([territories[c] for c in ("SN", "VN", "ML", "MA")], 1),
        )
        event.organisers = [EventOrganiser(member=m, position=p, registration_url="https://example.org/i")
                            for p, m in enumerate(rng.sample(members, rng.choice([1, 1, 2])))]
        db.session.add(event)
        if i % 1000 == 999:
            db.session.flush()
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-agenda-"))
    url = os.environ.get("DATABASE_URL", f"sqlite:///{work / 'agenda.db'}")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": str(work / "index"),
                      "SECRET_KEY": "bench", "SEARCH_SYNC_AFTER_COMMIT": False})
    import flask_migrate

    report: dict = {"events": args.events, "database": url.split(":")[0]}
    with app.app_context():
        flask_migrate.upgrade()
        started = time.perf_counter()
        populate(args.events)
        report["populate_s"] = round(time.perf_counter() - started, 1)
        month = (date.today() + timedelta(days=40)).strftime("%Y-%m")
        urls = {
            "page": "/agenda/",
            "page_filtered": "/agenda/?membre=91&type=formation&departement=93",
            "page_theme_mode": "/agenda/?theme=education&mode=presentiel&pays=SN",
            "month": f"/agenda/?vue=mois&mois={month}",
            "feed": "/agenda.ics",
            "feed_filtered": "/agenda.ics?membre=91&type=formation",
            # A new junk argument on every request: served from the cache, not rebuilt.
            "feed_junk_args": "/agenda.ics?x={i}",
            "atom": "/agenda.atom",
            "api": "/api/v1/events?per_page=100",
            # The shared training plan: every training of the past year and to come.
            "training_plan": "/agenda/formations",
            "training_plan_quarters": "/agenda/formations?par=trimestre",
            "training_plan_csv": "/agenda/formations.csv",
        }
        # As a gunicorn worker serves (app/wsgi.py): the bench's own objects dropped, the
        # application's long-lived ones frozen out of the garbage collector's walks.
        db.session.remove()
        gc.collect()
        gc.freeze()
        client = app.test_client()
        statements: list[str] = []
        sa_event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        for name, path in urls.items():
            client.get(path.format(i="warm"))  # warm
            samples = []
            for i in range(args.rounds):
                statements.clear()
                t = time.perf_counter()
                response = client.get(path.format(i=i))
                samples.append(time.perf_counter() - t)
                assert response.status_code == 200, (path, response.status_code)
            report[name] = {
                "url": path,
                "p50_ms": round(statistics.median(samples) * 1000, 1),
                "p95_ms": ms(samples, 0.95),
                "max_ms": ms(samples, 1),
                "sql_statements": len(statements),
                "bytes": len(response.get_data()),
            }
        db.engine.dispose()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
