"""The officers' pages: the instruction list of a call (with its CSV and the envelopes'
gauges), the dossier's instruction (moves, reviews, alerts), each member's decision on its
share and the payments."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from app.auth.permissions import is_coordinator, is_staff, require
from app.calls import permissions_instruction as perm
from app.calls import queries_instruction as queries
from app.calls import services_decisions as services
from app.calls.blueprint import bp
from app.calls.domain import decisions
from app.calls.forms_decisions import (
    CancelForm,
    DecisionForm,
    MoveForm,
    PaymentForm,
    ReviewForm,
    score_choices,
)
from app.calls.messages import STATE_LABELS, add_violations
from app.calls.messages import message as rule_message
from app.calls.models import Call
from app.calls.models_applications import Application, ApplicationShare
from app.core.csv import csv_bytes
from app.core.forms import form_version, unless_conflict
from app.core.money import amount_text
from app.core.rules import RuleViolations
from app.core.web import current_locale
from app.core.wording import of_name
from app.extensions import db
from app.network import queries as network_queries

# The applicant has no account to mail: the officer is told to reach it otherwise.
NO_ACCOUNT = _l("Aucun compte n'est rattaché à ce porteur : prévenez-le par un autre moyen.")


def _applicant_told(application: Application) -> bool:
    """Whether the mails of a move or a decision reach someone (an account of the actor)."""
    return bool(services.applicant_users(application))


def _application_or_404(application_id: int) -> Application:
    application = db.session.get(Application, application_id, options=[
        selectinload(Application.shares).selectinload(ApplicationShare.member),
        selectinload(Application.reviews)])
    if application is None:
        abort(404)
    require(is_staff(current_user))
    if not perm.can_instruct(current_user, application):
        abort(404)  # a draft, or a dossier asking nothing of the officer's member: it does not exist for them
    return application


# -- the list ---------------------------------------------------------------------------------


@bp.route("/appels/<int:call_id>/instruction")
@login_required
def instruction(call_id: int):
    call = db.get_or_404(Call, call_id)
    require(perm.can_view_instruction_list(current_user, call))
    filters = queries.InstructionFilters.from_args(request.args)
    page, marks = queries.page(call, current_user, filters, request.args)
    return render_template("calls/instruction.html", call=call, page=page, marks=marks, filters=filters,
                           counts=queries.counts(call, current_user), gauges=queries.gauges(call),
                           themes=network_queries.themes(), countries=_countries(call),
                           states=STATE_LABELS, viewer_member_id=_viewer_member(),
                           sorts={"date": _("Date de dépôt"), "montant": _("Montant demandé"), "note": _("Note")})


def _viewer_member() -> int | None:
    return None if is_coordinator(current_user) else current_user.member_id


def _countries(call: Call) -> list[tuple[str, str]]:
    return [(t.country_code, t.label(str(get_locale() or "fr"))) for t in queries.countries(call)]


@bp.route("/appels/<int:call_id>/instruction.csv")
@login_required
def instruction_csv(call_id: int):
    call = db.get_or_404(Call, call_id)
    require(perm.can_view_instruction_list(current_user, call))
    filters = queries.InstructionFilters.from_args(request.args)
    applications, marks = queries.everything(call, current_user, filters)
    member = _viewer_member()
    rows = [[_("Numéro"), _("Projet"), _("Porteur"), _("État"), _("Déposé le"), _("Montant demandé"),
             _("Montant attribué"), _("Note")]]
    for application in applications:
        shares = [s for s in application.shares if member is None or s.member_id == member]
        granted = [s.granted_cents for s in shares if s.granted_cents is not None]
        rows.append([application.id, application.project_title, application.actor.name,
                     str(STATE_LABELS[application.state.value]),
                     application.submitted_at.date().isoformat() if application.submitted_at else "",
                     amount_text(sum(s.asked_cents for s in shares)),
                     amount_text(sum(granted)) if granted else "", marks.get(application.id, "")])
    return Response(csv_bytes(rows), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="instruction-appel-{call.id}.csv"'})


# -- the dossier ------------------------------------------------------------------------------


def _dossier(application: Application, *, move_form=None, review_form=None, status=200):
    review = services.review_of(application, current_user)
    if review_form is None:
        review_form = ReviewForm(obj=review, formdata=None)
        review_form.setup(application.call.criteria)
        review_form.version.data = review.version if review else ""
        if review is not None:
            review_form.opinion.data = review.opinion.value if review.opinion else ""
    alerts = services.alerts(application, _viewer_member())
    criteria = application.call.criteria
    typed_scores = {str(c.id): request.form.get(f"score_{c.id}", "") for c in criteria} if request.method == "POST" \
        else {str(c.id): str((review.scores or {}).get(str(c.id), "")) if review else "" for c in criteria}
    return render_template(
        "calls/instruction_dossier.html", application=application, call=application.call,
        moves=perm.instruction_moves(current_user, application), move_form=move_form or MoveForm(),
        review=review, review_form=review_form, typed_scores=typed_scores, score_choices=score_choices(),
        other_reviews=[r for r in application.reviews if r.reviewer_id != current_user.id],
        weighted=lambda r: services.weighted_score(r, criteria), alerts=alerts, alert_text=rule_message,
        can_decide=lambda s: perm.can_decide(current_user, s), states=STATE_LABELS,
        decidable=application.state in services.DECIDABLE,
        can_review=perm.can_review(current_user, application)), status


@bp.route("/candidatures/<int:application_id>/instruction")
@login_required
def instruction_dossier(application_id: int):
    return _dossier(_application_or_404(application_id))


@bp.route("/candidatures/<int:application_id>/instruction/<any(start_review, ask_changes, dismiss):name>",
          methods=["POST"])
@login_required
def instruction_move(application_id: int, name: str):
    application = _application_or_404(application_id)
    require(perm.can_move_application(current_user, application, name))
    form = MoveForm()
    if form.validate_on_submit():
        text = form.message.data or ""
        try:
            services.move(current_user, application, name, message=text, reason=text)
        except RuleViolations as exc:
            db.session.rollback()
            add_violations(form, [v if v.field else v.__class__(v.code, "message", v.params)
                                  for v in exc.violations])
        else:
            db.session.commit()
            flash({"start_review": _("L'instruction du dossier a commencé."),
                   "ask_changes": _("La demande de corrections a été envoyée au porteur de projet.")
                   if _applicant_told(application) else " ".join((_("La demande de corrections est enregistrée."),
                                                                  str(NO_ACCOUNT))),
                   "dismiss": _("Le dossier a été classé sans suite.")}[name])
            return redirect(url_for("calls.instruction_dossier", application_id=application.id))
    return _dossier(_application_or_404(application_id), move_form=form, status=400)


@bp.route("/candidatures/<int:application_id>/avis", methods=["POST"])
@login_required
def instruction_review(application_id: int):
    application = _application_or_404(application_id)
    require(perm.can_review(current_user, application))
    form = ReviewForm()
    form.setup(application.call.criteria)
    scores, bad = {}, False
    for criterion in application.call.criteria:
        raw = (request.form.get(f"score_{criterion.id}") or "").strip()
        if raw == "":
            scores[criterion.id] = None
        elif raw.isdigit() and 0 <= int(raw) <= services.SCORE_MAX:
            scores[criterion.id] = int(raw)
        else:
            bad = True
    if bad:
        form.validate()
        form.form_errors.append(_("Une note va de 0 à 5."))
    elif form.validate_on_submit():
        existing = services.review_of(application, current_user)
        with unless_conflict(form):
            version = form_version(form) if existing is not None else None
            try:
                services.save_review(current_user, application, services.ReviewData(
                    scores, form.opinion.data or None, form.comment.data or ""), version=version)
            except RuleViolations as exc:
                db.session.rollback()
                add_violations(form, exc.violations)
            else:
                db.session.commit()
                flash(_("Votre avis a été enregistré."))
                return redirect(url_for("calls.instruction_dossier", application_id=application.id) + "#avis")
    return _dossier(_application_or_404(application_id), review_form=form, status=400)


# -- decisions --------------------------------------------------------------------------------


def _share_or_404(application: Application, member_id: int) -> ApplicationShare:
    share = application.share_of(member_id)
    if share is None:
        abort(404)
    require(perm.can_decide(current_user, share))
    return share


def _decision_page(application, share, form, payment_form=None, status=200):
    if payment_form is None:
        payment_form = PaymentForm(formdata=None)
        payment_form.setup()
    envelope = application.call.envelope_of(share.member_id)
    return render_template("calls/decision.html", application=application, call=application.call, share=share,
                           form=form, payment_form=payment_form, envelope=envelope,
                           as_coordinator=perm.decides_as_coordinator(current_user, share)), status


@bp.route("/candidatures/<int:application_id>/decision/<int:member_id>", methods=["GET", "POST"])
@login_required
def decision(application_id: int, member_id: int):
    application = _application_or_404(application_id)
    share = _share_or_404(application, member_id)
    if request.method == "GET":
        form = DecisionForm(formdata=None)
        form.setup()
        form.version.data = share.version
        if share.decided:
            form.granted.data = amount_text(share.granted_cents)
            form.reason.data, form.reference.data = share.refusal_reason, share.decision_reference
            form.decided_on.data, form.convention_on.data = share.decided_on, share.convention_on
            form.payment_terms.data = share.payment_terms.value if share.payment_terms else ""
            form.payment_from.data, form.payment_until.data = share.payment_from, share.payment_until
        return _decision_page(application, share, form)
    form = DecisionForm()
    form.setup()
    if form.validate_on_submit():
        data = decisions.DecisionInput(
            granted=form.granted.cents, reason=form.reason.data or "", reference=form.reference.data or "",
            decided_on=form.decided_on.data, convention_on=form.convention_on.data,
            payment_terms=form.payment_terms.data or None, payment_from=form.payment_from.data,
            payment_until=form.payment_until.data)
        with unless_conflict(form):
            try:
                changes = services.record_decision(current_user, share, data, version=form_version(form))
            except RuleViolations as exc:
                db.session.rollback()
                add_violations(form, exc.violations)
            else:
                db.session.commit()
                of_member = of_name(share.member.name, current_locale())
                if changes and _applicant_told(application):
                    flash(_("La décision %(of_member)s a été enregistrée ; le porteur de projet en est informé.",
                            of_member=of_member))
                elif changes:
                    flash(" ".join((_("La décision %(of_member)s a été enregistrée.", of_member=of_member),
                                    str(NO_ACCOUNT))))
                return redirect(url_for("calls.instruction_dossier", application_id=application.id) + "#decisions")
    application = _application_or_404(application_id)
    return _decision_page(application, _share_or_404(application, member_id), form, status=400)


@bp.route("/candidatures/<int:application_id>/decision/<int:member_id>/annuler", methods=["POST"])
@login_required
def decision_cancel(application_id: int, member_id: int):
    application = _application_or_404(application_id)
    share = _share_or_404(application, member_id)
    form = CancelForm()
    if form.validate_on_submit():
        with unless_conflict(form):
            try:
                services.cancel_decision(current_user, share, version=form_version(form))
            except RuleViolations as exc:
                db.session.rollback()
                add_violations(form, exc.violations)
            else:
                db.session.commit()
                flash(_("La décision a été annulée ; le montant est rendu à l'enveloppe."))
                return redirect(url_for("calls.decision", application_id=application.id, member_id=member_id))
    for error in form.form_errors or [_("La décision n'a pas été annulée : rechargez la page et réessayez.")]:
        flash(error, "error")
    return redirect(url_for("calls.decision", application_id=application_id, member_id=member_id))


@bp.route("/candidatures/<int:application_id>/decision/<int:member_id>/versements", methods=["POST"])
@login_required
def decision_payment(application_id: int, member_id: int):
    application = _application_or_404(application_id)
    share = _share_or_404(application, member_id)
    payment_form = PaymentForm()
    payment_form.setup()
    if payment_form.validate_on_submit():
        try:
            services.record_payment(current_user, share, amount=payment_form.amount.cents,
                                    paid_on=payment_form.paid_on.data, kind=payment_form.kind.data)
        except RuleViolations as exc:
            db.session.rollback()
            add_violations(payment_form, exc.violations)
        else:
            db.session.commit()
            flash(_("Le versement a été enregistré."))
            return redirect(url_for("calls.decision", application_id=application.id, member_id=member_id))
    application = _application_or_404(application_id)
    share = _share_or_404(application, member_id)
    form = DecisionForm(formdata=None)
    form.setup()
    form.version.data = share.version
    return _decision_page(application, share, form, payment_form=payment_form, status=400)
