"""Form pieces every feature shares: field types, validators, edit-conflict handling."""

from __future__ import annotations

from contextlib import contextmanager

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectMultipleField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.dates import FIRST_YEAR, LAST_YEAR, plausible
from app.core.records import EditConflict
from app.core.text import editable_text
from app.extensions import db

URL_MESSAGE = _l("Adresse web invalide : elle doit commencer par http:// ou https://.")


class PlausibleDate:
    """WTForms validator: refuses a date outside FIRST_YEAR..LAST_YEAR with a clear message."""

    def __call__(self, form, field) -> None:
        if not plausible(field.data):
            raise ValidationError(_l("Indiquez une date entre %(first)s et %(last)s.",
                                     first=FIRST_YEAR, last=LAST_YEAR))


class RequiredByRule:
    """WTForms validator that checks nothing: it marks a field that a business rule, not the
    form, requires in some case (``when``, e.g. "pour une attribution"): the field shows
    « (obligatoire pour une attribution) »; the rule's own message says what is missing."""

    def __init__(self, when) -> None:
        self.field_flags = {"required_when": when}

    def __call__(self, form, field) -> None:
        return None


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (accessible, unlike a multiple select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ProseField(TextAreaField):
    """A description box: stored HTML is shown as the text a person types (paragraphs,
    line breaks), never as raw ``<p>…</p>``; what was typed comes back as typed."""

    def _value(self) -> str:
        return editable_text(self.data) if isinstance(self.data, str) else super()._value()


class CountryPickerField(SelectMultipleField):
    """Partner countries and territories as checkboxes (macro ``country_picker``): the
    chosen ones are listed first, ticked; a click adds one without dropping the others,
    unlike a multiple select that needs Ctrl-click."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def form_version(form) -> int:
    """The record version the person started from (the form's hidden ``version`` field).

    Required: a form without it (replayed, forged, or from a page older than the field)
    would silently overwrite a newer change, so it is treated as a conflict. Call it
    inside :func:`unless_conflict`.
    """
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        raise EditConflict() from None


@contextmanager
def unless_conflict(form):
    """Someone else saved the record meanwhile: keep what was typed, say so, save nothing."""
    try:
        yield
    except (EditConflict, StaleDataError):
        db.session.rollback()
        form.form_errors.append(_(
            "Cette fiche a été modifiée par quelqu'un d'autre pendant que vous la modifiiez : "
            "vos changements n'ont pas été enregistrés. Ouvrez la fiche dans un autre onglet "
            "pour voir la version actuelle, puis enregistrez de nouveau."))
