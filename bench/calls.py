"""Instruction and decisions benchmark: the officers' instruction list of a call with
2 000 applications, one dossier's instruction page, and a decision POST (the envelope
reserved in the same transaction).

    .venv/bin/python bench/calls.py --rounds 50
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/calls.py

Prints JSON: p50/p95/max milliseconds per page and the number of SQL statements of one
request (it does not grow with the number of applications). Targets: pages p95 <= 50 ms,
a decision p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask.testing import FlaskClient
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timing import figures  # noqa: E402

from app import create_app  # noqa: E402
from app.actors.models import Actor, ActorKind  # noqa: E402
from app.auth.models import Role, User  # noqa: E402
from app.calls.models import Call, CallCriterion, CallEnvelope, CallState, EnvelopeStatus  # noqa: E402
from app.calls.models_applications import (  # noqa: E402
    Application,
    ApplicationShare,
    ApplicationState,
    Review,
)
from app.core.db import utcnow  # noqa: E402
from app.extensions import db  # noqa: E402
from app.network.models import Member, MemberKind  # noqa: E402

PASSWORD = "bench-password-1234"


class IsolatedClient(FlaskClient):
    """Each request in an application context of its own, as in production (the bench
    holds one for the database; Flask-WTF caches the CSRF token in ``g``)."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def token(client, url: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).get_data(as_text=True))[1]


def seed(count: int) -> tuple[int, list[int], int]:
    """A call led by the 91, co-financed by the 93, with ``count`` applications asking both."""
    members = [Member(code=code, kind=MemberKind.DEPARTEMENT, name=f"Département {code}", short_name=code)
               for code in ("91", "93")]
    db.session.add_all(members)
    officer = User(email="agent91@bench.example", name="Agent 91", role=Role.OFFICER, member=members[0])
    officer.set_password(PASSWORD)
    db.session.add(officer)
    now = utcnow()
    call = Call(lead_member=members[0], title_fr="Appel de mesure", opens_at=now - timedelta(days=30),
                closes_at=now - timedelta(days=1), state=CallState.CLOSED,
                envelopes=[CallEnvelope(member=m, status=EnvelopeStatus.ACCEPTED, amount_cents=10**12,
                                        decision_body="CP") for m in members],
                criteria=[CallCriterion(label_fr="Pertinence", weight=2, position=0),
                          CallCriterion(label_fr="Ancrage", weight=1, position=1)])
    db.session.add(call)
    db.session.flush()
    actors = [Actor(name=f"Association {i:04d}", kind=ActorKind.ASSOCIATION, match_key=f"association {i:04d}")
              for i in range(count)]
    db.session.add_all(actors)
    db.session.flush()
    applications = []
    for i, actor in enumerate(actors):
        application = Application(call=call, actor=actor, state=ApplicationState.IN_REVIEW,
                                  project_title=f"Projet {i:04d}", submitted_at=now - timedelta(minutes=i),
                                  revision=1)
        application.shares = [ApplicationShare(member=members[0], asked_cents=100_000 + i),
                              ApplicationShare(member=members[1], asked_cents=50_000)]
        application.reviews = [Review(member_id=members[0].id, reviewer=officer,
                                      scores={str(call.criteria[0].id): i % 6})]
        applications.append(application)
    db.session.add_all(applications)
    db.session.commit()
    return call.id, [a.id for a in applications], members[0].id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--applications", type=int, default=2000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-calls-"))
    url = os.environ.get("DATABASE_URL", f"sqlite:///{work / 'calls.db'}")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": str(work / "index"),
                      "SECRET_KEY": "bench", "FILES_DIR": str(work / "files"),
                      "SERVER_NAME": None, "RATELIMIT_ENABLED": False, "MAIL_SERVER": "", "CLAMD_SOCKET": ""})
    app.test_client_class = IsolatedClient
    import flask_migrate

    report: dict = {"database": url.split(":")[0], "rounds": args.rounds, "applications": args.applications}
    with app.app_context():
        flask_migrate.upgrade()
        call_id, application_ids, member_id = seed(args.applications)
        if db.engine.dialect.name == "postgresql":
            # What autovacuum does a minute after a bulk load: without statistics the
            # planner takes 2 000 rows for one and nests loops (0.5 s instead of 2 ms).
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("ANALYZE"))
        # As a gunicorn worker serves (app/wsgi.py): the seeding's objects dropped, the
        # application's long-lived ones frozen out of the garbage collector's walks.
        db.session.remove()
        gc.collect()
        gc.freeze()
        client = app.test_client()
        assert client.post("/connexion", data={"email": "agent91@bench.example", "password": PASSWORD,
                                               "csrf_token": token(client, "/connexion")}).status_code == 302
        statements: list[str] = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

        def timed(label: str, urls, method: str = "get", data=None, expected: int = 200) -> None:
            samples = []
            if method == "get":  # a worker serves warm: its templates compiled by an earlier request
                client.get(urls[0])
            for url in urls:
                statements.clear()
                started = time.perf_counter()
                response = getattr(client, method)(url, data=data(url) if data else None)
                samples.append(time.perf_counter() - started)
                assert response.status_code == expected, (url, response.status_code)
            report[label] = {**figures(samples), "statements": len(statements)}

        rounds = range(args.rounds)
        timed("instruction_list_ms", [f"/appels/{call_id}/instruction" for _ in rounds])
        timed("instruction_list_by_amount_ms", [f"/appels/{call_id}/instruction?tri=montant&decide=non"
                                                for _ in rounds])
        timed("instruction_list_by_score_ms", [f"/appels/{call_id}/instruction?tri=note" for _ in rounds])
        timed("dossier_ms", [f"/candidatures/{application_ids[i]}/instruction" for i in rounds])
        versions = dict(db.session.execute(sa.select(ApplicationShare.application_id, ApplicationShare.version)
                                           .where(ApplicationShare.member_id == member_id)).all())
        decision_urls = [f"/candidatures/{application_ids[-1 - i]}/decision/{member_id}" for i in rounds]

        csrf = token(client, decision_urls[0])

        def decision(url: str) -> dict:
            application_id = int(url.split("/")[2])
            return {"csrf_token": csrf, "version": versions[application_id], "granted": "1000", "reference": "CP 2027-03",
                    "decided_on": "2027-03-20", "payment_terms": "unique"}

        timed("decision_post_ms", decision_urls, method="post", data=decision, expected=302)
        db.session.remove()
        db.engine.dispose()
    shutil.rmtree(work)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
