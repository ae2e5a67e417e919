"""Calls for projects: the list, one call, the officers' forms, co-funders' envelopes."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.actors.models import ActorKind, FundingScheme, PublicationStatus
from app.auth.forms import ConfirmForm
from app.auth.permissions import is_coordinator, is_staff, require
from app.calls import permissions as perm
from app.calls import queries, services
from app.calls.blueprint import bp
from app.calls.forms import CallForm, EnvelopeForm, InviteForm
from app.calls.messages import add_violations, message
from app.calls.models import Attachment, Call, CallEnvelope, CallState, EnvelopeStatus
from app.core import web
from app.core.audit import AuditEntry
from app.core.dates import PARIS
from app.core.forms import form_version, unless_conflict
from app.core.money import amount_text
from app.core.pagination import paginate
from app.core.records import EditConflict
from app.core.rules import RuleViolations
from app.core.web import current_locale
from app.core.wording import to_name
from app.extensions import db
from app.network import queries as network_queries
from app.network.models import Member, MemberStatus, Territory, Theme


@bp.app_template_filter("paris_moment")
def paris_moment(moment: datetime | None) -> str:
    """« 31 mars 2027 à 12 h 00 (heure de Paris) »: the zone is always said."""
    # « à 12 h », « à 9 h 30 »: French as public services write it (app.core.web.moment).
    return web.paris_moment(moment)


def _call_or_404(call_id: int) -> Call:
    call = db.get_or_404(Call, call_id)
    require(perm.can_view_call(current_user, call))
    return call


# -- lists ------------------------------------------------------------------------------------


@bp.route("/appels/")
def index():
    filters = queries.CallFilters.from_args(request.args)
    page = paginate(queries.listing(filters), request.args)
    drafts, invitations = ([], [])
    if is_staff(current_user):
        drafts, invitations = queries.drafts_and_invitations(current_user)
    return render_template("calls/index.html", page=page, filters=filters, drafts=drafts,
                           invitations=invitations, members=network_queries.current_members(),
                           themes=network_queries.themes(), phases=_phase_labels(), now=datetime.now(UTC))


def _phase_labels() -> dict[str, str]:
    return {"ouvert": _("Ouverts"), "a_venir": _("À venir"), "clos": _("Clos")}


# -- one call -----------------------------------------------------------------------------------


@bp.route("/appels/<int:call_id>")
@bp.route("/appels/<int:call_id>-<slug>")
def call(call_id: int, slug: str | None = None):
    call = _call_or_404(call_id)
    if slug is not None and slug != call.slug:
        return redirect(url_for("calls.call", call_id=call.id, slug=call.slug), code=301)
    if is_staff(current_user) and services.close_if_due(call):
        db.session.commit()  # the clock closed it: recorded once, by the first officer to look
    apply_endpoint = "calls.apply" if "calls.apply" in _endpoints() else None
    return render_template("calls/call.html", call=call, confirm=ConfirmForm(), apply_endpoint=apply_endpoint,
                           moves=perm.call_moves(current_user, call), invite=_invite_form(call),
                           own_application=_own_application(call))


def _own_application(call: Call):
    """The signed-in association's application holding its place in ``call``, if any."""
    if not perm.can_list_own_applications(current_user):
        return None
    from app.calls.application_services import live_application

    return live_application(call, current_user.actor_id)


def _endpoints() -> set[str]:
    from flask import current_app

    return set(current_app.view_functions)


# -- the officers' form --------------------------------------------------------------------------


def _call_form(call: Call | None) -> CallForm:
    form = CallForm(obj=call) if call and request.method == "GET" else CallForm()
    members = db.session.scalars(sa.select(Member).where(Member.status == MemberStatus.ACTIVE)
                                 .order_by(Member.code)).all()
    if call is not None:
        form.lead.choices = [(call.lead_member.code, call.lead_member.name)]
    elif is_coordinator(current_user):
        form.lead.choices = [(m.code, m.name) for m in members]
    else:
        form.lead.choices = [(m.code, m.name) for m in members if m.id == current_user.member_id]
    locale = str(g.locale)
    form.themes.choices = [(t.slug, t.label_for(locale)) for t in network_queries.themes()]
    form.territories.choices = [(t.code, t.label(locale)) for t in network_queries.partner_territories()]
    form.beneficiary_kinds.choices = ActorKind.choices()
    form.required_attachments.choices = Attachment.choices()
    schemes = db.session.scalars(sa.select(FundingScheme).where(FundingScheme.status == PublicationStatus.PUBLISHED)
                                 .order_by(FundingScheme.name).limit(500)).all()
    form.scheme.choices = [("", _("— aucun —"))] + [(str(s.id), s.name) for s in schemes]
    if call is not None:
        del form.amount, form.ceiling, form.decision_body
    if request.method == "GET":
        if call is not None:
            opens, closes = call.opens_at.astimezone(PARIS), call.closes_at.astimezone(PARIS)
            form.lead.data = call.lead_member.code
            form.opens_date.data, form.opens_time.data = opens.date(), opens.time()
            form.closes_date.data, form.closes_time.data = closes.date(), closes.time()
            form.min_own_share.data = str(call.min_own_share)
            form.max_public_rate.data = str(call.max_public_rate)
            form.beneficiary_kinds.data = list(call.beneficiary_kinds or [])
            form.required_attachments.data = list(call.required_attachments or [])
            form.themes.data = [t.slug for t in call.themes]
            form.territories.data = [t.code for t in call.territories]
            form.criteria.data = "\n".join(f"{c.label_fr} ; {c.weight}" for c in call.criteria)
            form.scheme.data = str(call.scheme_id or "")
            form.version.data = call.version
        else:
            form.lead.data = current_user.member.code if current_user.member else ""
            form.max_public_rate.data = "80"
            form.min_own_share.data = "20"
            form.decision_body.data = _("Commission permanente")
    return form


def _call_data(form: CallForm) -> services.CallData:
    opens_at, closes_at = (moment.astimezone(UTC) for moment in form.bounds())
    territories = db.session.scalars(sa.select(Territory).where(Territory.code.in_(form.territories.data))).all()
    by_code = {t.code: t for t in territories}
    return services.CallData(
        title_fr=form.title_fr.data, title_en=form.title_en.data or "", text_fr=form.text_fr.data or "",
        text_en=form.text_en.data or "", opens_at=opens_at, closes_at=closes_at,
        min_own_share=form.min_own_share.percent or 0, max_public_rate=form.max_public_rate.percent or 0,
        beneficiary_kinds=list(form.beneficiary_kinds.data), required_attachments=list(form.required_attachments.data),
        anchoring_blocking=form.anchoring_blocking.data,
        scheme_id=int(form.scheme.data) if form.scheme.data else None,
        themes=list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(form.themes.data))
                                       .order_by(Theme.position))),
        territories=[by_code[c] for c in form.territories.data if c in by_code],
        criteria=[services.CriterionData(label_fr=label, weight=weight) for label, weight in form.parsed_criteria],
    )


@bp.route("/appels/nouveau", methods=["GET", "POST"])
@login_required
def new():
    require(perm.can_create_call(current_user))
    form = _call_form(None)
    if form.validate_on_submit():
        lead = db.session.scalar(sa.select(Member).where(Member.code == form.lead.data))
        require(lead is not None and (is_coordinator(current_user) or lead.id == current_user.member_id))
        try:
            call = services.create_call(
                current_user, _call_data(form), lead=lead,
                envelope=services.EnvelopeData(amount_cents=form.amount.cents or 0, ceiling_cents=form.ceiling.cents,
                                               decision_body=form.decision_body.data or ""))
        except RuleViolations as exc:
            db.session.rollback()
            add_violations(form, exc.violations)
        else:
            db.session.commit()
            flash(_("L'appel est enregistré comme brouillon. Invitez les autres cofinanceurs, puis publiez-le."),
                  "success")
            return redirect(url_for("calls.call", call_id=call.id, slug=call.slug))
    return render_template("calls/form.html", form=form, call=None)


@bp.route("/appels/<int:call_id>/modifier", methods=["GET", "POST"])
@login_required
def edit(call_id: int):
    call = db.get_or_404(Call, call_id)
    require(perm.can_edit_call(current_user, call))
    form = _call_form(call)
    if form.validate_on_submit():
        with unless_conflict(form):
            try:
                changes = services.update_call(current_user, call, _call_data(form), version=form_version(form))
            except RuleViolations as exc:
                db.session.rollback()
                add_violations(form, exc.violations)
            else:
                db.session.commit()
                flash(_("L'appel a été mis à jour.") if changes else _("Aucune modification."), "success")
                return redirect(url_for("calls.call", call_id=call.id, slug=call.slug))
    return render_template("calls/form.html", form=form, call=call)


# -- state changes: the moves of the workflow table -------------------------------------------------

MOVE_MESSAGES = {
    "publish": lambda: _("L'appel est publié."),
    "unpublish": lambda: _("L'appel n'est plus public : il redevient un brouillon."),
    "reopen": lambda: _("L'appel est rouvert jusqu'à sa nouvelle date de clôture."),
    "decide": lambda: _("L'appel est marqué comme décidé."),
    "archive": lambda: _("L'appel est archivé."),
}


@bp.route("/appels/<int:call_id>/etat", methods=["POST"])
@login_required
def state(call_id: int):
    call = db.get_or_404(Call, call_id)
    name = request.form.get("move", "")
    require(name in MOVE_MESSAGES and perm.can_move_call(current_user, call, name))
    if ConfirmForm().validate_on_submit():
        try:
            services.move(current_user, call, name)
            db.session.commit()
        except RuleViolations as exc:
            db.session.rollback()
            for violation in exc.violations:
                flash(message(violation), "error")
        except (EditConflict, StaleDataError):
            db.session.rollback()
            flash(_("L'appel vient d'être modifié par quelqu'un d'autre : rien n'a été changé."), "error")
        else:
            flash(MOVE_MESSAGES[name](), "success")
    return redirect(url_for("calls.call", call_id=call.id))


# -- co-funders ------------------------------------------------------------------------------------


def _invite_form(call: Call) -> InviteForm | None:
    if not perm.can_invite_cofunders(current_user, call):
        return None
    form = InviteForm()
    taken = {e.member_id for e in call.envelopes if e.status != EnvelopeStatus.DECLINED}
    form.members.choices = [(m.code, m.name) for m in db.session.scalars(
        sa.select(Member).where(Member.status == MemberStatus.ACTIVE).order_by(Member.code)) if m.id not in taken]
    return form


@bp.route("/appels/<int:call_id>/cofinanceurs", methods=["POST"])
@login_required
def invite(call_id: int):
    call = db.get_or_404(Call, call_id)
    require(perm.can_invite_cofunders(current_user, call))
    form = _invite_form(call)
    if form.validate_on_submit():
        members = db.session.scalars(sa.select(Member).where(Member.code.in_(form.members.data))).all()
        try:
            added = services.invite(current_user, call, list(members))
        except RuleViolations as exc:
            db.session.rollback()
            add_violations(form, exc.violations)
        else:
            db.session.commit()
            flash(_("Invitation envoyée %(to_members)s.",
                    to_members=", ".join(to_name(e.member.name, current_locale()) for e in added))
                  if added else _("Ces membres sont déjà invités."), "success")
            return redirect(url_for("calls.call", call_id=call.id) + "#cofinanceurs")
    return render_template("calls/call.html", call=call, confirm=ConfirmForm(), apply_endpoint=None,
                           moves=perm.call_moves(current_user, call), invite=form)


@bp.route("/appels/<int:call_id>/enveloppes/<int:envelope_id>", methods=["GET", "POST"])
@login_required
def envelope(call_id: int, envelope_id: int):
    envelope = db.get_or_404(CallEnvelope, envelope_id)
    if envelope.call_id != call_id:
        return redirect(url_for("calls.envelope", call_id=envelope.call_id, envelope_id=envelope.id))
    require(perm.can_edit_envelope(current_user, envelope))
    call = envelope.call
    form = EnvelopeForm()
    if request.method == "GET":
        form.version.data = envelope.version
        if envelope.status == EnvelopeStatus.ACCEPTED:
            form.amount.data = amount_text(envelope.amount_cents)
            form.ceiling.data = amount_text(envelope.ceiling_cents)
            form.decision_body.data = envelope.decision_body
    if request.method == "POST" and request.form.get("action") == "decline":
        if ConfirmForm().validate_on_submit():
            with unless_conflict(form):
                try:
                    services.decline_envelope(current_user, envelope, version=form_version(form))
                except RuleViolations as exc:
                    db.session.rollback()
                    add_violations(form, exc.violations)
                else:
                    db.session.commit()
                    flash(_("L'invitation est déclinée."), "success")
                    return redirect(url_for("calls.call", call_id=call.id))
    elif form.validate_on_submit():
        with unless_conflict(form):
            try:
                changes = services.accept_envelope(current_user, envelope, services.EnvelopeData(
                    amount_cents=form.amount.cents or 0, ceiling_cents=form.ceiling.cents,
                    decision_body=form.decision_body.data), version=form_version(form))
            except RuleViolations as exc:
                db.session.rollback()
                add_violations(form, exc.violations)
            else:
                db.session.commit()
                flash(_("L'enveloppe est enregistrée.") if changes else _("Aucune modification."), "success")
                return redirect(url_for("calls.call", call_id=call.id) + "#cofinanceurs")
    return render_template("calls/envelope.html", call=call, envelope=envelope, form=form, confirm=ConfirmForm())


@bp.route("/appels/<int:call_id>/historique")
@login_required
def history(call_id: int):
    call = _call_or_404(call_id)
    require(perm.can_see_call_history(current_user, call))
    labels = {"state": dict(CallState.choices()), "status": dict(EnvelopeStatus.choices()),
              "beneficiary_kinds": dict(ActorKind.choices()), "required_attachments": dict(Attachment.choices()),
              "acting_as": {"coordinator": _("Coordination du réseau")}, "by": {"closing_time": _("Heure de clôture")}}
    # The call's own entries and its envelopes' (amounts before and after), newest first.
    entries = db.session.scalars(
        sa.select(AuditEntry).where(sa.or_(
            sa.and_(AuditEntry.object_type == Call.__tablename__, AuditEntry.object_id == call.id),
            sa.and_(AuditEntry.object_type == CallEnvelope.__tablename__,
                    AuditEntry.object_id.in_([e.id for e in call.envelopes]))))
        .options(selectinload(AuditEntry.user)).order_by(AuditEntry.id.desc())).all()
    return render_template("history.html", name=call.title_fr, url=call.path,
                           section=(_("Appels à projets"), url_for("calls.index")), back_label=_("Retour à l'appel"),
                           empty_label=_("Aucune modification n'a été enregistrée pour cet appel."),
                           entries=entries, value_labels=labels)
