"""Links written into mails: the full address of a page, on the portal's public address."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, url_for


class NoPublicAddress(RuntimeError):
    """A link must be written outside a request (the command line) and PORTAL_BASE_URL
    is not set."""


def external_url(endpoint: str, **values) -> str:
    """The full address of a page, on PORTAL_BASE_URL when set (a portal behind a proxy,
    or the command line), else on the request's own address."""
    base = current_app.config.get("PORTAL_BASE_URL") or ""
    if not base:
        if not has_request_context() and not current_app.config.get("SERVER_NAME"):
            raise NoPublicAddress()
        return url_for(endpoint, _external=True, **values)
    parts = urlsplit(base.rstrip("/"))
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/",
                                       url_scheme=parts.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)
