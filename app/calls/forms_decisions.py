"""The shape of what officers type while instructing: a move's message, a review, a
decision on a share, a payment."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.actors.forms import AmountField
from app.calls.forms import StrictSelectField
from app.calls.messages import PAYMENT_TERMS_LABELS
from app.calls.models_applications import Opinion, PaymentKind
from app.core.forms import PlausibleDate, RequiredByRule

GRANTING = _l("pour une attribution")


class MoveForm(FlaskForm):
    message = TextAreaField(_l("Message au porteur de projet"), validators=[Optional(), Length(max=5000)])


class ReviewForm(FlaskForm):
    version = HiddenField()
    opinion = StrictSelectField(_l("Avis"), choices=[])
    comment = TextAreaField(_l("Commentaire"), validators=[Optional(), Length(max=10000)])

    def setup(self, criteria=()) -> None:
        self.opinion.choices = [("", _l("— pas encore d'avis —")), *Opinion.choices()]


def score_choices():
    return [("", _l("— non noté —"))] + [(str(n), str(n)) for n in range(6)]


class DecisionForm(FlaskForm):
    version = HiddenField()
    granted = AmountField(_l("Montant attribué (euros ; 0 pour un refus)"), validators=[DataRequired()])
    reason = TextAreaField(_l("Motif du refus (envoyé au porteur de projet)"),
                           validators=[Optional(), Length(max=5000)])
    # Reference and date: required to grant (decision_reference_required, decision_date_required),
    # checked by the decision rule; marked here.
    reference = StringField(_l("Référence de la délibération"),
                            validators=[RequiredByRule(GRANTING), Optional(), Length(max=200)])
    decided_on = DateField(_l("Date de la délibération"),
                           validators=[RequiredByRule(GRANTING), Optional(), PlausibleDate()])
    convention_on = DateField(_l("Date de la convention"), validators=[Optional(), PlausibleDate()])
    payment_terms = StrictSelectField(_l("Modalités de versement"), choices=[])
    payment_from = DateField(_l("Début de la période de versement"), validators=[Optional(), PlausibleDate()])
    payment_until = DateField(_l("Fin de la période de versement"), validators=[Optional(), PlausibleDate()])

    def setup(self) -> None:
        self.payment_terms.choices = [("", _l("— non précisé —"))] + [
            (code, label) for code, label in PAYMENT_TERMS_LABELS.items()]


class CancelForm(FlaskForm):
    version = HiddenField()


class PaymentForm(FlaskForm):
    amount = AmountField(_l("Montant versé (euros)"), validators=[DataRequired()])
    paid_on = DateField(_l("Date du versement"), validators=[DataRequired(), PlausibleDate()])
    kind = SelectField(_l("Nature"), choices=[])

    def setup(self) -> None:
        self.kind.choices = PaymentKind.choices()
