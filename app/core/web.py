"""What every page shares: security headers, errors, template helpers, the current user."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlencode

from babel.numbers import format_decimal, format_percent
from flask import Flask, g, make_response, render_template, request
from flask_babel import get_locale, to_user_timezone
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from app.core.audit import change_excerpt
from app.core.dates import format_day
from app.core.money import format_euros
from app.core.text import safe_html
from app.core.wording import clock, of_name, the_name, to_name
from app.extensions import db

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class Permissions:
    """Every feature's rights in one namespace for templates: ``can.can_edit_scheme(user, s)``.

    Each feature registers its ``permissions`` module (:func:`register_permissions`).
    """

    def __init__(self) -> None:
        self._modules: list = []

    def add(self, module) -> None:
        if module not in self._modules:
            self._modules.append(module)

    def __getattr__(self, name: str):
        for module in self._modules:
            if hasattr(module, name):
                return getattr(module, name)
        raise AttributeError(name)


def register_permissions(app: Flask, module) -> None:
    app.extensions.setdefault("permissions", Permissions()).add(module)


def euros(cents: int | None) -> str:
    return format_euros(cents, current_locale())


def clock_time(value) -> str:
    """« 9 h 30 » in French, "9:30 am" in English, in Paris time for a moment."""
    if isinstance(value, str) and value:  # kept as ISO text (a queued mail's context is JSON)
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = to_user_timezone(value)
    return clock(value, current_locale())


def lang_fr(english: str | None = None) -> Markup | str:
    """Records are written in French: on an English page their titles and texts say so
    (RGAA 8.7), ``<h1{{ lang_fr() }}>``. A global, so that imported macros have it too.
    A record with an English version passes it: ``lang_fr(call.title_en)`` says nothing
    when there is one (the page shows it), ``lang="fr"`` when the French stands in."""
    if english is not None and english.strip():
        return ""
    return Markup(' lang="fr"') if current_locale() == "en" else ""


def number(value) -> str:
    """A decimal number as the reader writes it: « 3,5 », « 3 » in French, "3.5" in English."""
    if value is None or value == "":
        return ""
    return format_decimal(value, format="#,##0.##", locale=current_locale())


def percent(value) -> str:
    """A share out of 100 with one decimal as the reader writes it: « 6,7 % » (narrow
    no-break space) in French, "6.7%" in English."""
    if value is None or value == "":
        return ""
    share = Decimal(str(round(float(value), 1))) / 100
    return format_percent(share, locale=current_locale(), decimal_quantization=False)


def moment(value, fmt: str | None = None) -> str:
    """A date and a time: « 8 décembre 2026 à 9 h 30 »; or the CLDR pattern given."""
    if isinstance(value, str) and value:  # kept as ISO text (a queued mail's context is JSON)
        try:
            value = datetime.fromisoformat(value)
        except ValueError:  # already written out (mail queued by an earlier version)
            return value
    if fmt:
        return format_day(value, fmt, time=True)
    if not value:
        return ""
    return _("%(day)s à %(time)s", day=format_day(value, "d MMMM yyyy", time=True), time=clock_time(value))


def within_quotes(text: str | None) -> str:
    """A title put between the sentence's own quotation marks: its « » become the inner
    pair, “ ” in French and ‘ ’ in English (« l'appel « Appel … « Solidarité » 2027 » »
    reads « l'appel « Appel … “Solidarité” 2027 » »)."""
    if not text or "«" not in text:
        return text or ""
    opening, closing = ("“", "”") if current_locale() == "fr" else ("‘", "’")
    return re.sub(r"«\s*", opening, re.sub(r"\s*»", closing, text))


def paris_moment(value) -> str:
    """« 31 mars 2027 à 12 h (heure de Paris) »: a moment with its time zone said."""
    if not value:
        return ""
    return _("%(moment)s (heure de Paris)", moment=moment(value))


def init_app(app: Flask) -> None:
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
            "can": app.extensions.setdefault("permissions", Permissions()),
            "lang_url": lang_url,
            "page_url": page_url,
            "today": date.today(),
        }

    app.jinja_env.filters["euros"] = euros
    app.jinja_env.filters["day"] = format_day
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.filters["moment"] = moment
    app.jinja_env.filters["clock"] = clock_time
    # Names of institutions with their article: « par le Département », « auprès du Département ».
    app.jinja_env.filters["the"] = lambda name: the_name(name, current_locale())
    # « La Région invite… »: a name with its article opening a sentence.
    app.jinja_env.filters["sentence_start"] = lambda text: (text[:1].upper() + text[1:]) if text else ""
    app.jinja_env.filters["of"] = lambda name: of_name(name, current_locale())
    app.jinja_env.filters["to"] = lambda name: to_name(name, current_locale())
    app.jinja_env.filters["within_quotes"] = within_quotes
    app.jinja_env.filters["html"] = safe_html
    app.jinja_env.filters["change_excerpt"] = change_excerpt
    app.jinja_env.filters["snippet"] = lambda s: Markup(s)  # built escaped by the search backend
    app.jinja_env.globals["lang_fr"] = lang_fr
    app.jinja_env.globals["isinstance"] = isinstance
    app.jinja_env.globals["datetime"] = datetime


class IdConverter(IntegerConverter):
    """``<int:...>``: every integer in our URLs is a database id, an INTEGER (PostgreSQL's
    32 bits). Beyond it no record exists: Werkzeug answers 404 before the database fails."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def register_error_renderer(app: Flask, path_prefix: str, render, code: int | None = None) -> None:
    """Errors under ``path_prefix`` (only ``code``, if given) are answered by
    ``render(error) -> Response`` (the API's problem details, the files' 413 page) instead
    of the HTML error page. The longest matching prefix wins, then the one for the code."""
    app.extensions.setdefault("error_renderers", {})[(path_prefix, code)] = render


def _error_page(error):
    from flask import current_app

    code = getattr(error, "code", 500) or 500
    if code == 500:
        db.session.rollback()
    if "locale" not in g:  # an error raised before the locale was set (a body too large for CSRF)
        g.locale = str(get_locale())
    renderers = current_app.extensions.get("error_renderers", {})
    matching = [(len(prefix), for_code is not None, r) for (prefix, for_code), r in renderers.items()
                if request.path.startswith(prefix) and for_code in (None, code)]
    render = max(matching, key=lambda m: m[:2])[2] if matching else None
    response = render(error) if render else make_response(_error_html(code), code)
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
    """The reader's language: the page's, or the mail's being rendered (``force_locale``)."""
    locale = get_locale()
    return locale.language if locale is not None else getattr(g, "locale", "fr")
