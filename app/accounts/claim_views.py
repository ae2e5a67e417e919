"""Acting for an actor: a registrant asks to manage an actor of the directory, or
proposes a new one, and sees its request (and nothing more); the coordinator decides;
an actor's accounts invite their colleagues."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import claims, queries, rules, services
from app.accounts import permissions as perm
from app.accounts.blueprint import bp, limited, me, per_mailbox, rules_on
from app.accounts.forms import (
    ActorInvitationForm,
    ClaimForm,
    DecisionForm,
    NewActorForm,
    add_violations,
)
from app.accounts.messages import message
from app.accounts.models import ActorClaim, ClaimStatus
from app.actors import services as actor_services
from app.actors.models import Actor, ActorKind
from app.auth.forms import ConfirmForm
from app.auth.models import Role
from app.auth.permissions import require
from app.core.rules import Violation
from app.extensions import db
from app.network import queries as network_queries

ONE_REQUEST = Violation("claim_pending")


@bp.route("/compte/rattachement")
@login_required
def claim_home():
    """A registrant's page: its address, its request, the search for its actor."""
    if not perm.can_claim(current_user):
        return redirect(url_for("accounts.account"))
    query = request.args.get("q", "")
    return render_template("accounts/claim_home.html", query=query, results=queries.actors_to_claim(query),
                           pending=claims.pending_claim(current_user),
                           history=claims.latest_claims(current_user), confirm=ConfirmForm())


@bp.route("/compte/rattachement/<int:actor_id>", methods=["GET", "POST"])
@login_required
def claim(actor_id: int):
    require(perm.can_claim(current_user))
    actor = db.get_or_404(Actor, actor_id)
    if not actor.published:
        abort(404)
    form = ClaimForm()
    if form.validate_on_submit():
        with rules_on(form, on_conflict=Violation("actor_claimed")):
            claims.claim_actor(me(), actor, form.message.data or "")
            db.session.commit()
            flash(_("Votre demande pour « %(name)s » est envoyée.", name=actor.name), "success")
            return redirect(url_for("accounts.claim_home"))
    elif request.method == "GET":
        add_violations(form, claims.check_claim(me(), actor))
    return render_template("accounts/claim.html", form=form, actor=actor)


def _new_actor_form() -> NewActorForm:
    form = NewActorForm()
    form.departement.choices = [("", _("— choisir —"))] + [
        (t.code, f"{t.name} ({t.code})") for t in network_queries.departements()]
    form.themes.choices = [(t.slug, t.label_for(g.locale)) for t in network_queries.themes()]
    form.partners.choices = []
    return form


def _identifier_conflicts(form: NewActorForm) -> bool:
    clash = False
    for field, column in ((form.rna, Actor.rna), (form.siret, Actor.siret)):
        if field.data:
            other = db.session.scalar(sa.select(Actor).where(column == field.data))
            if other is not None:
                field.errors = [*field.errors, message(Violation("identifier_taken", params={"name": other.name}))]
                clash = True
    return clash


@bp.route("/compte/rattachement/nouvel-acteur", methods=["GET", "POST"])
@login_required
def new_actor():
    require(perm.can_claim(current_user))
    form = _new_actor_form()
    if form.validate_on_submit() and not _identifier_conflicts(form):
        departement = network_queries.by_codes([form.departement.data])[0] if form.departement.data else None
        data = actor_services.ActorData(
            name=form.name.data, kind=ActorKind(form.kind.data), acronym=form.acronym.data,
            description=form.description.data or "", postal_code=form.postal_code.data,
            commune=form.commune.data, departement=departement, website=form.website.data,
            email=form.email.data, phone=form.phone.data, contact_public=form.contact_public.data,
            rna=form.rna.data, siret=form.siret.data, members_total=form.members_total.data,
            members_idf=form.members_idf.data, themes=network_queries.themes_by_slug(form.themes.data))
        with rules_on(form, on_conflict=ONE_REQUEST):
            claims.request_new_actor(me(), data, form.message.data or "")
            db.session.commit()
            flash(_("Votre proposition de fiche est envoyée à la coordination du réseau."), "success")
            return redirect(url_for("accounts.claim_home"))
    elif request.method == "GET":
        add_violations(form, rules.check_new_actor_request(**claims.person_facts(me())))
    return render_template("accounts/new_actor.html", form=form)


# -- the coordinator decides ------------------------------------------------------------


@bp.route("/comptes/demandes")
@login_required
def claims_list():
    require(perm.can_moderate_claims(current_user))
    decided = [c for c in queries.claims(None, limit=40) if not c.is_pending][:20]
    return render_template("accounts/claims.html", pending=queries.claims(), decided=decided)


@bp.route("/comptes/demandes/<int:claim_id>", methods=["GET", "POST"])
@login_required
def claim_decision(claim_id: int):
    require(perm.can_moderate_claims(current_user))
    claim = db.get_or_404(ActorClaim, claim_id)
    form = DecisionForm()
    if form.validate_on_submit():
        move = request.form.get("decision")
        if move not in ("approve", "refuse"):
            abort(400)
        with rules_on(form):
            claims.decide(me(), claim, move, reason=form.reason.data)
            db.session.commit()
            flash(_("La demande de %(name)s est acceptée.", name=claim.user.name) if move == "approve"
                  else _("La demande de %(name)s est refusée.", name=claim.user.name), "success")
            return redirect(url_for("accounts.claims_list"))
    others = [] if claim.actor is None else queries.accounts_of_actor(claim.actor)
    return render_template("accounts/claim_decision.html", claim=claim, form=form, others=others,
                           states=ClaimStatus)


# -- an actor's team --------------------------------------------------------------------


@bp.route("/acteurs/<int:actor_id>/comptes", methods=["GET", "POST"])
@login_required
@limited("INVITE_RATE_LIMIT")
@per_mailbox()
def actor_accounts(actor_id: int):
    actor = db.get_or_404(Actor, actor_id)
    require(perm.can_manage_actor_accounts(current_user, actor))
    form = ActorInvitationForm()
    if form.validate_on_submit():
        with rules_on(form):
            user = services.invite(me(), email=form.email.data, name=form.name.data, role=Role.APPLICANT,
                                   actor=actor)
            db.session.commit()
            flash(_("Invitation envoyée à %(email)s.", email=user.email), "success")
            return redirect(url_for("accounts.actor_accounts", actor_id=actor.id))
    return render_template("accounts/actor_accounts.html", actor=actor, form=form,
                           accounts=queries.accounts_of_actor(actor))
