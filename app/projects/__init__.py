"""Funded projects and their public portfolio: who funded how much, where, for what.

Same layer as ``app.calls`` in the import contracts (pyproject.toml), independent of it:
the calls announce their decisions through :mod:`app.core.signals` (plain data) and this
package keeps its own public record (:mod:`app.projects.services`).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.core import signals
    from app.core.web import register_permissions
    from app.projects import (  # noqa: F401  (documents: the search type; models: the tables)
        cli,
        documents,
        models,
        permissions,
        services,
    )
    from app.projects.views import bp

    app.register_blueprint(bp)
    register_permissions(app, permissions)
    app.cli.add_command(cli.projects_cli)
    signals.share_decision_changed.connect(services.on_share_decision)
    signals.application_outcome_settled.connect(services.on_outcome)
