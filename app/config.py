"""Configuration: defaults, then environment variables (never a file in the repository)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database_url(url: str) -> str:
    """Accept the usual ``postgres://`` / ``postgresql://`` URLs and use psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _secret_key(instance_path: Path) -> str:
    """SECRET_KEY from the environment, else one generated once per installation.

    Keeping the generated key in the instance folder lets several gunicorn workers
    (and restarts) share it, without a well-known default key ever signing a session.
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _count(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ValueError(f"{name} must be a whole number, 0 or more (got {value!r})")
    return number


def _flag(name: str, value: str) -> bool:
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("", "0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be 1 or 0 (got {value!r})")


def from_environment(instance_path: Path) -> dict:
    env = os.environ
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(
            env.get("DATABASE_URL", f"sqlite:///{instance_path / 'portal.db'}")
        ),
        "SEARCH_INDEX_DIR": env.get("SEARCH_INDEX_DIR", str(ROOT / "search_index")),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # How many reverse proxies in front of the portal append to X-Forwarded-For: the
        # client's address is read that many entries from the right (0: the header is ignored).
        "PORTAL_TRUSTED_PROXIES": _count("PORTAL_TRUSTED_PROXIES", env.get("PORTAL_TRUSTED_PROXIES", "0")),
        "SESSION_COOKIE_SECURE": env.get("PORTAL_SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_SECURE": env.get("PORTAL_SECURE_COOKIES", "0") == "1",
        "PORTAL_BASE_URL": env.get("PORTAL_BASE_URL", ""),
        "PORTAL_CONTACT_EMAIL": env.get("PORTAL_CONTACT_EMAIL", ""),
        # Mail: an SMTP server when MAIL_SERVER is set, else mails are printed (make run).
        "MAIL_SERVER": env.get("MAIL_SERVER", ""),
        "MAIL_PORT": _count("MAIL_PORT", env.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", env.get("MAIL_USE_TLS", "0")),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL", env.get("MAIL_USE_SSL", "0")),
        "MAIL_USERNAME": env.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD", ""),
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER", "ne-pas-repondre@localhost"),
        "MAIL_MAX_ATTEMPTS": max(1, _count("MAIL_MAX_ATTEMPTS", env.get("MAIL_MAX_ATTEMPTS", "6"))),
        # Attachments: outside static/, never served but through app.files.serving.
        "FILES_DIR": env.get("FILES_DIR", str(instance_path / "files")),
        "FILES_MAX_BYTES": _count("FILES_MAX_BYTES", env.get("FILES_MAX_BYTES", str(10 * 1024 * 1024))),
        "FILES_MAX_SET_BYTES": _count("FILES_MAX_SET_BYTES",
                                      env.get("FILES_MAX_SET_BYTES", str(30 * 1024 * 1024))),
        # clamd's socket (/run/clamav/clamd.ctl) or tcp://host:3310; empty: files are "not scanned".
        "CLAMD_SOCKET": env.get("CLAMD_SOCKET", ""),
    }


DEFAULTS = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "BABEL_DEFAULT_LOCALE": "fr",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
    "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
    "LANGUAGES": ("fr", "en"),
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    # MAX_CONTENT_LENGTH (a request's body) follows FILES_MAX_BYTES unless set (app.files).
    # Sign-in attempts (POST), counted per client address and per account.
    "LOGIN_RATE_LIMIT": "10 per minute",
    "LOGIN_ACCOUNT_RATE_LIMIT": "10 per minute; 50 per hour",
    # Forms that send a mail (POST), per client address: sign-up, forgotten password,
    # invitations (an officer may invite a whole team at once).
    "SIGNUP_RATE_LIMIT": "5 per minute; 30 per hour",
    "RESET_RATE_LIMIT": "5 per minute; 30 per hour",
    "INVITE_RATE_LIMIT": "20 per minute; 200 per hour",
    # Mails to one address, whichever form asks for them: nobody floods a mailbox.
    "MAIL_ADDRESS_RATE_LIMIT": "3 per 10 minutes; 10 per day",
    "SEARCH_PER_PAGE": 20,
    "SEARCH_MAX_PER_PAGE": 100,
    # Drain the pending-index table right after each committed write. Tests of the
    # crash window turn it off to leave rows pending on purpose.
    "SEARCH_SYNC_AFTER_COMMIT": True,
    # Rows left pending by a process that died between commit and drain are applied at
    # start-up and then by running workers at most this often (None: start-up only).
    "SEARCH_CATCH_UP_SECONDS": 60,
    "JSON_SORT_KEYS": False,
    # Seconds an SMTP connection may wait on the server before the attempt fails.
    "MAIL_TIMEOUT": 30,
    # Deliver in a background thread after each request that committed mail (else only
    # `flask mail send` does).
    "MAIL_DELIVER_AFTER_REQUEST": True,
    # Scan new attachments in a background thread after the request (else only `flask files scan`).
    "FILES_SCAN_AFTER_REQUEST": True,
    "CLAMD_TIMEOUT": 60,
}
