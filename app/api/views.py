"""The read-only JSON API, ``/api/v1``. Public data only, CORS-free, CSRF-exempt (GET only).

Public data whoever asks: the views read as an anonymous visitor, so a signed-in officer gets
exactly what anyone gets (members-only events, private contacts stay on the site).
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, g, jsonify, request
from sqlalchemy.orm import selectinload

from app.actors import permissions as actor_perm
from app.actors import queries
from app.actors.models import Actor, FundingScheme
from app.agenda import permissions as agenda_perm
from app.agenda import queries as agenda_queries
from app.agenda.models import LISTED, Event
from app.api import openapi, params, problems, serializers
from app.calls import permissions as call_perm
from app.calls import queries as call_queries
from app.calls.models import Call
from app.core.pagination import Page, arg_choice, paginate
from app.core.text import clean_arg
from app.extensions import db, login_manager
from app.main import searching
from app.network.models import Territory, TerritoryKind
from app.projects import permissions as project_perm
from app.projects import queries as project_queries
from app.projects.models import Project

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _public():
    """The reader every view serves: anonymous, whoever is signed in."""
    return login_manager.anonymous_user()


@bp.before_request
def _check_query():
    """400 for a query parameter the description does not allow (see :mod:`app.api.params`)."""
    operation = openapi.operation(request.endpoint.rpartition(".")[2])
    invalid = params.invalid_params(operation["parameters"], request.args) if operation else []
    if invalid:
        return problems.invalid_params(invalid)
    return None


def _page(page: Page, results: list[dict]):
    return jsonify({"total": page.total, "page": page.page, "per_page": page.per_page, "results": results})


@bp.route("/openapi.json")
def openapi_json():
    return jsonify(openapi.document())


@bp.route("/search")
def search():
    found = searching.run(request.args, _public(), max_per_page=100, default_per_page=20)
    results = found.results
    return jsonify({
        "total": results.total,
        "page": results.page,
        "per_page": results.per_page,
        "results": [serializers.hit(h) for h in results.hits],
        "facets": results.facets,
    })


@bp.route("/suggest")
def suggest():
    hits = searching.suggest(request.args, _public())
    return jsonify({"results": [serializers.hit(h) for h in hits]})


@bp.route("/actors")
def actors():
    page = paginate(queries.actors_query(queries.ActorFilters.from_args(request.args)), request.args)
    public = _public()
    return _page(page, [
        serializers.actor(a, g.locale, contact=actor_perm.can_see_actor_contact(public, a)) for a in page.items
    ])


@bp.route("/actors/<int:actor_id>")
def actor(actor_id: int):
    a = db.get_or_404(Actor, actor_id)
    if not a.published:
        abort(404)
    return jsonify(serializers.actor(a, g.locale, contact=actor_perm.can_see_actor_contact(_public(), a)))


@bp.route("/schemes")
def schemes():
    filters = queries.SchemeFilters.from_args(request.args)
    page = paginate(queries.schemes_query(filters), request.args)
    today = date.today()
    return _page(page, [serializers.scheme(s, g.locale, today) for s in page.items])


@bp.route("/schemes/<int:scheme_id>")
def scheme(scheme_id: int):
    s = db.get_or_404(FundingScheme, scheme_id)
    if not s.is_published:
        abort(404)
    return jsonify(serializers.scheme(s, g.locale, date.today()))


@bp.route("/events")
def events():
    filters = agenda_queries.EventFilters.from_args(request.args)
    stmt = agenda_queries.listing(filters, members=False)
    page = paginate(stmt, request.args)
    return _page(page, [serializers.event(e, g.locale) for e in page.items])


@bp.route("/events/<int:event_id>")
def event(event_id: int):
    e = db.get_or_404(Event, event_id)
    if e.status not in LISTED or not agenda_perm.can_view_event(_public(), e):
        abort(404)
    return jsonify(serializers.event(e, g.locale))


@bp.route("/calls")
def calls():
    filters = call_queries.CallFilters.from_args(request.args)
    page = paginate(call_queries.listing(filters), request.args)
    return _page(page, [serializers.call(c, g.locale) for c in page.items])


@bp.route("/calls/<int:call_id>")
def call(call_id: int):
    c = db.get_or_404(Call, call_id)
    if not call_perm.can_view_call(_public(), c):
        abort(404)
    return jsonify(serializers.call(c, g.locale))


@bp.route("/projects")
def projects():
    filters = project_queries.ProjectFilters.from_args(request.args)
    page = paginate(project_queries.listing(filters), request.args)
    return _page(page, [serializers.project(p, g.locale) for p in page.items])


@bp.route("/projects/<int:project_id>")
def project(project_id: int):
    p = db.get_or_404(Project, project_id)
    if not project_perm.can_view_project(_public(), p):
        abort(404)
    return jsonify(serializers.project(p, g.locale))


@bp.route("/territories")
def territories():
    stmt = sa.select(Territory).options(selectinload(Territory.parent)).order_by(Territory.code)
    kind = arg_choice(request.args, "kind", {k.value for k in TerritoryKind})
    if kind:
        stmt = stmt.where(Territory.kind == TerritoryKind(kind))
    country = clean_arg(request.args.get("country"), 2).upper()
    if country:
        stmt = stmt.where(Territory.country_code == country)
    code = clean_arg(request.args.get("code"), 40)
    if code:
        stmt = stmt.where(Territory.code == code)
    page = paginate(stmt, request.args, default_per_page=50)
    return _page(page, [serializers.territory(t, g.locale) for t in page.items])


@bp.route("/territories/<int:territory_id>")
def territory(territory_id: int):
    return jsonify(serializers.territory(db.get_or_404(Territory, territory_id), g.locale))
