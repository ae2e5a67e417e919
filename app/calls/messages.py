"""The calls' rule codes as French sentences (English through the catalogue): the one
table at the edge between :mod:`app.calls.domain`, which speaks in codes and cents, and
the person who reads a form or an instruction page.

:func:`message` also turns the parameters into what a person reads: cents into euros,
instants into Paris time, state, item and match codes into their labels.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.dates import format_day
from app.core.money import format_euros
from app.core.wording import to_name

# What applicants read, in the vocabulary of démarches-simplifiées.
STATE_LABELS = {
    "draft": _l("brouillon"),
    "submitted": _l("déposé"),
    "in_review": _l("en instruction"),
    "needs_changes": _l("à corriger"),
    "accepted": _l("accepté"),
    "refused": _l("refusé"),
    "dismissed": _l("sans suite"),
    "withdrawn": _l("retiré"),
}

ANCHORING_LABELS = {
    "head_office": _l("Siège de l'association en Île-de-France"),
    "francilien_members": _l("Majorité d'adhérents franciliens (plus de 50 %)"),
    "awareness_actions": _l("Actions de sensibilisation prévues en Île-de-France"),
    "cooperation_agreement": _l("Convention de coopération existante avec une collectivité étrangère"),
    "modest_amount": _l("Montant modeste"),
    "local_benefits": _l("Retombées locales en Île-de-France exposées"),
}
ANCHORING_RESULT_LABELS = {
    "met": _l("rempli"),
    "not_met": _l("non rempli"),
    "unknown": _l("non renseigné"),
}
ANCHORING_NOTE = _l(
    "Critères issus de l'arrêt de la cour administrative d'appel de Paris du 1er décembre 2009 "
    "(n° 08PA04754). Depuis la décision du Conseil d'État du 13 mai 2024 (n° 472155), une "
    "subvention à une action relevant de l'article L1115-1 du CGCT n'est plus subordonnée à un "
    "intérêt local : cette liste est indicative, sauf si l'appel la rend obligatoire.")

PAYMENT_TERMS_LABELS = {
    "unique": _l("versement unique"),
    "echelonne": _l("versement échelonné"),
    "autre": _l("autre"),
}

MATCH_LABELS = {
    "actor": _l("même acteur"),
    "rna": _l("même numéro RNA"),
    "siret": _l("même SIRET"),
}

MESSAGES = {
    # the call's own workflow (domain/call_workflow.py)
    "call_move_not_allowed": _l("Ce changement d'état n'est pas possible depuis l'état actuel de l'appel."),
    "call_has_applications": _l(
        "L'appel a déjà reçu %(count)s candidature(s) : il ne peut plus redevenir un brouillon."),
    "call_not_closed": _l("L'appel n'est pas encore clos."),
    "closing_in_past": _l(
        "La date de clôture est passée : reportez-la avant de publier ou de rouvrir l'appel."),
    "title_required": _l("Indiquez le titre de l'appel en français avant de le publier."),
    "text_required": _l("Rédigez le texte de l'appel en français avant de le publier."),
    "no_accepted_envelope": _l(
        "Il faut au moins un cofinanceur ayant accepté son enveloppe pour publier l'appel."),
    "closes_before_opening": _l("La clôture doit être postérieure à l'ouverture."),
    # application_workflow
    "move_not_allowed": _l("Cette action n'est pas possible : le dossier est « %(state)s »."),
    "message_required": _l("Indiquez ce qu'il faut corriger : le porteur de projet recevra ce message."),
    "reason_required": _l("Indiquez le motif du classement sans suite : le porteur de projet le recevra."),
    "already_decided": _l(
        "Une collectivité a déjà rendu sa décision sur ce dossier : il ne peut plus être retiré, "
        "classé sans suite ni renvoyé pour correction."),
    # submission
    "call_not_open": _l("Cet appel à projets n'est pas ouvert aux candidatures."),
    "call_not_open_yet": _l("Cet appel à projets ouvre le %(opens_at)s."),
    "call_closed": _l("Cet appel à projets est clos depuis le %(closes_at)s : la candidature n'a pas été déposée."),
    "required": _l("Ce champ est obligatoire."),
    "dates_order": _l("La date de fin du projet est antérieure à sa date de début."),
    "attachment_missing": _l("Pièce jointe manquante : %(label)s."),
    # cofinancing
    "expenses_required": _l("Indiquez au moins une ligne de dépenses."),
    "line_label_required": _l("Ligne %(line)s : indiquez son intitulé."),
    "line_amount_not_positive": _l("Ligne %(line)s : le montant doit être supérieur à zéro."),
    "amount_too_large": _l("Montant invalide : %(amount)s dépasse la limite de %(limit)s."),
    "own_contribution_negative": _l("L'apport propre ne peut pas être négatif."),
    "budget_unbalanced": _l(
        "Le budget n'est pas équilibré : %(expenses)s de dépenses pour %(resources)s de ressources "
        "(écart de %(difference)s). Les ressources comprennent l'apport propre, les autres "
        "financeurs et les montants demandés aux collectivités."),
    "request_required": _l("Demandez un montant à au moins une collectivité participant à l'appel."),
    "member_not_participating": _l(
        "Une demande porte sur une collectivité qui ne participe pas à cet appel : retirez-la."),
    "request_not_positive": _l("Le montant demandé %(to_member)s doit être supérieur à zéro."),
    "ceiling_exceeded": _l(
        "Le montant demandé %(to_member)s (%(asked)s) dépasse son plafond par projet de %(ceiling)s."),
    "rate_exceeded": _l(
        "L'argent public demandé représente %(actual)s %% du coût du projet (%(public)s sur "
        "%(total)s) : l'appel en permet au plus %(max)s %%."),
    "own_share_too_low": _l(
        "L'apport propre (%(amount)s) représente moins de %(min)s %% du coût du projet : il doit "
        "atteindre au moins %(minimum)s."),
    # anchoring
    "anchoring_not_met": _l("Ancrage francilien exigé par cet appel : critère non rempli, « %(item)s »."),
    # decisions
    "granted_negative": _l("Le montant attribué ne peut pas être négatif."),
    "granted_above_asked": _l("Le montant attribué (%(granted)s) dépasse le montant demandé (%(asked)s)."),
    "refusal_reason_required": _l("Un refus (0 €) doit être motivé : le porteur de projet recevra ce motif."),
    "decision_reference_required": _l("Indiquez la référence de la délibération qui attribue la subvention."),
    "decision_date_required": _l("Indiquez la date de la délibération."),
    "payment_terms_unknown": _l("Modalité de versement inconnue : choisissez unique, échelonné ou autre."),
    "payment_period_required": _l("Un versement échelonné demande une période : dates de début et de fin."),
    "payment_period_order": _l("La fin de la période de versement est antérieure à son début."),
    "convention_before_decision": _l("La convention ne peut pas être signée avant la délibération."),
    "envelope_insufficient": _l(
        "Enveloppe insuffisante : il reste %(available)s sur l'enveloppe de votre collectivité, "
        "la décision demande %(needed)s. Rien n'a été enregistré."),
    "envelope_negative": _l("Le montant de l'enveloppe ne peut pas être négatif."),
    "envelope_below_committed": _l(
        "L'enveloppe ne peut pas descendre sous les %(committed)s déjà attribués."),
    # identity (alerts to the officers)
    "open_application_this_call": _l(
        "Le même porteur (%(match)s) a une autre candidature en cours dans cet appel : « %(title)s »."),
    "open_application_other_call": _l(
        "Le même porteur (%(match)s) a une candidature en cours dans un autre appel : « %(title)s »."),
    "funded_recently": _l(
        "%(member)s a financé le même porteur (%(match)s) le %(decided_on)s : %(granted)s."),
}

# Codes of the services (the calls' forms and envelopes), not of the domain's rules.
SERVICE_MESSAGES = {
    # applications
    "application_exists": _l("Votre structure a déjà une candidature en cours pour cet appel."),
    "dossier_frozen": _l("Ce dossier est « %(state)s » : il ne peut plus être modifié."),
    "attachment_kind_unknown": _l("Choisissez une pièce demandée par l'appel."),
    "share_out_of_range": _l("La part minimale d'autofinancement doit être comprise entre 0 et 100 %."),
    "rate_out_of_range": _l("Le taux maximal d'aide publique doit être compris entre 1 et 100 %."),
    "amount_required": _l("Indiquez un montant d'enveloppe supérieur à zéro."),
    "below_committed": _l(
        "Impossible de descendre l'enveloppe sous le montant déjà engagé par des décisions (%(committed)s)."),
    "ceiling_above_amount": _l("Le plafond par candidature ne peut pas dépasser le montant de l'enveloppe."),
    "ceiling_required": _l("Le plafond par candidature doit être supérieur à zéro."),
    "member_not_active": _l("Seuls les membres actifs du réseau peuvent être invités."),
    "lead_cannot_decline": _l("Le membre chef de file ne peut pas décliner sa propre enveloppe."),
    "release_above_committed": _l("Le montant à libérer dépasse le montant engagé."),
    # instruction and decisions
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

MONEY_PARAMS = frozenset({"amount", "asked", "ceiling", "expenses", "resources", "difference",
                          "public", "total", "minimum", "limit", "granted", "available", "needed",
                          "committed"})
LABELLED_PARAMS = {"state": STATE_LABELS, "item": ANCHORING_LABELS, "match": MATCH_LABELS}


def _shown(key: str, value):
    if key in MONEY_PARAMS and isinstance(value, int):
        locale = get_locale()
        return format_euros(abs(value) if key == "difference" else value,
                            locale.language if locale else "fr")
    if isinstance(value, datetime):
        # The time zone said in words: a deadline read from abroad must not be misread.
        return " ".join((format_day(value, _("d MMMM yyyy 'à' HH:mm"), time=True), _("(heure de Paris)")))
    if isinstance(value, date):
        return format_day(value)
    if key in LABELLED_PARAMS and value in LABELLED_PARAMS[key]:
        return str(LABELLED_PARAMS[key][value])
    return value


def message(violation) -> str:
    """A :class:`~app.core.rules.Violation` (or an identity ``Alert``) as a sentence."""
    template = MESSAGES.get(violation.code) or SERVICE_MESSAGES.get(violation.code)
    if template is None:  # pragma: no cover - every code has a message (tested)
        return violation.code
    if not violation.params:
        return str(template)
    params = {key: _shown(key, value) for key, value in violation.params.items()}
    if "member" in params:  # « demandé au Département », « à la Région »: the contracted article
        locale = get_locale()
        params["to_member"] = to_name(str(params["member"]), locale.language if locale else "fr")
    return str(template) % params


def add_violations(form, violations) -> None:
    """Codes to sentences, on their field when the form has it, else above the form."""
    for violation in violations:
        field = getattr(form, violation.field, None) if violation.field else None
        if field is not None:
            field.errors = [*field.errors, message(violation)]
        else:
            form.form_errors.append(message(violation))
