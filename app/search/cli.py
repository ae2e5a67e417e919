"""``flask search reindex`` and ``flask search sync``."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from app.extensions import db
from app.search import backend
from app.search.sync import drain, pending_count, rebuild

search_cli = AppGroup("search", help="Index de recherche plein texte.")


@search_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the whole index from the database."""
    started = time.perf_counter()
    count = rebuild(backend(), db.engine)
    click.echo(f"Index reconstruit : {count} fiches en {time.perf_counter() - started:.1f} s.")


@search_cli.command("sync")
@click.option("--wait", default=30.0, show_default=True, help="Seconds to wait for a busy index.")
def sync_command(wait: float) -> None:
    """Apply the pending index changes (after a crash, or to be sure)."""
    applied = drain(backend(), db.engine, wait=wait)
    left = pending_count(db.engine)
    click.echo(f"{applied} modification(s) appliquée(s) à l'index ; {left} en attente.")
    if left:
        raise SystemExit(1)
