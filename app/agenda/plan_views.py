"""The shared training plan: ``/agenda/formations`` and its CSV export."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from flask import Response, g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.agenda import plan
from app.agenda.blueprint import bp
from app.agenda.models import EventStatus
from app.auth.permissions import is_coordinator, is_member_staff
from app.core.csv import csv_bytes
from app.network import queries as network_queries


def _plan(filters: plan.PlanFilters) -> tuple[plan.Plan, list]:
    staff = is_member_staff(current_user)
    today = date.today()
    events = plan.trainings(filters, staff=staff, today=today)
    themes = network_queries.themes()
    return plan.build(events, list(themes), today=today), themes


def _quarter_label(key: tuple[int, int]) -> str:
    year, quarter = key
    return _("T%(quarter)s %(year)s", quarter=quarter, year=year)


class Row(NamedTuple):
    """One training as the plan's table shows it, worked out once (the plan holds hundreds:
    the template only writes these values)."""

    path: str | None  # None: a draft the reader may not open (its title only)
    title: str
    status: str  # "draft", "cancelled" or ""
    members_only: bool
    quarter: str
    day_iso: str
    day: str
    organisers: str
    place: str
    online: str
    places_left: str


def _may_open(event: plan.Training) -> bool:
    """As :func:`app.agenda.permissions.can_view_event` for what the plan lists: a draft
    opens for its organisers and the coordinator only (others see its title)."""
    if event.status != EventStatus.DRAFT:
        return True
    return is_coordinator(current_user) or (is_member_staff(current_user)
                                            and current_user.member_id in event.member_ids)


def _rows(events: list[plan.Training]) -> dict[int, Row]:
    yes, no = _("oui"), _("non")
    quarters: dict[tuple[int, int], str] = {}
    rows = {}
    for event in events:
        start = event.local_start
        key = plan.quarter_of(start)
        if key not in quarters:
            quarters[key] = _quarter_label(key)
        place = _place(event)
        if event.departement:
            place = f"{place} ({event.departement})" if place else event.departement
        status = event.status.value
        # A draft opens only for its organisers and the coordinator: others see its title.
        rows[event.id] = Row(
            path=event.path if _may_open(event) else None, title=event.title,
            status=status if status in ("draft", "cancelled") else "", members_only=event.is_members_only,
            quarter=quarters[key], day_iso=start.date().isoformat(), day=start.strftime("%d/%m/%Y"),
            organisers=", ".join(name for _member_id, name in event.organisers), place=place,
            online=yes if event.online else no,
            places_left="—" if event.places_left is None else str(event.places_left))
    return rows


@bp.route("/agenda/formations")
def training_plan():
    filters = plan.PlanFilters.from_args(request.args)
    result, themes = _plan(filters)
    return render_template("agenda/plan.html", plan=result, filters=filters, themes=themes,
                           members=network_queries.current_members(), rows=_rows(result.events),
                           staff=is_member_staff(current_user), quarter_label=_quarter_label,
                           csv_args=filters.as_args())


def _place(event: plan.Training) -> str:
    return ", ".join(p for p in (event.place_name, event.commune) if p)


@bp.route("/agenda/formations.csv")
def training_plan_csv():
    filters = plan.PlanFilters.from_args(request.args)
    result, _themes = _plan(filters)
    locale = str(g.locale)
    theme_names = {t.id: t.label_for(locale) for t in _themes}
    rows = [[_("Trimestre"), _("Début"), _("Fin"), _("Formation"), _("Thèmes"), _("Organisateurs"),
             _("Lieu"), _("Département"), _("En ligne"), _("Places restantes"), _("Statut"),
             _("Sujet voisin de"), _("Adresse")]]
    for event in result.events:
        rows.append([
            _quarter_label(plan.quarter_of(event.local_start)),
            event.local_start.strftime("%Y-%m-%d %H:%M"), event.local_end.strftime("%Y-%m-%d %H:%M"),
            event.title, ", ".join(theme_names[t] for t in event.theme_ids),
            ", ".join(name for _member_id, name in event.organisers), _place(event), event.departement or "",
            _("oui") if event.online else _("non"), event.places_left,
            event.status.title, result.cluster_of.get(event.id, ""),
            request.host_url.rstrip("/") + event.path,
        ])
    return Response(csv_bytes(rows), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="plan-des-formations.csv"'})
