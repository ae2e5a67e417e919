"""``flask users create``: the first coordinator's account, and any other staff account,
with a password typed at the prompt or an invitation by mail (``--invite``)."""

from __future__ import annotations

from datetime import timedelta

import click
import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask.cli import AppGroup
from flask_babel import force_locale

from app.accounts import services, tokens
from app.accounts.mails import NoPublicAddress
from app.accounts.messages import message
from app.auth.models import Role
from app.core.db import utcnow
from app.core.rules import RuleViolations
from app.extensions import db
from app.network.founders import install_founders
from app.network.models import Member

users_cli = AppGroup("users", help="Comptes des agents et de la coordination.")


def _member(code: str) -> Member:
    member = db.session.scalar(sa.select(Member).where(Member.code == code))
    if member is None and db.session.scalar(sa.select(sa.func.count()).select_from(Member)) == 0:
        # An empty database: the network's founders come before its first account.
        created = install_founders()
        click.echo("Membres fondateurs installés : " + ", ".join(m.code for m in created) + ".")
        member = db.session.scalar(sa.select(Member).where(Member.code == code))
    if member is None:
        codes = ", ".join(db.session.scalars(sa.select(Member.code).order_by(Member.code)))
        raise click.UsageError(f"Aucune collectivité membre de code « {code} » (membres : {codes}).")
    return member


@users_cli.command("create")
@click.option("--email", required=True, help="Adresse électronique du compte.")
@click.option("--name", required=True, help="Nom et prénom.")
@click.option("--role", type=click.Choice(["coordinator", "officer"]), required=True,
              help="coordinator (la Région) ou officer (agent d'une collectivité membre).")
@click.option("--member", "member_code", required=True, help="Code de la collectivité : IDF, 77, 91...")
@click.option("--invite", is_flag=True,
              help="Envoyer une invitation (lien valable 7 jours) au lieu de demander le mot de passe.")
def create_command(email: str, name: str, role: str, member_code: str, invite: bool) -> None:
    """Create a staff account: asks for its password, or sends an invitation."""
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise click.BadParameter(str(exc), param_hint="--email") from None
    member = _member(member_code.strip().upper())
    with force_locale("fr"):
        try:
            if invite:
                user = services.invite(None, email=email, name=name, role=Role(role), member=member)
            else:
                password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt="Confirmez")
                user = services.create_with_password(email=email, name=name, role=Role(role), member=member,
                                                     password=password)
        except RuleViolations as exc:
            db.session.rollback()
            for violation in exc.violations:
                click.echo(f"Erreur : {message(violation)}", err=True)
            raise SystemExit(1) from None
        except NoPublicAddress:
            db.session.rollback()
            click.echo("Erreur : définissez PORTAL_BASE_URL (l'adresse publique du portail, par exemple "
                       "https://portail.example.org) pour écrire le lien de l'invitation.", err=True)
            raise SystemExit(1) from None
    db.session.commit()
    what = "invitation envoyée à" if invite else "compte créé pour"
    click.echo(f"{Role(role).value} de {member.name} : {what} {user.email}.")


@users_cli.command("purge-tokens")
@click.option("--days", type=click.IntRange(0, 3650), default=30, show_default=True,
              help="Garder les liens expirés depuis moins de DAYS jours.")
def purge_tokens_command(days: int) -> None:
    """Delete the mailed links (invitations, confirmations, resets) expired for DAYS days."""
    removed = tokens.purge(expired_before=utcnow() - timedelta(days=days))
    db.session.commit()
    click.echo(f"{removed} lien(s) expiré(s) depuis plus de {days} jour(s) supprimé(s).")
