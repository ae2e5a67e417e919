"""« Dates limites » (``/dispositifs/echeances``): the coming closing dates of the schemes,
by month, filtered like the list, with the iCalendar feed of the deadlines."""

from __future__ import annotations

from datetime import date
from itertools import groupby

import sqlalchemy as sa
from flask import g, render_template, request

from app.actors import queries
from app.actors.models import Beneficiary, FundingScheme
from app.actors.views import bp
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
    months = [(month, list(items)) for month, items in
              groupby(schemes, key=lambda s: s.closes_on.replace(day=1))]
    countries = db.session.execute(queries.country_names()).all()
    if g.locale == "en":
        countries = sorted(countries, key=lambda row: row.name_en or row.name)
    return render_template(
        "actors/deadlines.html", months=months, filters=filters, themes=network_queries.themes(),
        departements=network_queries.departements(), countries=countries, beneficiaries=Beneficiary,
        members=db.session.scalars(sa.select(Member).where(Member.status == MemberStatus.ACTIVE)
                                   .order_by(Member.code)).all(),
    )
