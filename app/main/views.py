"""Home page, global search and the site's legal pages."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, g, render_template, request
from flask_login import current_user

from app.actors import queries as scheme_queries
from app.actors.models import Actor, FundingScheme, PublicationStatus
from app.agenda import queries as agenda_queries
from app.agenda.models import EventStatus
from app.auth.permissions import is_member_staff
from app.calls import queries as call_queries
from app.core.db import utcnow
from app.extensions import db
from app.main import searching
from app.network.models import Member, MemberStatus
from app.projects import queries as project_queries

bp = Blueprint("main", __name__)


@bp.route("/")
def home():
    today = date.today()
    # Open today by the one rule (permanent schemes included), soonest deadline first.
    open_schemes = db.session.scalars(
        scheme_queries.schemes_query(scheme_queries.SchemeFilters(open_now=True), today=today).limit(6)
    ).unique().all()
    members = db.session.scalars(
        sa.select(Member).where(Member.status == MemberStatus.ACTIVE).order_by(Member.code)
    ).all()
    counts = {
        "actors": db.session.scalar(sa.select(sa.func.count()).where(Actor.published)),
        "schemes": db.session.scalar(
            sa.select(sa.func.count()).where(FundingScheme.status == PublicationStatus.PUBLISHED)
        ),
    }
    next_events = db.session.scalars(
        agenda_queries.events_query(agenda_queries.EventFilters(), members=is_member_staff(current_user),
                                    statuses=(EventStatus.PUBLISHED,), since=utcnow()).limit(3)
    ).all()
    return render_template("main/home.html", open_schemes=open_schemes, members=members, counts=counts,
                           next_events=next_events, open_calls=call_queries.open_calls(limit=3),
                           recent_projects=project_queries.recent(limit=3))


@bp.route("/recherche")
def search():
    found = searching.run(request.args, current_user, max_per_page=100, default_per_page=20)
    return render_template(
        "main/search.html",
        search=found.query,
        results=found.results,
        understood=found.understood,
        words_only=searching.words_only(request.args),
        labels=searching.facet_labels(g.locale),
        types=searching.type_labels(),
    )


@bp.route("/accessibilite")
def accessibility():
    return render_template("main/accessibility.html")


@bp.route("/donnees-personnelles")
def privacy():
    return render_template("main/privacy.html")
