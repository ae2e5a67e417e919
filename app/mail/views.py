"""The coordinator's "Courriels envoyés" page: what the portal sent, is sending, gave up."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, make_response, render_template, request
from flask_login import current_user, login_required

from app.core.pagination import arg_choice, paginate
from app.extensions import db
from app.mail.models import MailStatus, OutboxMail
from app.mail.permissions import can_read_outbox

bp = Blueprint("mail", __name__, url_prefix="/coordination/courriels")

# The HTML of a mail, opened on its own: nothing runs (sandbox: no script, a unique
# origin without the portal's cookies), nothing is fetched but inline styles and images.
MAIL_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


@bp.before_request
@login_required
def _coordinator_only() -> None:
    if not can_read_outbox(current_user):
        abort(403)


@bp.route("/")
def outbox():
    status = arg_choice(request.args, "statut", [s.value for s in MailStatus])
    stmt = sa.select(OutboxMail).order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())
    if status:
        stmt = stmt.where(OutboxMail.status == status)
    counts = dict(db.session.execute(
        sa.select(OutboxMail.status, sa.func.count()).group_by(OutboxMail.status)).all())
    return render_template("mail/outbox.html", page=paginate(stmt, request.args, 50), status=status,
                           statuses=list(MailStatus), counts=counts)


@bp.route("/<int:mail_id>")
def mail(mail_id: int):
    return render_template("mail/mail.html", mail=db.get_or_404(OutboxMail, mail_id))


@bp.route("/<int:mail_id>/html")
def mail_html(mail_id: int):
    mail = db.get_or_404(OutboxMail, mail_id)
    if mail.body_html is None:
        abort(404)
    response = make_response(mail.body_html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    response.headers["Content-Security-Policy"] = MAIL_HTML_CSP
    return response
