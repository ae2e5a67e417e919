"""The joint agenda: events and trainings of every member, feeds, twins and merges."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.agenda import documents, feed_views, permissions, plan_views, views  # noqa: F401  (documents: the search type; routes)
    from app.agenda.blueprint import bp
    from app.core.web import register_permissions

    app.register_blueprint(bp)
    from app.agenda.digest import agenda_cli

    app.cli.add_command(agenda_cli)
    register_permissions(app, permissions)
