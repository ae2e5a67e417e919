"""Twenty officers granting at the same second from separate connections never overspend
an envelope: exactly the grants that fit are recorded, the others are told "enveloppe
insuffisante", and what the envelope committed is the sum of the granted shares.
On SQLite (one writer at a time) the same twenty decisions one after the other."""

from __future__ import annotations

import threading
from datetime import date

import pytest
import sqlalchemy as sa

from app.auth.models import User
from app.calls import services_decisions as services
from app.calls.domain.decisions import DecisionInput
from app.calls.models import CallEnvelope
from app.calls.models_applications import ApplicationShare, ApplicationState
from app.core.rules import RuleViolations
from app.extensions import db
from tests.instruction_factory import make_application, make_call

WORKERS = 20


@pytest.fixture
def twenty(app, make_member, make_user, make_actor):
    m91 = make_member("91")
    officer = make_user("officer", member=m91)
    # 14 500 € for twenty grants of 1 000 €: fourteen fit.
    call = make_call(m91, {m91: 1_450_000})
    shares = []
    for i in range(WORKERS):
        application = make_application(call, make_actor(f"Association {i:02d}"), {m91: 100_000},
                                       state=ApplicationState.IN_REVIEW, title=f"Projet {i:02d}")
        shares.append(application.shares[0].id)
    return call.id, officer.id, shares


def _decide(app, officer_id: int, share_id: int, results: list, errors: list, barrier=None) -> None:
    with app.app_context():
        try:
            if barrier is not None:  # before any connection is taken: the pool holds fewer than 20
                barrier.wait(timeout=30)
            officer = db.session.get(User, officer_id)
            share = db.session.get(ApplicationShare, share_id)
            services.record_decision(officer, share, DecisionInput(
                granted=100_000, reference="CP 2027-03", decided_on=date(2027, 3, 20)), version=share.version)
            db.session.commit()
            results.append(True)
        except RuleViolations as exc:
            db.session.rollback()
            results.append(exc.codes)
        except Exception as exc:  # noqa: BLE001 - any other failure (a 500) fails the test below
            db.session.rollback()
            errors.append(exc)
        finally:
            db.session.remove()


def _check(call_id, results, errors):
    assert errors == []
    granted = [r for r in results if r is True]
    assert len(granted) == 14
    assert [r for r in results if r is not True] == [["envelope_insufficient"]] * (WORKERS - 14)
    committed = db.session.scalar(sa.select(CallEnvelope.committed_cents).where(CallEnvelope.call_id == call_id))
    total = db.session.scalar(sa.select(sa.func.sum(ApplicationShare.granted_cents)))
    assert committed == total == 14 * 100_000
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApplicationShare)
                             .where(ApplicationShare.granted_cents.is_(None))) == WORKERS - 14


def test_twenty_decisions_at_once_never_overspend(app, twenty, database):
    """Threads with their own connections and transactions on PostgreSQL (released together
    by a barrier); SQLite has one writer at a time, so there the twenty go one by one."""
    call, officer_id, shares = twenty
    db.session.remove()
    results, errors = [], []
    if database.is_postgres:
        barrier = threading.Barrier(WORKERS)
        threads = [threading.Thread(target=_decide, args=(app, officer_id, share_id, results, errors, barrier))
                   for share_id in shares]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    else:
        for share_id in shares:
            _decide(app, officer_id, share_id, results, errors)
    _check(call, results, errors)
