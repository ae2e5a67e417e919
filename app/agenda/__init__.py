"""The joint agenda: events and trainings of every member, feeds, twins and merges."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.agenda import documents, permissions  # noqa: F401  (documents: the search type)
    from app.agenda.views import bp
    from app.core.web import register_permissions

    app.register_blueprint(bp)
    register_permissions(app, permissions)
