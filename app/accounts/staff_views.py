"""Managing the members' accounts: the coordinator's list of users (filters, deactivate,
reactivate, change an officer's member, send an invitation again), and the invitation
page, where an officer invites colleagues for its own member only."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import permissions as perm
from app.accounts import queries, services
from app.accounts.blueprint import bp, limited, me, per_mailbox, rules_on
from app.accounts.forms import ChangeMemberForm, InvitationForm, add_violations
from app.accounts.messages import message
from app.auth import throttle
from app.auth.forms import ConfirmForm
from app.auth.models import Role, User
from app.auth.permissions import require
from app.core.pagination import paginate
from app.core.rules import RuleViolations, Violation
from app.core.wording import of_name
from app.extensions import db
from app.network.models import Member, MemberStatus


def _member_choices(members: list[Member]) -> list[tuple[str, str]]:
    return [(m.code, m.name) for m in members]


@bp.route("/comptes/")
@login_required
def users():
    require(perm.can_manage_users(current_user))
    members = queries.members()
    filters = queries.UserFilters.from_args(request.args, [m.code for m in members])
    page = paginate(queries.users_query(filters), request.args, default_per_page=50)
    return render_template("accounts/users.html", page=page, filters=filters, members=members, roles=Role,
                           pending_claims=len(queries.claims()))


@bp.route("/comptes/inviter", methods=["GET", "POST"])
@login_required
@limited("INVITE_RATE_LIMIT")
@per_mailbox()
def invite():
    require(perm.can_invite_staff(current_user))
    members = [m for m in queries.members() if m.status == MemberStatus.ACTIVE
               and perm.can_invite_for_member(current_user, m)]
    roles = [r for r in (Role.OFFICER, Role.COORDINATOR) if perm.can_invite_as(current_user, r)]
    form = InvitationForm(member=current_user.member.code if current_user.member else None)
    form.member.choices = _member_choices(members)
    form.role.choices = [(r.value, r.title) for r in roles]
    if form.validate_on_submit():
        member = db.session.scalar(sa.select(Member).where(Member.code == form.member.data))
        role = Role(form.role.data) if form.role.data in (Role.OFFICER, Role.COORDINATOR) else None
        if member is None or role is None:
            add_violations(form, [Violation("member_unknown" if member is None else "role_not_allowed",
                                            "member" if member is None else "role")])
        else:
            # Another member's code, or a role above one's own, typed into the page: refused.
            require(perm.can_invite_for_member(current_user, member) and perm.can_invite_as(current_user, role))
            with rules_on(form):
                user = services.invite(me(), email=form.email.data, name=form.name.data, role=role,
                                       member=member)
                db.session.commit()
                flash(_("Invitation envoyée à %(email)s (%(member)s).", email=user.email, member=member.name),
                      "success")
                if perm.can_manage_users(current_user):
                    return redirect(url_for("accounts.users"))
                return redirect(url_for("accounts.invite"))
    intro = (_("La personne reçoit un message avec un lien, valable 7 jours, pour choisir son mot de passe.")
             + " " + (_("Vous pouvez inviter des agents de toute collectivité membre active.")
                      if perm.can_manage_users(current_user)
                      else _("Vous pouvez inviter des collègues de votre collectivité.")))
    back = (url_for("accounts.users"), _("Comptes")) if perm.can_manage_users(current_user) \
        else (url_for("accounts.account"), _("Mon compte"))
    return render_template("accounts/form_page.html", form=form, heading=_("Inviter un agent"), intro=intro,
                           back=back, submit=_("Envoyer l'invitation"))


def _target(user_id: int) -> User:
    return db.get_or_404(User, user_id)


def _back() -> str:
    return url_for("accounts.users", **queries.UserFilters.from_args(
        request.args, [m.code for m in queries.members()]).as_args())


@bp.route("/comptes/<int:user_id>/desactiver", methods=["POST"])
@bp.route("/comptes/<int:user_id>/reactiver", methods=["POST"], endpoint="reactivate")
@login_required
def deactivate(user_id: int):
    target = _target(user_id)
    require(perm.can_set_active(current_user, target))
    active = request.endpoint == "accounts.reactivate"
    if ConfirmForm().validate_on_submit():
        try:
            changed = services.set_active(me(), target, active)
        except RuleViolations as exc:
            db.session.rollback()
            flash(message(exc.violations[0]), "error")
        else:
            db.session.commit()
            if changed:
                flash(_("Le compte de %(name)s est réactivé.", name=target.name) if active
                      else _("Le compte de %(name)s est désactivé : ses sessions sont fermées.", name=target.name),
                      "success")
    return redirect(_back())


@bp.route("/comptes/<int:user_id>/collectivite", methods=["GET", "POST"])
@login_required
def change_member(user_id: int):
    target = _target(user_id)
    require(perm.can_change_member(current_user, target))
    form = ChangeMemberForm(member=target.member.code if target.member else None)
    form.member.choices = _member_choices([m for m in queries.members() if m.status == MemberStatus.ACTIVE])
    if form.validate_on_submit():
        member = db.session.scalar(sa.select(Member).where(Member.code == form.member.data))
        if member is None:
            add_violations(form, [Violation("member_unknown", "member")])
        else:
            with rules_on(form):
                changes = services.change_member(me(), target, member)
                db.session.commit()
                flash(_("%(name)s est maintenant agent %(of_member)s.", name=target.name, of_member=of_name(member.name, g.locale))
                      if changes else _("Aucune modification."), "success")
                return redirect(url_for("accounts.users"))
    return render_template("accounts/form_page.html", form=form,
                           heading=_("Changer la collectivité de %(name)s", name=target.name),
                           intro=_("%(name)s (%(email)s) agira pour la collectivité choisie : ses dispositifs, "
                                   "ses événements, ses candidatures.", name=target.name, email=target.email),
                           back=(url_for("accounts.users"), _("Comptes")), cancel=url_for("accounts.users"))


def _target_address() -> str:
    user = db.session.get(User, request.view_args.get("user_id", 0))
    return throttle.address_key(user.email if user else "")


@bp.route("/comptes/<int:user_id>/invitation", methods=["POST"])
@login_required
@limited("INVITE_RATE_LIMIT")
@per_mailbox(key_func=_target_address, exempt_when=None)
def resend_invitation(user_id: int):
    target = _target(user_id)
    require(perm.can_manage_users(current_user))
    if ConfirmForm().validate_on_submit():
        try:
            services.resend_invitation(me(), target)
        except RuleViolations as exc:
            db.session.rollback()
            flash(message(exc.violations[0]), "error")
        else:
            db.session.commit()
            flash(_("Une nouvelle invitation est envoyée à %(email)s.", email=target.email), "success")
    return redirect(_back())
