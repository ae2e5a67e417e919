"""« Dates limites » (``/dispositifs/echeances``): the coming closing dates of the schemes
and of the calls for projects, by month, filtered like the list, with the iCalendar feed
of the deadlines.

The calls come through :mod:`app.actors.linked_calls` (the calls register there; the
directory sits below them in the import layers). The agenda's deadlines registry would
not do: the agenda sits *above* the directory, and its entries are calendar instants
without the theme and members this page filters on."""

from __future__ import annotations

from datetime import date
from itertools import groupby

import sqlalchemy as sa
from flask import g, render_template, request

from app.actors import linked_calls, queries
from app.actors.models import Beneficiary, FundingScheme
from app.actors.views import bp
from app.core.db import utcnow
from app.extensions import db
from app.network import queries as network_queries
from app.network.models import Member, MemberStatus

MAX_LISTED = 300


@bp.route("/dispositifs/echeances")
def deadlines():
    filters = queries.SchemeFilters.from_args(request.args)
    today = date.today()
    stmt = (queries.schemes_query(filters, today=today)
            .where(FundingScheme.closes_on >= today)
            .order_by(None).order_by(FundingScheme.closes_on, FundingScheme.match_key, FundingScheme.id)
            .limit(MAX_LISTED))
    schemes = db.session.scalars(stmt).unique().all()
    calls = [call for call in linked_calls.coming_calls(utcnow())
             if (not filters.theme or filters.theme in call.themes)
             and (not filters.funder or filters.funder in call.member_codes)]
    # Schemes and calls in one list by closing day; on the same day, schemes first.
    entries = sorted([(s.closes_on, 0, s) for s in schemes] + [(c.closes_on, 1, c) for c in calls],
                     key=lambda entry: entry[:2])
    months = [(month, [(kind, item) for _day, kind, item in items]) for month, items in
              groupby(entries, key=lambda entry: entry[0].replace(day=1))]
    countries = db.session.execute(queries.country_names()).all()
    if g.locale == "en":
        countries = sorted(countries, key=lambda row: row.name_en or row.name)
    return render_template(
        "actors/deadlines.html", months=months, filters=filters, has_calls=bool(calls),
        calls_unfiltered=bool(filters.beneficiary or filters.departement or filters.pays or filters.age), themes=network_queries.themes(),
        departements=network_queries.departements(), countries=countries, beneficiaries=Beneficiary,
        members=db.session.scalars(sa.select(Member).where(Member.status == MemberStatus.ACTIVE)
                                   .order_by(Member.code)).all(),
    )
