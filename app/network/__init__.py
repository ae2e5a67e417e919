"""The network: members, territories on both sides of the cooperation, themes, partnerships."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.network import models  # noqa: F401
    from app.network.continents import group_by_continent
    from app.network.views import bp

    app.register_blueprint(bp)
    # The country picker's groups (templates/macros/forms.html).
    app.jinja_env.filters["by_continent"] = lambda options: group_by_continent(options, lambda o: o.data)
