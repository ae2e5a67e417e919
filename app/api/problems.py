"""Errors of the API as RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

from flask import Response, jsonify, url_for
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"


def problem(status: int, title: str, detail: str, *, type_: str = "about:blank", **members) -> Response:
    # "error" repeats the title: version 1.0 answered {"error", "status"} and clients may read it.
    response = jsonify({"type": type_, "title": title, "status": status, "detail": detail, **members,
                        "error": title})
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    return response


def from_http_error(error: HTTPException | Exception) -> Response:
    """A problem for an HTTP error (404, 405...): its reason phrase and Werkzeug's explanation."""
    status = getattr(error, "code", None) or 500
    title = getattr(error, "name", None) or "Internal Server Error"
    detail = getattr(error, "description", None) or title
    return problem(status, title, detail)


def invalid_params(invalid: list[dict]) -> Response:
    """400: the query parameters whose values the description does not allow, each with why."""
    detail = "; ".join(f"{p['name']} {p['reason']}" for p in invalid)
    # The type names the documented response, which says what the extra member holds.
    type_ = url_for("api.openapi_json", _external=True) + "#/components/responses/InvalidParameters"
    return problem(400, "Invalid query parameters", detail + ".", type_=type_, invalid_params=invalid)
