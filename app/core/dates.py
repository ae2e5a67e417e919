"""Dates people type: a year outside these bounds is a slip of the keyboard, not an event.

Python dates stop at year 9999, and moving such a date to another time zone or adding a
day to it raises: every date read from a form, a query string or a file is checked here.
"""

from __future__ import annotations

from datetime import date

FIRST_YEAR = 1900
LAST_YEAR = 2200


def plausible(day: date | None) -> bool:
    return day is None or FIRST_YEAR <= day.year <= LAST_YEAR


def iso_date(text: str) -> date | None:
    """``2027-03-20`` as a date; None for anything else or an implausible year."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if plausible(day) else None
