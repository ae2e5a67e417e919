"""The call's workflow table and its phase around the closing instant (plain Python)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.calls.domain import call_workflow as wf
from app.calls.domain.call_workflow import MOVES, Part, Phase, State

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def facts(**overrides) -> wf.CallFacts:
    values = {"title_fr": "Appel conjoint", "text_fr": "<p>Texte</p>", "opens_at": NOW - timedelta(days=1),
              "closes_at": NOW + timedelta(days=30), "accepted_envelopes": 1}
    values.update(overrides)
    return wf.CallFacts(**values)


# (move, from, to, parts that may make it)
TABLE = [
    ("publish", State.DRAFT, State.PUBLISHED, {Part.LEAD, Part.COORDINATOR}),
    ("unpublish", State.PUBLISHED, State.DRAFT, {Part.LEAD, Part.COORDINATOR}),
    ("close", State.PUBLISHED, State.CLOSED, {Part.CLOCK}),
    ("reopen", State.CLOSED, State.PUBLISHED, {Part.LEAD, Part.COORDINATOR}),
    ("decide", State.CLOSED, State.DECIDED, {Part.LEAD, Part.COORDINATOR}),
    ("archive", State.DECIDED, State.ARCHIVED, {Part.LEAD, Part.COORDINATOR}),
]


def test_the_table_is_the_one_described():
    assert {(m.name, next(iter(m.sources)), m.target, frozenset(m.parts)) for m in MOVES.values()} == {
        (name, source, target, frozenset(parts)) for name, source, target, parts in TABLE}


@pytest.mark.parametrize(("name", "source", "target", "parts"), TABLE)
@pytest.mark.parametrize("state", list(State))
def test_each_move_only_from_its_state_and_for_its_parts(name, source, target, parts, state):
    move = MOVES[name]
    for part in Part:
        assert wf.allowed(move, state, {part}) == (state == source and part in parts)
    assert wf.allowed(move, state, set()) is False


@pytest.mark.parametrize(("name", "source", "target", "parts"), TABLE)
def test_a_move_from_another_state_is_refused_with_a_code(name, source, target, parts):
    for state in State:
        if state != source:
            codes = [v.code for v in wf.check(MOVES[name], state, facts(), now=NOW)]
            assert "call_move_not_allowed" in codes


def test_publishing_needs_an_accepted_envelope_dates_in_order_ahead_and_french_title_and_text():
    publish = MOVES["publish"]
    assert wf.check(publish, "draft", facts(), now=NOW) == []
    cases = {
        "no_accepted_envelope": facts(accepted_envelopes=0),
        "closes_before_opening": facts(opens_at=NOW + timedelta(days=40)),
        "closing_in_past": facts(opens_at=NOW - timedelta(days=9), closes_at=NOW - timedelta(seconds=1)),
        "title_required": facts(title_fr="  "),
        "text_required": facts(text_fr=""),
    }
    for code, case in cases.items():
        assert [v.code for v in wf.check(publish, "draft", case, now=NOW)] == [code]


def test_unpublishing_only_while_no_application_exists():
    assert wf.check(MOVES["unpublish"], "published", facts(), now=NOW, applications=0) == []
    assert [v.code for v in wf.check(MOVES["unpublish"], "published", facts(), now=NOW, applications=2)] == [
        "call_has_applications"]


def test_reopening_needs_the_closing_time_moved_to_the_future():
    assert wf.check(MOVES["reopen"], "closed", facts(), now=NOW) == []
    past = facts(closes_at=NOW - timedelta(minutes=1), opens_at=NOW - timedelta(days=9))
    assert [v.code for v in wf.check(MOVES["reopen"], "closed", past, now=NOW)] == ["closing_in_past"]


def test_the_clock_closes_only_after_the_closing_time():
    closes = NOW
    assert [v.code for v in wf.check(MOVES["close"], "published", facts(closes_at=closes),
                                     now=closes - timedelta(seconds=1))] == ["call_not_closed"]
    assert wf.check(MOVES["close"], "published", facts(closes_at=closes), now=closes) == []


def test_moves_offered_follow_the_table():
    assert [m.name for m in wf.moves_for("draft", {Part.LEAD})] == ["publish"]
    assert [m.name for m in wf.moves_for("published", {Part.COORDINATOR})] == ["unpublish"]
    assert [m.name for m in wf.moves_for("closed", {Part.LEAD})] == ["reopen", "decide"]
    assert wf.moves_for("archived", {Part.LEAD, Part.COORDINATOR}) == []


# -- the phase: derived from the clock, never from a cron ------------------------------------

# Daylight saving in Paris, 2027: on Sunday 28 March clocks jump from 02:00 to 03:00; on
# Sunday 31 October they fall back from 03:00 to 02:00 (02:30 happens twice).
@pytest.mark.parametrize("closes_at", [
    datetime(2027, 3, 31, 12, 0, tzinfo=PARIS),  # after the spring change (UTC+2)
    datetime(2027, 3, 28, 3, 30, tzinfo=PARIS),  # right after the jump
    datetime(2027, 10, 31, 2, 30, tzinfo=PARIS, fold=1),  # the second 02:30 of the autumn change
    datetime(2027, 10, 31, 2, 30, tzinfo=PARIS, fold=0),  # the first one
    datetime(2027, 1, 15, 23, 59, 59, tzinfo=PARIS),  # winter (UTC+1)
])
@pytest.mark.parametrize(("offset", "expected"), [
    (timedelta(days=-1), Phase.OPEN),
    (timedelta(seconds=-1), Phase.OPEN),
    (timedelta(0), Phase.CLOSED),
    (timedelta(seconds=1), Phase.CLOSED),
    (timedelta(hours=1), Phase.CLOSED),
])
def test_phase_around_the_closing_instant(closes_at, offset, expected):
    opens_at = closes_at - timedelta(days=60)
    now_utc = (closes_at.astimezone(UTC) + offset)
    assert wf.phase("published", opens_at, closes_at, now_utc) == expected
    # The same instant written in Paris time gives the same answer.
    assert wf.phase("published", opens_at, closes_at, now_utc.astimezone(PARIS)) == expected


def test_a_call_closing_at_noon_paris_after_the_spring_change_closes_at_ten_utc():
    closes_at = datetime(2027, 3, 31, 12, 0, tzinfo=PARIS)
    opens_at = datetime(2027, 1, 1, tzinfo=PARIS)
    assert wf.phase("published", opens_at, closes_at, datetime(2027, 3, 31, 9, 59, 59, tzinfo=UTC)) == Phase.OPEN
    assert wf.phase("published", opens_at, closes_at, datetime(2027, 3, 31, 10, 0, 1, tzinfo=UTC)) == Phase.CLOSED


def test_upcoming_then_open_at_the_opening_instant():
    opens_at = datetime(2027, 3, 28, 3, 0, tzinfo=PARIS)  # the first instant after the spring jump
    closes_at = opens_at + timedelta(days=30)
    assert wf.phase("published", opens_at, closes_at, opens_at - timedelta(seconds=1)) == Phase.UPCOMING
    assert wf.phase("published", opens_at, closes_at, opens_at) == Phase.OPEN


@pytest.mark.parametrize(("state", "expected"), [
    ("draft", Phase.DRAFT), ("closed", Phase.CLOSED), ("decided", Phase.DECIDED), ("archived", Phase.ARCHIVED)])
def test_other_states_have_their_own_phase(state, expected):
    assert wf.phase(state, NOW - timedelta(days=2), NOW + timedelta(days=2), NOW) == expected


def test_due_only_for_published_calls_past_their_closing():
    assert wf.due("published", NOW, NOW)
    assert not wf.due("published", NOW, NOW - timedelta(seconds=1))
    assert not wf.due("closed", NOW, NOW + timedelta(days=1))
