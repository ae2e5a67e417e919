"""A call's scoring criteria edited in place: each keeps its id (the reviews' scores are
keyed by it) when its label or weight changes, when it moves, or when one is added."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.calls import services
from app.calls.models import CallCriterion
from app.core.db import utcnow
from app.extensions import db


@pytest.fixture
def call(app, make_member, make_user):
    region = make_member("IDF")
    now = utcnow()
    call = services.create_call(
        make_user("coordinator", member=region), services.CallData(
            title_fr="Appel conjoint", text_fr="Texte", opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=60),
            criteria=[services.CriterionData("Pertinence", 3, "Relevance"), services.CriterionData("Ancrage", 2),
                      services.CriterionData("Budget", 1)]),
        lead=region, envelope=services.EnvelopeData(amount_cents=10_000))
    db.session.commit()
    return call


def edit(call, *lines: tuple[str, int]) -> list[tuple[int, str, str, int]]:
    services.update_call(None, call, services.CallData(
        title_fr=call.title_fr, text_fr=call.text_fr, opens_at=call.opens_at, closes_at=call.closes_at,
        criteria=[services.CriterionData(label, weight) for label, weight in lines]), version=call.version)
    db.session.commit()
    db.session.expire_all()
    return [(c.id, c.label_fr, c.label_en, c.weight) for c in call.criteria]


def test_criteria_moved_reworded_added_and_removed_keep_their_ids(call):
    pertinence, ancrage, budget = (c.id for c in call.criteria)
    # Moved and reweighed: matched by label wherever they stand; the English label the
    # form does not show stays with its unchanged French one.
    assert edit(call, ("Budget", 1), ("Pertinence", 5), ("Ancrage", 2)) == [
        (budget, "Budget", "", 1), (pertinence, "Pertinence", "Relevance", 5), (ancrage, "Ancrage", "", 2)]
    # Reworded where it stood: the same criterion (its old English label no longer says it).
    assert edit(call, ("Budget", 1), ("Pertinence du projet", 5), ("Ancrage", 2)) == [
        (budget, "Budget", "", 1), (pertinence, "Pertinence du projet", "", 5), (ancrage, "Ancrage", "", 2)]
    # One removed: the others stay.
    assert [row[0] for row in edit(call, ("Pertinence du projet", 5), ("Ancrage", 2))] == [pertinence, ancrage]
    assert db.session.get(CallCriterion, budget) is None
    # One added, first: the others stay, the new one gets a new id.
    after = edit(call, ("Impact", 4), ("Pertinence du projet", 5), ("Ancrage", 2))
    assert [row[0] for row in after][1:] == [pertinence, ancrage] and after[0][0] not in (budget, pertinence, ancrage)
    assert call.criteria_text == "Impact (4) | Pertinence du projet (5) | Ancrage (2)"
