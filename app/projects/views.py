"""Funded projects: the public portfolio, one project, the funders' form, the open data."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from app.auth.permissions import require
from app.core.audit import AuditEntry
from app.core.forms import form_version, unless_conflict
from app.core.pagination import paginate
from app.core.rules import RuleViolations
from app.core.text import clean_arg
from app.extensions import db
from app.network import queries as network_queries
from app.projects import opendata, queries, services
from app.projects import permissions as perm
from app.projects.forms import ProjectForm
from app.projects.models import Project, ProjectFunding

bp = Blueprint("projects", __name__)


def _project_or_404(project_id: int) -> Project:
    project = db.session.scalar(sa.select(Project).where(Project.id == project_id).options(
        selectinload(Project.fundings).selectinload(ProjectFunding.member), selectinload(Project.themes),
        selectinload(Project.actor), selectinload(Project.partner_territory)))
    if project is None or not perm.can_view_project(current_user, project):
        abort(404)  # a hidden project is not there for the public, not even as a 403
    return project


@bp.route("/projets/")
def index():
    filters = queries.ProjectFilters.from_args(request.args)
    page = paginate(queries.listing(filters), request.args)
    return render_template("projects/index.html", page=page, filters=filters, totals=queries.totals(filters),
                           members=queries.funders(), themes=network_queries.themes(),
                           countries=queries.countries(), years=queries.years(),
                           opendata_members=opendata.members(), missing_siret=opendata.members_without_siret(),
                           missing_beneficiary=opendata.grants_without_beneficiary_id())


@bp.route("/projets/<int:project_id>")
@bp.route("/projets/<int:project_id>-<slug>")
def project(project_id: int, slug: str | None = None):
    project = _project_or_404(project_id)
    if slug is not None and slug != project.slug:
        return redirect(url_for("projects.project", project_id=project.id, slug=project.slug), code=301)
    return render_template("projects/project.html", project=project)


@bp.route("/projets/<int:project_id>/modifier", methods=["GET", "POST"])
@login_required
def edit(project_id: int):
    project = _project_or_404(project_id)
    require(perm.can_edit_project(current_user, project))
    form = ProjectForm(obj=project) if request.method == "GET" else ProjectForm()
    if request.method == "GET":
        form.version.data = project.version
    locked = services.locked_hides(current_user, project)
    if form.validate_on_submit():
        with unless_conflict(form):
            try:
                changes = services.edit_project(current_user, project, services.ProjectEdit(
                    title=form.title.data, summary=form.summary.data or "",
                    local_benefits=form.local_benefits.data or "", place_hidden=form.place_hidden.data,
                    hidden=form.hidden.data, reason=form.reason.data or ""), version=form_version(form))
            except RuleViolations as exc:
                db.session.rollback()
                for violation in exc.violations:
                    field = getattr(form, violation.field)
                    field.data = True  # still hidden: shown as it stays
                    field.errors = [*field.errors, _locked_message(locked.get(violation.field))]
            else:
                db.session.commit()
                flash(_("Le projet a été mis à jour.") if changes else _("Aucune modification."), "success")
                _warn_place_still_named(project, form)
                return redirect(url_for("projects.project", project_id=project.id))
    return render_template("projects/form.html", form=form, project=project,
                           locked={what: _locked_message(member) for what, member in locked.items()})


def _locked_message(member) -> str:
    return _("Masqué par %(member)s : seuls ses agents ou la coordination peuvent l'afficher de nouveau.",
             member=member.name if member is not None else _("la coordination du réseau"))


def _warn_place_still_named(project: Project, form: ProjectForm) -> None:
    """Hiding the place hides its field, not the texts that name it: say which to edit."""
    name, fields = services.place_still_named(project)
    if fields:
        flash(_("Le lieu est masqué, mais « %(place)s » figure encore dans : %(fields)s. "
                "Modifiez ces textes pour qu'il n'apparaisse plus.",
                place=name, fields=", ".join(str(getattr(form, f).label.text) for f in fields)), "warning")


@bp.route("/projets/<int:project_id>/historique")
@login_required
def history(project_id: int):
    project = _project_or_404(project_id)
    require(perm.can_edit_project(current_user, project))
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.object_type == Project.__tablename__,
                                    AuditEntry.object_id == project.id)
        .options(selectinload(AuditEntry.user)).order_by(AuditEntry.id.desc())).all()
    return render_template("history.html", name=project.title, url=project.path,
                           section=(_("Projets financés"), url_for("projects.index")),
                           back_label=_("Retour au projet"), empty_label=_("Aucune modification enregistrée."),
                           entries=entries, value_labels={"acting_as": {"coordinator": _("Coordination du réseau")}})


@bp.route("/projets/subventions.csv")
def subventions():
    member = clean_arg(request.args.get("financeur"), 10) or None
    name = f"subventions-{member}.csv" if member and member.isalnum() else "subventions.csv"
    return Response(opendata.csv_text(member), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})

