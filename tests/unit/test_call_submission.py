"""Submitting an application: the call open to the second, every field, the budget, the
money asked of the members, the attachments and the local anchoring."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app.calls.domain import anchoring, cofinancing, submission
from app.calls.domain.anchoring import AnchoringAnswers
from app.calls.domain.cofinancing import Budget, BudgetLine, MemberTerms
from app.calls.domain.submission import ApplicationFacts, CallRules, check_submission
from app.core.money import MAX_AMOUNT_CENTS

PARIS = ZoneInfo("Europe/Paris")
EUR = 100  # cents

REGION, ESSONNE, SSD, VDM = 1, 91, 93, 94

CALL = CallRules(
    opens_at=datetime(2027, 1, 11, 9, 0, tzinfo=PARIS),
    closes_at=datetime(2027, 3, 28, 12, 0, tzinfo=PARIS),
    members={REGION: MemberTerms("Région Île-de-France", ceiling=20_000 * EUR),
             ESSONNE: MemberTerms("Département de l'Essonne", ceiling=10_000 * EUR),
             SSD: MemberTerms("Département de la Seine-Saint-Denis")},
    min_own_share=10,
    max_public_rate=80,
    required_attachments={"statuts": "Statuts", "budget": "Budget prévisionnel", "rib": "RIB"},
    modest_amount=15_000 * EUR,
)
# 25 000 € of cost = 5 000 own (20 %) + 5 000 from a foundation + 15 000 asked (60 % public).
BUDGET = Budget(
    expenses=(BudgetLine("Forage du puits", 20_000 * EUR), BudgetLine("Sensibilisation à Évry", 5_000 * EUR)),
    own_contribution=5_000 * EUR,
    other_funders=(BudgetLine("Fondation de France", 5_000 * EUR),),
    requests={REGION: 10_000 * EUR, ESSONNE: 5_000 * EUR},
)
DOSSIER = ApplicationFacts(
    project_title="Un puits pour Kédougou",
    summary="Forage et formation d'un comité de gestion de l'eau.",
    starts_on=date(2027, 6, 1), ends_on=date(2028, 5, 31),
    partner_territory="SN-KE",
    themes=("eau-et-assainissement",),
    expected_results="Un puits, 800 habitants desservis.",
    local_benefits="Trois interventions dans des lycées d'Évry.",
    budget=BUDGET,
    attachments=frozenset({"statuts", "budget", "rib", "rapport"}),
    anchoring=AnchoringAnswers(head_office_departement="91", members_total=40, members_francilien=31,
                               awareness_actions="Festival des solidarités à Évry",
                               cooperation_agreement=False),
)
NOW = datetime(2027, 2, 1, 10, 0, tzinfo=PARIS)


def codes(violations):
    return [v.code for v in violations]


def with_budget(**changes) -> ApplicationFacts:
    return replace(DOSSIER, budget=replace(BUDGET, **changes))


def test_a_complete_dossier_passes():
    assert check_submission(DOSSIER, CALL, NOW) == []


# --- the call open, to the second, across daylight-saving changes -------------------

CLOSINGS = {
    "march-noon": datetime(2027, 3, 28, 12, 0, tzinfo=PARIS),       # last Sunday of March
    "march-after-jump": datetime(2027, 3, 28, 3, 0, tzinfo=PARIS),  # 02:00 CET became 03:00 CEST
    "october-noon": datetime(2027, 10, 31, 12, 0, tzinfo=PARIS),    # last Sunday of October
    "october-first-0230": datetime(2027, 10, 31, 2, 30, tzinfo=PARIS),          # 00:30 UTC
    "october-second-0230": datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=PARIS),  # 01:30 UTC
    "october-midnight-utc": datetime(2027, 10, 31, 0, 0, tzinfo=UTC),
}


@pytest.mark.parametrize("zone", [UTC, PARIS], ids=["now-in-utc", "now-in-paris"])
@pytest.mark.parametrize(("seconds", "closed"), [(-1, False), (0, True), (1, True)],
                         ids=["closes_at-1s", "closes_at", "closes_at+1s"])
@pytest.mark.parametrize("closes_at", CLOSINGS.values(), ids=list(CLOSINGS))
def test_the_closing_instant(closes_at, seconds, closed, zone):
    call = replace(CALL, closes_at=closes_at)
    # One real second, counted in UTC: in Paris time "03:00 minus one second" is a wall
    # clock that does not exist on the last Sunday of March.
    now = (closes_at.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(zone)
    violations = submission.check_open(call, now)
    assert codes(violations) == (["call_closed"] if closed else [])
    assert codes(check_submission(DOSSIER, call, now)) == (["call_closed"] if closed else [])


def test_the_repeated_hour_of_october_is_read_in_real_time():
    """Closing at the second 02:30 (01:30 UTC); 02:45 of the first pass (00:45 UTC) is
    three quarters of an hour before, though its wall clock reads later."""
    call = replace(CALL, closes_at=CLOSINGS["october-second-0230"])
    assert submission.check_open(call, datetime(2027, 10, 31, 2, 45, tzinfo=PARIS)) == []
    assert codes(submission.check_open(call, datetime(2027, 10, 31, 2, 45, fold=1, tzinfo=PARIS))) == [
        "call_closed"]


def test_a_dossier_sent_back_for_corrections_may_come_back_after_the_closing_time():
    late = datetime(2027, 5, 1, 10, 0, tzinfo=PARIS)
    assert codes(check_submission(DOSSIER, CALL, late)) == ["call_closed"]
    assert check_submission(DOSSIER, CALL, late, resubmission=True) == []
    # Only the closing time is waived: the rest still holds.
    assert codes(check_submission(replace(DOSSIER, summary=""), CALL, late, resubmission=True)) == ["required"]
    with pytest.raises(ValueError, match="timezone-aware"):
        check_submission(DOSSIER, CALL, datetime(2027, 5, 1, 10, 0), resubmission=True)


def test_the_first_second_is_open_and_the_one_before_not():
    opens = CALL.opens_at.astimezone(UTC)
    assert submission.check_open(CALL, opens) == []
    violations = submission.check_open(CALL, opens - timedelta(seconds=1))
    assert codes(violations) == ["call_not_open_yet"]
    assert violations[0].params == {"opens_at": CALL.opens_at}


def test_the_closing_message_carries_the_closing_time():
    assert submission.check_open(CALL, datetime(2027, 4, 1, tzinfo=UTC))[0].params == {
        "closes_at": CALL.closes_at}


@pytest.mark.parametrize("call", [replace(CALL, published=False), replace(CALL, opens_at=None),
                                  replace(CALL, closes_at=None)], ids=["draft", "no-opening", "no-closing"])
def test_a_call_without_its_dates_or_unpublished_takes_nothing(call):
    assert codes(submission.check_open(call, NOW)) == ["call_not_open"]


@pytest.mark.parametrize("call,now", [
    (CALL, datetime(2027, 2, 1, 10, 0)),
    (replace(CALL, closes_at=datetime(2027, 3, 28, 12, 0)), NOW),
    (replace(CALL, opens_at=datetime(2027, 1, 11, 9, 0)), NOW),
], ids=["now", "closes_at", "opens_at"])
def test_a_naive_datetime_is_a_programming_error(call, now):
    with pytest.raises(ValueError, match="timezone-aware"):
        check_submission(DOSSIER, call, now)


# --- required fields --------------------------------------------------------------

@pytest.mark.parametrize(("changes", "field"), [
    ({"project_title": "  "}, "project_title"),
    ({"summary": ""}, "summary"),
    ({"expected_results": "\n"}, "expected_results"),
    ({"local_benefits": ""}, "local_benefits"),
    ({"starts_on": None}, "starts_on"),
    ({"ends_on": None}, "ends_on"),
    ({"partner_territory": None}, "partner_territory"),
    ({"partner_territory": ""}, "partner_territory"),
    ({"themes": ()}, "themes"),
])
def test_every_required_field(changes, field):
    violations = check_submission(replace(DOSSIER, **changes), CALL, NOW)
    assert [(v.code, v.field) for v in violations] == [("required", field)]


def test_the_partner_organisation_is_optional():
    assert check_submission(replace(DOSSIER, partner_organisation=""), CALL, NOW) == []


def test_a_project_ends_after_it_starts():
    assert check_submission(replace(DOSSIER, ends_on=date(2027, 6, 1)), CALL, NOW) == []  # one day
    violations = check_submission(replace(DOSSIER, ends_on=date(2027, 5, 31)), CALL, NOW)
    assert [(v.code, v.field) for v in violations] == [("dates_order", "ends_on")]


def test_everything_wrong_is_said_at_once():
    empty = ApplicationFacts()
    found = set(codes(check_submission(empty, CALL, datetime(2027, 4, 1, tzinfo=UTC))))
    assert {"call_closed", "required", "expenses_required", "request_required",
            "attachment_missing"} <= found


# --- attachments -------------------------------------------------------------------

def test_every_attachment_the_call_requires():
    violations = check_submission(replace(DOSSIER, attachments=frozenset({"statuts"})), CALL, NOW)
    assert [(v.code, v.params) for v in violations] == [
        ("attachment_missing", {"kind": "budget", "label": "Budget prévisionnel"}),
        ("attachment_missing", {"kind": "rib", "label": "RIB"})]


def test_a_call_requiring_nothing_takes_a_dossier_without_attachments():
    call = replace(CALL, required_attachments={})
    assert check_submission(replace(DOSSIER, attachments=frozenset()), call, NOW) == []


# --- budget ------------------------------------------------------------------------

@pytest.mark.parametrize("cents", [1, -1], ids=["one-cent-more", "one-cent-less"])
def test_a_budget_off_by_one_cent(cents):
    dossier = with_budget(own_contribution=BUDGET.own_contribution + cents)
    violations = check_submission(dossier, CALL, NOW)
    assert codes(violations) == ["budget_unbalanced"]
    assert violations[0].params == {"expenses": 25_000 * EUR, "resources": 25_000 * EUR + cents,
                                    "difference": cents}


def test_a_budget_needs_expenses():
    violations = cofinancing.check_budget(replace(BUDGET, expenses=()))
    assert codes(violations) == ["expenses_required", "budget_unbalanced"]


@pytest.mark.parametrize("amount", [0, -1, -100_000])
def test_each_line_is_above_zero(amount):
    line = BudgetLine("Billets d'avion", amount)
    violations = cofinancing.check_lines((BudgetLine("Forage", 100), line), "expenses")
    assert [(v.code, v.field, v.params) for v in violations] == [
        ("line_amount_not_positive", "expenses", {"line": 2, "amount": amount})]


def test_each_line_has_a_label():
    violations = cofinancing.check_lines((BudgetLine(" ", 100),), "resources")
    assert [(v.code, v.field, v.params) for v in violations] == [("line_label_required", "resources", {"line": 1})]


def test_a_resource_line_is_checked_like_an_expense():
    dossier = with_budget(other_funders=(BudgetLine("", -1),))
    found = [(v.code, v.field) for v in check_submission(dossier, CALL, NOW)]
    assert ("line_label_required", "resources") in found
    assert ("line_amount_not_positive", "resources") in found


def test_a_negative_own_contribution():
    violations = cofinancing.check_budget(replace(BUDGET, own_contribution=-1))
    assert codes(violations)[0] == "own_contribution_negative"


@pytest.mark.parametrize("amount", [MAX_AMOUNT_CENTS + 1, 10**30])
def test_absurd_amounts_are_refused_not_crashed_on(amount):
    line = cofinancing.check_lines((BudgetLine("Tout", amount),), "expenses")
    assert [(v.code, v.params) for v in line] == [
        ("amount_too_large", {"line": 1, "amount": amount, "limit": MAX_AMOUNT_CENTS})]
    assert "amount_too_large" in codes(cofinancing.check_budget(replace(BUDGET, own_contribution=amount)))
    asked = check_submission(with_budget(requests={SSD: amount}), CALL, NOW)  # no ceiling for the 93
    assert "amount_too_large" in codes(asked)


def test_a_billion_is_an_amount_a_rule_can_refuse():
    """1e9 euros typed in a form: a legal amount of cents, above the Région's ceiling."""
    dossier = with_budget(requests={REGION: 10**9 * EUR, ESSONNE: 5_000 * EUR})
    assert "ceiling_exceeded" in codes(check_submission(dossier, CALL, NOW))


@pytest.mark.parametrize("amount", [1e9, Decimal("10.555"), "10,555", 10.5, True])
def test_an_amount_that_is_not_cents_is_a_programming_error(amount):
    with pytest.raises(TypeError):
        check_submission(with_budget(own_contribution=amount), CALL, NOW)


# --- money asked of the members -------------------------------------------------------

def test_money_is_asked_of_at_least_one_member():
    dossier = with_budget(requests={}, own_contribution=20_000 * EUR)
    assert codes(check_submission(dossier, CALL, NOW)) == ["request_required"]


@pytest.mark.parametrize("member_id", [VDM, 75, -1, 10**12], ids=["invited-not-accepted", "outside", "neg", "huge"])
def test_money_asked_of_a_member_not_in_the_call(member_id):
    dossier = with_budget(requests={REGION: 10_000 * EUR, member_id: 5_000 * EUR})
    violations = check_submission(dossier, CALL, NOW)
    assert [(v.code, v.field, v.params) for v in violations] == [
        ("member_not_participating", "requests", {"member_id": member_id})]


@pytest.mark.parametrize("amount", [0, -1])
def test_each_request_is_above_zero(amount):
    dossier = with_budget(requests={REGION: 15_000 * EUR, ESSONNE: amount},
                          own_contribution=5_000 * EUR - amount)
    violations = check_submission(dossier, CALL, NOW)
    assert [(v.code, v.params) for v in violations] == [("request_not_positive", {
        "member_id": ESSONNE, "member": "Département de l'Essonne", "asked": amount})]


def test_each_request_within_its_members_ceiling():
    at_ceiling = with_budget(requests={REGION: 5_000 * EUR, ESSONNE: 10_000 * EUR})
    assert check_submission(at_ceiling, CALL, NOW) == []
    over = with_budget(requests={REGION: 5_000 * EUR - 1, ESSONNE: 10_000 * EUR + 1})
    violations = check_submission(over, CALL, NOW)
    assert [(v.code, v.params) for v in violations] == [("ceiling_exceeded", {
        "member_id": ESSONNE, "member": "Département de l'Essonne", "asked": 10_000 * EUR + 1,
        "ceiling": 10_000 * EUR})]


def test_public_money_at_the_maximum_rate_passes_and_one_cent_more_fails():
    # 80 % of 25 000 € = 20 000 € of public money: 15 000 asked + 5 000 from a public funder.
    public_funder = (BudgetLine("Agence française de développement", 5_000 * EUR, public=True),)
    assert check_submission(with_budget(other_funders=public_funder), CALL, NOW) == []
    over = with_budget(other_funders=public_funder, own_contribution=5_000 * EUR - 1,
                       requests={REGION: 10_000 * EUR + 1, ESSONNE: 5_000 * EUR})
    violations = check_submission(over, CALL, NOW)
    assert [(v.code, v.field, v.params) for v in violations] == [("rate_exceeded", "requests", {
        "max": 80, "actual": 81, "public": 20_000 * EUR + 1, "total": 25_000 * EUR})]


def test_the_rate_counts_what_is_asked_of_every_member_and_only_public_funders():
    private = (BudgetLine("Fondation", 5_000 * EUR, public=False),)
    dossier = with_budget(other_funders=private, own_contribution=2_500 * EUR,
                          requests={REGION: 10_000 * EUR, ESSONNE: 7_500 * EUR})  # 70 %
    assert check_submission(dossier, CALL, NOW) == []
    violations = check_submission(dossier, replace(CALL, max_public_rate=69), NOW)
    assert [(v.code, v.params["actual"]) for v in violations] == [("rate_exceeded", 70)]


def test_own_contribution_at_the_minimum_passes_and_one_cent_less_fails():
    call = replace(CALL, min_own_share=20)  # 20 % of 25 000 € = 5 000 €
    assert check_submission(DOSSIER, call, NOW) == []
    dossier = with_budget(own_contribution=5_000 * EUR - 1, requests={REGION: 10_000 * EUR + 1,
                                                                      ESSONNE: 5_000 * EUR})
    violations = check_submission(dossier, call, NOW)
    assert [(v.code, v.field, v.params) for v in violations] == [("own_share_too_low", "own_contribution", {
        "min": 20, "actual": 19, "minimum": 5_000 * EUR, "amount": 5_000 * EUR - 1})]


def test_a_call_without_rates_checks_none():
    call = replace(CALL, min_own_share=None, max_public_rate=None)
    dossier = with_budget(own_contribution=0, other_funders=(),
                          requests={REGION: 20_000 * EUR, ESSONNE: 5_000 * EUR})  # 100 % public
    assert check_submission(dossier, call, NOW) == []
    assert codes(check_submission(dossier, CALL, NOW)) == ["rate_exceeded", "own_share_too_low"]


# --- local anchoring -----------------------------------------------------------------

NOT_ANCHORED = AnchoringAnswers(head_office_departement="69", members_total=10, members_francilien=2,
                                awareness_actions="", cooperation_agreement=False)


def test_anchoring_is_advisory_by_default():
    assert CallRules(None, None).anchoring_blocking is False
    assert check_submission(replace(DOSSIER, anchoring=NOT_ANCHORED), CALL, NOW) == []


def test_a_blocking_call_refuses_each_item_not_met():
    call = replace(CALL, anchoring_blocking=True)
    assert check_submission(DOSSIER, call, NOW) == []
    violations = check_submission(replace(DOSSIER, anchoring=NOT_ANCHORED), call, NOW)
    assert [(v.code, v.params) for v in violations] == [
        ("anchoring_not_met", {"item": "head_office"}),
        ("anchoring_not_met", {"item": "francilien_members"}),
        ("anchoring_not_met", {"item": "awareness_actions"})]


def test_a_blocking_call_takes_unanswered_items_as_not_met():
    call = replace(CALL, anchoring_blocking=True)
    violations = check_submission(replace(DOSSIER, anchoring=AnchoringAnswers()), call, NOW)
    assert [v.params["item"] for v in violations] == ["head_office", "francilien_members", "awareness_actions"]


def test_a_cooperation_agreement_takes_the_action_out_of_the_test():
    call = replace(CALL, anchoring_blocking=True)
    agreed = replace(NOT_ANCHORED, cooperation_agreement=True)
    assert check_submission(replace(DOSSIER, anchoring=agreed), call, NOW) == []


def test_the_checklist_reads_the_local_benefits_and_the_amount_from_the_dossier():
    results = submission.anchoring_results(DOSSIER, CALL)
    assert results["local_benefits"] == anchoring.Result.MET
    assert results["modest_amount"] == anchoring.Result.MET  # 15 000 asked, 15 000 threshold
    assert submission.anchoring_results(with_budget(requests={REGION: 15_000 * EUR + 1}), CALL)[
        "modest_amount"] == anchoring.Result.NOT_MET


def test_every_code_submission_emits_is_declared():
    declared = set(submission.CODES) | set(cofinancing.CODES) | set(anchoring.CODES)
    emitted = set()
    for dossier in (ApplicationFacts(), replace(DOSSIER, anchoring=NOT_ANCHORED, ends_on=date(2020, 1, 1)),
                    with_budget(requests={VDM: -1, REGION: MAX_AMOUNT_CENTS * 2, SSD: MAX_AMOUNT_CENTS + 1},
                                expenses=(BudgetLine("", 0),), own_contribution=-1)):
        for call in (replace(CALL, anchoring_blocking=True), replace(CALL, published=False)):
            emitted |= set(codes(check_submission(dossier, call, NOW)))
    assert emitted <= declared, emitted - declared
