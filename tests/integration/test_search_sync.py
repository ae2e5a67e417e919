"""The index stays true to the database: after commit, never after rollback, nothing lost."""

from __future__ import annotations

import multiprocessing
import os

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from app.actors import services
from app.actors.models import FundingScheme
from app.extensions import db
from app.search.backend import SearchQuery
from app.search.models import SearchPending
from app.search.sync import drain, pending_count


def found(app, text: str) -> list[tuple[str, int, str]]:
    results = app.extensions["search"].search(SearchQuery(text=text, per_page=100))
    return [(h.type, h.id, h.title) for h in results.hits]


def scheme_data(scheme: FundingScheme, **changes) -> services.SchemeData:
    values = {
        "name": scheme.name, "funder_member": scheme.funder_member, "funder_name": scheme.funder_name,
        "summary": scheme.summary, "description": scheme.description,
    }
    values.update(changes)
    return services.SchemeData(**values)


def test_a_committed_change_is_searchable_and_leaves_nothing_pending(app, make_scheme):
    scheme = make_scheme("Mobil'Asie", themes=["jeunesse-mobilite"])
    assert found(app, "mobil'asie") == [("scheme", scheme.id, "Mobil'Asie")]
    assert pending_count(db.engine) == 0


def test_a_rolled_back_change_never_reaches_the_index(app, make_scheme):
    scheme = make_scheme("Chantiers solidarité")
    services.update_scheme(None, scheme, scheme_data(scheme, name="Chantiers annulés"))
    db.session.rollback()
    assert found(app, "annulés") == []
    assert found(app, "chantiers")[0][2] == "Chantiers solidarité"
    assert pending_count(db.engine) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchPending)) == 0


def test_a_crash_between_commit_and_index_loses_nothing(app, make_scheme):
    app.config["SEARCH_SYNC_AFTER_COMMIT"] = False  # the process "dies" right after commit
    scheme = make_scheme("Pro'aide")
    assert found(app, "pro'aide") == []
    assert pending_count(db.engine) == 1
    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "1 modification(s)" in result.output
    assert found(app, "pro'aide") == [("scheme", scheme.id, "Pro'aide")]
    assert pending_count(db.engine) == 0


def test_the_next_write_drains_what_an_earlier_one_left(app, make_scheme):
    app.config["SEARCH_SYNC_AFTER_COMMIT"] = False
    first = make_scheme("AMIE")
    app.config["SEARCH_SYNC_AFTER_COMMIT"] = True
    second = make_scheme("Mobil'Québec")
    assert {r[1] for r in found(app, "")} >= {first.id, second.id}
    assert pending_count(db.engine) == 0


def test_a_busy_index_keeps_the_change_pending(app, make_scheme, tmp_path):
    from app.search.whoosh_backend import WhooshBackend

    other_worker = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
    with other_worker.batch():  # another process holds the index lock
        scheme = make_scheme("Eurodyssée")
        assert pending_count(db.engine) == 1
    other_worker.close()
    assert found(app, "eurodyssée") == []
    assert drain(app.extensions["search"], db.engine) == 1
    assert found(app, "eurodyssée") == [("scheme", scheme.id, "Eurodyssée")]


def test_unpublishing_removes_and_editing_replaces(app, make_scheme):
    scheme = make_scheme("Passeport Langues vivantes")
    services.update_scheme(None, scheme, scheme_data(scheme, name="Passeport Langues"))
    db.session.commit()
    assert [r[2] for r in found(app, "passeport")] == ["Passeport Langues"]
    services.set_scheme_published(None, scheme, False)
    db.session.commit()
    assert found(app, "passeport") == []


def test_reindex_rebuilds_from_the_database(app, make_scheme, make_actor):
    make_scheme("Bourses Masters")
    make_actor("Via le monde", departement="93")
    backend = app.extensions["search"]
    with backend.batch() as batch:  # the index drifted (lost, restored from an old backup...)
        batch.delete(list(backend.keys()))
    assert found(app, "via le monde") == []
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert [r[2] for r in found(app, "via le monde")] == ["Via le monde"]
    assert [r[2] for r in found(app, "bourses masters")] == ["Bourses Masters"]
    assert len([k for k in backend.keys() if k.startswith("territory:")]) > 250


# -- several processes writing at once -----------------------------------------------

WORKERS, EDITS, SCHEMES = 4, 12, 3


def _worker(url: str, index_dir: str, worker: int, scheme_ids: list[int]) -> None:
    from tests.conftest import make_app

    app = make_app(url, index_dir)
    with app.app_context():
        for i in range(EDITS):
            scheme_id = scheme_ids[(worker + i) % len(scheme_ids)]
            for attempt in range(30):
                try:
                    scheme = db.session.get(FundingScheme, scheme_id, populate_existing=True)
                    services.update_scheme(None, scheme, scheme_data(scheme, name=f"Dispositif w{worker} n{i}"))
                    db.session.commit()  # commit, then drain (or leave it to the lock holder)
                    break
                except (sa.exc.OperationalError, StaleDataError):
                    # SQLite's "database is locked", or another worker saved the same
                    # scheme first (optimistic locking): start again from the saved version.
                    db.session.rollback()
                    if attempt == 29:
                        raise
        app.extensions["search"].close()
        db.engine.dispose()


def test_concurrent_writers_never_corrupt_nor_drop_index_changes(app, make_scheme):
    ids = [make_scheme(f"Dispositif initial {n}").id for n in range(SCHEMES)]
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(app.config["SQLALCHEMY_DATABASE_URI"],
                                               app.config["SEARCH_INDEX_DIR"], w, ids))
             for w in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    # No `flask search sync` here: the writers themselves must have left nothing behind.
    assert pending_count(db.engine) == 0
    db.session.expire_all()
    titles = {s.id: s.name for s in db.session.scalars(sa.select(FundingScheme))}
    indexed = {hit_id: title for kind, hit_id, title in found(app, "dispositif") if kind == "scheme"}
    assert indexed == titles  # the latest version of each, once
    assert len([k for k in app.extensions["search"].keys() if k.startswith("scheme:")]) == SCHEMES
    assert os.path.isdir(app.config["SEARCH_INDEX_DIR"])
