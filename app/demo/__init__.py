"""Demo data: real facts of the network from the seed documents (see README)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Données de démonstration.")


@demo_cli.command("load")
def load_command() -> None:
    """Load the demo data (idempotent)."""
    from app.demo.loader import load

    summary = load()
    click.echo(summary)


def init_app(app) -> None:
    app.cli.add_command(demo_cli)
