"""The same applicant, and the joint-applicant alerts the officers see."""

from __future__ import annotations

from datetime import date

import pytest

from app.calls.domain import identity
from app.calls.domain.application_workflow import State
from app.calls.domain.identity import Applicant, OtherApplication, PastGrant, alerts, same_applicant

ASSO = Applicant(actor_id=7, rna="W913004512", siret="44306184100047")
TODAY = date(2027, 3, 1)


@pytest.mark.parametrize(("typed", "expected"), [
    ("W913004512", "W913004512"), ("w913004512", "W913004512"), ("W 913 004 512", "W913004512"),
    ("W913.004.512", "W913004512"), ("W913-004-512", "W913004512"), ("W913\u00a0004\u202f512", "W913004512"),
    ("913004512", None), ("W91300451", None), ("W9130045123", None), ("X913004512", None), ("", None), (None, None),
])
def test_normalise_rna(typed, expected):
    assert identity.normalise_rna(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("44306184100047", "44306184100047"), ("443 061 841 00047", "44306184100047"),
    ("443.061.841.00047", "44306184100047"), (" 44306184100047 ", "44306184100047"),
    ("443061841", None), ("4430618410004", None), ("443061841000470", None), ("4430618410004A", None),
    ("", None), (None, None),
])
def test_normalise_siret(typed, expected):
    assert identity.normalise_siret(typed) == expected


@pytest.mark.parametrize(("other", "how"), [
    (Applicant(actor_id=7), "actor"),
    (Applicant(actor_id=8, rna="w 913 004 512"), "rna"),
    (Applicant(actor_id=8, siret="443 061 841 00047"), "siret"),
    (Applicant(actor_id=None, rna=None, siret="443.061.841.00047"), "siret"),
])
def test_the_same_applicant(other, how):
    assert identity.match(ASSO, other) == how
    assert same_applicant(ASSO, other) and same_applicant(other, ASSO)


@pytest.mark.parametrize("other", [
    Applicant(actor_id=8),
    Applicant(actor_id=8, siret="44306184100054"),  # same SIREN, another establishment
    Applicant(actor_id=8, rna="W913004513"),
    Applicant(),
], ids=["another-actor", "same-siren-other-siret", "other-rna", "nothing-known"])
def test_not_the_same_applicant(other):
    assert not same_applicant(ASSO, other)


def test_unknown_identifiers_never_match_each_other():
    assert not same_applicant(Applicant(), Applicant())
    assert not same_applicant(Applicant(rna="", siret="n/a"), Applicant(rna="", siret="n/a"))


def _other(application_id, state, call_id=1, applicant=ASSO):
    return OtherApplication(application_id, call_id, applicant, state, title=f"Dossier {application_id}")


def _grant(application_id, member_id, decided_on, granted=500_000, applicant=ASSO):
    return PastGrant(application_id, member_id, f"Département {member_id}", applicant, decided_on, granted)


def test_open_applications_in_this_call_and_another():
    others = [_other(10, State.SUBMITTED), _other(11, State.IN_REVIEW, call_id=2),
              _other(12, State.NEEDS_CHANGES, call_id=3, applicant=Applicant(siret="443 061 841 00047"))]
    found = alerts(ASSO, application_id=1, call_id=1, others=others, grants=[], today=TODAY)
    assert [(a.code, a.application_id, a.params["match"]) for a in found] == [
        ("open_application_this_call", 10, "actor"), ("open_application_other_call", 11, "actor"),
        ("open_application_other_call", 12, "siret")]


@pytest.mark.parametrize("state", [State.DRAFT, State.ACCEPTED, State.REFUSED, State.DISMISSED, State.WITHDRAWN])
def test_drafts_and_settled_applications_raise_no_alert(state):
    assert alerts(ASSO, application_id=1, call_id=1, others=[_other(10, state)], grants=[], today=TODAY) == []


def test_an_application_is_not_its_own_twin():
    found = alerts(ASSO, application_id=1, call_id=1, others=[_other(1, State.SUBMITTED)],
                   grants=[_grant(1, 93, TODAY)], today=TODAY)
    assert found == []


def test_another_applicant_raises_no_alert():
    stranger = Applicant(actor_id=99, rna="W751000001")
    found = alerts(ASSO, application_id=1, call_id=1, others=[_other(10, State.SUBMITTED, applicant=stranger)],
                   grants=[_grant(20, 93, TODAY, applicant=stranger)], today=TODAY)
    assert found == []


@pytest.mark.parametrize(("decided_on", "shown"), [
    (date(2024, 3, 1), True),    # three years ago to the day
    (date(2024, 2, 29), False),  # one day more
    (date(2027, 2, 28), True),
])
def test_funded_by_another_member_in_the_last_three_years(decided_on, shown):
    found = alerts(ASSO, application_id=1, call_id=1, others=[], grants=[_grant(20, 93, decided_on)],
                   today=TODAY, viewer_member_id=91)
    assert [(a.code, a.application_id) for a in found] == ([("funded_recently", 20)] if shown else [])
    if shown:
        assert found[0].params == {"match": "actor", "member": "Département 93", "decided_on": decided_on,
                                   "granted": 500_000}


def test_the_viewers_own_grants_and_refusals_raise_no_alert():
    grants = [_grant(20, 91, TODAY), _grant(21, 93, TODAY, granted=0)]
    assert alerts(ASSO, application_id=1, call_id=1, others=[], grants=grants, today=TODAY,
                  viewer_member_id=91) == []
    # The coordinator sees every member's grants.
    assert [a.application_id for a in alerts(ASSO, application_id=1, call_id=1, others=[], grants=grants,
                                             today=TODAY)] == [20]


def test_three_years_before_a_29_february():
    assert identity.years_before(date(2028, 2, 29), 3) == date(2025, 2, 28)
    assert identity.years_before(date(2027, 3, 1), 3) == date(2024, 3, 1)
