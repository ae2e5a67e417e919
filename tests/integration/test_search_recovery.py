"""Search catches up by itself after a process died holding the index lock or leaving
changes pending: at the next start, and now and then in a running worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import search as search_package
from app.extensions import db
from app.search.sync import pending_count
from app.search.whoosh_backend import WhooshBackend
from tests.conftest import make_app
from tests.integration.test_search_sync import found

ROOT = Path(__file__).resolve().parents[2]


def _hold_the_index(index_dir: str, ready: str, rebuild: bool) -> None:
    """Takes the index's write lock and keeps it until killed.

    With ``rebuild``, as ``flask search reindex`` does: the documents go to sub-writers
    forked from this process.
    """
    from app.search import whoosh_writing
    from app.search.backend import SearchDocument

    whoosh_writing.BUILD_PROCS = 2
    backend = WhooshBackend(index_dir)
    with backend.batch(clear=rebuild) as batch:
        if rebuild:
            batch.index([SearchDocument("actor", n, f"Fiche {n}", f"/acteurs/{n}") for n in range(250)])
        helpers = [task.pid for task in getattr(batch._writer, "tasks", [])]
        Path(ready).write_text(" ".join(map(str, helpers)) or "-")
        time.sleep(600)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie is dead, only not yet reaped by whoever adopted it


def _killed_holder(index_dir: str, tmp_path: Path, rebuild: bool) -> list[int]:
    """Starts a process that takes the index lock, SIGKILLs it; returns its helpers' pids.

    A plain process, as `flask search reindex` is: its helpers are forked from it.
    """
    ready = tmp_path / "holder-ready"
    code = ("import sys; from tests.integration.test_search_recovery import _hold_the_index; "
            "_hold_the_index(sys.argv[1], sys.argv[2], sys.argv[3] == '1')")
    holder = subprocess.Popen([sys.executable, "-c", code, index_dir, str(ready), "1" if rebuild else "0"],
                              cwd=ROOT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and holder.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), "the holder never took the lock"
        helpers = [int(pid) for pid in ready.read_text().split() if pid != "-"]
        assert bool(helpers) == rebuild
    finally:
        holder.kill()  # SIGKILL: no cleanup, no unlock
        holder.wait(10)
    assert holder.returncode == -signal.SIGKILL
    return helpers


@pytest.mark.parametrize("rebuild", [False, True], ids=["writer", "rebuild-with-forked-helpers"])
def test_a_new_start_applies_what_a_killed_lock_holder_left_pending(app, make_scheme, tmp_path, rebuild):
    app.config["SEARCH_SYNC_AFTER_COMMIT"] = False  # the process dies right after its commit
    scheme = make_scheme("Pro'aide")
    assert pending_count(db.engine) == 1
    helpers = _killed_holder(app.config["SEARCH_INDEX_DIR"], tmp_path, rebuild)
    try:
        restarted = make_app(app.config["SQLALCHEMY_DATABASE_URI"], app.config["SEARCH_INDEX_DIR"])
        with restarted.app_context():
            try:
                assert found(restarted, "pro'aide") == [("scheme", scheme.id, "Pro'aide")]
                assert pending_count(db.engine) == 0
            finally:
                restarted.extensions["search"].close()
                db.engine.dispose()
        # The rebuild's helpers do not wait forever for work from a dead parent.
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in helpers if _alive(pid)]
    finally:
        for pid in helpers:  # only if the assertions above failed
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_running_worker_catches_up_now_and_then_never_waiting_for_a_busy_index(
        app, client, make_scheme, monkeypatch):
    catch_up = app.extensions["search_catch_up"]
    clock = [catch_up.last]
    monkeypatch.setattr(search_package, "monotonic", lambda: clock[0])
    interval = app.config["SEARCH_CATCH_UP_SECONDS"]
    app.config["SEARCH_SYNC_AFTER_COMMIT"] = False  # rows left by a worker that died after its commit
    scheme = make_scheme("Eurodyssée")

    def visit() -> None:
        response = client.get("/agenda/")
        assert response.status_code == 200
        response.close()  # what the WSGI server does once the page is sent

    clock[0] += interval / 2
    visit()
    assert found(app, "eurodyssée") == [] and pending_count(db.engine) == 1  # not yet due

    clock[0] += interval
    other_worker = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
    with other_worker.batch():  # the index is busy: the page is served, the rows wait
        visit()
        assert pending_count(db.engine) == 1
    other_worker.close()

    clock[0] += interval
    visit()
    assert found(app, "eurodyssée") == [("scheme", scheme.id, "Eurodyssée")]
    assert pending_count(db.engine) == 0
