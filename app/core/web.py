"""What every page shares: security headers, errors, template helpers, the current user."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlencode

from flask import Flask, g, make_response, render_template, request
from flask_babel import format_date, format_datetime, get_locale, to_user_timezone
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from app.auth import permissions
from app.core.audit import change_excerpt
from app.core.text import safe_html
from app.extensions import db, login_manager

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


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
    # The day shown is the reader's (Europe/Paris), not the stored UTC one.
    shown = to_user_timezone(value) if time else value
    locale = get_locale()  # follows force_locale (the English subtitles of the index)
    if shown.day == 1 and (locale is None or locale.language == "fr"):
        fmt = _first_as_ordinal(fmt)
    return format_datetime(value, fmt) if time else format_date(value, fmt)


def euros(cents: int | None) -> str:
    if cents is None:
        return ""
    from flask_babel import format_currency

    value = cents / 100
    # Whole euros without decimals, the symbol where each language puts it.
    whole = "¤#,##0" if current_locale() == "en" else "#,##0\u00a0¤"
    return format_currency(value, "EUR", format=whole if cents % 100 == 0 else None,
                           currency_digits=cents % 100 != 0)


def init_app(app: Flask) -> None:
    from app.auth.models import User

    @login_manager.user_loader
    def load_user(user_id: str):
        user = db.session.get(User, int(user_id))
        return user if user and user.active else None

    login_manager.login_view = "auth.login"
    login_manager.login_message = None

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=()"
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        if current_user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
        return response

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, _error_page)

    @app.context_processor
    def helpers():
        return {
            "can": permissions,
            "lang_url": lang_url,
            "page_url": page_url,
            "today": date.today(),
        }

    app.jinja_env.filters["euros"] = euros
    app.jinja_env.filters["day"] = format_day
    # The default pattern is translated (a CLDR pattern: keep the letters, translate the quoted word).
    app.jinja_env.filters["moment"] = lambda d, fmt=None: format_day(d, fmt or _("d MMMM yyyy 'à' HH:mm"), time=True)
    app.jinja_env.filters["html"] = safe_html
    app.jinja_env.filters["change_excerpt"] = change_excerpt
    app.jinja_env.filters["snippet"] = lambda s: Markup(s)  # built escaped by the search backend
    app.jinja_env.globals["isinstance"] = isinstance
    app.jinja_env.globals["datetime"] = datetime


class IdConverter(IntegerConverter):
    """``<int:...>``: every integer in our URLs is a database id, an INTEGER (PostgreSQL's
    32 bits). Beyond it no record exists: Werkzeug answers 404 before the database fails."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    if code == 500:
        db.session.rollback()
    if request.path.startswith("/api/"):
        from app.api.problems import from_http_error

        response = from_http_error(error)
    else:
        response = make_response(_error_html(code), code)
    # Werkzeug's own headers (Allow on a 405, Retry-After...) stay on the page that replaces its own.
    if isinstance(error, HTTPException):
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
    return response


def _error_html(code: int) -> str:
    titles = {
        400: _("Requête incorrecte"),
        403: _("Accès refusé"),
        404: _("Page introuvable"),
        405: _("Méthode non autorisée"),
        413: _("Fichier trop volumineux"),
        429: _("Trop de tentatives"),
        500: _("Erreur du serveur"),
    }
    return render_template("error.html", code=code, title=titles.get(code, _("Erreur")))


def lang_url(lang: str) -> str:
    """The current page in another language."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    return request.path + "?" + urlencode(args, doseq=True)


def page_url(**changes) -> str:
    """The current URL with some query arguments changed (None removes one)."""
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value if isinstance(value, list) else [value]
    query = urlencode(args, doseq=True)
    return request.path + ("?" + query if query else "")


def current_locale() -> str:
    return getattr(g, "locale", "fr")
