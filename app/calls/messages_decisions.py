"""The instruction's and decisions' own service codes as French sentences; the domain's
codes come from :mod:`app.calls.messages`."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.calls import messages

MESSAGES = {
    "decision_not_open": _l(
        "Le dossier est « %(state)s » : commencez son instruction avant d'enregistrer une décision."),
    "outcome_settled": _l(
        "Le résultat du dossier a déjà été notifié au porteur : cette correction le changerait. "
        "Rien n'a été enregistré."),
    "criterion_unknown": _l("Critère inconnu pour cet appel."),
    "score_out_of_range": _l("Une note va de 0 à 5."),
    "opinion_unknown": _l("Avis inconnu : choisissez dans la liste proposée."),
    "payment_kind_unknown": _l("Nature du versement inconnue : choisissez dans la liste proposée."),
    "payment_not_positive": _l("Le montant du versement doit être supérieur à zéro."),
    "paid_above_granted": _l(
        "Les versements dépasseraient le montant attribué (%(granted)s) : il reste %(available)s à verser."),
}


def message(violation) -> str:
    template = MESSAGES.get(violation.code)
    if template is None:
        return messages.message(violation)
    params = {key: messages._shown(key, value) for key, value in violation.params.items()}  # noqa: SLF001
    return str(template) % params if params else str(template)


def add_violations(form, violations) -> None:
    for violation in violations:
        field = getattr(form, violation.field, None) if violation.field else None
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message(violation)]
        else:
            form.form_errors.append(message(violation))
