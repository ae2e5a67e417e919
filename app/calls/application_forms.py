"""The shape of what an applicant types: the harmonised dossier, its budget lines, the
amounts asked of each co-funder, an attachment. The rules (balance, ceilings, rates)
are the domain's, checked at submission; a draft only needs well-formed values."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, FieldList, Form, FormField, HiddenField, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from app.actors.forms import AmountField
from app.calls.forms import StrictMultiCheckboxField, StrictSelectField
from app.core.forms import PlausibleDate

# A dossier is a few dozen lines at most; the bound keeps a forged form from building thousands.
MAX_LINES = 60
BLANK_LINES = 3


def yes_no_choices() -> list[tuple[str, str]]:
    return [("", str(_l("Non renseigné"))), ("oui", str(_l("Oui"))), ("non", str(_l("Non")))]


def resource_choices() -> list[tuple[str, str]]:
    return [("other_public", str(_l("Autre financeur public"))), ("other_private", str(_l("Financeur privé")))]


def yes_no(value: str | None) -> bool | None:
    return {"oui": True, "non": False}.get(value or "")


def yes_no_text(value: bool | None) -> str:
    return "" if value is None else ("oui" if value else "non")


class LineAmountField(AmountField):
    """An amount on a budget line: above zero when given."""

    def pre_validate(self, form):
        super().pre_validate(form)
        if self.cents == 0:
            raise ValidationError(str(_l("Le montant doit être supérieur à zéro.")))


class ExpenseLineForm(Form):
    label = StringField(_l("Intitulé"), validators=[Length(max=200)])
    amount = LineAmountField(_l("Montant (€)"))

    def validate_amount(self, field):
        if (self.label.data or "").strip() and not (field.data or "").strip():
            raise ValidationError(str(_l("Indiquez le montant de cette ligne.")))

    @property
    def blank(self) -> bool:
        return not (self.label.data or "").strip() and not (self.amount.data or "").strip()


class ResourceLineForm(ExpenseLineForm):
    category = StrictSelectField(_l("Nature"), choices=resource_choices, default="other_private")


class RequestForm(Form):
    member_id = HiddenField()
    amount = AmountField(_l("Montant demandé (€)"))


class PercentField(StringField):
    """A whole percentage 0..100, or nothing (not answered)."""

    percent: int | None = None

    def pre_validate(self, form):
        self.percent = None
        text = re.sub(r"[\s%]", "", self.data or "")
        if not text:
            return
        if not re.fullmatch(r"\d{1,3}", text) or int(text) > 100:
            raise ValidationError(str(_l("Indiquez un pourcentage entier entre 0 et 100.")))
        self.percent = int(text)


class ApplicationForm(FlaskForm):
    project_title = StringField(_l("Intitulé du projet"), validators=[Length(max=200)])
    summary = TextAreaField(_l("Résumé du projet"), validators=[Length(max=5000)])
    starts_on = DateField(_l("Date de début"), validators=[Optional(), PlausibleDate()])
    ends_on = DateField(_l("Date de fin"), validators=[Optional(), PlausibleDate()])
    partner_territory = StrictSelectField(_l("Territoire partenaire"))
    partner_organisation = StringField(_l("Organisation partenaire (facultatif)"), validators=[Length(max=200)])
    themes = StrictMultiCheckboxField(_l("Thématiques"))
    expected_results = TextAreaField(_l("Résultats attendus"), validators=[Length(max=5000)])
    local_benefits = TextAreaField(_l("Retombées locales en Île-de-France"), validators=[Length(max=5000)])
    expenses = FieldList(FormField(ExpenseLineForm), _l("Dépenses"), min_entries=1, max_entries=MAX_LINES)
    own_contribution = AmountField(_l("Apport propre (€)"))
    resources = FieldList(FormField(ResourceLineForm), _l("Autres financeurs"), min_entries=1, max_entries=MAX_LINES)
    requests = FieldList(FormField(RequestForm), _l("Montants demandés aux collectivités"), max_entries=MAX_LINES)
    head_office_idf = StrictSelectField(_l("Le siège de l'association est-il en Île-de-France ?"), choices=yes_no_choices)
    francilien_members_percent = PercentField(_l("Part d'adhérents franciliens (en pourcentage)"))
    awareness_actions = TextAreaField(_l("Actions de sensibilisation prévues en Île-de-France"),
                                      validators=[Length(max=5000)])
    cooperation_agreement = StrictSelectField(
        _l("Existe-t-il une convention de coopération avec une collectivité étrangère ?"), choices=yes_no_choices)
    cooperation_reference = StringField(_l("Référence de la convention"), validators=[Length(max=200)])
    version = HiddenField()

    def add_blank_lines(self, count: int = BLANK_LINES) -> None:
        for lines in (self.expenses, self.resources):
            for _ in range(count):
                if len(lines.entries) < MAX_LINES:
                    lines.append_entry()


class AttachmentForm(FlaskForm):
    kind = StrictSelectField(_l("Pièce"))
    file = FileField(_l("Fichier"))
    version = HiddenField()


class VersionForm(FlaskForm):
    """Submit, withdraw: the dossier's version the person saw, nothing else."""

    version = HiddenField()
