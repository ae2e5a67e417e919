"""Migration c5d6e7f8a9b0 gives the applications accepted before it the same public
record as the portal keeps for the later ones (and queues them for the search index)."""

from __future__ import annotations

import os

import flask_migrate
import sqlalchemy as sa

from app.extensions import db
from app.projects.models import Project
from app.search.models import SearchPending
from tests.conftest import Database, make_app


def _records() -> dict:
    return {p.application_id: (p.title, p.call_title_fr, p.actor_id, p.partner_territory_id, p.decision_year,
                               sorted(t.slug for t in p.themes),
                               sorted((f.member_id, f.amount_cents, f.decision_reference, f.decided_on)
                                      for f in p.fundings))
            for p in db.session.scalars(sa.select(Project))}


def test_applications_accepted_before_the_migration_get_their_project(tmp_path):
    from app.demo.loader import load

    database = Database(os.environ.get("TEST_DATABASE_URL"), tmp_path, "projectsbackfill")
    try:
        app = make_app(database.url, tmp_path / "ix", SEARCH_SYNC_AFTER_COMMIT=False)
        with app.app_context():
            flask_migrate.upgrade()
            load()  # the demo's decisions: the portal makes the projects
            expected = _records()
            assert len(expected) >= 2
            db.session.remove()
            flask_migrate.downgrade(revision="b4c5d6e7f8a9")
            with db.engine.begin() as conn:
                conn.execute(sa.delete(SearchPending))
            flask_migrate.upgrade()
            assert _records() == expected
            queued = db.session.scalars(sa.select(SearchPending.doc_id).where(SearchPending.doc_type == "project"))
            assert sorted(queued) == sorted(db.session.scalars(sa.select(Project.id)))
            db.session.remove()
            db.engine.dispose()
    finally:
        database.drop()
