"""Accounts' workflows: invitations, signing up, links sent by mail (new password, new
address), one's own account page, the coordinator's management of users, and the
requests to act for an actor. The User model and signing in stay in app.auth."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.accounts import (  # noqa: F401  (their routes)
        claim_views,
        link_views,
        permissions,
        saved_search_views,
        saved_searches,
        staff_views,
        views,
    )
    from app.accounts.blueprint import bp
    from app.accounts.cli import users_cli
    from app.actors.events import on_scheme_published
    from app.core.web import register_permissions

    app.register_blueprint(bp)
    register_permissions(app, permissions)
    app.cli.add_command(users_cli)
    # A saved finder search mails its alert when a scheme that fits it is published.
    on_scheme_published("saved_searches", saved_searches.alert_on_publication)
