"""Sign in and sign out (one's own account and its settings: app.accounts)."""

from __future__ import annotations

import math

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from app.auth import services, throttle
from app.auth.forms import ConfirmForm, LoginForm
from app.core.db import utcnow
from app.extensions import db, limiter

bp = Blueprint("auth", __name__)


def _next_or_home(target: str | None) -> str:
    return services.safe_next(target) or url_for("main.home")


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"],
               key_func=throttle.client_address, scope="address")
@limiter.limit(lambda: current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"], methods=["POST"],
               key_func=throttle.account, exempt_when=throttle.no_account, scope="account")
def login():
    if current_user.is_authenticated:
        return redirect(_next_or_home(request.args.get("next")))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            services.start_session(user)
            user.last_login_at = utcnow()
            db.session.commit()
            flash(_("Vous êtes connecté·e."), "success")
            return redirect(_next_or_home(form.next.data))
        # Same message whether the address exists or not.
        form.password.errors.append(_("Adresse électronique ou mot de passe incorrect."))
    return render_template("auth/login.html", form=form)


@bp.errorhandler(429)
def too_many_attempts(error):
    wait = throttle.seconds_to_wait()
    page = render_template("auth/too_many_attempts.html", minutes=math.ceil(wait / 60))
    return page, 429, {"Retry-After": str(wait)}


@bp.route("/deconnexion", methods=["POST"])
def logout():
    form = ConfirmForm()
    if form.validate_on_submit():
        # Ends the session on the server too: a copy of the cookie is worth nothing now
        # (nor are the account's other sessions, on other devices).
        if current_user.is_authenticated:
            current_user.end_sessions()
            db.session.commit()
        logout_user()
        flash(_("Vous êtes déconnecté·e."), "success")
    return redirect(url_for("main.home"))
