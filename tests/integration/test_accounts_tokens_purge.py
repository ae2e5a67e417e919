"""``flask users purge-tokens``: mailed links long dead are deleted; live ones keep working."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.accounts import tokens
from app.accounts.models import AccountToken, TokenPurpose
from app.core.db import utcnow
from app.extensions import db


def test_purge_deletes_only_links_dead_for_the_given_days(app, make_user):
    officer, other = make_user("officer"), make_user("officer")
    long_ago = utcnow() - timedelta(days=60)
    tokens.issue(officer, TokenPurpose.RESET, now=long_ago)  # dead for 60 days
    tokens.issue(other, TokenPurpose.INVITATION, now=utcnow() - timedelta(days=10))  # dead for 3 days
    live, _ = tokens.issue(other, TokenPurpose.RESET)
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["users", "purge-tokens"])

    assert result.exit_code == 0, result.output
    assert "1 lien(s) expiré(s) depuis plus de 30 jour(s) supprimé(s)." in result.output
    db.session.expire_all()
    left = db.session.scalars(sa.select(AccountToken.purpose)).all()
    assert sorted(p.value for p in left) == ["invitation", "reset"]
    assert tokens.find(live, TokenPurpose.RESET).user_id == other.id  # the live link still opens

    again = app.test_cli_runner().invoke(args=["users", "purge-tokens", "--days", "0"])
    assert "1 lien(s) expiré(s) depuis plus de 0 jour(s) supprimé(s)." in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccountToken)) == 1
