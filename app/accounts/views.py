"""One's own account: the page, its settings (name, language, address, password,
mails), the export of one's data and the deletion of the account (RGPD)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, flash, json, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from app.accounts import claims, saved_searches, services
from app.accounts.blueprint import bp, me, per_mailbox, rules_on
from app.accounts.forms import (
    DeleteAccountForm,
    EmailChangeForm,
    NotificationsForm,
    PasswordChangeForm,
    ProfileForm,
)
from app.accounts.models import ActorClaim
from app.auth import throttle
from app.auth.forms import ConfirmForm
from app.auth.models import NOTIFICATIONS, User
from app.auth.services import start_session
from app.core.audit import AuditEntry
from app.extensions import db


def _settings_page(form, heading: str, intro: str | None = None):
    return render_template("accounts/form_page.html", form=form, heading=heading, intro=intro,
                           back=(url_for("accounts.account"), _("Mon compte")), cancel=url_for("accounts.account"))


@bp.route("/compte")
@login_required
def account():
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.user_id == current_user.id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(20)
    ).all()
    return render_template("accounts/account.html", entries=entries, delete_form=DeleteAccountForm(),
                           claim=claims.pending_claim(current_user), searches=saved_searches.searches_of(me()),
                           confirm=ConfirmForm())


@bp.route("/compte/profil", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        changes = services.update_profile(me(), name=form.name.data, language=form.language.data)
        db.session.commit()
        session["lang"] = current_user.language
        flash(_("Vos informations sont enregistrées.") if changes else _("Aucune modification."), "success")
        return redirect(url_for("accounts.account"))
    return _settings_page(form, _("Nom et langue"))


@bp.route("/compte/mot-de-passe", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        with rules_on(form):
            services.change_password(me(), current=form.current_password.data, new=form.password.data)
            db.session.commit()
            # The new password ended every session, this one too: a new one for this
            # browser only, the account's other devices stay signed out.
            start_session(me())
            flash(_("Votre mot de passe est changé. Vos autres sessions sont fermées."), "success")
            return redirect(url_for("accounts.account"))
    return _settings_page(form, _("Changer de mot de passe"),
                          intro=_("Vos autres sessions, sur d'autres appareils, seront fermées."))


@bp.route("/compte/adresse", methods=["GET", "POST"])
@login_required
@per_mailbox()
def change_email():
    form = EmailChangeForm()
    if form.validate_on_submit():
        with rules_on(form):
            services.request_email_change(me(), password=form.current_password.data,
                                          new_email=form.email.data)
            db.session.commit()
            flash(_("Un lien de confirmation est envoyé à %(email)s : votre adresse changera quand vous "
                    "l'aurez suivi.", email=services.normalise_email(form.email.data)), "success")
            return redirect(url_for("accounts.account"))
    return _settings_page(form, _("Changer d'adresse électronique"),
                          intro=_("Votre adresse actuelle est %(email)s. Nous envoyons un lien à la "
                                   "nouvelle adresse : elle remplace l'ancienne quand vous l'avez suivi.",
                                   email=current_user.email))


@bp.route("/compte/notifications", methods=["GET", "POST"])
@login_required
def notifications():
    form = NotificationsForm(obj=current_user)
    if form.validate_on_submit():
        services.update_notifications(me(), {name: getattr(form, name).data for name in NOTIFICATIONS})
        db.session.commit()
        flash(_("Vos choix de messages sont enregistrés."), "success")
        return redirect(url_for("accounts.account"))
    return _settings_page(form, _("Messages reçus"),
                          intro=_("Choisissez les messages que le portail vous envoie. Les messages "
                                   "sur votre compte (liens de confirmation, nouveau mot de passe) "
                                   "sont toujours envoyés."))


@bp.route("/compte/confirmation", methods=["POST"])
@login_required
@per_mailbox(key_func=lambda: throttle.address_key(getattr(current_user, "email", "")), exempt_when=None)
def resend_confirmation():
    if ConfirmForm().validate_on_submit() and not current_user.email_confirmed:
        services.send_confirmation(me())
        db.session.commit()
        flash(_("Un nouveau lien de confirmation est envoyé à %(email)s.", email=current_user.email), "success")
    return redirect(url_for("accounts.claim_home"))


@bp.route("/compte/export.json")
@login_required
def export():
    user: User = me()
    data = {
        "email": user.email,
        "name": user.name,
        "role": user.role.value,
        "language": user.language,
        "email_confirmed_at": user.email_confirmed_at.isoformat() if user.email_confirmed_at else None,
        "member": user.member.name if user.member else None,
        "actor": user.actor.name if user.actor else None,
        "notifications": {name: getattr(user, name) for name in NOTIFICATIONS},
        "saved_searches": [{"name": s.name, "query": s.query, "created_at": s.created_at.isoformat()}
                           for s in saved_searches.searches_of(user)],
        "created_at": user.created_at.isoformat(),
        "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
        "requests": [
            {"at": c.created_at.isoformat(), "actor": c.actor_name, "kind": c.kind.value,
             "state": c.state.value, "message": c.message, "reason": c.reason}
            for c in db.session.scalars(sa.select(ActorClaim).where(ActorClaim.user_id == user.id)
                                        .order_by(ActorClaim.id))
        ],
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
        services.delete_account(user)
        db.session.commit()
        flash(_("Votre compte et vos données personnelles ont été supprimés."), "success")
        return redirect(url_for("main.home"))
    flash(_("Mot de passe incorrect : votre compte n'a pas été supprimé."), "error")
    return redirect(url_for("accounts.account"))
