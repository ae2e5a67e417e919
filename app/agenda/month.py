"""The month view's grid: weeks from Monday, each event on every day it runs."""

from __future__ import annotations

from datetime import date, timedelta

from app.agenda.models import Event


def month_grid(month: date, events: list[Event]) -> list[list[dict]]:
    """Weeks (Monday first) of the month, each day with the events happening that day."""
    first = month - timedelta(days=month.weekday())
    next_month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = next_month + timedelta(days=(7 - next_month.weekday()) % 7 - 1)
    by_day: dict[date, list[Event]] = {}
    for event in events:  # each event placed once on each of its days
        day, end = max(event.first_day, first), min(event.last_day, last)
        while day <= end:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    weeks, day = [], first
    while day <= last:
        if day.weekday() == 0:
            weeks.append([])
        weeks[-1].append({"day": day, "in_month": day.month == month.month, "events": by_day.get(day, [])})
        day += timedelta(days=1)
    return weeks
