"""The month view's grid: weeks from Monday, each event on every day it runs."""

from datetime import date, datetime

from app.agenda.models import PARIS, Event, EventKind
from app.agenda.month import month_grid


def event(id, start, end):
    return Event(id=id, title=f"E{id}", kind=EventKind.TRAINING,
                 starts_at=datetime(*start, tzinfo=PARIS), ends_at=datetime(*end, tzinfo=PARIS))


def test_weeks_start_on_monday_and_cover_the_month():
    weeks = month_grid(date(2027, 3, 1), [])
    days = [cell["day"] for week in weeks for cell in week]
    assert all(len(week) == 7 for week in weeks)
    assert days[0] == date(2027, 3, 1) and days[0].weekday() == 0
    assert days[-1] == date(2027, 4, 4) and days[-1].weekday() == 6
    assert [c["in_month"] for c in weeks[-1]] == [True, True, True, False, False, False, False]


def test_a_multi_day_event_is_on_each_of_its_days_even_across_months():
    training = event(1, (2027, 2, 27, 9), (2027, 3, 2, 17))
    evening = event(2, (2027, 3, 20, 18, 30), (2027, 3, 20, 21))
    weeks = month_grid(date(2027, 3, 1), [training, evening])
    on = {cell["day"]: [e.id for e in cell["events"]] for week in weeks for cell in week}
    assert on[date(2027, 3, 1)] == [1] and on[date(2027, 3, 2)] == [1] and on[date(2027, 3, 3)] == []
    assert on[date(2027, 3, 20)] == [2]
    assert sum(len(ids) for ids in on.values()) == 3
