"""Each member's decision on its share, the envelope, and the consolidated outcome."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.calls.domain import decisions
from app.calls.domain.application_workflow import State
from app.calls.domain.decisions import DecisionInput, ShareFacts, check_decision, fits, outcome
from app.core.money import MAX_AMOUNT_CENTS

SHARE = ShareFacts(member_id=91, asked=1_000_000)
GRANT = DecisionInput(granted=800_000, reference="CP 2027-03-112", decided_on=date(2027, 5, 12),
                      convention_on=date(2027, 6, 1), payment_terms="echelonne",
                      payment_from=date(2027, 6, 15), payment_until=date(2028, 6, 15))
REFUSAL = DecisionInput(granted=0, reason="Projet hors des zones de coopération du Département.")


def codes(violations):
    return [v.code for v in violations]


def test_a_complete_grant_and_a_motivated_refusal_pass():
    assert check_decision(SHARE, GRANT) == []
    assert check_decision(SHARE, REFUSAL) == []


def test_granting_exactly_what_was_asked_passes_and_one_cent_more_fails():
    assert check_decision(SHARE, replace(GRANT, granted=1_000_000)) == []
    violations = check_decision(SHARE, replace(GRANT, granted=1_000_001))
    assert [(v.code, v.field, v.params) for v in violations] == [
        ("granted_above_asked", "granted", {"granted": 1_000_001, "asked": 1_000_000})]


@pytest.mark.parametrize("granted", [-1, -1_000_000])
def test_a_negative_grant(granted):
    assert codes(check_decision(SHARE, replace(GRANT, granted=granted))) == ["granted_negative"]


def test_an_absurd_grant():
    share = replace(SHARE, asked=10**20)
    violations = check_decision(share, replace(GRANT, granted=MAX_AMOUNT_CENTS + 1))
    assert [(v.code, v.params) for v in violations] == [
        ("amount_too_large", {"amount": MAX_AMOUNT_CENTS + 1, "limit": MAX_AMOUNT_CENTS})]


@pytest.mark.parametrize("granted", [1e6, "8000", 8000.0])
def test_a_grant_not_in_cents_is_a_programming_error(granted):
    with pytest.raises(TypeError):
        check_decision(SHARE, replace(GRANT, granted=granted))


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_refusal_needs_a_reason(reason):
    violations = check_decision(SHARE, replace(REFUSAL, reason=reason))
    assert [(v.code, v.field) for v in violations] == [("refusal_reason_required", "reason")]


def test_a_grant_needs_its_deliberation():
    assert [(v.code, v.field) for v in check_decision(SHARE, replace(GRANT, reference=" "))] == [
        ("decision_reference_required", "reference")]
    assert [(v.code, v.field) for v in check_decision(SHARE, replace(GRANT, decided_on=None, convention_on=None))] == [
        ("decision_date_required", "decided_on")]


@pytest.mark.parametrize("terms", ["unique", "autre", None, ""])
def test_payment_terms_known(terms):
    assert check_decision(SHARE, replace(GRANT, payment_terms=terms)) == []


@pytest.mark.parametrize("terms", ["échelonné", "mensuel", "UNIQUE"])
def test_payment_terms_unknown(terms):
    violations = check_decision(SHARE, replace(GRANT, payment_terms=terms))
    assert [(v.code, v.params) for v in violations] == [("payment_terms_unknown", {"value": terms})]


@pytest.mark.parametrize("changes", [{"payment_from": None}, {"payment_until": None}])
def test_staggered_payments_need_a_period(changes):
    assert codes(check_decision(SHARE, replace(GRANT, **changes))) == ["payment_period_required"]


def test_a_period_ends_after_it_starts():
    same_day = replace(GRANT, payment_until=GRANT.payment_from)
    assert check_decision(SHARE, same_day) == []
    backwards = replace(GRANT, payment_until=date(2027, 6, 14))
    assert codes(check_decision(SHARE, backwards)) == ["payment_period_order"]


def test_the_convention_follows_the_deliberation():
    assert check_decision(SHARE, replace(GRANT, convention_on=GRANT.decided_on)) == []
    assert codes(check_decision(SHARE, replace(GRANT, convention_on=date(2027, 5, 11)))) == [
        "convention_before_decision"]


# --- envelopes --------------------------------------------------------------------

@pytest.mark.parametrize(("amount", "committed", "change", "expected"), [
    (5_000_000, 4_000_000, 1_000_000, True),    # exactly fills it
    (5_000_000, 4_000_000, 1_000_001, False),   # one cent over
    (5_000_000, 5_000_000, 0, True),
    (5_000_000, 5_000_000, -300_000, True),     # a correction gives money back
    (5_000_000, 200_000, -300_000, False),      # never below zero
    (0, 0, 1, False),
])
def test_fits(amount, committed, change, expected):
    assert fits(amount, committed, change) is expected
    assert (decisions.check_envelope(amount, committed, change) == []) is expected


def test_an_insufficient_envelope_says_what_remains():
    violations = decisions.check_envelope(5_000_000, 4_500_000, 800_000)
    assert [(v.code, v.params) for v in violations] == [
        ("envelope_insufficient", {"available": 500_000, "needed": 800_000})]


@pytest.mark.parametrize(("previous", "granted", "expected"), [
    (None, 800_000, 800_000),      # first decision
    (800_000, 500_000, -300_000),  # correction downwards: gives back
    (500_000, 900_000, 400_000),   # correction upwards: takes more
    (800_000, 0, -800_000),        # cancelled into a refusal
    (0, 0, 0),
])
def test_a_correction_moves_the_envelope_by_the_difference(previous, granted, expected):
    assert decisions.delta(previous, granted) == expected


@pytest.mark.parametrize(("amount", "committed", "code"), [
    (4_000_000, 4_000_000, None), (3_999_999, 4_000_000, "envelope_below_committed"),
    (-1, 0, "envelope_negative"), (MAX_AMOUNT_CENTS + 1, 0, "amount_too_large")])
def test_an_envelope_is_never_lowered_below_what_is_granted(amount, committed, code):
    assert codes(decisions.check_envelope_amount(amount, committed)) == ([code] if code else [])


def test_the_gauge():
    shares = [ShareFacts(91, 1_000_000, 800_000), ShareFacts(91, 500_000, 0), ShareFacts(91, 700_000)]
    assert decisions.gauge(5_000_000, shares) == decisions.Gauge(5_000_000, 800_000, 4_200_000, 700_000)


# --- outcome ----------------------------------------------------------------------

@pytest.mark.parametrize(("granted", "expected"), [
    ((800_000, 0), State.ACCEPTED),        # one granted, one refused
    ((800_000, 300_000), State.ACCEPTED),
    ((0, 0), State.REFUSED),
    ((0,), State.REFUSED),
    ((800_000,), State.ACCEPTED),
    ((800_000, None), None),               # 93 has not decided yet
    ((0, None), None),
    ((None, None), None),
    ((), None),                            # nothing asked: nothing to consolidate
])
def test_outcome(granted, expected):
    shares = [ShareFacts(91 + n, 1_000_000, amount) for n, amount in enumerate(granted)]
    assert outcome(shares) == expected
    assert outcome(iter(shares)) == expected


def test_every_code_decisions_emit_is_declared():
    emitted = set()
    for decision in (DecisionInput(granted=-1, payment_terms="x", payment_from=date(2027, 2, 1),
                                   payment_until=date(2027, 1, 1)),
                     DecisionInput(granted=10**20, payment_terms="echelonne"),
                     DecisionInput(granted=2_000_000, decided_on=date(2027, 2, 1), convention_on=date(2027, 1, 1)),
                     DecisionInput(granted=0)):
        emitted |= set(codes(check_decision(SHARE, decision)))
    emitted |= set(codes(decisions.check_envelope(0, 0, 1)))
    for amount in (-1, MAX_AMOUNT_CENTS + 1, 1):
        emitted |= set(codes(decisions.check_envelope_amount(amount, 2)))
    assert emitted == set(decisions.CODES)
