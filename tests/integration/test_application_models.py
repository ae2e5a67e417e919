"""The database's own guards on applications, on SQLite and PostgreSQL: one live
application per actor and call, amounts within their bounds, states tied to their dates."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.calls import services
from app.calls.models_applications import (
    Application,
    ApplicationShare,
    ApplicationState,
    BudgetLine,
    BudgetSide,
)
from app.core.db import utcnow
from app.extensions import db


@pytest.fixture
def setting(app, make_member, make_user, make_actor):
    region, essonne = make_member("IDF"), make_member("91")
    coordinator = make_user("coordinator", member=region)
    actor = make_actor("Association des puits")
    now = utcnow()
    call = services.create_call(coordinator, services.CallData(
        title_fr="Appel", text_fr="Texte.", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9)),
        lead=region, envelope=services.EnvelopeData(100_000_00, None, "CP"))
    db.session.commit()
    return {"call": call, "actor": actor, "member": essonne}


def _application(setting, **values) -> Application:
    application = Application(call=setting["call"], actor_id=setting["actor"].id, **values)
    db.session.add(application)
    db.session.flush()
    return application


def _refused(action) -> None:
    with pytest.raises(IntegrityError), db.session.begin_nested():
        action()
        db.session.flush()


def test_one_live_application_per_actor_and_call(setting):
    first = _application(setting)
    _refused(lambda: db.session.add(Application(call=setting["call"], actor_id=setting["actor"].id)))
    first.state, first.withdrawn_at = ApplicationState.WITHDRAWN, utcnow()
    db.session.flush()
    _application(setting)  # the withdrawn one frees the place
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 2


def test_a_filed_state_needs_its_submission_and_a_withdrawal_its_date(setting):
    application = _application(setting)
    db.session.commit()

    def file_without_date():
        application.state = ApplicationState.SUBMITTED

    _refused(file_without_date)
    db.session.rollback()

    def withdraw_without_date():
        db.session.get(Application, application.id).state = ApplicationState.WITHDRAWN

    _refused(withdraw_without_date)


def test_shares_and_lines_keep_their_amounts_within_bounds(setting):
    application = _application(setting)
    member_id = setting["member"].id
    _refused(lambda: db.session.add(ApplicationShare(application=application, member_id=member_id, asked_cents=0)))
    _refused(lambda: db.session.add(ApplicationShare(
        application=application, member_id=member_id, asked_cents=100, granted_cents=101,
        decided_at=utcnow(), decided_as="officer")))
    _refused(lambda: db.session.add(ApplicationShare(application=application, member_id=member_id,
                                                     asked_cents=100, granted_cents=50)))  # no decision date
    _refused(lambda: db.session.add(BudgetLine(application=application, side=BudgetSide.EXPENSE, label="x",
                                               amount_cents=-1)))
    _refused(lambda: db.session.add(BudgetLine(application=application, side=BudgetSide.EXPENSE, label="x",
                                               amount_cents=100, category="other_public")))
    db.session.add(ApplicationShare(application=application, member_id=member_id, asked_cents=100,
                                    granted_cents=0, decided_at=utcnow(), decided_as="officer"))
    db.session.commit()
