"""The read-only JSON API and its OpenAPI description."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.api.views import bp

    app.register_blueprint(bp)
