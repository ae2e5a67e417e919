"""Dates: Paris time, dates in words, and the bounds of a plausible date.

A year outside these bounds is a slip of the keyboard, not an event.

Python dates stop at year 9999, and moving such a date to another time zone or adding a
day to it raises: every date read from a form, a query string or a file is checked here.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import format_date, format_datetime, get_locale, to_user_timezone

PARIS = ZoneInfo("Europe/Paris")

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


def _first_as_ordinal(pattern: str) -> str:
    """French writes the first day of a month as an ordinal: « 1er février ». Adds the
    literal ``er`` after the day field (``d``) of a CLDR pattern, outside quoted text."""
    parts = pattern.split("'")
    for i in range(0, len(parts), 2):  # even parts are pattern letters, odd ones quoted text
        parts[i] = re.sub(r"(?<!d)d(?!d)", "d'er'", parts[i])
    return "'".join(parts)


def format_day(value, fmt: str = "d MMMM yyyy", *, time: bool = False) -> str:
    """A date (or a date and time) in the reader's language, « 1er » on the first in French."""
    if not value:
        return ""
    if isinstance(value, str):  # kept as ISO text (a queued mail's context is JSON)
        value = datetime.fromisoformat(value) if time else date.fromisoformat(value)
    # The day shown is the reader's (Europe/Paris), not the stored UTC one.
    shown = to_user_timezone(value) if time else value
    locale = get_locale()  # follows force_locale (the English subtitles of the index)
    if shown.day == 1 and (locale is None or locale.language == "fr"):
        fmt = _first_as_ordinal(fmt)
    return format_datetime(value, fmt) if time else format_date(value, fmt)
