"""The instruction list and the dossier issue as many SQL statements for 5 applications as
for 25: nothing is loaded row by row."""

from __future__ import annotations

import re

import pytest

from app.calls.models_applications import ApplicationState, Review
from app.extensions import db
from tests.functional.test_query_counts import counting
from tests.instruction_factory import make_application, make_call


@pytest.fixture
def officers_call(app, make_member, make_user, make_actor):
    m91, m93 = make_member("91"), make_member("93")
    call = make_call(m91, {m91: 100_000_000, m93: 100_000_000})
    officer = make_user("officer", member=m91)
    actors = [make_actor(f"Association {i:02d}") for i in range(25)]

    def grow(count: int) -> None:
        for i in range(count):
            application = make_application(call, actors.pop(), {m91: 100_000, m93: 50_000},
                                           state=ApplicationState.IN_REVIEW, title=f"Projet {i}")
            db.session.add(Review(application=application, member_id=m91.id, reviewer_id=officer.id,
                                  scores={str(call.criteria[0].id): i % 6}))
            db.session.commit()

    return call, officer, grow


@pytest.mark.parametrize("query", ["", "?tri=note", "?tri=montant&decide=non", "?etat=in_review&pays=SN"])
def test_the_instruction_list_is_bounded(client, login_as, officers_call, query):
    call, officer, grow = officers_call
    login_as(officer)
    url = f"/appels/{call.id}/instruction{query}"
    grow(5)
    client.get(url)
    with counting() as few:
        assert client.get(url + ("&" if query else "?") + "per_page=100").status_code == 200
    grow(20)
    with counting() as many:
        assert client.get(url + ("&" if query else "?") + "per_page=100").status_code == 200
    assert len(many) == len(few)


def test_the_csv_is_bounded(client, login_as, officers_call):
    call, officer, grow = officers_call
    login_as(officer)
    grow(5)
    with counting() as few:
        client.get(f"/appels/{call.id}/instruction.csv")
    grow(20)
    with counting() as many:
        body = client.get(f"/appels/{call.id}/instruction.csv").get_data(as_text=True)
    assert len(many) == len(few)
    assert body.count("Projet ") == 25


def test_the_list_counts_every_application_on_any_page(client, login_as, officers_call):
    """The heading counts the whole list on the second page, and past the end."""
    call, officer, grow = officers_call
    login_as(officer)
    grow(25)
    second = client.get(f"/appels/{call.id}/instruction?per_page=20&page=2").get_data(as_text=True)
    assert "Candidatures (25)" in second
    assert len(re.findall(r'href="/candidatures/\d+/instruction"', second)) == 5
    beyond = client.get(f"/appels/{call.id}/instruction?per_page=20&page=9")
    assert beyond.status_code == 200
    assert "Candidatures (25)" in beyond.get_data(as_text=True)
