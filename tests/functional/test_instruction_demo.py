"""The demo's instruction: agent91 sees the joint call's dossiers with a joint-applicant
alert, the applicant's dossier carries two members' decisions, the gauges add up."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.calls.models import Call, CallEnvelope
from app.calls.models_applications import Application, ApplicationShare, ApplicationState
from app.demo.calls import JOINT_TITLE
from app.demo.data import DEMO_PASSWORD
from app.extensions import db
from tests.conftest import csrf_token, login


def test_agent91_sees_the_instruction_list_and_an_alert(demo_client, demo_app):
    with demo_app.app_context():
        call = db.session.scalar(sa.select(Call).where(Call.title_fr == JOINT_TITLE))
        states = set(db.session.scalars(sa.select(Application.state).where(Application.call_id == call.id)))
        filed = db.session.scalar(sa.select(Application.id).where(
            Application.call_id == call.id, Application.project_title == "Électricité solaire pour trois écoles de Dakar"))
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
    assert "Électricité solaire" in page and "Maraîchage et eau potable à Matam" in page
    assert "Tournée chorale" not in page  # a draft, and it asks the 93 only
    assert "Maraîchage et gestion de l" not in page  # association2's draft
    # The reviews: a score in the list (the mean of the Région's and the Essonne's), the
    # Région's opinion readable on the dossier beside agent91's own.
    row = page.split("Électricité solaire pour trois écoles de Dakar")[1].split("</tr>")[0]
    assert re.search(r'<td data-label="Note">\d(,\d+)?</td>', row), row
    dossier = demo_client.get(f"/candidatures/{filed}/instruction").get_data(as_text=True)
    assert "a financé le même porteur" in dossier  # ER & DE, funded by the 93 in 2026
    assert "Partenariat solide avec la mairie d" in dossier
    demo_client.post("/deconnexion", data={"csrf_token": csrf_token(demo_client, "/")})
    assert login(demo_client, "association1@example.org", DEMO_PASSWORD).status_code == 302
    mine = demo_client.get(f"/candidatures/{filed}").get_data(as_text=True)
    assert "Décisions des cofinanceurs" in mine and "attribués sur" in mine
    assert "a financé le même porteur" not in mine and "Instruire ce dossier" not in mine
    assert "Partenariat solide" not in mine  # the officers' reviews are theirs
    assert demo_client.get(f"/candidatures/{filed}/instruction").status_code == 403
    demo_client.post("/deconnexion", data={"csrf_token": csrf_token(demo_client, "/")})
