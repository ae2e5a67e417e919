"""The read-only JSON API and its OpenAPI description."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.api.problems import from_http_error
    from app.api.views import bp
    from app.core.web import register_error_renderer

    app.register_blueprint(bp)
    register_error_renderer(app, "/api/", from_http_error)
