"""The accounts' rules in plain Python: passwords, invitations, claims and their workflow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.accounts import rules, workflow
from app.accounts.messages import MESSAGES
from app.accounts.models import ClaimStatus, TokenPurpose
from app.accounts.tokens import LIFETIMES

EMAIL = "marie.dupont@asso-exemple.org"


@pytest.mark.parametrize("password", [
    "court",                      # 5 characters
    "onze-signes",                # 11
])
def test_a_short_password_is_refused_with_the_minimum(password):
    assert rules.check_password(password, email=EMAIL)[0].code == "password_too_short"
    assert rules.check_password(password, email=EMAIL)[0].params == {"min": 12}


@pytest.mark.parametrize("password", [
    "motdepasse2026!",            # a common word, digits and signs around it
    "Azertyuiop123",              # a keyboard row, case ignored
    "123456789012",               # in the list as it is
    "MotDePasse!!!!!",
    "Réseau Île-de-France 2026",  # accents ignored
    "aaaaaaaaaaaaaaaa",           # few different characters
    "abababababababab",
    "iledefrance2026",            # the portal's own vocabulary
    "Solidarité 2026 !",
])
def test_common_passwords_are_refused(password):
    assert "password_common" in [v.code for v in rules.check_password(password, email=EMAIL)]


def test_a_password_built_on_the_address_is_refused():
    assert [v.code for v in rules.check_password("marie.dupont-2026", email=EMAIL)] == ["password_has_email"]
    assert [v.code for v in rules.check_password("MARIE.DUPONT1990", email=EMAIL)] == ["password_has_email"]
    # A local part of one or two letters says nothing.
    assert rules.check_password("jo-la-riviere-verte", email="jo@example.org") == []


@pytest.mark.parametrize("password", [
    "cheval agrafe batterie correcte",
    "lampe-orange-nuage-vélo",
    "Tr0p!long&sans-sens#42",
])
def test_long_uncommon_passwords_pass(password):
    assert rules.check_password(password, email=EMAIL) == []


def test_a_huge_password_is_refused_before_hashing():
    assert rules.check_password("x" * 201, email=EMAIL)[0].code == "password_too_long"


def test_the_common_list_is_small_folded_and_has_no_blank_entry():
    words = rules.common_passwords()
    assert 200 < len(words) < 5000
    assert "" not in words
    assert all(w == w.casefold() for w in words)
    assert Path(rules.COMMON_PASSWORDS).stat().st_size < 50_000


def test_invitations_need_an_active_member_and_a_free_address():
    assert rules.check_invitation(member_active=True, email_taken=False) == []
    assert [v.code for v in rules.check_invitation(member_active=False, email_taken=True)] == [
        "member_inactive", "email_taken"]
    assert rules.check_invitation(member_active=None, email_taken=False) == []  # an actor's team
    assert [v.code for v in rules.check_invitation(member_active=True, email_taken=False,
                                                   coordinator_outside_region=True)] == ["coordinator_outside_region"]


CLAIM_OK = dict(email_confirmed=True, attached=False, has_pending=False, actor_published=True,
                actor_has_accounts=False, actor_claimed=False)


@pytest.mark.parametrize("change, code", [
    ({"email_confirmed": False}, "email_unconfirmed"),
    ({"attached": True}, "already_attached"),
    ({"has_pending": True}, "claim_pending"),
    ({"actor_published": False}, "actor_unknown"),
    ({"actor_has_accounts": True}, "actor_has_accounts"),
    ({"actor_claimed": True}, "actor_claimed"),
])
def test_a_claim_is_refused_with_one_clear_reason(change, code):
    assert rules.check_claim(**CLAIM_OK) == []
    assert [v.code for v in rules.check_claim(**{**CLAIM_OK, **change})] == [code]


# -- the claims' workflow table ---------------------------------------------------------

P = workflow.Part


@pytest.mark.parametrize("move, state, parts, allowed", [
    ("approve", "pending", {P.COORDINATOR}, True),
    ("approve", "pending", {P.MAILBOX}, False),
    ("refuse", "pending", {P.COORDINATOR}, True),
    ("confirm", "pending", {P.MAILBOX}, True),
    ("confirm", "pending", {P.COORDINATOR}, False),
    *[(move, state, {P.COORDINATOR, P.MAILBOX}, False)
      for move in ("approve", "refuse", "confirm") for state in ("approved", "refused", "confirmed")],
])
def test_who_may_make_which_move(move, state, parts, allowed):
    assert workflow.allowed(workflow.MOVES[move], state, parts) is allowed


def test_a_decided_claim_cannot_be_decided_again():
    for state in ("approved", "refused", "confirmed"):
        assert [v.code for v in workflow.check(workflow.MOVES["approve"], state)] == ["claim_decided"]


def test_a_refusal_says_why_and_a_new_actor_is_not_confirmed_by_mail():
    assert [v.code for v in workflow.check(workflow.MOVES["refuse"], "pending", reason="  ")] == ["reason_required"]
    assert workflow.check(workflow.MOVES["refuse"], "pending", reason="Pas membre de l'association") == []
    assert [v.code for v in workflow.check(workflow.MOVES["confirm"], "pending", creation=True)] == [
        "claim_not_confirmable"]


def test_the_workflow_states_are_the_models_states():
    assert {s.value for s in workflow.ClaimState} == {s.value for s in ClaimStatus}
    assert {m.target.value for m in workflow.MOVES.values()} | {"pending"} == {s.value for s in ClaimStatus}


def test_links_live_as_long_as_the_issue_says():
    assert LIFETIMES[TokenPurpose.INVITATION].days == 7
    assert LIFETIMES[TokenPurpose.RESET].total_seconds() <= 24 * 3600


def test_every_code_has_a_message():
    source = "".join(p.read_text() for p in Path(rules.__file__).parent.glob("*.py"))
    codes = set(re.findall(r'Violation\("([a-z_]+)"', source))
    assert codes <= set(MESSAGES), codes - set(MESSAGES)
