"""Money: euros as people type them in France, stored as integer cents, shown per locale."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_currency

# Far above any real scheme (a thousand billion euros), far below what a BIGINT column
# and a JSON number hold.
MAX_AMOUNT_CENTS = 100_000_000_000_000


def parse_amount(text: str) -> int:
    """Euros as typed in France (``12 000``, ``12 000,50 €``, ``12000.5``) -> cents.

    Raises ValueError for anything else: negative amounts, amounts above
    :data:`MAX_AMOUNT_CENTS`, and what ``Decimal`` reads but no person types as an
    amount (``NaN``, ``Infinity``, ``1e5``).
    """
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text or "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{1,2})?", cleaned):
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        raise ValueError(text)
    try:
        euros = Decimal(cleaned)
        # Compared before multiplying: a number of a million digits would overflow.
        if euros > Decimal(MAX_AMOUNT_CENTS) / 100:
            raise ValueError(text)
        return int((euros * 100).to_integral_value())
    except ArithmeticError as exc:  # pragma: no cover - the regex and the bound guard it
        raise ValueError(text) from exc


def parse_rate(text: str) -> int:
    """A percentage: ``80``, ``80 %``, ``80,0`` -> 80. Must be within 1..100.

    Digits only: ``Decimal`` alone would also read ``NaN``, ``sNaN``, ``Infinity``,
    ``1E2``, ``+80`` or ``8_0``.
    """
    cleaned = re.sub(r"[\s%]", "", text or "").replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    try:
        value = Decimal(cleaned)
        if value != value.to_integral_value() or not 0 < value <= 100:
            raise ValueError(text)
    except ArithmeticError as exc:  # pragma: no cover - the regex guards it
        raise ValueError(text) from exc
    return int(value)


def amount_text(cents: int | None) -> str:
    """Cents as a person would type them back into a form: ``1200050`` -> ``12000,50``."""
    if cents is None:
        return ""
    euros, rest = divmod(cents, 100)
    return f"{euros}" if not rest else f"{euros},{rest:02d}"


@lru_cache(maxsize=4096)  # Babel parses the pattern on every call; a list shows the same sums often
def format_euros(cents: int | None, locale: str = "fr") -> str:
    """``1 200 €`` in French, ``€1,200`` in English; cents only when there are some."""
    if cents is None:
        return ""
    whole = "¤#,##0" if locale == "en" else "#,##0\u00a0¤"
    return format_currency(cents / 100, "EUR", format=whole if cents % 100 == 0 else None,
                           currency_digits=cents % 100 != 0, locale=locale)
