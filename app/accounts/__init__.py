"""Accounts' workflows: invitations, signing up, links sent by mail (new password, new
address), one's own account page, the coordinator's management of users, and the
requests to act for an actor. The User model and signing in stay in app.auth."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.accounts import claim_views, link_views, permissions, staff_views, views  # noqa: F401  (their routes)
    from app.accounts.blueprint import bp
    from app.accounts.cli import users_cli
    from app.core.web import register_permissions

    app.register_blueprint(bp)
    register_permissions(app, permissions)
    app.cli.add_command(users_cli)
