"""The joint agenda: list and month views, event pages, feeds, and the officers' forms."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import (
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from app.actors.views import value_labels
from app.agenda import coordination, overlap_views, queries, services
from app.agenda import permissions as perm
from app.agenda.blueprint import bp
from app.agenda.feed_views import feed_args, visible_event
from app.agenda.forms import DeclineForm, EventForm, MergeForm, OwnPartForm
from app.agenda.models import Event, EventKind, EventOrganiser, EventStatus, Visibility
from app.agenda.month import month_grid
from app.auth.forms import ConfirmForm
from app.auth.permissions import can_view_audit, is_coordinator, is_member_staff, require
from app.core import audit
from app.core.forms import form_version, unless_conflict
from app.core.pagination import paginate
from app.core.records import EditConflict
from app.core.rules import RuleViolations
from app.core.text import clean_arg
from app.extensions import db
from app.network import queries as network_queries
from app.network.models import Member, MemberStatus, Territory, Theme
from app.network.queries import partner_territories


def _filters_choices() -> dict:
    organisers = queries.organiser_choices(members=is_member_staff(current_user))
    return {"members": organisers["members"], "organiser_actors": organisers["actors"],
            "themes": network_queries.themes(),
            "departements": network_queries.departements(), "countries": network_queries.countries(),
            "kinds": EventKind}


@bp.route("/agenda/")
def index():
    filters = queries.EventFilters.from_args(request.args)
    members = is_member_staff(current_user)
    view = "mois" if request.args.get("vue") == "mois" or request.args.get("mois") else "liste"
    context = {"filters": filters, "view": view, "feed_args": urlencode(feed_args(filters)),
               "feed_name": queries.feed_name(filters), **_filters_choices()}
    if view == "mois":
        month = queries._month_arg(request.args) or date.today().replace(day=1)
        start, end = queries.month_bounds(month)
        events = db.session.scalars(
            queries.events_query(filters, members=members, since=start, until=end, related=False).limit(500)
        ).unique().all()
        context.update(month=month, weeks=month_grid(month, events), events=events,
                       previous=(month - timedelta(days=1)).replace(day=1),
                       next=(month + timedelta(days=32)).replace(day=1))
    else:
        context["page"] = paginate(queries.listing(filters, members=members), request.args)
    if members:
        context["proposals"] = db.session.scalars(queries.proposals().limit(50)).all()
        context["drafts"] = db.session.scalars(
            queries.drafts(None if current_user.is_coordinator else current_user.member_id).limit(50)).all()
    return render_template("agenda/index.html", **context)


# -- one event --------------------------------------------------------------------------


@bp.route("/agenda/<int:event_id>")
@bp.route("/agenda/<int:event_id>-<slug>")
def event(event_id: int, slug: str | None = None):
    event = visible_event(event_id)
    if event.status == EventStatus.MERGED and event.merged_into_id:
        if not perm.can_unmerge_event(current_user, event):
            return redirect(url_for("agenda.event", event_id=event.merged_into_id), code=301)
    elif slug is not None and slug != event.slug:
        return redirect(url_for("agenda.event", event_id=event.id, slug=event.slug), code=301)
    twins = []
    if is_coordinator(current_user) and event.status in (EventStatus.PUBLISHED, EventStatus.DRAFT):
        twins = services.likely_twins(services.facts(event), event.starts_at, event.ends_at,
                                      members_only=event.is_members_only)
    merged_twins = db.session.scalars(sa.select(Event).where(Event.merged_into_id == event.id)).all()
    return render_template("agenda/event.html", event=event, confirm=ConfirmForm(), decline=DeclineForm(),
                           merge=MergeForm(), twins=twins, merged_twins=merged_twins)


# -- forms ---------------------------------------------------------------------------------


def _event_form(event: Event | None) -> EventForm:
    form = EventForm(obj=event) if event and request.method == "GET" else EventForm()
    members = db.session.scalars(
        sa.select(Member).where(Member.status != MemberStatus.LEFT).order_by(Member.code)).all()
    if is_coordinator(current_user):
        form.organiser.choices = [(m.code, m.name) for m in members]
    elif current_user.is_officer:
        form.organiser.choices = [(m.code, m.name) for m in members if m.id == current_user.member_id]
    else:  # an association proposes in its own name
        form.organiser.choices = [("", current_user.actor.name if current_user.actor else "")]
    choices = _filters_choices()
    form.departement.choices = [("", _("— aucun / hors Île-de-France —"))] + [
        (t.code, f"{t.name} ({t.code})") for t in choices["departements"]]
    form.themes.choices = [(t.slug, t.label_for(g.locale)) for t in choices["themes"]]
    form.countries.choices = [(t.code, t.label(g.locale)) for t in partner_territories()]
    if not current_user.is_officer:
        form.visibility.choices = [(Visibility.PUBLIC.value, Visibility.PUBLIC.title)]
    if request.method == "GET":
        if event:
            form.kind.data = event.kind.value
            form.visibility.data = event.visibility.value
            form.start_date.data = event.first_day
            form.end_date.data = event.last_day if event.multi_day else None
            form.start_time.data = None if event.all_day else event.local_start.time()
            form.end_time.data = None if event.all_day else event.local_end.time()
            form.departement.data = event.departement.code if event.departement else ""
            form.themes.data = [t.slug for t in event.themes]
            form.countries.data = [t.code for t in event.countries]
            mine = _my_organiser(event)
            form.registration_url.data = mine.registration_url if mine else ""
            first = event.organisers[0] if event.organisers else None
            form.organiser.data = first.member.code if first and first.member else ""
        elif current_user.member:
            form.organiser.data = current_user.member.code
    return form


def _my_organiser(event: Event) -> EventOrganiser | None:
    for organiser in event.organisers:
        if (organiser.member_id and organiser.member_id == current_user.member_id) or (
                organiser.actor_id and organiser.actor_id == current_user.actor_id):
            return organiser
    return event.organisers[0] if is_coordinator(current_user) and event.organisers else None


def _event_data(form: EventForm) -> services.EventData:
    # In UTC, as the database gives them back: otherwise the audit diff of an edit sees
    # 09:00+01:00 and 08:00+00:00 as a change (and calendars get a needless new SEQUENCE).
    starts_at, ends_at = (moment.astimezone(UTC) for moment in form.bounds())
    codes = [form.departement.data] + form.countries.data
    places = {t.code: t for t in db.session.scalars(sa.select(Territory).where(Territory.code.in_(codes)))}
    return services.EventData(
        title=form.title.data, kind=EventKind(form.kind.data), starts_at=starts_at, ends_at=ends_at,
        all_day=form.all_day, summary=form.summary.data or "", description=form.description.data or "",
        online=form.online.data, online_url=form.online_url.data, place_name=form.place_name.data,
        address=form.address.data, commune=form.commune.data, departement=places.get(form.departement.data),
        audience=form.audience.data or "", visibility=Visibility(form.visibility.data),
        themes=list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(form.themes.data))
                                       .order_by(Theme.position))),
        countries=[places[c] for c in form.countries.data if c in places],
        registration_url=form.registration_url.data, places_left=form.places_left.data,
    )


def _organiser_member(form: EventForm) -> Member | None:
    if not current_user.is_officer:
        return None
    member = db.session.scalar(sa.select(Member).where(Member.code == form.organiser.data))
    require(member is not None and (is_coordinator(current_user) or member.id == current_user.member_id))
    return member


def _twins_before_saving(form: EventForm, data: services.EventData, event: Event | None, organisers: frozenset):
    """Likely twins the officer has not yet seen and set aside (None when there are none)."""
    if form.distinct.data == "1" or not current_user.is_officer:
        return None
    twins = services.likely_twins(services.facts_of(event.id if event else None, data, organisers),
                                  data.starts_at, data.ends_at, members_only=data.visibility == Visibility.MEMBERS)
    return twins or None


@bp.route("/agenda/nouveau", methods=["GET", "POST"])
@login_required
def new():
    require(perm.can_create_event(current_user) or perm.can_propose_event(current_user))
    form = _event_form(None)
    twins = overlaps = None
    if form.validate_on_submit():
        data = _event_data(form)
        member = _organiser_member(form)
        organisers = frozenset([member.code]) if member else frozenset([f"actor:{current_user.actor_id}"])
        target = _merge_target(request.form.get("merge_into"))
        twins = None if target else _twins_before_saving(form, data, None, organisers)
        reply = None
        if not twins and target is None:
            overlaps = overlap_views.overlaps_before_saving(form, data, None,
                                                            frozenset([member.code]) if member else frozenset())
            reply = overlap_views.answer(form, overlaps, data, creating=True) if overlaps else None
            if reply and reply[0] == "merge":
                target = reply[1]
            elif reply and reply[0] == "join":
                target = reply[1]
                try:
                    coordination.join(current_user, target, member, summary=data.summary, audience=data.audience,
                                      registration_url=data.registration_url,
                                      likeness=overlap_views.likeness(overlaps, target))
                    db.session.commit()
                except RuleViolations:  # joined meanwhile, or no longer a published training
                    db.session.rollback()
                    flash(CONFLICT(), "error")
                    return redirect(url_for("agenda.event", event_id=target.id, slug=target.slug))
                flash(_("Votre structure est ajoutée comme co-organisatrice de « %(title)s ».",
                        title=target.title), "success")
                return redirect(url_for("agenda.event", event_id=target.id, slug=target.slug))
        if not twins and (not overlaps or reply):
            if current_user.is_officer:
                publish = request.form.get("action") == "publish" or target is not None
                event = services.create_event(current_user, data, member=member,
                                              status=EventStatus.PUBLISHED if publish else EventStatus.DRAFT)
                if target is not None:
                    require(perm.can_merge_event(current_user, event, target))
                    services.merge(current_user, event, target)
                    db.session.commit()
                    flash(_("Votre structure est ajoutée comme co-organisatrice de « %(title)s ».",
                            title=target.title), "success")
                    return redirect(url_for("agenda.event", event_id=target.id, slug=target.slug))
                if reply and reply[0] == "keep":
                    coordination.keep_both(current_user, event, overlaps, form.overlap_reason.data)
                message = _("L'événement est publié.") if publish else _("L'événement est enregistré comme brouillon.")
            else:
                event = services.create_event(current_user, data, actor=current_user.actor,
                                              status=EventStatus.PROPOSED)
                message = _("Merci : votre proposition sera publiée après validation par la coordination du réseau.")
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("agenda.event", event_id=event.id, slug=event.slug))
    return render_template("agenda/form.html", form=form, event=None, twins=twins, overlaps=overlaps)


def _merge_target(raw: str | None) -> Event | None:
    if not raw:
        return None
    try:
        target = db.session.get(Event, int(clean_arg(raw, 12)))
    except ValueError:
        target = None
    if target is None or target.status != EventStatus.PUBLISHED:
        abort(400)
    return target


@bp.route("/agenda/<int:event_id>/modifier", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = db.get_or_404(Event, event_id)
    if not perm.can_edit_event(current_user, event):
        require(perm.can_edit_own_part(current_user, event))
        return _edit_own_part(event)
    form = _event_form(event)
    twins = overlaps = reply = None
    if form.validate_on_submit():
        data = _event_data(form)
        target = _merge_target(request.form.get("merge_into"))
        if event.status not in (EventStatus.PROPOSED, EventStatus.CANCELLED) and target is None:
            twins = _twins_before_saving(form, data, event, services.facts(event).organisers)
        if not twins and target is None:
            overlaps = overlap_views.overlaps_before_saving(
                form, data, event, frozenset(o.member.code for o in event.organisers if o.member))
            reply = overlap_views.answer(form, overlaps, data, creating=False) if overlaps else None
            if reply and reply[0] == "merge":
                target = reply[1]
        if not twins and (not overlaps or reply):
            with unless_conflict(form):
                changes = services.update_event(current_user, event, data, version=form_version(form),
                                                organiser=_my_organiser(event))
                if request.form.get("action") == "publish" and perm.can_move(current_user, event, "publish"):
                    services.move(current_user, event, "publish")
                    changes = changes or {"status": True}
                if target is not None:
                    require(perm.can_merge_event(current_user, event, target))
                    services.merge(current_user, event, target)
                elif reply and reply[0] == "keep":
                    coordination.keep_both(current_user, event, overlaps, form.overlap_reason.data)
                    changes = changes or {"overlaps": True}
                db.session.commit()
                if target is not None:
                    flash(_("Les deux annonces sont fusionnées en un seul événement."), "success")
                    return redirect(url_for("agenda.event", event_id=target.id, slug=target.slug))
                flash(_("L'événement a été mis à jour.") if changes else _("Aucune modification."), "success")
                return redirect(url_for("agenda.event", event_id=event.id, slug=event.slug))
    return render_template("agenda/form.html", form=form, event=event, twins=twins, overlaps=overlaps)


def _edit_own_part(event: Event):
    """A co-organiser edits its own registration link; the shared event stays its lead's."""
    form = OwnPartForm()
    organiser = _my_organiser(event)
    if request.method == "GET":
        form.version.data = event.version
        form.registration_url.data = organiser.registration_url if organiser else ""
    elif form.validate_on_submit():
        with unless_conflict(form):
            changes = services.update_own_part(current_user, event, organiser, form.registration_url.data,
                                               version=form_version(form))
            db.session.commit()
            flash(_("Votre lien d'inscription a été mis à jour.") if changes else _("Aucune modification."),
                  "success")
            return redirect(url_for("agenda.event", event_id=event.id, slug=event.slug))
    return render_template("agenda/own_part_form.html", form=form, event=event)


# -- state changes: the moves of the workflow table (app/agenda/workflow.py) ------------------

STATUS_ACTIONS = {
    "publier": lambda e: ("publish" if e.status == EventStatus.DRAFT else "reinstate",
                          _("L'événement est publié.")),
    "depublier": lambda e: ("unpublish", _("L'événement n'est plus public : il redevient un brouillon.")),
    "annuler": lambda e: ("cancel", _("L'événement est annoncé comme annulé.")),
}
CONFLICT = lambda: _("L'événement vient d'être modifié par quelqu'un d'autre : rien n'a été changé.")  # noqa: E731


def _conflict_or_refusal(event: Event, action):
    """Make a move and commit; a concurrent change or a refused move changes nothing."""
    try:
        action()
        db.session.commit()
        return True
    except (EditConflict, StaleDataError, RuleViolations):
        db.session.rollback()
        flash(CONFLICT(), "error")
        return False


@bp.route("/agenda/<int:event_id>/statut", methods=["POST"])
@login_required
def status(event_id: int):
    event = db.get_or_404(Event, event_id)
    pick = STATUS_ACTIONS.get(request.form.get("action", ""))
    move, message = pick(event) if pick else (None, None)
    require(move is not None and perm.can_move(current_user, event, move))
    if ConfirmForm().validate_on_submit() and _conflict_or_refusal(
            event, lambda: services.move(current_user, event, move)):
        flash(message, "success")
    return redirect(url_for("agenda.event", event_id=event.id))


@bp.route("/agenda/<int:event_id>/moderation", methods=["POST"])
@login_required
def moderate(event_id: int):
    event = db.get_or_404(Event, event_id)
    require(perm.can_moderate_event(current_user, event))
    if request.form.get("action") == "publier":
        if ConfirmForm().validate_on_submit() and _conflict_or_refusal(
                event, lambda: services.move(current_user, event, "accept")):
            flash(_("La proposition est publiée dans l'agenda."), "success")
        return redirect(url_for("agenda.event", event_id=event.id))
    form = DeclineForm()
    if form.validate_on_submit():
        if _conflict_or_refusal(event, lambda: services.move(current_user, event, "decline",
                                                             reason=form.reason.data)):
            flash(_("La proposition est refusée ; l'association en voit le motif."), "success")
        return redirect(url_for("agenda.event", event_id=event.id))
    return render_template("agenda/event.html", event=event, confirm=ConfirmForm(), decline=form,
                           merge=MergeForm(), twins=[], merged_twins=[]), 400


@bp.route("/agenda/<int:event_id>/supprimer", methods=["POST"])
@login_required
def delete(event_id: int):
    event = db.get_or_404(Event, event_id)
    require(perm.can_manage_event(current_user, event))
    if ConfirmForm().validate_on_submit():
        title = event.title
        if _conflict_or_refusal(event, lambda: services.delete_event(current_user, event)):
            flash(_("L'événement « %(title)s » est supprimé.", title=title), "success")
            return redirect(url_for("agenda.index"))
    return redirect(url_for("agenda.event", event_id=event.id))


@bp.route("/agenda/<int:event_id>/fusionner", methods=["POST"])
@login_required
def merge(event_id: int):
    source = db.get_or_404(Event, event_id)
    form = MergeForm()
    if form.validate_on_submit():
        target = _merge_target(form.target.data)
        require(perm.can_merge_event(current_user, source, target))
        if _conflict_or_refusal(source, lambda: services.merge(current_user, source, target)):
            flash(_("Les deux annonces sont fusionnées en un seul événement."), "success")
            return redirect(url_for("agenda.event", event_id=target.id, slug=target.slug))
        return redirect(url_for("agenda.event", event_id=source.id))
    require(is_member_staff(current_user))
    flash(_("Indiquez l'événement à garder."), "error")
    return redirect(url_for("agenda.event", event_id=source.id))


@bp.route("/agenda/<int:event_id>/defusionner", methods=["POST"])
@login_required
def unmerge(event_id: int):
    source = db.get_or_404(Event, event_id)
    require(perm.can_unmerge_event(current_user, source))
    if ConfirmForm().validate_on_submit() and _conflict_or_refusal(
            source, lambda: services.unmerge(current_user, source)):
        flash(_("La fusion est annulée : les deux événements sont de nouveau distincts."), "success")
    return redirect(url_for("agenda.event", event_id=source.id, slug=source.slug))


@bp.route("/agenda/<int:event_id>/historique")
@login_required
def history(event_id: int):
    event = visible_event(event_id)
    require(can_view_audit(current_user))
    labels = {
        **value_labels(),
        "kind": dict(EventKind.choices()),
        "status": dict(EventStatus.choices()),
        "visibility": dict(Visibility.choices()),
    }
    return audit.history_page(event, name=event.title, url=event.path,
                              section=(_("Agenda"), url_for("agenda.index")),
                              back_label=_("Retour à l'événement"),
                              empty_label=_("Aucune modification n'a été enregistrée pour cet événement."),
                              value_labels=labels)

