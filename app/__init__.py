"""Portail du réseau Île-de-France International."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, request, session
from flask_babel import get_locale

from app import config


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

    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)

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
    from app.actors import documents  # noqa: F401  (what the index keeps of the directory)
    from app.agenda import documents as agenda_documents  # noqa: F401  (... of the agenda)
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


def _register_blueprints(app: Flask) -> None:
    from app.actors.views import bp as actors_bp
    from app.agenda.views import bp as agenda_bp
    from app.api.views import bp as api_bp
    from app.auth.views import bp as auth_bp
    from app.main.views import bp as main_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(actors_bp)
    app.register_blueprint(agenda_bp)
    app.register_blueprint(api_bp)


def _register_cli(app: Flask) -> None:
    from app.actors.importer import import_cli
    from app.demo import demo_cli

    app.cli.add_command(import_cli)
    app.cli.add_command(demo_cli)
