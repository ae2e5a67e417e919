"""The shared call for projects: calls led by one member and co-financed by several,
each co-funder with its own envelope (amount, per-application ceiling, decision body).

Applications, instruction and each member's decision on its share come in the next
steps, on :func:`app.calls.services.reserve` / :func:`~app.calls.services.release`.
The call's rules are plain Python in :mod:`app.calls.domain`.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.actors.linked_calls import register_calls
    from app.calls import (  # noqa: F401  (documents: the search type; views: routes)
        application_views,
        cli,
        documents,
        instruction_views,
        permissions,
        permissions_instruction,
        queries,
        views,
    )
    from app.calls.blueprint import bp
    from app.core.web import register_permissions

    app.register_blueprint(bp)
    register_permissions(app, permissions)
    register_permissions(app, permissions_instruction)
    app.cli.add_command(cli.calls_cli)
    documents.register_deadlines_source()
    # The scheme pages' link to an open call, the calls in « Dates limites ».
    register_calls("calls", queries.linked_calls)
