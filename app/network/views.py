"""The network's page: its members, how to join, their partnerships abroad."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.network.models import Member, MemberStatus, Partnership

bp = Blueprint("network", __name__)


@bp.route("/reseau/")
def index():
    members = db.session.scalars(
        sa.select(Member)
        .options(selectinload(Member.partnerships).selectinload(Partnership.territory),
                 selectinload(Member.territory))
        .order_by(Member.is_coordinator.desc(), Member.joined_on, Member.code)
    ).all()
    return render_template("network/index.html", members=members, MemberStatus=MemberStatus)
