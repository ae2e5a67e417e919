"""The funders' form on a project's public record."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ProjectForm(FlaskForm):
    version = HiddenField()
    title = StringField(_l("Titre public du projet"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(_l("Présentation publique"), validators=[Optional(), Length(max=5000)])
    local_benefits = TextAreaField(_l("Retombées en Île-de-France"), validators=[Optional(), Length(max=5000)])
    place_hidden = BooleanField(_l("Masquer le lieu du partenaire sur les pages publiques"))
    hidden = BooleanField(_l("Masquer tout le projet des pages publiques"))
    reason = TextAreaField(_l("Motif du masquage (gardé dans l'historique, jamais publié)"),
                           validators=[Optional(), Length(max=1000)])
