"""Sign in, sign out, and one's own account (RGPD: export and deletion)."""

from __future__ import annotations

import math
import time

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    json,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import services, throttle
from app.auth.forms import ConfirmForm, DeleteAccountForm, LoginForm
from app.auth.models import User
from app.core.audit import AuditEntry
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
            _start_session(user)
            user.last_login_at = utcnow()
            db.session.commit()
            flash(_("Vous êtes connecté·e."), "success")
            return redirect(_next_or_home(form.next.data))
        # Same message whether the address exists or not.
        form.password.errors.append(_("Adresse électronique ou mot de passe incorrect."))
    return render_template("auth/login.html", form=form)


def _start_session(user: User) -> None:
    """A new session for a new sign-in: nothing of the anonymous one is kept (its CSRF
    token above all, which a page seen before signing in may have leaked), but the
    reader's language."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user)


@bp.errorhandler(429)
def too_many_attempts(error):
    limit = limiter.current_limit
    wait = 60
    if limit:  # reset_at rounds up: never say longer than the window itself
        wait = max(1, min(math.ceil(limit.reset_at - time.time()), limit.limit.get_expiry()))
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


@bp.route("/compte")
@login_required
def account():
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.user_id == current_user.id)
        .order_by(AuditEntry.created_at.desc()).limit(20)
    ).all()
    return render_template("auth/account.html", entries=entries, delete_form=DeleteAccountForm())


@bp.route("/compte/export.json")
@login_required
def export():
    user = current_user
    data = {
        "email": user.email,
        "name": user.name,
        "role": user.role.value,
        "member": user.member.name if user.member else None,
        "actor": user.actor.name if user.actor else None,
        "created_at": user.created_at.isoformat(),
        "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
        "actions": [
            {"at": e.created_at.isoformat(), "action": e.action, "object": e.object_label}
            for e in db.session.scalars(
                sa.select(AuditEntry).where(AuditEntry.user_id == user.id).order_by(AuditEntry.id)
            )
        ],
    }
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=mes-donnees.json"},
    )


@bp.route("/compte/supprimer", methods=["POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit() and current_user.check_password(form.password.data):
        user = db.session.get(User, current_user.id)
        logout_user()
        # The audit trail keeps what was done, not who did it.
        db.session.execute(
            sa.update(AuditEntry).where(AuditEntry.user_id == user.id).values(user_id=None)
        )
        db.session.delete(user)
        db.session.commit()
        flash(_("Votre compte et vos données personnelles ont été supprimés."), "success")
        return redirect(url_for("main.home"))
    flash(_("Mot de passe incorrect : votre compte n'a pas été supprimé."), "error")
    return redirect(url_for("auth.account"))
