"""Every code the calls' rules emit reads as a French sentence, with its figures."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel

from app.calls import messages
from app.calls.domain import (
    anchoring,
    application_workflow,
    call_workflow,
    cofinancing,
    decisions,
    identity,
    submission,
)
from app.calls.domain.anchoring import AnchoringAnswers
from app.calls.domain.cofinancing import BudgetLine
from app.calls.domain.decisions import DecisionInput, ShareFacts
from app.calls.domain.identity import Applicant, OtherApplication, PastGrant
from app.calls.messages import MESSAGES, message
from app.core.money import MAX_AMOUNT_CENTS
from tests.unit.test_call_submission import CALL, DOSSIER, NOW, with_budget

DOMAIN = (call_workflow, application_workflow, submission, cofinancing, anchoring, decisions, identity)
DECLARED = {code for module in DOMAIN for code in module.CODES}


@pytest.fixture
def french():
    app = Flask(__name__)
    Babel(app, default_locale="fr", default_timezone="Europe/Paris")
    with app.test_request_context():
        yield


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def every_violation():
    """One failing case at least for every code the domain emits."""
    out = []
    wf = application_workflow
    out += wf.check(wf.MOVES["dismiss"], wf.State.DRAFT, decided_shares=1)
    out += wf.check(wf.MOVES["ask_changes"], wf.State.IN_REVIEW)
    out += submission.check_open(replace(CALL, published=False), NOW)
    out += submission.check_open(CALL, datetime(2026, 1, 1, tzinfo=UTC))
    out += submission.check_open(CALL, datetime(2028, 1, 1, tzinfo=UTC))
    bad = replace(with_budget(expenses=(BudgetLine("", 0), BudgetLine("Tout", MAX_AMOUNT_CENTS + 1)),
                              own_contribution=-1, requests={}),
                  project_title="", ends_on=date(2020, 1, 1), attachments=frozenset(),
                  anchoring=AnchoringAnswers(head_office_departement="69"))
    out += submission.check_submission(bad, replace(CALL, anchoring_blocking=True), NOW)
    out += submission.check_submission(
        with_budget(requests={75: 1, 1: 10**9 * 100, 91: 0}, own_contribution=0), CALL, NOW)
    out += decisions.check_decision(ShareFacts(91, 100), DecisionInput(
        granted=200, payment_terms="x", payment_from=date(2027, 2, 1), payment_until=date(2027, 1, 1),
        convention_on=date(2026, 1, 1), decided_on=None))
    out += decisions.check_decision(ShareFacts(91, 100), DecisionInput(
        granted=100, payment_terms="echelonne", decided_on=date(2027, 1, 1), convention_on=date(2026, 1, 1)))
    out += decisions.check_decision(ShareFacts(91, 100), DecisionInput(granted=-1))
    out += decisions.check_decision(ShareFacts(91, 100), DecisionInput(granted=0))
    out += cofinancing.check_budget(cofinancing.Budget())
    out += decisions.check_envelope(100, 50, 60)
    out += decisions.check_envelope_amount(-1, 0) + decisions.check_envelope_amount(10, 20)
    asso = Applicant(actor_id=7)
    out += identity.alerts(
        asso, application_id=1, call_id=1,
        others=[OtherApplication(2, 1, asso, "submitted", "Puits"), OtherApplication(3, 2, asso, "in_review", "École")],
        grants=[PastGrant(4, 93, "Seine-Saint-Denis", asso, date(2026, 5, 12), 800_000)],
        today=date(2027, 3, 1), viewer_member_id=91)
    cw = call_workflow
    empty = cw.CallFacts("", " ", NOW, NOW, accepted_envelopes=0)
    out += cw.check(cw.MOVES["publish"], cw.State.CLOSED, empty, now=NOW)
    out += cw.check(cw.MOVES["unpublish"], cw.State.PUBLISHED, empty, now=NOW, applications=3)
    later = replace(empty, closes_at=datetime(2030, 1, 1, tzinfo=UTC))
    out += cw.check(cw.MOVES["decide"], cw.State.CLOSED, later, now=NOW)
    out += cw.check(cw.MOVES["reopen"], cw.State.CLOSED, replace(empty, opens_at=datetime(2020, 1, 1, tzinfo=UTC)),
                    now=NOW)
    return out


def test_every_service_code_has_a_message():
    """The calls' services (forms, envelopes) speak in codes too: each has its sentence."""
    folder = Path(messages.__file__).parent
    source = "".join(p.read_text() for p in folder.glob("*.py"))
    written = set(re.findall(r'Violation\("([a-z_]+)"', source))
    assert written <= set(MESSAGES) | set(messages.SERVICE_MESSAGES), \
        written - set(MESSAGES) - set(messages.SERVICE_MESSAGES)


def test_every_declared_code_has_a_message():
    # Every code has its sentence, and no sentence is left over from a code gone.
    assert set(MESSAGES) == DECLARED, (DECLARED - set(MESSAGES), set(MESSAGES) - DECLARED)


def test_every_code_written_in_the_domain_is_declared():
    folder = Path(application_workflow.__file__).parent
    source = "".join(p.read_text() for p in folder.glob("*.py"))
    written = set(re.findall(r'(?:Violation|Alert)\("([a-z_]+)"', source))
    assert written <= DECLARED, written - DECLARED


def test_every_code_is_emitted_and_reads_with_its_figures(french):
    found = every_violation()
    assert {v.code for v in found} == DECLARED
    for violation in found:
        text = message(violation)
        assert text and "%(" not in text and "%%" not in text, violation


def test_amounts_read_in_euros_and_instants_in_paris_time(french):
    by_code = {}
    for violation in every_violation():
        by_code.setdefault(violation.code, message(violation))  # the first of each code
    assert plain(by_code["call_closed"]) == (
        "Cet appel à projets est clos depuis le 28 mars 2027 à 12:00 (heure de Paris) : "
        "la candidature n'a pas été déposée.")
    closing = submission.check_open(replace(CALL, closes_at=datetime(2027, 10, 31, 1, 30, tzinfo=UTC)),
                                    datetime(2028, 1, 1, tzinfo=UTC))
    assert "31 octobre 2027 à 02:30 (heure de Paris)" in plain(message(closing[0]))
    assert plain(by_code["ceiling_exceeded"]) == (
        "Le montant demandé à la Région Île-de-France (1 000 000 000 €) dépasse son plafond par projet de 20 000 €.")
    assert plain(by_code["envelope_insufficient"]).startswith("Enveloppe insuffisante : il reste 0,50 €")
    assert plain(by_code["funded_recently"]) == (
        "Seine-Saint-Denis a financé le même porteur (même acteur) le 12 mai 2026 : 8 000 €.")
    assert by_code["anchoring_not_met"] == (
        "Ancrage francilien exigé par cet appel : critère non rempli, « Siège de l'association en Île-de-France ».")
    assert by_code["move_not_allowed"] == "Cette action n'est pas possible : le dossier est « brouillon »."


def test_an_unbalanced_budget_shows_the_gap_without_a_sign(french):
    violation = cofinancing.check_budget(replace(DOSSIER.budget, own_contribution=DOSSIER.budget.own_contribution - 1))[0]
    assert plain(message(violation)).startswith(
        "Le budget n'est pas équilibré : 25 000 € de dépenses pour 24 999,99 € de ressources (écart de 0,01 €).")


def test_the_rate_message(french):
    public = (BudgetLine("AFD", 5_000 * 100 + 1, public=True),)
    violation = submission.check_submission(with_budget(other_funders=public, own_contribution=5_000 * 100 - 1),
                                            CALL, NOW)[0]
    assert plain(message(violation)) == (
        "L'argent public demandé représente 81 % du coût du projet (20 000,01 € sur 25 000 €) : "
        "l'appel en permet au plus 80 %.")


def test_the_labels_cover_the_domains_values():
    assert set(messages.STATE_LABELS) == {s.value for s in application_workflow.State}
    assert set(messages.ANCHORING_LABELS) == set(anchoring.ITEMS)
    assert set(messages.ANCHORING_RESULT_LABELS) == {r.value for r in anchoring.Result}
    assert set(messages.PAYMENT_TERMS_LABELS) == set(decisions.PAYMENT_TERMS)
    assert set(messages.MATCH_LABELS) == {"actor", "rna", "siret"}
