"""``flask calls close-due``: record the closing of the calls whose closing time passed.

Nothing depends on it: a call's phase follows the clock (app.calls.domain.call_workflow).
It only writes the transition in the audit trail, as the call's page does lazily.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db

calls_cli = AppGroup("calls", help="Appels à projets.")


@calls_cli.command("close-due")
def close_due_command() -> None:
    """Record the closing of every published call whose closing time passed."""
    from app.calls import services

    closed = services.close_due()
    db.session.commit()
    for call in closed:
        click.echo(f"{call.id}\t{call.title_fr}")
    click.echo(f"{len(closed)} appel(s) clos.")


@calls_cli.command("remind")
def remind_command() -> None:
    """Mail the applicants whose draft's call closes within 7 days (once per draft and person)."""
    from app.calls import application_services

    queued = application_services.remind_drafts()
    db.session.commit()
    click.echo(f"{queued} rappel(s) envoyé(s).")
