"""The shape of what officers type: a call, its co-funders, an envelope."""

from __future__ import annotations

import re
from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.actors.forms import AmountField, RateField
from app.calls.models import Attachment
from app.core.dates import PARIS
from app.core.forms import CountryPickerField, MultiCheckboxField, PlausibleDate, ProseField
from app.core.text import clean_block, clean_line

CHOICE_MESSAGE = _l("Choix invalide : choisissez dans la liste proposée.")


class StrictSelectField(SelectField):
    def pre_validate(self, form):
        if (self.data or "") not in {value for value, _label in self.choices}:
            raise ValidationError(str(CHOICE_MESSAGE))


class _StrictChoices:
    """Every ticked value must be one of the choices (a forged one gets a French message)."""

    def pre_validate(self, form):
        allowed = {value for value, _label in self.choices}
        if any(value not in allowed for value in self.data or []):
            raise ValidationError(str(CHOICE_MESSAGE))


class StrictMultiCheckboxField(_StrictChoices, MultiCheckboxField):
    pass


class StrictCountryPickerField(_StrictChoices, CountryPickerField):
    """Partner territories ticked in the shared picker (a click never drops the others)."""


class ShareField(StringField):
    """A whole percentage from 0 to 100 (a minimum own contribution may be nothing)."""

    percent: int | None = None

    def pre_validate(self, form):
        self.percent = None
        text = re.sub(r"[\s%]", "", self.data or "")
        if not text:
            self.percent = 0
            return
        if not re.fullmatch(r"\d{1,3}", text) or int(text) > 100:
            raise ValidationError(str(_l("Indiquez un pourcentage entier entre 0 et 100.")))
        self.percent = int(text)


_CRITERION = re.compile(r"^(?P<label>.+?)\s*(?:[;:]\s*(?P<weight>\d{1,3}))?\s*$")


def parse_criteria(text: str) -> list[tuple[str, int]]:
    """One criterion a line, ``Pertinence du projet ; 3`` (weight 1 when none). ValueError
    names the first bad line."""
    out = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = clean_line(line)
        if not line:
            continue
        match = _CRITERION.match(line)
        weight = int(match.group("weight") or 1) if match else 0
        if not match or not 1 <= weight <= 100 or len(match.group("label")) > 200:
            raise ValueError(number)
        out.append((match.group("label"), weight))
    return out


def _amount(label, required=True):
    validators = [DataRequired(_l("Indiquez le montant de l'enveloppe."))] if required else [Optional()]
    return AmountField(label, filters=[clean_line], validators=validators)


class CallForm(FlaskForm):
    version = HiddenField()
    lead = StrictSelectField(_l("Membre chef de file"))
    title_fr = StringField(_l("Titre (français)"), filters=[clean_line],
                           validators=[DataRequired(_l("Indiquez le titre de l'appel.")), Length(max=200)])
    title_en = StringField(_l("Titre (anglais)"), filters=[clean_line], validators=[Optional(), Length(max=200)])
    text_fr = ProseField(_l("Texte de l'appel (français)"), filters=[clean_block],
                            validators=[Optional(), Length(max=50000)])
    text_en = ProseField(_l("Texte de l'appel (anglais)"), filters=[clean_block],
                            validators=[Optional(), Length(max=50000)])
    opens_date = DateField(_l("Date d'ouverture"),
                           validators=[DataRequired(_l("Indiquez la date d'ouverture.")), PlausibleDate()])
    opens_time = TimeField(_l("Heure d'ouverture (heure de Paris)"), validators=[Optional()])
    closes_date = DateField(_l("Date de clôture"),
                            validators=[DataRequired(_l("Indiquez la date de clôture.")), PlausibleDate()])
    closes_time = TimeField(_l("Heure de clôture (heure de Paris)"), validators=[Optional()])
    min_own_share = ShareField(_l("Part minimale d'autofinancement du coût du projet (%)"), filters=[clean_line])
    max_public_rate = RateField(_l("Taux maximal d'aide publique du coût du projet (%)"), filters=[clean_line],
                                validators=[DataRequired(_l("Indiquez le taux maximal d'aide publique."))])
    beneficiary_kinds = StrictMultiCheckboxField(_l("Porteurs de projet éligibles"))
    themes = StrictMultiCheckboxField(_l("Thèmes"))
    territories = StrictCountryPickerField(_l("Territoires partenaires éligibles"))
    required_attachments = StrictMultiCheckboxField(_l("Pièces à joindre"), choices=Attachment.choices)
    criteria = TextAreaField(_l("Critères de sélection"), filters=[clean_block],
                             description=_l("Un critère par ligne, suivi de son poids après un point-virgule : "
                                            "« Pertinence du projet ; 3 »."),
                             validators=[Optional(), Length(max=5000)])
    anchoring_blocking = BooleanField(_l("L'intérêt local en Île-de-France est bloquant (sinon indicatif)"))
    scheme = StrictSelectField(_l("Dispositif associé"))
    # The lead's own envelope, on creation only.
    amount = _amount(_l("Montant de l'enveloppe du chef de file (€)"))
    ceiling = _amount(_l("Plafond par candidature (€)"), required=False)
    decision_body = StringField(_l("Instance de décision"), filters=[clean_line],
                                validators=[Optional(), Length(max=200)],
                                description=_l("Par exemple « Commission permanente »."))

    parsed_criteria: list[tuple[str, int]]

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        try:
            self.parsed_criteria = parse_criteria(self.criteria.data)
        except ValueError as exc:
            self.criteria.errors = [*self.criteria.errors, str(_l(
                "Ligne %(line)s : indiquez le critère puis son poids (entier de 1 à 100) après un point-virgule.",
                line=exc.args[0]))]
            ok = False
        if ok:
            opens_at, closes_at = self.bounds()
            if closes_at <= opens_at:
                self.closes_date.errors = [*self.closes_date.errors,
                                           str(_l("La clôture doit être postérieure à l'ouverture."))]
                ok = False
        amount, ceiling = getattr(self, "amount", None), getattr(self, "ceiling", None)  # creation only
        if ok and amount is not None and amount.cents is not None and ceiling.cents is not None \
                and ceiling.cents > amount.cents:
            self.ceiling.errors = [*self.ceiling.errors,
                                   str(_l("Le plafond par candidature ne peut pas dépasser le montant de l'enveloppe."))]
            ok = False
        return ok

    def bounds(self) -> tuple[datetime, datetime]:
        """Opening (00:00 by default) and closing (12:00 by default), Paris time."""
        opens = datetime.combine(self.opens_date.data, self.opens_time.data or time(0, 0), tzinfo=PARIS)
        closes = datetime.combine(self.closes_date.data, self.closes_time.data or time(12, 0), tzinfo=PARIS)
        return opens, closes


class InviteForm(FlaskForm):
    members = StrictMultiCheckboxField(_l("Membres à inviter comme cofinanceurs"),
                                       validators=[DataRequired(_l("Choisissez au moins un membre à inviter."))])


class EnvelopeForm(FlaskForm):
    version = HiddenField()
    amount = _amount(_l("Montant de l'enveloppe (€)"))
    ceiling = _amount(_l("Plafond par candidature (€)"), required=False)
    decision_body = StringField(_l("Instance de décision"), filters=[clean_line],
                                validators=[DataRequired(_l("Indiquez l'instance qui décide des aides.")),
                                            Length(max=200)],
                                description=_l("Par exemple « Commission permanente »."))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.ceiling.cents is not None and self.amount.cents is not None \
                and self.ceiling.cents > self.amount.cents:
            self.ceiling.errors = [*self.ceiling.errors,
                                   str(_l("Le plafond par candidature ne peut pas dépasser le montant de l'enveloppe."))]
            ok = False
        return ok
