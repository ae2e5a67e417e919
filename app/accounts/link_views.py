"""Signing up, the forgotten password, and the pages the mails' links open.

A link's page (GET) only shows what it will do: mail scanners that open links must not
use them up. The form on it (POST) does it, once. The answers to sign-up and forgotten
password are the same page whether the address has an account or not.
"""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.accounts import claims, services
from app.accounts.blueprint import bp, limited, link_problem, no_store, per_mailbox, rules_on
from app.accounts.forms import AcceptInvitationForm, EmailForm, NewPasswordForm, SignupForm
from app.accounts.models import TokenPurpose
from app.accounts.tokens import find
from app.auth.forms import ConfirmForm
from app.auth.models import Role
from app.auth.services import start_session
from app.core.rules import RuleViolations, Violation
from app.extensions import db


def _home_of(user) -> str:
    """Where a person lands after signing in from a link: a registrant on its request."""
    return url_for("accounts.claim_home") if user.role == Role.REGISTRANT else url_for("accounts.account")


# -- signing up -------------------------------------------------------------------------


@bp.route("/inscription", methods=["GET", "POST"])
@limited("SIGNUP_RATE_LIMIT")
@per_mailbox()
def sign_up():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.account"))
    form = SignupForm()
    if form.validate_on_submit():
        with rules_on(form):
            try:
                services.sign_up(email=form.email.data, name=form.name.data, password=form.password.data,
                                 language=g.get("locale", "fr"))
                db.session.commit()
            except IntegrityError:
                # The same address signed up at the same second: that one got the mail.
                db.session.rollback()
            return redirect(url_for("accounts.signup_sent"))
    return render_template("accounts/signup.html", form=form)


@bp.route("/inscription/message-envoye")
def signup_sent():
    return render_template("accounts/mail_sent.html", heading=_("Confirmez votre adresse électronique"),
                           text=_("Nous avons envoyé un message à l'adresse indiquée. Suivez le lien qu'il "
                                  "contient pour confirmer votre adresse, puis connectez-vous pour "
                                  "rattacher votre compte à un acteur de l'annuaire. Rien reçu ? Vérifiez "
                                  "le courrier indésirable ; le lien reste valable 2 jours."))


@bp.route("/inscription/confirmer/<secret>", methods=["GET", "POST"])
def confirm_signup(secret: str):
    try:
        user = find(secret, TokenPurpose.SIGNUP).user
    except RuleViolations as exc:
        return link_problem(exc.violations, again=url_for("accounts.claim_home"))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            user = services.confirm_signup(secret)
        except RuleViolations as exc:
            db.session.rollback()
            return link_problem(exc.violations, again=url_for("accounts.claim_home"))
        db.session.commit()
        flash(_("Votre adresse électronique est confirmée."), "success")
        if current_user.is_authenticated and current_user.id == user.id:
            return redirect(url_for("accounts.claim_home"))
        return redirect(url_for("auth.login", next=url_for("accounts.claim_home")))
    return no_store(render_template("accounts/confirm_link.html", form=form, heading=_("Confirmer votre adresse"),
                                    text=_("Confirmez que l'adresse %(email)s est bien la vôtre.", email=user.email),
                                    button=_("Confirmer mon adresse")))


# -- forgotten password -----------------------------------------------------------------


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@limited("RESET_RATE_LIMIT")
@per_mailbox()
def forgot_password():
    form = EmailForm()
    if form.validate_on_submit():
        services.request_reset(form.email.data)
        db.session.commit()
        return redirect(url_for("accounts.reset_sent"))
    return render_template("accounts/form_page.html", form=form, heading=_("Mot de passe oublié"),
                           intro=_("Indiquez l'adresse électronique de votre compte : nous y envoyons un lien "
                                   "pour choisir un nouveau mot de passe."), submit=_("Recevoir un lien"))


@bp.route("/mot-de-passe-oublie/message-envoye")
def reset_sent():
    return render_template("accounts/mail_sent.html", heading=_("Consultez votre messagerie"),
                           text=_("Si un compte actif utilise l'adresse indiquée, nous venons de lui envoyer "
                                  "un lien pour choisir un nouveau mot de passe. Le lien est valable 2 heures "
                                  "et ne sert qu'une fois. Rien reçu ? Vérifiez le courrier indésirable et "
                                  "l'adresse saisie."))


@bp.route("/nouveau-mot-de-passe/<secret>", methods=["GET", "POST"])
def reset_password(secret: str):
    again = url_for("accounts.forgot_password")
    try:
        services.check_reset_link(secret)
    except RuleViolations as exc:
        return link_problem(exc.violations, again=again)
    form = NewPasswordForm()
    if form.validate_on_submit():
        with rules_on(form):
            user = services.reset_password(secret, form.password.data)
            db.session.commit()
            start_session(user)
            flash(_("Votre nouveau mot de passe est enregistré. Vos autres sessions sont fermées."), "success")
            return redirect(_home_of(user))
    return no_store(render_template("accounts/form_page.html", form=form, heading=_("Choisir un nouveau mot de passe"),
                                    intro=_("Toutes les sessions ouvertes de votre compte seront fermées.")))


# -- invitations and new addresses ------------------------------------------------------


@bp.route("/invitation/<secret>", methods=["GET", "POST"])
def accept_invitation(secret: str):
    try:
        token = find(secret, TokenPurpose.INVITATION)
        if not token.user.active:
            return link_problem([Violation("account_inactive")])
    except RuleViolations as exc:
        return link_problem(exc.violations)
    user = token.user
    form = AcceptInvitationForm(obj=user)
    if form.validate_on_submit():
        with rules_on(form):
            user = services.accept_invitation(secret, name=form.name.data, password=form.password.data)
            db.session.commit()
            start_session(user)
            flash(_("Bienvenue ! Votre compte est prêt."), "success")
            return redirect(_home_of(user))
    return no_store(render_template("accounts/accept_invitation.html", form=form, invited=user))


@bp.route("/adresse/confirmer/<secret>", methods=["GET", "POST"])
def confirm_email_change(secret: str):
    try:
        token = services.check_email_change_link(secret)
    except RuleViolations as exc:
        return link_problem(exc.violations)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            user = services.confirm_email_change(secret)
            db.session.commit()
        except (RuleViolations, IntegrityError) as exc:
            db.session.rollback()
            violations = getattr(exc, "violations", None) or [Violation("email_taken", "email")]
            return link_problem(violations)
        flash(_("Votre adresse électronique est maintenant %(email)s.", email=user.email), "success")
        if current_user.is_authenticated and current_user.id == user.id:
            return redirect(url_for("accounts.account"))
        return redirect(url_for("auth.login"))
    return no_store(render_template("accounts/confirm_link.html", form=form, heading=_("Confirmer votre nouvelle adresse"),
                                    text=_("Votre compte utilisera désormais l'adresse %(email)s.", email=token.email),
                                    button=_("Confirmer la nouvelle adresse")))


# -- a claim confirmed by the actor's own mailbox ---------------------------------------


@bp.route("/rattachement/confirmer/<secret>", methods=["GET", "POST"])
def confirm_claim(secret: str):
    try:
        token = claims.check_confirmation_link(secret)
    except RuleViolations as exc:
        return link_problem(exc.violations)
    claim = token.claim
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            claims.confirm_by_mail(secret)
        except RuleViolations as exc:
            db.session.rollback()
            return link_problem(exc.violations)
        db.session.commit()
        return no_store(render_template("accounts/mail_sent.html", heading=_("Merci"),
                                        text=_("%(name)s peut désormais gérer la fiche « %(actor)s » sur le portail.",
                                               name=claim.user.name, actor=claim.actor_name)))
    return no_store(render_template("accounts/confirm_claim.html", form=form, claim=claim))
