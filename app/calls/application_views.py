"""The applicant's pages: apply to a call, the dossier (edit while editable, attachments,
submit, withdraw), earlier versions, "Mes candidatures"."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from app.auth.permissions import require
from app.calls import application_services as services
from app.calls import permissions as perm
from app.calls.application_forms import (
    ApplicationForm,
    AttachmentForm,
    VersionForm,
    yes_no,
    yes_no_text,
)
from app.calls.blueprint import bp
from app.calls.domain import anchoring
from app.calls.domain.submission import anchoring_results
from app.calls.messages import ANCHORING_LABELS, ANCHORING_NOTE, ANCHORING_RESULT_LABELS, message
from app.calls.models import Attachment, Call, EnvelopeStatus
from app.calls.models_applications import (
    Application,
    ApplicationAttachment,
    ApplicationRevision,
    ResourceCategory,
)
from app.core.dates import format_day, iso_date
from app.core.forms import form_version
from app.core.money import amount_text
from app.core.records import EditConflict
from app.core.rules import RuleViolations
from app.extensions import db
from app.files import messages as file_messages
from app.files.serving import send_stored
from app.network import queries as network_queries
from app.network.models import Theme

# Violations shown on the form field of the same name; the others above their section.
FIELDS = ("project_title", "summary", "starts_on", "ends_on", "partner_territory", "themes",
          "expected_results", "local_benefits", "own_contribution")
CONFLICT = lambda: _(  # noqa: E731
    "Ce dossier a été modifié depuis que vous avez ouvert la page (dans un autre onglet, ou par "
    "un autre compte de votre structure) : rien n'a été enregistré. Vérifiez la version actuelle "
    "ci-dessous, puis recommencez.")


def _application_or_404(application_id: int) -> Application:
    application = db.session.get(Application, application_id)
    if application is None or not perm.can_view_application(current_user, application):
        abort(404)  # another actor's dossier, or one that asks nothing of the officer's member
    return application


def _text(violation) -> str:
    if violation.code.startswith("file_"):
        return file_messages.message(violation)
    return message(violation)


# -- the form ------------------------------------------------------------------------------------


def _members(call: Call) -> dict[int, object]:
    return {e.member_id: e for e in call.envelopes if e.status == EnvelopeStatus.ACCEPTED}


def _form(call: Call, application: Application | None) -> ApplicationForm:
    if request.method == "POST" and request.endpoint in ("calls.apply", "calls.application"):
        form = ApplicationForm()
    else:
        # Shown again after another form's POST (submission, an attachment): the saved
        # draft, never that POST's fields (it carries only a token and a version).
        form = ApplicationForm(formdata=None, data=_form_data(call, application))
        form.add_blank_lines()
    locale = str(g.locale)
    themes = call.themes or list(db.session.scalars(sa.select(Theme).order_by(Theme.position)))
    form.themes.choices = [(str(t.id), t.label_for(locale)) for t in themes]
    territories = call.territories or network_queries.partner_territories()
    form.partner_territory.choices = [("", _("— choisir —"))] + [(str(t.id), t.label(locale)) for t in territories]
    return form


def _form_data(call: Call, application: Application | None) -> dict:
    shares = {s.member_id: s.asked_cents for s in application.shares} if application else {}
    requests = [{"member_id": str(member_id), "amount": amount_text(shares.get(member_id))}
                for member_id in _members(call)]
    if application is None:
        return {"requests": requests}
    return {
        "project_title": application.project_title, "summary": application.summary,
        "starts_on": application.starts_on, "ends_on": application.ends_on,
        "partner_territory": str(application.partner_territory_id or ""),
        "partner_organisation": application.partner_organisation,
        "themes": [str(t.id) for t in application.themes],
        "expected_results": application.expected_results, "local_benefits": application.local_benefits,
        "own_contribution": amount_text(application.own_contribution_cents),
        "expenses": [{"label": line.label, "amount": amount_text(line.amount_cents)}
                     for line in application.expenses],
        "resources": [{"label": line.label, "amount": amount_text(line.amount_cents),
                       "category": line.category.value} for line in application.resources],
        "requests": requests,
        "head_office_idf": yes_no_text(application.head_office_idf),
        "francilien_members_percent": ("" if application.francilien_members_percent is None
                                       else str(application.francilien_members_percent)),
        "awareness_actions": application.awareness_actions or "",
        "cooperation_agreement": yes_no_text(application.cooperation_agreement),
        "cooperation_reference": application.cooperation_reference,
        "version": application.version,
    }


def _member_id(text: str | None) -> int:
    try:
        return int(text or "")
    except ValueError:
        return -1  # a forged id: refused as a member not taking part


def _data(form: ApplicationForm) -> services.ApplicationData:
    requests = {}
    for entry in form.requests.entries:
        cents = entry.form.amount.cents
        if cents:
            requests[_member_id(entry.form.member_id.data)] = cents
    return services.ApplicationData(
        project_title=form.project_title.data or "", summary=form.summary.data or "",
        starts_on=form.starts_on.data, ends_on=form.ends_on.data,
        partner_territory_id=int(form.partner_territory.data) if form.partner_territory.data else None,
        partner_organisation=form.partner_organisation.data or "",
        theme_ids=[int(t) for t in form.themes.data or []],
        expected_results=form.expected_results.data or "", local_benefits=form.local_benefits.data or "",
        own_contribution_cents=form.own_contribution.cents or 0,
        expenses=[services.LineData(e.form.label.data or "", e.form.amount.cents)
                  for e in form.expenses.entries if not e.form.blank],
        resources=[services.LineData(e.form.label.data or "", e.form.amount.cents, e.form.category.data)
                   for e in form.resources.entries if not e.form.blank],
        requests=requests,
        head_office_idf=yes_no(form.head_office_idf.data),
        francilien_members_percent=form.francilien_members_percent.percent,
        awareness_actions=(form.awareness_actions.data or "").strip() or None,
        cooperation_agreement=yes_no(form.cooperation_agreement.data),
        cooperation_reference=form.cooperation_reference.data or "")


def _show(form, violations, sections: dict) -> None:
    for violation in violations:
        text = _text(violation)
        field = getattr(form, violation.field, None) if form is not None and violation.field in FIELDS else None
        if field is not None:
            field.errors = [*field.errors, text]
        else:
            sections.setdefault(violation.field or "", []).append(text)
            if form is not None:
                form.form_errors.append(text)


def _kinds(call: Call) -> list[Attachment]:
    """The kinds the call requires, then "autre" (always offered)."""
    return [a for a in call.attachment_items if a != Attachment.OTHER] + [Attachment.OTHER]


def _file_url(application: Application | None):
    if application is None:
        return None
    return lambda attachment_id: url_for("calls.application_file", application_id=application.id,
                                         attachment_id=attachment_id)


def _labels() -> dict:
    return {"resource_labels": dict(ResourceCategory.choices()), "attachment_labels": dict(Attachment.choices())}


@bp.app_template_filter("iso_day")
def iso_day(text: str | None) -> str:
    """A date kept as ISO text (in a snapshot) as a person reads it."""
    day = iso_date(text) if text else None
    return format_day(day) if day else ""


def _attach_form(application: Application) -> AttachmentForm:
    form = AttachmentForm()
    form.kind.choices = [(a.value, a.title) for a in _kinds(application.call)]
    if not form.is_submitted():
        form.version.data = application.version
    return form


def _render(call: Call, application: Application | None, form=None, *, violations=(), attach_form=None,
            status: int = 200):
    sections: dict[str, list[str]] = {}
    _show(form, violations, sections)
    editable = application is not None and perm.can_edit_application(current_user, application)
    checklist = None
    if application is not None:
        results = anchoring_results(services.facts(application), services.rules(call))
        checklist = [(item, results[item.code]) for item in anchoring.CHECKLIST]
    context = {
        "call": call, "application": application, "form": form, "sections": sections,
        "members": _members(call), "editable": editable,
        "attach_form": attach_form or (_attach_form(application) if editable else None),
        "action_form": VersionForm(formdata=None, data={"version": application.version}) if application else None,
        "snapshot": services.snapshot(application) if application else None,
        "checklist": checklist, "anchoring_labels": ANCHORING_LABELS,
        "anchoring_results": ANCHORING_RESULT_LABELS, "anchoring_note": ANCHORING_NOTE,
        "facts": services.facts(application) if application else None,
        "required_kinds": _kinds(call),
        "file_url": _file_url(application),
        "sources": {item.code: item.source for item in anchoring.CHECKLIST},
        "blocking": {item.code: item.blocking for item in anchoring.CHECKLIST},
        **_labels(),
    }
    return render_template("calls/application.html", **context), status


# -- apply ---------------------------------------------------------------------------------------


@bp.route("/appels/<int:call_id>/candidater", methods=["GET", "POST"])
@login_required
def apply(call_id: int):
    call = db.get_or_404(Call, call_id)
    if perm.can_list_own_applications(current_user):
        existing = services.live_application(call, current_user.actor_id)
        if existing is not None:
            flash(_("Vous avez déjà candidaté à cet appel : voici votre dossier."), "info")
            return redirect(url_for("calls.application", application_id=existing.id))
    require(perm.can_apply(current_user, call))
    form = _form(call, None)
    violations = []
    if request.method == "POST" and request.form.get("action") == "add_lines":
        form.add_blank_lines()
    elif form.validate_on_submit():
        try:
            application = services.create_draft(current_user, call, _data(form))
        except RuleViolations as exc:
            db.session.rollback()
            violations = exc.violations
        else:
            db.session.commit()
            flash(_("Votre brouillon est enregistré. Vous pouvez le compléter, joindre les pièces "
                    "demandées puis le déposer."), "success")
            return redirect(url_for("calls.application", application_id=application.id))
    return _render(call, None, form, violations=violations)


# -- the dossier ---------------------------------------------------------------------------------


@bp.route("/candidatures/<int:application_id>", methods=["GET", "POST"])
@login_required
def application(application_id: int):
    application = _application_or_404(application_id)
    call = application.call
    if request.method == "POST":
        if not perm.is_applicant_of(current_user, application):
            abort(403)
        if not perm.can_edit_application(current_user, application):
            flash(_("Ce dossier est déposé : il ne peut plus être modifié."), "error")
            return redirect(url_for("calls.application", application_id=application.id))
    if not perm.can_edit_application(current_user, application):
        return _render(call, application)
    form = _form(call, application)
    violations = []
    if request.method == "POST" and request.form.get("action") == "add_lines":
        form.add_blank_lines()
    elif form.validate_on_submit():
        try:
            changes = services.save_draft(current_user, application, _data(form), version=form_version(form))
        except RuleViolations as exc:
            db.session.rollback()
            violations = exc.violations
        except (EditConflict, StaleDataError):
            db.session.rollback()
            form.form_errors.append(CONFLICT())
        else:
            db.session.commit()
            flash(_("Brouillon enregistré.") if changes else _("Aucune modification."), "success")
            return redirect(url_for("calls.application", application_id=application.id))
    return _render(call, application, form, violations=violations)


@bp.route("/candidatures/<int:application_id>/pieces", methods=["POST"])
@login_required
def application_attach(application_id: int):
    application = _application_or_404(application_id)
    require(perm.is_applicant_of(current_user, application))
    if not perm.can_edit_application(current_user, application):
        flash(_("Ce dossier est déposé : il ne peut plus être modifié."), "error")
        return redirect(url_for("calls.application", application_id=application.id))
    form = _attach_form(application)
    violations = []
    if form.validate_on_submit():
        try:
            attachment = services.attach(current_user, application, form.kind.data, form.file.data,
                                         version=form_version(form))
        except RuleViolations as exc:
            db.session.rollback()
            violations = exc.violations
        except (EditConflict, StaleDataError):
            db.session.rollback()
            flash(CONFLICT(), "error")
            return redirect(url_for("calls.application", application_id=application.id))
        else:
            db.session.commit()
            flash(_("Pièce jointe enregistrée : %(name)s.", name=attachment.stored_file.original_name), "success")
            return redirect(url_for("calls.application", application_id=application.id) + "#pieces")
    db.session.refresh(application)
    for violation in violations:
        form.file.errors = [*form.file.errors, _text(violation)]
    return _render(application.call, application, _form(application.call, application), attach_form=form)


@bp.route("/candidatures/<int:application_id>/pieces/<int:attachment_id>")
@login_required
def application_file(application_id: int, attachment_id: int):
    application = _application_or_404(application_id)
    attachment = db.session.get(ApplicationAttachment, attachment_id)
    if attachment is None or attachment.application_id != application.id:
        abort(404)
    return send_stored(attachment.stored_file, allowed=perm.can_download_attachment(current_user, application))


@bp.route("/candidatures/<int:application_id>/deposer", methods=["POST"])
@login_required
def application_submit(application_id: int):
    application = _application_or_404(application_id)
    require(perm.is_applicant_of(current_user, application))
    form = VersionForm()
    if not form.validate_on_submit():
        flash(_("Votre session a expiré : rechargez la page et recommencez."), "error")
        return redirect(url_for("calls.application", application_id=application.id))
    try:
        services.submit(current_user, application, version=form_version(form))
    except RuleViolations as exc:
        db.session.rollback()
        if any(v.code == "move_not_allowed" for v in exc.violations):
            flash(_("Ce dossier est déjà déposé : il ne peut plus être modifié."), "error")
            return redirect(url_for("calls.application", application_id=application.id))
        application = db.session.get(Application, application_id)
        edit_form = _form(application.call, application) if perm.can_edit_application(current_user, application) else None
        return _render(application.call, application, edit_form, violations=exc.violations)
    except (EditConflict, StaleDataError):
        db.session.rollback()
        flash(CONFLICT(), "error")
        return redirect(url_for("calls.application", application_id=application.id))
    db.session.commit()
    flash(_("Votre dossier est déposé. Un accusé de réception vous est envoyé par courriel."), "success")
    return redirect(url_for("calls.application", application_id=application.id))


@bp.route("/candidatures/<int:application_id>/retirer", methods=["GET", "POST"])
@login_required
def application_withdraw(application_id: int):
    application = _application_or_404(application_id)
    require(perm.can_withdraw_application(current_user, application))
    form = VersionForm()
    if request.method == "GET":
        form.version.data = application.version
    elif form.validate_on_submit():
        try:
            services.withdraw(current_user, application, version=form_version(form))
        except RuleViolations as exc:
            db.session.rollback()
            for violation in exc.violations:
                flash(message(violation), "error")
        except (EditConflict, StaleDataError):
            db.session.rollback()
            flash(CONFLICT(), "error")
        else:
            db.session.commit()
            flash(_("Votre candidature est retirée."), "success")
        return redirect(url_for("calls.application", application_id=application.id))
    return render_template("calls/application_withdraw.html", application=application, form=form)


@bp.route("/candidatures/<int:application_id>/versions/<int:number>")
@login_required
def application_revision(application_id: int, number: int):
    application = _application_or_404(application_id)
    revision = db.session.scalar(sa.select(ApplicationRevision).where(
        ApplicationRevision.application_id == application.id, ApplicationRevision.number == number))
    if revision is None:
        abort(404)
    return render_template("calls/application_revision.html", application=application, revision=revision,
                           snapshot=revision.snapshot, file_url=_file_url(application), **_labels())


@bp.route("/candidatures/")
@login_required
def my_applications():
    require(perm.can_list_own_applications(current_user))
    return render_template("calls/applications_mine.html",
                           applications=services.applications_of_actor(current_user.actor_id))
