"""The directory: actors, funding schemes, territories' pages, and the CSV import."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.actors import deadline_views, documents, permissions  # noqa: F401  (the search types, routes)
    from app.actors.importing.cli import import_cli
    from app.actors.views import bp
    from app.core.web import register_permissions

    app.register_blueprint(bp)
    register_permissions(app, permissions)
    app.cli.add_command(import_cli)
