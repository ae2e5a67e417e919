"""Query strings checked against the parameters the OpenAPI description declares.

The description (:mod:`app.api.openapi`) is the only list of parameters: the documentation
shows it and every request is held to it, so the two cannot drift. Only a small part of JSON
Schema is understood (``KEYWORDS``); a test keeps the description within it.

Values arrive as text. An array parameter may be repeated or comma-separated
(``type=actor,scheme&type=event``); any other parameter is given at most once.
"""

from __future__ import annotations

import re
from datetime import date

from werkzeug.datastructures import MultiDict

# The JSON Schema keywords this module checks (``description`` only documents).
KEYWORDS = frozenset({"type", "enum", "minimum", "maximum", "format", "pattern", "items", "description"})

_INTEGER = re.compile(r"-?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def invalid_params(parameters: list[dict], args: MultiDict) -> list[dict]:
    """``[{"name", "reason"}]`` for each declared query parameter whose value breaks its schema."""
    invalid = []
    for parameter in parameters:
        if parameter["in"] != "query" or parameter["name"] not in args:
            continue
        values = args.getlist(parameter["name"])
        schema = parameter["schema"]
        if schema.get("type") == "array":
            parts = [part for value in values for part in value.split(",")]
            reason = next(filter(None, (_reason(part, schema["items"]) for part in parts)), None)
        elif len(values) > 1:
            reason = "must be given once"
        else:
            reason = _reason(values[0], schema)
        if reason:
            invalid.append({"name": parameter["name"], "reason": reason})
    return invalid


def _reason(value: str, schema: dict) -> str | None:
    if "enum" in schema:
        allowed = [str(v) for v in schema["enum"]]
        return None if value in allowed else "must be one of: " + ", ".join(allowed)
    if schema.get("type") == "integer":
        return _integer_reason(value, schema.get("minimum"), schema.get("maximum"))
    if schema.get("format") == "date" and not _is_date(value):
        return "must be a date, YYYY-MM-DD"
    if "pattern" in schema and not _matches(schema["pattern"], value):
        return f"must match {schema['pattern']}"
    return None


def _integer_reason(value: str, low: int | None, high: int | None) -> str | None:
    # Only ASCII digits: int() would also take " 7", "+7", "7_0" and other scripts' digits.
    if not _INTEGER.fullmatch(value):
        return "must be an integer" + _bounds(low, high)
    number = int(value) if len(value) <= 30 else (-1 if value.startswith("-") else 1) * 10**30
    if (low is not None and number < low) or (high is not None and number > high):
        return "must be an integer" + _bounds(low, high)
    return None


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" of at least {low}"
    if high is not None:
        return f" of at most {high}"
    return ""


def _is_date(value: str) -> bool:
    # Python also reads "20270320" and "2027-W12-6" as dates; the description says full-date.
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _matches(pattern: str, value: str) -> bool:
    # JSON Schema patterns are ECMA-262: a final "$" is the very end, not before a newline.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.search(pattern, value) is not None
