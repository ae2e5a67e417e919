"""Saving the finder's answers (``/compte/recherches``) and removing a saved search."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from app.accounts import saved_searches
from app.accounts.blueprint import bp, me
from app.accounts.forms import SaveSearchForm
from app.accounts.messages import message
from app.accounts.models import SavedSearch
from app.auth.forms import ConfirmForm
from app.core.rules import RuleViolations
from app.extensions import db


@bp.route("/compte/recherches", methods=["POST"])
@login_required
def save_search():
    form = SaveSearchForm()
    args = MultiDict(parse_qsl(form.query.data or ""))
    if form.validate_on_submit():
        try:
            search = saved_searches.save(me(), form.name.data, args)
        except RuleViolations as error:
            form.name.errors = [*form.name.errors, *(message(v) for v in error.violations)]
        else:
            db.session.commit()
            flash(_("Recherche « %(name)s » enregistrée : vous recevrez un message quand un nouveau dispositif y "
                    "correspond.", name=search.name), "success")
            return redirect(url_for("actors.schemes") + "?" + search.query + "#resultats")
    return render_template(
        "accounts/form_page.html", form=form, heading=_("Enregistrer cette recherche"),
        intro=_("Vous recevrez un message quand un nouveau dispositif correspond à ces réponses."),
        back=(url_for("accounts.account"), _("Mon compte")),
        cancel=url_for("actors.schemes") + "?" + saved_searches.finder_query(args)), 200


@bp.route("/compte/recherches/<int:search_id>/supprimer", methods=["POST"])
@login_required
def remove_search(search_id: int):
    search = db.get_or_404(SavedSearch, search_id)
    if search.user_id != me().id:
        abort(403)
    if ConfirmForm().validate_on_submit():
        name = search.name
        saved_searches.remove(search)
        db.session.commit()
        flash(_("Recherche « %(name)s » supprimée : elle ne vous alertera plus.", name=name), "success")
    return redirect(url_for("accounts.account") + "#titre-recherches")
