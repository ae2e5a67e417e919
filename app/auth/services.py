"""Signing in and out: what an attacker probes (timing, stolen cookies, redirects).

Like every service, these functions change the session's objects and flush at most;
the view commits.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None.

    Browsers drop tabs and newlines from URLs, read a backslash as a slash and
    ``//host`` as another site: rather than guess what a browser would make of such
    a value, refuse it. Percent-decoded forms are checked too, for whatever decodes
    the address once more on the way.
    """
    if not target or len(target) > 2048:
        return None
    layer = target
    for _ in range(3):
        if not _is_local_path(layer):
            return None
        decoded = unquote(layer)
        if decoded == layer:
            break
        layer = decoded
    else:
        return None  # encoded over and over: no link of ours looks like that
    if any(ch.isspace() for ch in target):
        return None
    # Rebuilt from its parts, without scheme or host whatever the parser made of it.
    parts = urlsplit(target)
    rebuilt = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    return rebuilt if _is_local_path(rebuilt) else None


def _is_local_path(value: str) -> bool:
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in value):
        return False
    if not value.startswith("/") or value.startswith("//"):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc
