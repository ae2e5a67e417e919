"""The directory: actors, funding schemes, territories."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from app.actors import finder, linked_calls, queries, services
from app.actors import permissions as perm
from app.actors.forms import ActorForm, SchemeForm
from app.actors.models import (
    Actor,
    ActorKind,
    Beneficiary,
    FundingScheme,
    PublicationStatus,
    Recurrence,
    actor_territories,
)
from app.auth.forms import ConfirmForm
from app.auth.permissions import can_view_audit, is_member_staff, require
from app.core import audit
from app.core.db import utcnow
from app.core.forms import form_version, unless_conflict
from app.core.money import amount_text
from app.core.pagination import paginate
from app.core.text import clean_arg, fold
from app.extensions import db
from app.network import queries as network_queries
from app.network.models import (
    IDF_DEPARTEMENTS,
    REGION_CODE,
    Member,
    MemberStatus,
    Partnership,
    Territory,
    TerritoryKind,
)

bp = Blueprint("actors", __name__)


# -- helpers -------------------------------------------------------------------


def _canonical(obj, endpoint: str, slug: str | None, **values):
    """Redirect ``/acteurs/12-old-name`` to the current slug; the id alone is fine too."""
    if slug is not None and slug != obj.slug:
        return redirect(url_for(endpoint, slug=obj.slug, **values), code=301)
    return None


def _in_name_order(rows: list) -> list:
    """Country rows (code, name, name_en) in the alphabetical order of the page's language."""
    if g.locale == "en":
        return sorted(rows, key=lambda row: fold(row.name_en or row.name))
    return rows


def _countries_choices() -> list[tuple[str, str]]:
    return [(t.code, t.label(g.locale) if t.kind == TerritoryKind.COUNTRY
             else f"{t.label(g.locale)} ({t.country_code})") for t in network_queries.partner_territories()]


# -- actors ----------------------------------------------------------------------


@bp.route("/acteurs/")
def actors():
    filters = queries.ActorFilters.from_args(request.args)
    page = paginate(queries.actors_query(filters), request.args)
    countries = _in_name_order(db.session.execute(queries.countries_of_actors()).all())
    return render_template(
        "actors/list.html", page=page, filters=filters, kinds=ActorKind, themes=network_queries.themes(),
        departements=network_queries.departements(), countries=countries,
    )


@bp.route("/acteurs/<int:actor_id>")
@bp.route("/acteurs/<int:actor_id>-<slug>")
def actor(actor_id: int, slug: str | None = None):
    actor = db.get_or_404(Actor, actor_id)
    if not perm.can_view_actor(current_user, actor):
        abort(404)
    redirect_to = _canonical(actor, "actors.actor", slug, actor_id=actor.id)
    if redirect_to:
        return redirect_to
    return render_template("actors/actor.html", actor=actor, confirm=ConfirmForm())


def _actor_form(actor: Actor | None) -> ActorForm:
    form = ActorForm(obj=actor) if actor and request.method == "GET" else ActorForm()
    form.departement.choices = [("", _("— choisir —"))] + [(t.code, f"{t.name} ({t.code})") for t in network_queries.departements()]
    form.themes.choices = [(t.slug, t.label_for(g.locale)) for t in network_queries.themes()]
    form.partners.choices = _countries_choices()
    if actor and request.method == "GET":
        form.kind.data = actor.kind.value
        form.departement.data = actor.departement.code if actor.departement else ""
        form.themes.data = [t.slug for t in actor.themes]
        form.partners.data = [t.code for t in actor.territories]
    return form


def _actor_data(form: ActorForm) -> services.ActorData:
    departement = network_queries.by_codes([form.departement.data])[0] if form.departement.data else None
    return services.ActorData(
        name=form.name.data, kind=ActorKind(form.kind.data), acronym=form.acronym.data,
        description=form.description.data or "", postal_code=form.postal_code.data,
        commune=form.commune.data, departement=departement, website=form.website.data,
        email=form.email.data, phone=form.phone.data, contact_public=form.contact_public.data,
        rna=form.rna.data, siret=form.siret.data, members_total=form.members_total.data,
        members_idf=form.members_idf.data, themes=network_queries.themes_by_slug(form.themes.data),
        territories=network_queries.by_codes(form.partners.data),
    )


def _identifier_conflicts(form: ActorForm, actor: Actor | None) -> bool:
    """RNA and SIRET are unique: say so on the field instead of failing on commit."""
    clash = False
    for field, column in ((form.rna, Actor.rna), (form.siret, Actor.siret)):
        if field.data:
            other = db.session.scalar(sa.select(Actor).where(column == field.data))
            if other is not None and other is not actor:
                field.errors = [*field.errors, _("Ce numéro est déjà celui de « %(name)s ».", name=other.name)]
                clash = True
    return clash


@bp.route("/acteurs/nouveau", methods=["GET", "POST"])
@login_required
def actor_new():
    require(perm.can_moderate_actor(current_user))
    form = _actor_form(None)
    if form.validate_on_submit() and not _identifier_conflicts(form, None):
        actor = services.create_actor(current_user, _actor_data(form))
        db.session.commit()
        flash(_("La fiche « %(name)s » a été créée.", name=actor.name), "success")
        return redirect(url_for("actors.actor", actor_id=actor.id, slug=actor.slug))
    return render_template("actors/form.html", form=form, actor=None)


@bp.route("/acteurs/<int:actor_id>/modifier", methods=["GET", "POST"])
@login_required
def actor_edit(actor_id: int):
    actor = db.get_or_404(Actor, actor_id)
    require(perm.can_edit_actor(current_user, actor))
    form = _actor_form(actor)
    if form.validate_on_submit() and not _identifier_conflicts(form, actor):
        with unless_conflict(form):
            changes = services.update_actor(current_user, actor, _actor_data(form),
                                            version=form_version(form))
            db.session.commit()
            flash(_("La fiche a été mise à jour.") if changes else _("Aucune modification."), "success")
            return redirect(url_for("actors.actor", actor_id=actor.id, slug=actor.slug))
    return render_template("actors/form.html", form=form, actor=actor)


@bp.route("/acteurs/<int:actor_id>/publication", methods=["POST"])
@login_required
def actor_publication(actor_id: int):
    actor = db.get_or_404(Actor, actor_id)
    require(perm.can_moderate_actor(current_user))
    if ConfirmForm().validate_on_submit():
        publish = request.form.get("publier") == "1"
        services.set_actor_published(current_user, actor, publish)
        db.session.commit()
        flash(_("La fiche est publiée.") if publish else _("La fiche est masquée du public."), "success")
    return redirect(url_for("actors.actor", actor_id=actor.id))


# -- funding schemes -------------------------------------------------------------


@bp.route("/dispositifs/")
def schemes():
    filters = queries.SchemeFilters.from_args(request.args)
    filters.rank_theme = True
    page = paginate(queries.schemes_query(filters), request.args)
    answers = finder.Answers(beneficiary=filters.beneficiary, departement=filters.departement,
                             theme=filters.theme, pays=filters.pays, age=filters.age,
                             need_cents=filters.need_cents)
    today = date.today()
    fits = {s.id: finder.fit(scheme_facts(s, today), answers) for s in page.items} if filters.active else {}
    plan = None
    if filters.active and page.page == 1:
        # The first page holds the best schemes: the plan is drawn from them.
        plan = finder.cofinancing_plan([scheme_facts(s, today) for s in page.items], filters.need_cents,
                                       local=filters.departement)
        plan_schemes = {s.id: s for s in page.items}
    drafts = []
    if is_member_staff(current_user):
        stmt = queries.schemes_query(queries.SchemeFilters(), status=PublicationStatus.DRAFT)
        if not current_user.is_coordinator:
            stmt = stmt.where(FundingScheme.funder_member_id == current_user.member_id)
        drafts = db.session.scalars(stmt.limit(50)).unique().all()
    countries = _in_name_order(db.session.execute(queries.country_names()).all())
    members = db.session.scalars(sa.select(Member).order_by(Member.code)).all()
    themes, departements = network_queries.themes(), network_queries.departements()
    return render_template(
        "actors/schemes.html", page=page, filters=filters, drafts=drafts, themes=themes,
        departements=departements, countries=countries, beneficiaries=Beneficiary,
        members=members, fits=fits, plan=plan, plan_schemes=plan_schemes if plan else {},
        theme_labels={t.slug: t.label_for(g.locale) for t in themes},
        place_labels={**{t.code: t.name for t in departements},
                      **{c.code: (c.name_en or c.name) if g.locale == "en" else c.name for c in countries}},
    )


def scheme_facts(scheme: FundingScheme, today: date) -> finder.SchemeFacts:
    opens, closes = scheme.open_window
    return finder.SchemeFacts(
        id=scheme.id,
        funder_code=scheme.funder_member.code if scheme.funder_member else None,
        funder_name=scheme.funder_label,
        beneficiaries=tuple(b.value for b in scheme.beneficiaries),
        themes=tuple(t.slug for t in scheme.themes),
        departements=tuple(t.code for t in scheme.french_territories),
        countries=tuple({t.country_code for t in scheme.partner_territories}),
        amount_max_cents=scheme.amount_max_cents,
        max_rate_percent=scheme.max_rate_percent,
        legal_basis=scheme.legal_basis,
        next_deadline=closes if closes and closes >= today else None,
        is_open=scheme.is_open_on(today),
    )


@bp.route("/dispositifs/<int:scheme_id>")
@bp.route("/dispositifs/<int:scheme_id>-<slug>")
def scheme(scheme_id: int, slug: str | None = None):
    scheme = db.get_or_404(FundingScheme, scheme_id)
    if not perm.can_view_scheme(current_user, scheme):
        abort(404)
    redirect_to = _canonical(scheme, "actors.scheme", slug, scheme_id=scheme.id)
    if redirect_to:
        return redirect_to
    related = db.session.scalars(queries.related_schemes(scheme)).all()
    calls = linked_calls.open_calls_of(scheme.id, utcnow()) if scheme.is_published else []
    return render_template("actors/scheme.html", scheme=scheme, confirm=ConfirmForm(), related=related,
                           calls=calls)


def _scheme_form(scheme: FundingScheme | None) -> SchemeForm:
    form = SchemeForm(obj=scheme) if scheme and request.method == "GET" else SchemeForm()
    members = db.session.scalars(
        sa.select(Member).where(Member.status != MemberStatus.LEFT).order_by(Member.code)
    ).all()
    if current_user.is_coordinator:
        form.funder.choices = [(m.code, m.name) for m in members] + [("", _("Autre financeur (hors réseau)"))]
    else:
        form.funder.choices = [(m.code, m.name) for m in members if m.id == current_user.member_id]
    form.themes.choices = [(t.slug, t.label_for(g.locale)) for t in network_queries.themes()]
    region = network_queries.by_codes([REGION_CODE])
    form.departements.choices = [(t.code, _("Toute l'Île-de-France") if t.code == REGION_CODE else f"{t.name} ({t.code})")
                                 for t in region + network_queries.departements()]
    form.partners.choices = _countries_choices()
    if request.method == "GET":
        if scheme:
            form.funder.data = scheme.funder_member.code if scheme.funder_member else ""
            form.beneficiaries.data = [b.value for b in scheme.beneficiaries]
            form.themes.data = [t.slug for t in scheme.themes]
            form.departements.data = [t.code for t in scheme.french_territories]
            form.partners.data = [t.code for t in scheme.partner_territories]
            form.recurrence.data = scheme.recurrence.value
            form.amount_min.data = amount_text(scheme.amount_min_cents)
            form.amount_max.data = amount_text(scheme.amount_max_cents)
            form.max_rate.data = str(scheme.max_rate_percent or "")
        elif current_user.member:
            form.funder.data = current_user.member.code
    return form


def _scheme_data(form: SchemeForm) -> services.SchemeData:
    member = db.session.scalar(sa.select(Member).where(Member.code == form.funder.data)) if form.funder.data else None
    return services.SchemeData(
        name=form.name.data, funder_member=member, funder_name=form.funder_name.data,
        summary=form.summary.data or "", description=form.description.data or "",
        beneficiaries=[Beneficiary(b) for b in form.beneficiaries.data],
        themes=network_queries.themes_by_slug(form.themes.data),
        territories=network_queries.by_codes(form.departements.data + form.partners.data),
        age_min=form.age_min.data, age_max=form.age_max.data,
        amount_min_cents=form.amount_min.cents, amount_max_cents=form.amount_max.cents,
        max_rate_percent=form.max_rate.percent, recurrence=Recurrence(form.recurrence.data),
        opens_on=form.opens_on.data, closes_on=form.closes_on.data,
        legal_basis=form.legal_basis.data, url=form.url.data,
        conditions=form.conditions.data or "", how_to_apply=form.how_to_apply.data or "",
        documents=form.documents.data or "", contact_name=form.contact_name.data,
        contact_email=form.contact_email.data,
    )


@bp.route("/dispositifs/nouveau", methods=["GET", "POST"])
@login_required
def scheme_new():
    require(perm.can_create_scheme(current_user))
    form = _scheme_form(None)
    if form.validate_on_submit():
        data = _scheme_data(form)
        require(perm.can_fund_as(current_user, data.funder_member))
        publish = request.form.get("action") == "publish"
        scheme = services.create_scheme(current_user, data, publish=publish)
        db.session.commit()
        flash(_("Le dispositif a été publié.") if publish
              else _("Le dispositif a été enregistré comme brouillon."), "success")
        return redirect(url_for("actors.scheme", scheme_id=scheme.id, slug=scheme.slug))
    return render_template("actors/scheme_form.html", form=form, scheme=None)


@bp.route("/dispositifs/<int:scheme_id>/modifier", methods=["GET", "POST"])
@login_required
def scheme_edit(scheme_id: int):
    scheme = db.get_or_404(FundingScheme, scheme_id)
    require(perm.can_edit_scheme(current_user, scheme))
    form = _scheme_form(scheme)
    if form.validate_on_submit():
        data = _scheme_data(form)
        require(perm.can_fund_as(current_user, data.funder_member))
        with unless_conflict(form):
            changes = services.update_scheme(current_user, scheme, data, version=form_version(form))
            if request.form.get("action") == "publish":
                changes = services.set_scheme_published(current_user, scheme, True) or changes
            db.session.commit()
            flash(_("Le dispositif a été mis à jour.") if changes else _("Aucune modification."), "success")
            return redirect(url_for("actors.scheme", scheme_id=scheme.id, slug=scheme.slug))
    return render_template("actors/scheme_form.html", form=form, scheme=scheme)


@bp.route("/dispositifs/<int:scheme_id>/publication", methods=["POST"])
@login_required
def scheme_publication(scheme_id: int):
    scheme = db.get_or_404(FundingScheme, scheme_id)
    require(perm.can_edit_scheme(current_user, scheme))
    if ConfirmForm().validate_on_submit():
        publish = request.form.get("publier") == "1"
        services.set_scheme_published(current_user, scheme, publish)
        db.session.commit()
        flash(_("Le dispositif est publié.") if publish
              else _("Le dispositif est dépublié : il n'est plus visible du public."), "success")
    return redirect(url_for("actors.scheme", scheme_id=scheme.id))


@bp.route("/dispositifs/<int:scheme_id>/historique")
@login_required
def scheme_history(scheme_id: int):
    scheme = db.get_or_404(FundingScheme, scheme_id)
    if not perm.can_view_scheme(current_user, scheme):
        abort(404)  # as the record itself: another member's draft is not shown, nor its history
    require(can_view_audit(current_user))
    return audit.history_page(scheme, name=scheme.name, url=scheme.path,
                              section=(_("Dispositifs"), url_for("actors.schemes")),
                              back_label=_("Retour à la fiche"),
                              empty_label=_("Aucune modification n'a été enregistrée pour cette fiche."),
                              value_labels=value_labels())


@bp.route("/acteurs/<int:actor_id>/historique")
@login_required
def actor_history(actor_id: int):
    actor = db.get_or_404(Actor, actor_id)
    if not perm.can_view_actor(current_user, actor):
        abort(404)
    require(can_view_audit(current_user) or perm.can_edit_actor(current_user, actor))
    return audit.history_page(actor, name=actor.name, url=actor.path,
                              section=(_("Acteurs"), url_for("actors.actors")),
                              back_label=_("Retour à la fiche"),
                              empty_label=_("Aucune modification n'a été enregistrée pour cette fiche."),
                              value_labels=value_labels())


def value_labels() -> dict:
    """Words for the raw values the audit trail keeps (enum values, ids, slugs)."""
    territory_names = {code: name for code, name in db.session.execute(
        sa.select(Territory.code, sa.func.coalesce(Territory.name_en, Territory.name) if g.locale == "en"
                  else Territory.name))}
    return {
        "kind": dict(ActorKind.choices()),
        "recurrence": dict(Recurrence.choices()),
        "beneficiaries": dict(Beneficiary.choices()),
        "status": dict(PublicationStatus.choices()),
        "funder_member_id": {m.id: m.name for m in db.session.scalars(sa.select(Member))},
        "departement_id": {t.id: f"{t.name} ({t.code})" for t in network_queries.departements()},
        "themes": {t.slug: t.label_for(g.locale) for t in network_queries.themes()},
        # Territories are kept by code ("SN-dakar"): their names instead.
        "territories": territory_names,
        "countries": territory_names,
    }


# -- territories ------------------------------------------------------------------


@bp.route("/territoires/")
def territories():
    french = db.session.scalars(
        sa.select(Territory).where(Territory.kind.in_([TerritoryKind.REGION, TerritoryKind.DEPARTEMENT]))
        .order_by(Territory.kind.desc(), Territory.code)
    ).all()
    actor_counts = dict(db.session.execute(
        sa.select(Territory.code, sa.func.count(Actor.id)).join(Actor, Actor.departement_id == Territory.id)
        .where(Actor.published).group_by(Territory.code)
    ).all())
    partners = db.session.scalars(
        sa.select(Territory).where(Territory.kind.in_([TerritoryKind.PARTNER_CITY, TerritoryKind.PARTNER_REGION]))
        .options(selectinload(Territory.parent)).order_by(Territory.name)
    ).all()
    linked_countries = db.session.scalars(
        sa.select(Territory).where(
            Territory.kind == TerritoryKind.COUNTRY,
            Territory.country_code != "FR",
            sa.or_(
                Territory.id.in_(sa.select(actor_territories.c.territory_id)),
                Territory.id.in_(sa.select(Partnership.territory_id)),
                Territory.id.in_(sa.select(Territory.parent_id).where(
                    Territory.kind.in_([TerritoryKind.PARTNER_CITY, TerritoryKind.PARTNER_REGION]))),
            ),
        ).order_by(Territory.name)
    ).all()
    return render_template("actors/territories.html", french=french, actor_counts=actor_counts,
                           partners=partners, countries=linked_countries)


def _count(stmt: sa.Select) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery()))


@bp.route("/territoires/<code>")
def territory(code: str):
    if clean_arg(code, 40) != code:
        abort(404)
    territory = db.session.scalar(sa.select(Territory).where(Territory.code == code))
    if territory is None:
        territory = db.session.scalar(sa.select(Territory).where(sa.func.lower(Territory.code) == code.lower()))
        if territory is None:
            abort(404)
        return redirect(url_for("actors.territory", code=territory.code), code=301)
    limit = 50
    if territory.is_french:
        if territory.kind == TerritoryKind.DEPARTEMENT:
            actor_filters = queries.ActorFilters(departement=territory.code)
            scheme_filters = queries.SchemeFilters(departement=territory.code)
        else:
            actor_filters = queries.ActorFilters()
            scheme_filters = queries.SchemeFilters()
        partnerships = []
    else:
        actor_filters = queries.ActorFilters(pays=territory.code)
        # The schemes that name this territory; those open to any country are only counted.
        scheme_filters = queries.SchemeFilters(pays=territory.code, targeted=True)
        within = network_queries.territory_ids_within(territory.code)
        partnerships = db.session.scalars(
            sa.select(Partnership).where(Partnership.territory_id.in_(within))
            .options(selectinload(Partnership.member), selectinload(Partnership.territory))
        ).all()
    actors_stmt = queries.actors_query(actor_filters)
    actors_total = _count(actors_stmt)
    actors_list = db.session.scalars(actors_stmt.limit(limit)).unique().all()
    schemes_list = db.session.scalars(queries.schemes_query(scheme_filters).limit(limit)).unique().all()
    open_to_all = 0
    if scheme_filters.targeted:
        open_to_all = (_count(queries.schemes_query(queries.SchemeFilters(pays=territory.code)))
                       - _count(queries.schemes_query(scheme_filters)))
    children = db.session.scalars(
        sa.select(Territory).where(Territory.parent_id == territory.id).order_by(Territory.name).limit(200)
    ).all()
    return render_template(
        "actors/territory.html", territory=territory, actors=actors_list, actors_total=actors_total,
        schemes=schemes_list, open_to_all=open_to_all, partnerships=partnerships, children=children,
        actor_filters=actor_filters, IDF_DEPARTEMENTS=IDF_DEPARTEMENTS,
    )
