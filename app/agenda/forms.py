"""The shape of what people type when they announce an event."""

from __future__ import annotations

from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from app.agenda.models import PARIS, EventKind, Visibility
from app.core.forms import (
    URL_MESSAGE,
    CountryPickerField,
    MultiCheckboxField,
    PlausibleDate,
    ProseField,
)
from app.core.text import clean_block, clean_line

PLACES_MESSAGE = _l("Indiquez un nombre entier de places, de 0 à 100 000.")


class EventForm(FlaskForm):
    version = HiddenField()
    # The officer saw the likely twins and says this is another event.
    distinct = HiddenField()
    title = StringField(_l("Titre"), filters=[clean_line],
                        validators=[DataRequired(_l("Indiquez le titre.")), Length(max=200)])
    kind = SelectField(_l("Type d'événement"), choices=EventKind.choices, default="formation")
    organiser = SelectField(_l("Organisateur"))
    summary = TextAreaField(_l("Résumé en une ou deux phrases"), filters=[clean_block],
                            validators=[Optional(), Length(max=400)])
    description = ProseField(_l("Description"), filters=[clean_block],
                                validators=[Optional(), Length(max=20000)])
    start_date = DateField(_l("Date de début"), validators=[DataRequired(_l("Indiquez la date de début.")), PlausibleDate()])
    start_time = TimeField(_l("Heure de début"), validators=[Optional()])
    end_date = DateField(_l("Date de fin (si plusieurs jours)"), validators=[Optional(), PlausibleDate()])
    end_time = TimeField(_l("Heure de fin"), validators=[Optional()])
    online = BooleanField(_l("En ligne"))
    online_url = URLField(_l("Lien de connexion"), filters=[clean_line],
                          validators=[Optional(), URL(message=URL_MESSAGE), Length(max=300)])
    place_name = StringField(_l("Lieu"), filters=[clean_line], validators=[Optional(), Length(max=200)])
    address = StringField(_l("Adresse"), filters=[clean_line], validators=[Optional(), Length(max=300)])
    commune = StringField(_l("Commune"), filters=[clean_line], validators=[Optional(), Length(max=120)])
    departement = SelectField(_l("Département"))
    audience = StringField(_l("Public visé"), filters=[clean_line], validators=[Optional(), Length(max=300)])
    places_left = IntegerField(_l("Places restantes (si vous le savez)"),
                               validators=[Optional(), NumberRange(min=0, max=100000, message=PLACES_MESSAGE)],
                               invalid_value_message=PLACES_MESSAGE)
    visibility = SelectField(_l("Visibilité"), choices=Visibility.choices, default="public")
    themes = MultiCheckboxField(_l("Thèmes"))
    countries = CountryPickerField(_l("Pays ou territoires partenaires concernés"))
    registration_url = URLField(_l("Lien d'inscription de votre structure"), filters=[clean_line],
                                validators=[Optional(), URL(message=URL_MESSAGE), Length(max=300)])
    # The answer to the other members' trainings on a similar topic (rendered as radios
    # beside them): "keep", "merge:<id>" or "join:<id>".
    overlap_answer = StringField(filters=[clean_line], validators=[Optional(), Length(max=30)])
    overlap_reason = TextAreaField(_l("Pourquoi garder les deux formations ?"), filters=[clean_block],
                                   validators=[Optional(), Length(max=1000)])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not ok:
            return False
        start, end = self.bounds()
        if end < start:
            field = self.end_date if self.end_date.data and self.end_date.data < self.start_date.data else self.end_time
            field.errors = [*field.errors, str(_l("La fin est antérieure au début."))]
            ok = False
        if not self.online.data and not (self.place_name.data or self.commune.data):
            self.commune.errors = [*self.commune.errors,
                                   str(_l("Indiquez le lieu ou la commune, ou cochez « En ligne »."))]
            ok = False
        if self.online.data and not self.online_url.data and not (self.place_name.data or self.commune.data):
            self.online_url.errors = [*self.online_url.errors,
                                      str(_l("Indiquez le lien de connexion de l'événement en ligne."))]
            ok = False
        return ok

    @property
    def all_day(self) -> bool:
        return self.start_time.data is None and self.end_time.data is None

    def bounds(self) -> tuple[datetime, datetime]:
        """Start and end as aware datetimes (Europe/Paris); an all-day event spans its days."""
        first = self.start_date.data
        last = self.end_date.data or first
        start = datetime.combine(first, self.start_time.data or time(0, 0), tzinfo=PARIS)
        if self.end_time.data:
            end = datetime.combine(last, self.end_time.data, tzinfo=PARIS)
        elif self.start_time.data and last == first:
            end = start
        else:
            end = datetime.combine(last, time(23, 59), tzinfo=PARIS)
        return start, end


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("Motif du refus (communiqué à l'association)"), filters=[clean_block],
                           validators=[DataRequired(_l("Indiquez le motif du refus.")), Length(max=2000)])


class MergeForm(FlaskForm):
    target = StringField(_l("Numéro de l'événement à garder"), filters=[clean_line],
                         validators=[DataRequired(_l("Indiquez l'événement à garder."))])


class OwnPartForm(FlaskForm):
    """What a co-organiser changes on a shared event: its own registration link."""

    version = HiddenField()
    registration_url = URLField(_l("Lien d'inscription de votre structure"), filters=[clean_line],
                                validators=[Optional(), URL(message=URL_MESSAGE), Length(max=300)])
