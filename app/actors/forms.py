"""The shape of what people type in the directory's forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from app.actors.messages import message
from app.actors.models import ActorKind, Beneficiary, Recurrence
from app.actors.rules import (
    check_document_lines,
    check_members,
    check_postal_code,
    check_rna,
    check_scheme_ranges,
    check_siret,
    normalise_identifier,
    parse_amount,
    parse_rate,
)
from app.core.forms import (
    URL_MESSAGE,
    CountryPickerField,
    MultiCheckboxField,
    PlausibleDate,
    ProseField,
)
from app.core.text import clean_block, clean_line


class AmountField(StringField):
    """Euros as people write them (``12 000``, ``1 500,50 €``); ``.cents`` after validation."""

    cents: int | None = None

    def pre_validate(self, form):
        self.cents = None
        if self.data:
            try:
                self.cents = parse_amount(self.data)
            except ValueError:
                raise ValidationError(str(_l("Montant invalide : indiquez un nombre d'euros, par exemple 12 000."))) from None


class RateField(StringField):
    percent: int | None = None

    def pre_validate(self, form):
        self.percent = None
        if self.data:
            try:
                self.percent = parse_rate(self.data)
            except ValueError:
                raise ValidationError(str(_l("Taux invalide : indiquez un pourcentage entre 1 et 100."))) from None


# Far above any association or network, far below what an INTEGER column holds.
MAX_MEMBERS = 10_000_000
MEMBERS_MESSAGE = _l("Indiquez un nombre entier entre 0 et 10 000 000.")


class MembersField(IntegerField):
    """A number of members, optional: one clear message for ``-1``, ``1e20`` or ``2147483648``."""

    def __init__(self, label, **kwargs):
        super().__init__(label, validators=[Optional(), NumberRange(0, MAX_MEMBERS, MEMBERS_MESSAGE)],
                         invalid_value_message=MEMBERS_MESSAGE, **kwargs)

    def pre_validate(self, form):
        # Something typed that is not a whole number: said once, not again by NumberRange.
        # Left empty, Optional() lets it be.
        if self.process_errors and self.raw_data and self.raw_data[0].strip():
            raise StopValidation()


class SchemeForm(FlaskForm):
    # The version the person started from (optimistic locking).
    version = HiddenField()
    name = StringField(_l("Nom du dispositif"), filters=[clean_line],
                       validators=[DataRequired(_l("Indiquez le nom du dispositif.")), Length(max=200)])
    funder = SelectField(_l("Financeur"), validate_choice=True)
    funder_name = StringField(_l("Autre financeur (s'il n'est pas membre du réseau)"),
                              filters=[clean_line], validators=[Optional(), Length(max=200)])
    summary = TextAreaField(_l("Résumé en une ou deux phrases"), filters=[clean_block],
                            validators=[Optional(), Length(max=400)])
    description = ProseField(_l("Description"), filters=[clean_block],
                                validators=[Optional(), Length(max=20000)])
    beneficiaries = MultiCheckboxField(_l("Bénéficiaires"), choices=Beneficiary.choices)
    themes = MultiCheckboxField(_l("Thèmes"))
    departements = MultiCheckboxField(_l("Territoires franciliens concernés"))
    partners = CountryPickerField(_l("Pays ou territoires partenaires éligibles"))
    age_min = IntegerField(_l("Âge minimum"), validators=[Optional(), NumberRange(0, 120)])
    age_max = IntegerField(_l("Âge maximum"), validators=[Optional(), NumberRange(0, 120)])
    amount_min = AmountField(_l("Montant minimum (€)"), filters=[clean_line])
    amount_max = AmountField(_l("Montant maximum (€)"), filters=[clean_line])
    max_rate = RateField(_l("Taux maximum du coût du projet (%)"), filters=[clean_line])
    recurrence = SelectField(_l("Périodicité"), choices=Recurrence.choices, default="annual")
    opens_on = DateField(_l("Date d'ouverture"), validators=[Optional(), PlausibleDate()])
    closes_on = DateField(_l("Date limite de dépôt"), validators=[Optional(), PlausibleDate()])
    legal_basis = StringField(_l("Base juridique"), filters=[clean_line],
                              validators=[Optional(), Length(max=300)])
    url = URLField(_l("Page officielle du dispositif"), filters=[clean_line],
                   validators=[Optional(), URL(message=URL_MESSAGE), Length(max=300)])
    conditions = TextAreaField(_l("Conditions d'éligibilité (une par ligne)"), filters=[clean_block],
                               validators=[Optional(), Length(max=5000)])
    how_to_apply = ProseField(_l("Comment déposer une demande"), filters=[clean_block],
                              validators=[Optional(), Length(max=20000)])
    documents = TextAreaField(_l("Documents à fournir ou à consulter (un par ligne : « intitulé | adresse web »)"),
                              filters=[clean_block], validators=[Optional(), Length(max=5000)])
    contact_name = StringField(_l("Nom de la personne à contacter"), filters=[clean_line],
                               validators=[Optional(), Length(max=200)])
    contact_email = EmailField(_l("Adresse électronique publique de contact"), filters=[clean_line], validators=[
        Optional(), Email(_l("Cette adresse électronique n'est pas valide."), check_deliverability=False), Length(max=200)])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for violation in check_document_lines(self.documents.data or ""):
            self.documents.errors = [*self.documents.errors, message(violation)]
            ok = False
        if self.funder.data == "" and not self.funder_name.data:
            self.funder_name.errors = [*self.funder_name.errors,
                                       str(_l("Indiquez le financeur s'il n'est pas membre du réseau."))]
            ok = False
        fields = {"montant_max": self.amount_max, "date_limite": self.closes_on, "age_max": self.age_max}
        for violation in check_scheme_ranges(self.amount_min.cents, self.amount_max.cents,
                                             self.opens_on.data, self.closes_on.data,
                                             self.age_min.data, self.age_max.data):
            field = fields[violation.field]
            field.errors = [*field.errors, message(violation)]
            ok = False
        return ok


class ActorForm(FlaskForm):
    version = HiddenField()
    name = StringField(_l("Nom"), filters=[clean_line],
                       validators=[DataRequired(_l("Indiquez le nom.")), Length(max=200)])
    acronym = StringField(_l("Sigle"), filters=[clean_line], validators=[Optional(), Length(max=40)])
    kind = SelectField(_l("Type d'acteur"), choices=ActorKind.choices)
    description = ProseField(_l("Présentation"), filters=[clean_block],
                                validators=[Optional(), Length(max=20000)])
    postal_code = StringField(_l("Code postal"), filters=[clean_line], validators=[Optional(), Length(max=5)])
    commune = StringField(_l("Commune"), filters=[clean_line], validators=[Optional(), Length(max=120)])
    departement = SelectField(_l("Département du siège"))
    website = URLField(_l("Site web"), filters=[clean_line],
                       validators=[Optional(), URL(message=URL_MESSAGE), Length(max=300)])
    email = EmailField(_l("Adresse électronique de contact"), filters=[clean_line], validators=[
        Optional(), Email(_l("Cette adresse électronique n'est pas valide."), check_deliverability=False),
        Length(max=200)])
    phone = StringField(_l("Téléphone"), filters=[clean_line], validators=[Optional(), Length(max=40)])
    contact_public = BooleanField(_l("Afficher ces coordonnées publiquement sur le portail"))
    rna = StringField(_l("Numéro RNA (W suivi de 9 chiffres)"), filters=[clean_line],
                      validators=[Optional(), Length(max=20)])
    siret = StringField(_l("SIRET (14 chiffres)"), filters=[clean_line], validators=[Optional(), Length(max=20)])
    members_total = MembersField(_l("Nombre total d'adhérents"))
    members_idf = MembersField(_l("dont adhérents franciliens"))
    themes = MultiCheckboxField(_l("Thèmes"))
    partners = CountryPickerField(_l("Pays et territoires partenaires"))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        checks = []
        if self.rna.data:
            self.rna.data = normalise_identifier(self.rna.data)
            checks += [(self.rna, v) for v in check_rna(self.rna.data)]
        if self.siret.data:
            self.siret.data = normalise_identifier(self.siret.data)
            checks += [(self.siret, v) for v in check_siret(self.siret.data)]
        if self.postal_code.data:
            checks += [(self.postal_code, v)
                       for v in check_postal_code(self.postal_code.data, self.departement.data or None)]
        checks += [(self.members_idf, v) for v in check_members(self.members_total.data, self.members_idf.data)]
        for field, violation in checks:
            field.errors = [*field.errors, message(violation)]
            ok = False
        return ok
