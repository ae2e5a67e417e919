"""``flask import actors FILE`` and ``flask import schemes FILE [--brouillon]``."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from app.actors.importing.actors import import_actors
from app.actors.importing.reader import ImportRejected
from app.actors.importing.schemes import import_schemes
from app.actors.messages import message
from app.actors.rules import Violation
from app.extensions import db


def format_errors(errors: list[tuple[int, Violation]]) -> list[str]:
    out = []
    for line, violation in errors:
        where = f"ligne {line}" if line else "fichier"
        if violation.field:
            where += f", colonne « {violation.field} »"
        out.append(f"{where} : {message(violation)}")
    return out


import_cli = AppGroup("import", help="Importer des fiches depuis un fichier CSV.")


def _run(importer, path: Path, **kwargs) -> None:
    with force_locale("fr"):
        try:
            report = importer(path.read_bytes(), **kwargs)
        except ImportRejected as exc:
            db.session.rollback()
            click.echo(f"Rien n'a été importé : {len(exc.errors)} erreur(s) dans {path.name}.", err=True)
            for line in format_errors(exc.errors):
                click.echo(f"  {line}", err=True)
            raise SystemExit(1) from None
        db.session.commit()
    click.echo(
        f"{path.name} importé : {report.created} créée(s), {report.updated} mise(s) à jour, "
        f"{report.unchanged} inchangée(s)."
    )


@import_cli.command("actors")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_actors_command(path: Path) -> None:
    """Import actors from a CSV file (columns: see README)."""
    _run(import_actors, path)


@import_cli.command("schemes")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--brouillon", is_flag=True, help="Import new schemes as drafts.")
def import_schemes_command(path: Path, brouillon: bool) -> None:
    """Import funding schemes from a CSV file (columns: see README)."""
    _run(import_schemes, path, publish=not brouillon)
