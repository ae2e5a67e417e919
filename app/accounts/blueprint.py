"""The accounts' blueprint, shared by its view modules, with what they have in common:
the limits on forms that send mail, the page for a link that no longer works, and the
page for too many requests."""

from __future__ import annotations

import math
from contextlib import contextmanager

from flask import Blueprint, current_app, make_response, render_template
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.accounts.forms import add_violations
from app.accounts.messages import message
from app.auth import throttle
from app.core.rules import RuleViolations, Violation
from app.extensions import db, limiter

bp = Blueprint("accounts", __name__)


def me():
    """The signed-in account itself (services audit the object, not Flask-Login's proxy)."""
    return current_user._get_current_object()


def limited(config_key: str):
    """Per client address, for one form (POST only)."""
    return limiter.limit(lambda: current_app.config[config_key], methods=["POST"],
                         key_func=throttle.client_address, scope="address")


def per_mailbox(key_func=throttle.account, exempt_when=throttle.no_account):
    """Mails to one address, counted together whichever form asks for them."""
    return limiter.shared_limit(lambda: current_app.config["MAIL_ADDRESS_RATE_LIMIT"], scope="mailbox",
                                methods=["POST"], key_func=key_func, exempt_when=exempt_when)


@bp.errorhandler(429)
def too_many_requests(error):
    wait = throttle.seconds_to_wait()
    page = render_template("accounts/too_many_requests.html", minutes=math.ceil(wait / 60))
    return page, 429, {"Retry-After": str(wait)}


LINK_STATUS = {"link_invalid": 404, "link_used": 410, "link_expired": 410}


def link_problem(violations: list[Violation], *, again: str | None = None):
    """The page for a link that does not work (malformed, unknown, used, expired, or whose
    account is gone), saying which, with the way to get a new one."""
    first = violations[0]
    status = LINK_STATUS.get(first.code, 409)
    page = render_template("accounts/link_problem.html", message=message(first), code=first.code, again=again)
    return page, status, {"Cache-Control": "no-store"}


def no_store(page: str):
    """Pages reached by a secret link: kept in no cache."""
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


EMAIL_TAKEN = Violation("email_taken", "email")


@contextmanager
def rules_on(form, on_conflict: Violation = EMAIL_TAKEN):
    """Rule violations as messages on the form, and ``on_conflict`` for a unique
    constraint met at the same second by someone else (the check before it passed);
    the transaction is rolled back: nothing changed."""
    try:
        yield
    except RuleViolations as exc:
        db.session.rollback()
        add_violations(form, exc.violations)
    except IntegrityError:
        db.session.rollback()
        add_violations(form, [on_conflict])
