"""The shape of what people type on the accounts' pages. Password rules (length,
common passwords) are checked by the services, where every path meets them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from app.accounts.messages import message
from app.accounts.rules import MIN_LENGTH
from app.actors.forms import ActorForm
from app.core.rules import Violation
from app.core.text import clean_block, clean_line

PASSWORD_HINT = _l("Au moins %(min)s caractères. Une phrase ou quelques mots sans rapport entre eux "
                   "se retiennent mieux qu'un mélange de signes.", min=MIN_LENGTH)


def _email_field(label=None, autocomplete: str = "email") -> EmailField:
    return EmailField(label or _l("Adresse électronique"), filters=[clean_line], validators=[
        DataRequired(_l("Indiquez l'adresse électronique.")),
        Email(_l("Cette adresse électronique n'est pas valide."), check_deliverability=False),
        Length(max=254),
    ], render_kw={"autocomplete": autocomplete, "spellcheck": "false"})


def _name_field() -> StringField:
    return StringField(_l("Nom et prénom"), filters=[clean_line], validators=[
        DataRequired(_l("Indiquez le nom.")), Length(max=120)], render_kw={"autocomplete": "name"})


def _new_password_field(label=None) -> PasswordField:
    return PasswordField(label or _l("Mot de passe"), description=PASSWORD_HINT, validators=[
        DataRequired(_l("Choisissez un mot de passe."))], render_kw={"autocomplete": "new-password"})


def _current_password_field() -> PasswordField:
    return PasswordField(_l("Mot de passe actuel"), validators=[
        DataRequired(_l("Indiquez votre mot de passe actuel."))], render_kw={"autocomplete": "current-password"})


def add_violations(form: FlaskForm, violations: list[Violation]) -> None:
    """Codes to sentences, on their field when the form has it, else above the form."""
    for violation in violations:
        field = getattr(form, violation.field, None) if violation.field else None
        if field is not None:
            field.errors = [*field.errors, message(violation)]
        else:
            form.form_errors.append(message(violation))


class SignupForm(FlaskForm):
    email = _email_field()
    name = _name_field()
    password = _new_password_field()


class EmailForm(FlaskForm):
    email = _email_field(autocomplete="username")


class NewPasswordForm(FlaskForm):
    password = _new_password_field(_l("Nouveau mot de passe"))


class AcceptInvitationForm(FlaskForm):
    name = _name_field()
    password = _new_password_field()


def _languages() -> list[tuple[str, str]]:
    return [("fr", "Français"), ("en", "English")]


class ProfileForm(FlaskForm):
    name = _name_field()
    language = SelectField(_l("Langue des messages et du portail"), choices=_languages)


class PasswordChangeForm(FlaskForm):
    current_password = _current_password_field()
    password = _new_password_field(_l("Nouveau mot de passe"))


class EmailChangeForm(FlaskForm):
    email = _email_field(_l("Nouvelle adresse électronique"))
    current_password = _current_password_field()


class NotificationsForm(FlaskForm):
    notify_new_schemes = BooleanField(_l("Les nouveaux dispositifs de financement"))
    notify_new_calls = BooleanField(_l("Les nouveaux appels à projets"))
    notify_agenda_digest = BooleanField(_l("Le résumé de l'agenda du réseau"))
    notify_application_alerts = BooleanField(_l("Les alertes des appels auxquels j'ai candidaté"))


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Mot de passe, pour confirmer"), validators=[
        DataRequired(_l("Indiquez votre mot de passe."))
    ], render_kw={"autocomplete": "current-password"})


class InvitationForm(FlaskForm):
    email = _email_field()
    name = _name_field()
    # Choices are set by the view; an officer forging another member gets a 403, not a
    # form error, so the choice is checked by the view's rights rather than here.
    member = SelectField(_l("Collectivité membre"), validate_choice=False)
    role = SelectField(_l("Rôle"), validate_choice=False)


class ActorInvitationForm(FlaskForm):
    email = _email_field()
    name = _name_field()


class ChangeMemberForm(FlaskForm):
    member = SelectField(_l("Nouvelle collectivité"), validate_choice=False)


class ClaimForm(FlaskForm):
    message = TextAreaField(_l("Votre rôle dans l'organisation (facultatif)"), filters=[clean_block],
                            validators=[Optional(), Length(max=2000)])


class NewActorForm(ActorForm):
    message = TextAreaField(_l("Votre rôle dans l'organisation (facultatif)"), filters=[clean_block],
                            validators=[Optional(), Length(max=2000)])


class DecisionForm(FlaskForm):
    reason = TextAreaField(_l("Motif du refus (envoyé à la personne)"), filters=[clean_block],
                           validators=[Optional(), Length(max=2000)])


class SaveSearchForm(FlaskForm):
    """The finder's answers (``query``, from its page) saved under a name."""

    name = StringField(_l("Nom de la recherche"), filters=[clean_line],
                       validators=[DataRequired(_l("Donnez un nom à cette recherche, par exemple « Eau au Sénégal ».")),
                                   Length(max=120)])
    query = HiddenField()
