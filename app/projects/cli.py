"""``flask projects siret CODE SIRET``: record a member's SIRET, its ``idAttribuant`` in
the open data of its grants (no page edits members' identity yet)."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from app.extensions import db

projects_cli = AppGroup("projects", help="Projets financés.")


@projects_cli.command("siret")
@click.argument("code")
@click.argument("siret")
def siret_command(code: str, siret: str) -> None:
    """Set the SIRET of the member CODE (IDF, 77, 91...); audited."""
    from app.actors.rules import check_siret
    from app.core import audit
    from app.network.models import Member

    member = db.session.scalar(sa.select(Member).where(Member.code == code))
    if member is None:
        raise click.ClickException(f"Aucun membre de code {code!r}.")
    siret = "".join(siret.split())
    if check_siret(siret):
        raise click.ClickException(f"SIRET invalide : {siret!r} (14 chiffres, clé de Luhn).")
    if member.siret != siret:
        audit.record(None, "member.siret", member, {"siret": [member.siret, siret]})
        member.siret = siret
        db.session.commit()
    click.echo(f"{member.code}\t{member.name}\t{member.siret}")
