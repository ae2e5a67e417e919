"""Ids are never reused: a deleted record's id, and with it its history, its calendar
UID and its old links, never pass to a new record (AUTOINCREMENT on SQLite; SERIAL and
identity columns never reuse on PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from app.actors import services as actor_services
from app.actors.models import ActorKind
from app.agenda import services
from app.agenda.feeds import event_uid
from app.agenda.models import PARIS, EventKind, EventStatus
from app.extensions import db
from app.network.models import Territory
from tests.conftest import login


def event_data(title: str) -> services.EventData:
    day = date.today() + timedelta(days=30)
    return services.EventData(
        title=title, kind=EventKind.TRAINING, commune="Évry-Courcouronnes",
        starts_at=datetime.combine(day, time(9, 30), tzinfo=PARIS),
        ends_at=datetime.combine(day, time(17), tzinfo=PARIS),
        departement=db.session.scalar(sa.select(Territory).where(Territory.code == "91")),
    )


def test_the_next_event_never_takes_the_id_history_and_uid_of_a_deleted_one(client, make_member, make_user):
    member = make_member("91")
    officer = make_user("officer", member=member)
    first = services.create_event(officer, event_data("Formation supprimée"), member=member,
                                  status=EventStatus.PUBLISHED)
    db.session.commit()
    deleted_id = first.id
    services.delete_event(officer, first)
    db.session.commit()

    second = services.create_event(officer, event_data("Atelier suivant"), member=member,
                                   status=EventStatus.PUBLISHED)
    db.session.commit()
    assert second.id > deleted_id
    assert event_uid(second.id) != event_uid(deleted_id)
    assert client.get(f"/agenda/{deleted_id}").status_code == 404
    login(client, officer.email)
    history = client.get(f"/agenda/{second.id}/historique").get_data(as_text=True)
    assert "Formation supprimée" not in history


def test_the_next_actor_never_takes_the_id_of_a_deleted_one(app):
    def create(name):
        actor = actor_services.create_actor(None, actor_services.ActorData(name=name, kind=ActorKind.ASSOCIATION))
        db.session.commit()
        return actor

    newest = create("Association dissoute")
    deleted_id = newest.id
    db.session.delete(newest)
    db.session.commit()
    assert create("Association nouvelle").id > deleted_id


def surrogate_tables():
    return [t for t in db.metadata.sorted_tables
            if len(t.primary_key.columns) == 1 and isinstance(t.primary_key.columns[0].type, sa.Integer)
            and t.primary_key.columns[0].autoincrement in (True, "auto")]


def test_every_table_with_a_surrogate_id_never_reuses_one(app):
    tables = surrogate_tables()
    assert {t.name for t in tables} >= {"actors", "funding_schemes", "events", "users", "audit_entries"}
    assert [t.name for t in tables if not t.dialect_options["sqlite"]["autoincrement"]] == []
    # What the migrations built, not only what the models say.
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            schema = dict(conn.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all())
            assert [t.name for t in tables if "AUTOINCREMENT" not in schema[t.name]] == []
        else:  # SERIAL and identity columns never give an id twice
            generated = set(conn.execute(sa.text(
                "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND column_name = 'id' AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')")).scalars())
            assert [t.name for t in tables if t.name not in generated] == []
