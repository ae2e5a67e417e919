"""Accounts, roles, sign-in; the rights every feature builds on (``permissions``)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.auth import permissions
    from app.auth.services import user_from_session_id
    from app.auth.views import bp
    from app.core.web import register_permissions
    from app.extensions import login_manager

    login_manager.user_loader(user_from_session_id)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    app.register_blueprint(bp)
    register_permissions(app, permissions)
