"""Violation codes of the calls' rules, as French sentences."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.money import format_euros
from app.core.rules import Violation

MESSAGES = {
    "move_not_allowed": _l("Ce changement d'état n'est pas possible depuis l'état actuel de l'appel."),
    "title_required": _l("Indiquez le titre de l'appel en français avant de le publier."),
    "text_required": _l("Rédigez le texte de l'appel en français avant de le publier."),
    "no_accepted_envelope": _l("Il faut au moins un cofinanceur ayant accepté son enveloppe pour publier l'appel."),
    "closes_before_opening": _l("La clôture doit être postérieure à l'ouverture."),
    "closing_in_past": _l("La date de clôture est passée : reportez-la avant de publier ou de rouvrir l'appel."),
    "call_has_applications": _l("L'appel a déjà reçu %(count)s candidature(s) : il ne peut plus redevenir un brouillon."),
    "call_not_closed": _l("L'appel n'est pas encore clos."),
    "share_out_of_range": _l("La part minimale d'autofinancement doit être comprise entre 0 et 100 %."),
    "rate_out_of_range": _l("Le taux maximal d'aide publique doit être compris entre 1 et 100 %."),
    "amount_required": _l("Indiquez un montant d'enveloppe supérieur à zéro."),
    "below_committed": _l("Impossible de descendre l'enveloppe sous le montant déjà engagé par des décisions (%(committed)s)."),
    "ceiling_above_amount": _l("Le plafond par candidature ne peut pas dépasser le montant de l'enveloppe."),
    "ceiling_required": _l("Le plafond par candidature doit être supérieur à zéro."),
    "member_not_active": _l("Seuls les membres actifs du réseau peuvent être invités."),
    "lead_cannot_decline": _l("Le membre chef de file ne peut pas décliner sa propre enveloppe."),
    "envelope_insufficient": _l("Enveloppe insuffisante : le montant dépasse ce qui reste à attribuer."),
    "release_above_committed": _l("Le montant à libérer dépasse le montant engagé."),
}


def message(violation: Violation) -> str:
    params = dict(violation.params)
    if "committed" in params:
        params["committed"] = format_euros(params["committed"])
    text = str(MESSAGES[violation.code])
    return text % params if params else text


def add_violations(form, violations: list[Violation]) -> None:
    """Codes to sentences, on their field when the form has it, else above the form."""
    for violation in violations:
        field = getattr(form, violation.field, None) if violation.field else None
        if field is not None:
            field.errors = [*field.errors, message(violation)]
        else:
            form.form_errors.append(message(violation))
