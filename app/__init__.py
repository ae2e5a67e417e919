"""Portail du réseau Île-de-France International."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from flask import Flask, g, request, session
from flask_babel import get_locale
from werkzeug.middleware.proxy_fix import ProxyFix

from app import config

# The portal's features, in the order they stand on each other. Each is a package with
# an ``init_app(app)`` that registers its blueprint, rights, search types and commands:
# adding a feature is adding its line here.
FEATURES = (
    "app.auth",
    "app.mail",
    "app.files",
    "app.network",
    "app.actors",
    "app.agenda",
    "app.accounts",
    "app.calls",
    "app.projects",
    "app.main",
    "app.api",
    "app.demo",
)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    instance = Path(app.instance_path)
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_mapping(config.from_environment(instance))
    if test_config:
        app.config.from_mapping(test_config)
        if "SQLALCHEMY_DATABASE_URI" in test_config:
            app.config["SQLALCHEMY_DATABASE_URI"] = config.database_url(
                test_config["SQLALCHEMY_DATABASE_URI"]
            )

    if app.config["PORTAL_TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PORTAL_TRUSTED_PROXIES"])

    _init_extensions(app)
    from app.core.web import IdConverter

    app.url_map.converters["int"] = IdConverter  # before the routes that use it are added
    for feature in FEATURES:
        import_module(feature).init_app(app)

    from app import search
    from app.core import web

    web.init_app(app)
    search.catch_up_at_start(app)  # what a process that died left pending
    return app


def select_locale() -> str:
    lang = request.args.get("lang")
    if lang in ("fr", "en"):
        session["lang"] = lang
        return lang
    return session.get("lang", "fr")


def _init_extensions(app: Flask) -> None:
    from app import (
        models,  # noqa: F401  (every model, for Alembic and relationships)
        search,
    )
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=lambda: "Europe/Paris")
    limiter.init_app(app)
    login_manager.init_app(app)
    search.init_app(app)

    @app.before_request
    def _locale_in_g() -> None:
        g.locale = str(get_locale())
