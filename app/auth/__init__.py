"""Accounts, roles, sign-in; the rights every feature builds on (``permissions``)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.auth import permissions
    from app.auth.models import User
    from app.auth.views import bp
    from app.core.web import register_permissions
    from app.extensions import db, login_manager

    @login_manager.user_loader
    def load_user(user_id: str):
        user = db.session.get(User, int(user_id))
        return user if user and user.active else None

    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    app.register_blueprint(bp)
    register_permissions(app, permissions)
