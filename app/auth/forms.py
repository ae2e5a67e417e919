from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Email, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("Adresse électronique"), validators=[
        DataRequired(_l("Indiquez votre adresse électronique.")),
        Email(_l("Cette adresse électronique n'est pas valide."), check_deliverability=False),
        Length(max=254),
    ], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Mot de passe"), validators=[
        DataRequired(_l("Indiquez votre mot de passe.")), Length(max=200),
    ], render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class ConfirmForm(FlaskForm):
    """An empty form: a button that posts, with its CSRF token."""
