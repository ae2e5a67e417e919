"""Numbers people type in the actor form stay within what the database holds."""

from __future__ import annotations

import re

import pytest

from app.extensions import db
from tests.conftest import hidden_fields

FORM = {"name": "Écoles du monde", "kind": "association", "departement": "93"}


@pytest.mark.parametrize("typed", ["2147483648", "1e20", "-1", "10000001", "99999999999999999999999"])
@pytest.mark.parametrize("field", ["members_total", "members_idf"])
def test_an_impossible_number_of_members_is_a_clear_form_error(client, make_user, make_actor, login_as,
                                                               field, typed):
    actor = make_actor("Écoles du monde", departement="93", members_total=40, members_idf=30)
    login_as(make_user("applicant", actor=actor))
    url = f"/acteurs/{actor.id}/modifier"
    form = {**FORM, "members_total": "", "members_idf": "", field: typed}
    response = client.post(url, data={**hidden_fields(client, url), **form})
    assert response.status_code == 200
    # Said once, next to the field.
    errors = re.search(rf'id="{field}-error">(.*?)</div>', response.get_data(as_text=True), re.S)
    assert errors and errors.group(1).count("Indiquez un nombre entier entre 0 et 10 000 000.") == 1
    db.session.refresh(actor)
    assert (actor.members_total, actor.members_idf) == (40, 30)


@pytest.mark.parametrize(("total", "idf", "stored"), [
    ("10000000", "0", (10_000_000, 0)),
    (" 65 ", "63", (65, 63)),
    ("", "", (None, None)),
])
def test_possible_numbers_of_members_or_none_are_accepted(client, make_user, make_actor, login_as,
                                                          total, idf, stored):
    actor = make_actor("Écoles du monde", departement="93", members_total=40, members_idf=30)
    login_as(make_user("applicant", actor=actor))
    url = f"/acteurs/{actor.id}/modifier"
    form = {**FORM, "members_total": total, "members_idf": idf}
    response = client.post(url, data={**hidden_fields(client, url), **form})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    db.session.refresh(actor)
    assert (actor.members_total, actor.members_idf) == stored
