"""Home page, global search, legal pages."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.main import dashboard  # noqa: F401  (its route)
    from app.main.views import bp

    app.register_blueprint(bp)
