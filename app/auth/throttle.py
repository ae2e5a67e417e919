"""Sign-in attempts counted per account and per client address.

The counts live in the limiter's storage (``RATELIMIT_STORAGE_URI``): Redis shares them
between workers and servers, the in-memory default is for a single process. The client
address is the one the trusted proxies report (``PORTAL_TRUSTED_PROXIES``, read by
werkzeug's ProxyFix); with no trusted proxy, X-Forwarded-For is ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time

from flask import current_app, request

from app.auth.services import normalise_email
from app.extensions import limiter


def client_address() -> str:
    return "address:" + (request.remote_addr or "unknown")


def _email() -> str:
    return normalise_email(request.form.get("email", ""))


def account() -> str:
    """The account an attempt is for (the form's ``email``), as counted."""
    return address_key(_email())


def address_key(email: str) -> str:
    """An address as counted: a keyed hash, so the storage holds no e-mail address."""
    secret = current_app.config["SECRET_KEY"]
    secret = secret.encode() if isinstance(secret, str) else secret
    return "account:" + hmac.new(secret, normalise_email(email).encode(), hashlib.sha256).hexdigest()[:32]


def no_account() -> bool:
    """A form without an address is refused anyway, and must not fill a shared bucket."""
    return not _email()


def seconds_to_wait() -> int:
    """How long the limit just hit still holds (for Retry-After and the page's words)."""
    limit = limiter.current_limit
    if not limit:
        return 60
    # reset_at rounds up: never say longer than the window itself.
    return max(1, min(math.ceil(limit.reset_at - time.time()), limit.limit.get_expiry()))
