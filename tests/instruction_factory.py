"""Calls with envelopes and submitted applications, written straight to the database,
for the instruction and decision tests (the applicant's pages are another step's)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.calls import services
from app.calls.models import CallCriterion, CallEnvelope, CallState, EnvelopeStatus
from app.calls.models_applications import Application, ApplicationShare, ApplicationState
from app.core.db import utcnow
from app.extensions import db
from app.network.models import Member


def member(code: str) -> Member:
    return db.session.scalar(sa.select(Member).where(Member.code == code))


def make_call(lead: Member, envelopes: dict[Member, int], title: str = "Appel conjoint 2027"):
    """A published call led by ``lead``; ``envelopes``: member -> amount in cents."""
    now = utcnow()
    call = services.create_call(
        None, services.CallData(title_fr=title, text_fr="Texte", opens_at=now - timedelta(days=10),
                                closes_at=now + timedelta(days=60)),
        lead=lead, envelope=services.EnvelopeData(amount_cents=envelopes[lead], decision_body="CP"))
    for other, amount in envelopes.items():
        if other is not lead:
            call.envelopes.append(CallEnvelope(member=other, status=EnvelopeStatus.ACCEPTED, amount_cents=amount,
                                               decision_body="CP"))
    call.criteria = [CallCriterion(label_fr="Pertinence", weight=2, position=0),
                     CallCriterion(label_fr="Ancrage local", weight=1, position=1)]
    call.state = CallState.PUBLISHED
    db.session.commit()
    return call


def make_application(call, actor, asked: dict[Member, int], *, state=ApplicationState.SUBMITTED,
                     title: str = "Puits au Sénégal", **values) -> Application:
    now = utcnow()
    application = Application(call=call, actor=actor, state=state, project_title=title,
                              summary="Un puits pour l'école.", **values)
    if state != ApplicationState.DRAFT:
        application.submitted_at, application.revision = values.get("submitted_at", now), 1
    if state in (ApplicationState.ACCEPTED, ApplicationState.REFUSED, ApplicationState.DISMISSED):
        application.decided_at = now
    application.shares = [ApplicationShare(member=m, asked_cents=cents) for m, cents in asked.items()]
    db.session.add(application)
    db.session.commit()
    return application
