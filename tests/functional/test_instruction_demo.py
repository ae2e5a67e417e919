"""The demo's instruction: agent91 sees the joint call's dossiers with a joint-applicant
alert, the applicant's dossier carries two members' decisions, the gauges add up."""

from __future__ import annotations

import sqlalchemy as sa

from app.calls.models import Call, CallEnvelope
from app.calls.models_applications import Application, ApplicationShare, ApplicationState
from app.demo.calls import JOINT_TITLE
from app.demo.data import DEMO_PASSWORD
from app.extensions import db
from tests.conftest import login


def test_agent91_sees_the_instruction_list_and_an_alert(demo_client, demo_app):
    with demo_app.app_context():
        call = db.session.scalar(sa.select(Call).where(Call.title_fr == JOINT_TITLE))
        states = set(db.session.scalars(sa.select(Application.state).where(Application.call_id == call.id)))
        grdr = db.session.scalar(sa.select(Application.id).where(
            Application.call_id == call.id, Application.project_title.like("Maraîchage%")))
        # Every share's grants are on its member's envelope.
        for envelope in call.envelopes:
            granted = db.session.scalar(
                sa.select(sa.func.coalesce(sa.func.sum(ApplicationShare.granted_cents), 0))
                .join(Application).where(Application.call_id == call.id,
                                         ApplicationShare.member_id == envelope.member_id))
            assert db.session.get(CallEnvelope, envelope.id).committed_cents == granted
        call_id = call.id
    assert {ApplicationState.ACCEPTED, ApplicationState.REFUSED, ApplicationState.IN_REVIEW,
            ApplicationState.SUBMITTED, ApplicationState.NEEDS_CHANGES, ApplicationState.DISMISSED} <= states
    assert login(demo_client, "agent91@example.org", DEMO_PASSWORD).status_code == 302
    page = demo_client.get(f"/appels/{call_id}/instruction").get_data(as_text=True)
    assert "Électrification solaire" in page and "Maraîchage et eau potable" in page
    assert "Tournée chorale" not in page  # a draft, and it asks the 93 only
    dossier = demo_client.get(f"/candidatures/{grdr}/instruction").get_data(as_text=True)
    assert "a financé le même porteur" in dossier
