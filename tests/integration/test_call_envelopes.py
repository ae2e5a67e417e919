"""Envelopes are never overspent: reserve/release are one conditional UPDATE each, and
a CHECK in the database is the last guard. On PostgreSQL, 20 reservations at once from
separate connections; on SQLite (one writer at a time) the same 20 one after the other."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.auth.models import User
from app.calls import services
from app.calls.models import Call, CallEnvelope, CallState, EnvelopeStatus
from app.core.audit import AuditEntry
from app.core.db import utcnow
from app.core.records import EditConflict
from app.core.rules import RuleViolations
from app.extensions import db


@pytest.fixture
def envelope(app, make_member, make_user):
    region = make_member("IDF")
    officer = make_user("coordinator", member=region)
    now = utcnow()
    call = services.create_call(
        officer, services.CallData(title_fr="Appel conjoint", text_fr="Texte", opens_at=now - timedelta(days=1),
                                   closes_at=now + timedelta(days=60)),
        lead=region, envelope=services.EnvelopeData(amount_cents=10_000, ceiling_cents=5_000,
                                                    decision_body="Commission permanente"))
    db.session.commit()
    return call.envelopes[0]


def committed(envelope_id: int) -> int:
    return db.session.scalar(sa.select(CallEnvelope.committed_cents).where(CallEnvelope.id == envelope_id))


def test_reserve_then_release(envelope):
    services.reserve(envelope.id, 6_000)
    services.reserve(envelope.id, 4_000)
    db.session.commit()
    assert envelope.committed_cents == 10_000
    with pytest.raises(RuleViolations) as refused:
        services.reserve(envelope.id, 1)
    assert refused.value.codes == ["envelope_insufficient"]
    # The officer reads what is left and what the decision needed.
    assert refused.value.violations[0].params == {"available": 0, "needed": 1}
    services.release(envelope.id, 4_000)
    db.session.commit()
    assert committed(envelope.id) == 6_000
    with pytest.raises(RuleViolations) as refused:
        services.release(envelope.id, 6_001)
    assert refused.value.codes == ["release_above_committed"]
    assert committed(envelope.id) == 6_000


def test_only_an_accepted_envelope_can_be_committed(envelope):
    envelope.status = EnvelopeStatus.DECLINED
    db.session.commit()
    with pytest.raises(RuleViolations):
        services.reserve(envelope.id, 1)


def test_the_database_refuses_an_overspent_envelope_whatever_the_path(envelope):
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(CallEnvelope).where(CallEnvelope.id == envelope.id)
                           .values(committed_cents=10_001))
        db.session.flush()
    db.session.rollback()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(CallEnvelope).where(CallEnvelope.id == envelope.id)
                           .values(committed_cents=-1))
    db.session.rollback()


def test_lowering_an_envelope_below_its_committed_amount_is_refused(envelope, make_user):
    services.reserve(envelope.id, 7_000)
    db.session.commit()
    officer = make_user("coordinator")
    with pytest.raises(RuleViolations) as refused:
        services.accept_envelope(officer, envelope, services.EnvelopeData(amount_cents=6_999))
    assert refused.value.codes == ["below_committed"]
    db.session.rollback()
    services.accept_envelope(officer, envelope, services.EnvelopeData(amount_cents=7_000, ceiling_cents=7_000,
                                                                     decision_body="CP"))
    db.session.commit()
    assert (envelope.amount_cents, envelope.committed_cents) == (7_000, 7_000)
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "call.envelope.update")).one()
    assert entry.changes["amount_cents"] == [10_000, 7_000]


def test_an_envelope_changed_since_it_was_read_is_not_overwritten(envelope, make_user):
    """The version is checked in the UPDATE itself: another officer's answer saved between
    this request's read and its write (here, behind the session's back) wins; a decision
    committing money in between does not make the form stale."""
    officer = make_user("coordinator")
    services.reserve(envelope.id, 1_000)
    db.session.commit()
    read = envelope.version
    services.accept_envelope(officer, envelope, services.EnvelopeData(amount_cents=9_000, decision_body="CP"),
                             version=read)
    db.session.commit()
    assert envelope.version == read + 1
    with db.engine.begin() as other:  # another request's transaction, committed
        other.execute(sa.update(CallEnvelope).where(CallEnvelope.id == envelope.id)
                      .values(amount_cents=8_000, version=CallEnvelope.version + 1))
    with pytest.raises(EditConflict):
        services.accept_envelope(officer, envelope, services.EnvelopeData(amount_cents=9_500, decision_body="CP"),
                                 version=envelope.version)
    db.session.rollback()
    assert (envelope.amount_cents, envelope.version) == (8_000, read + 2)
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.action == "call.envelope.update")) == 1


def test_twenty_reservations_at_once_never_overspend(app, envelope, database):
    """Each worker its own connection and transaction; 20 × 700 asked of 10 000."""
    envelope_id, results, errors = envelope.id, [], []
    db.session.remove()
    barrier = threading.Barrier(20) if database.is_postgres else None

    def worker():
        with app.app_context():
            try:
                if barrier is not None:
                    barrier.wait(timeout=30)
                services.reserve(envelope_id, 700)
                db.session.commit()
                results.append(True)
            except RuleViolations as exc:
                db.session.rollback()
                results.append(exc.codes)
            except Exception as exc:  # noqa: BLE001 - any other failure fails the test below
                db.session.rollback()
                errors.append(exc)
            finally:
                db.session.remove()

    if database.is_postgres:
        threads = [threading.Thread(target=worker) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    else:
        for _ in range(20):
            worker()
    assert errors == []
    passed = [r for r in results if r is True]
    assert len(passed) == 14  # 14 × 700 = 9 800 ≤ 10 000 < 15 × 700
    assert [r for r in results if r is not True] == [["envelope_insufficient"]] * 6
    assert committed(envelope_id) == 700 * len(passed)


def test_close_due_records_the_clock_closing_once(envelope):
    call = db.session.get(Call, envelope.call_id)
    call.state = CallState.PUBLISHED
    db.session.commit()
    later = call.closes_at + timedelta(seconds=1)
    assert [c.id for c in services.close_due(later)] == [call.id]
    db.session.commit()
    assert call.state == CallState.CLOSED
    assert services.close_due(later) == []
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "call.close")).one()
    assert entry.user_id is None and entry.changes["state"] == ["published", "closed"]


def test_flask_calls_close_due_closes_past_calls_and_says_how_many(app, envelope):
    call = db.session.get(Call, envelope.call_id)
    call.state = CallState.PUBLISHED
    call.opens_at, call.closes_at = utcnow() - timedelta(days=9), utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["calls", "close-due"])
    assert result.exit_code == 0 and "1 appel(s) clos." in result.output
    db.session.expire_all()
    assert db.session.get(Call, call.id).state == CallState.CLOSED
    again = app.test_cli_runner().invoke(args=["calls", "close-due"])
    assert "0 appel(s) clos." in again.output


def test_an_invitation_arrives_by_mail_in_the_officers_language(app, envelope, make_member, make_user, smtp_server):
    from app.mail.delivery import deliver_due

    call = db.session.get(Call, envelope.call_id)
    essonne = make_member("91")
    make_user("officer", member=essonne, email="agent91@example.org")
    make_user("officer", member=essonne, email="officer91-en@example.org", language="en")
    coordinator = db.session.scalars(sa.select(AuditEntry.user_id).where(AuditEntry.user_id.is_not(None))).first()
    with app.test_request_context():
        services.invite(db.session.get(User, coordinator), call, [essonne])
        db.session.commit()
    deliver_due()  # (the courier may have sent them already, after the commit)
    app.extensions["mail"].courier.wait_idle()
    by_address = {m["To"]: m for m in smtp_server.wait_for(2)}
    french, english = by_address["agent91@example.org"], by_address["officer91-en@example.org"]
    assert french["Subject"] == "Invitation à cofinancer l'appel « Appel conjoint »"
    body = french.get_body(("plain",)).get_content()
    assert "La Région Île-de-France invite le Département 91" in body
    assert f"/enveloppes/{call.envelopes[-1].id}" in body and "(heure de Paris)" in body
    assert english["Subject"] == "Invitation to co-finance the call “Appel conjoint”"
    assert "(Paris time)" in english.get_body(("plain",)).get_content()
