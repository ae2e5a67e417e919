"""``flask files scan`` and ``flask files purge-orphans`` (for cron)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db
from app.files.scanning import scan_pending
from app.files.storage import purge_orphans

files_cli = AppGroup("files", help="Pièces jointes : analyse antivirus et ménage du stockage.")


@files_cli.command("scan")
@click.option("--include-unscanned", is_flag=True,
              help="Also scan the files stored while no antivirus was configured.")
def scan_command(include_unscanned: bool) -> None:
    """Send the files waiting for the antivirus to clamd; exit 1 if clamd is unreachable."""
    outcome = scan_pending(include_unscanned=include_unscanned)
    click.echo(f"{outcome.clean} fichier(s) sain(s) ; {len(outcome.infected)} infecté(s) ; "
               f"{len(outcome.errors)} en erreur.")
    for id_, signature in outcome.infected:
        click.echo(f"  n° {id_} : INFECTÉ ({signature})")
    for id_, error in outcome.errors:
        click.echo(f"  n° {id_} : analyse impossible ({error})")
    if outcome.unavailable:
        click.echo(f"clamd injoignable : {outcome.unavailable} — les fichiers restent en attente.", err=True)
        raise SystemExit(1)


@files_cli.command("purge-orphans")
@click.option("--older-than", type=click.IntRange(min=0), default=60, show_default=True,
              help="Minutes: younger files may belong to a transaction still under way.")
@click.option("--dry-run", is_flag=True, help="List what would be removed, remove nothing.")
def purge_command(older_than: int, dry_run: bool) -> None:
    """Remove the stored files that no row names (a process died before its commit)."""
    purge = purge_orphans(db.session, older_than=older_than * 60, dry_run=dry_run)
    verb = "à supprimer" if dry_run else "supprimé(s)"
    click.echo(f"{len(purge.removed)} fichier(s) orphelin(s) {verb}.")
    for path in purge.removed:
        click.echo(f"  {path}")
    if purge.missing:
        click.echo(f"{len(purge.missing)} fichier(s) enregistré(s) introuvable(s) sur le disque : "
                   f"n° {', '.join(map(str, purge.missing))}", err=True)
