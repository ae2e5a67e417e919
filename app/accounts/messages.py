"""Violation codes of the accounts' rules, workflow and links, as French sentences."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.rules import Violation

MESSAGES = {
    "password_too_short": _l("Le mot de passe doit compter au moins %(min)s caractères."),
    "password_too_long": _l("Le mot de passe doit compter au plus %(max)s caractères."),
    "password_common": _l(
        "Ce mot de passe est trop courant : il serait deviné parmi les premiers. Choisissez par "
        "exemple quatre mots sans rapport entre eux."),
    "password_has_email": _l("Le mot de passe ne doit pas reprendre votre adresse électronique."),
    "password_wrong": _l("Mot de passe actuel incorrect."),
    "email_taken": _l("Un compte existe déjà avec cette adresse électronique."),
    "email_same": _l("C'est déjà l'adresse de votre compte."),
    "member_inactive": _l(
        "Cette collectivité n'est pas membre active du réseau : on ne peut pas y inviter d'agent."),
    "member_unknown": _l("Choisissez une collectivité membre."),
    "role_not_allowed": _l("Ce rôle ne peut pas être attribué ici."),
    "coordinator_outside_region": _l(
        "Les comptes de la coordination du réseau appartiennent à la Région : choisissez le rôle "
        "d'agent pour une autre collectivité."),
    "self": _l("Vous ne pouvez pas désactiver votre propre compte."),
    "not_officer": _l("Seul le compte d'un agent peut changer de collectivité."),
    "not_invited": _l("Ce compte a déjà un mot de passe : il n'attend plus d'invitation."),
    "account_inactive": _l("Ce compte est désactivé."),
    "link_invalid": _l(
        "Ce lien n'est pas valide : il est incomplet ou a été modifié. Copiez l'adresse entière "
        "depuis le message reçu, ou demandez un nouveau lien."),
    "link_used": _l(
        "Ce lien a déjà servi, ou un lien plus récent l'a remplacé. Chaque lien ne sert qu'une fois."),
    "link_expired": _l("Ce lien a expiré. Demandez-en un nouveau."),
    "email_unconfirmed": _l(
        "Confirmez d'abord votre adresse électronique avec le lien que nous vous avons envoyé."),
    "already_attached": _l("Votre compte est déjà rattaché à un acteur."),
    "claim_pending": _l(
        "Vous avez déjà une demande en attente : attendez sa réponse avant d'en faire une autre."),
    "actor_unknown": _l("Cet acteur n'est pas dans l'annuaire."),
    "actor_has_accounts": _l(
        "Cet acteur a déjà des comptes sur le portail : demandez à l'une des personnes qui le "
        "gèrent de vous inviter."),
    "actor_claimed": _l(
        "Une autre personne a déjà demandé à gérer cet acteur ; la coordination du réseau "
        "examine sa demande."),
    "claim_decided": _l("Cette demande a déjà reçu une réponse."),
    "claim_not_confirmable": _l("Une nouvelle fiche est examinée par la coordination du réseau."),
    "reason_required": _l("Indiquez le motif du refus : la personne le recevra."),
    "identifier_taken": _l("Ce numéro est déjà celui de « %(name)s » : demandez plutôt à gérer cette fiche."),
    "search_name_required": _l("Donnez un nom à cette recherche, par exemple « Eau au Sénégal »."),
    "search_empty": _l("Répondez d'abord à au moins une question du moteur : une recherche sans critère ne peut pas vous alerter."),
    "search_too_many": _l("Vous avez déjà %(max)s recherches enregistrées : supprimez-en une depuis votre compte."),
}


def message(violation: Violation) -> str:
    return str(MESSAGES[violation.code]) % violation.params if violation.params else str(MESSAGES[violation.code])
