"""Violation codes of :mod:`app.actors.rules` and of the importer, as French sentences."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.actors.rules import Violation

MESSAGES = {
    "required": _l("Ce champ est obligatoire."),
    "rna_invalid": _l("Numéro RNA invalide « %(value)s » : attendu W suivi de 9 chiffres."),
    "siret_format": _l("SIRET invalide « %(value)s » : attendu 14 chiffres."),
    "siret_checksum": _l("SIRET invalide « %(value)s » : la clé de contrôle ne correspond pas."),
    "departement_unknown": _l(
        "Département inconnu « %(value)s » : attendu l'un de %(allowed)s."
    ),
    "postal_code_invalid": _l("Code postal invalide « %(value)s » : attendu 5 chiffres."),
    "postal_code_departement": _l(
        "Le code postal %(value)s n'est pas dans le département %(departement)s."
    ),
    "members_idf_over_total": _l(
        "Le nombre d'adhérents franciliens dépasse le nombre total d'adhérents."
    ),
    "amount_range": _l("Le montant maximum est inférieur au montant minimum."),
    "date_range": _l("La date limite est antérieure à la date d'ouverture."),
    "age_range": _l("L'âge maximum est inférieur à l'âge minimum."),
    "kind_unknown": _l("Type d'acteur inconnu « %(value)s » : attendu l'un de %(allowed)s."),
    "theme_unknown": _l("Thème inconnu « %(value)s »."),
    "country_unknown": _l("Code pays inconnu « %(value)s » : attendu un code ISO à 2 lettres (SN, VN...)."),
    "beneficiary_unknown": _l("Bénéficiaire inconnu « %(value)s » : attendu l'un de %(allowed)s."),
    "funder_unknown": _l("Financeur inconnu « %(value)s »."),
    "amount_invalid": _l("Montant invalide « %(value)s » : attendu un nombre d'euros (ex. 12 000)."),
    "rate_invalid": _l("Taux invalide « %(value)s » : attendu un pourcentage entre 1 et 100."),
    "date_invalid": _l("Date invalide « %(value)s » : attendu JJ/MM/AAAA."),
    "url_invalid": _l("Adresse web invalide « %(value)s » : attendu http:// ou https://."),
    "email_invalid": _l("Adresse électronique invalide « %(value)s »."),
    "document_line": _l("Ligne « %(value)s » : attendu « intitulé | adresse web » (http:// ou https://)."),
    "too_long": _l("Texte trop long (%(max)s caractères au plus)."),
    "duplicate_in_file": _l("Même fiche qu'à la ligne %(line)s."),
    "identifier_taken": _l("Ce %(what)s appartient déjà à une autre fiche : « %(other)s »."),
    "ambiguous_match": _l(
        "%(count)s fiches portent déjà ce nom dans ce département : "
        "indiquez le numéro RNA ou le SIRET de celle à mettre à jour."
    ),
    "columns_missing": _l("Colonnes manquantes : %(columns)s."),
    "columns_unknown": _l("Colonnes inconnues : %(columns)s."),
    "empty_file": _l("Le fichier ne contient aucune ligne de données."),
    "encoding": _l("Encodage non reconnu : enregistrez le fichier en UTF-8 ou Windows-1252."),
    "columns_count": _l("%(found)s colonnes au lieu de %(expected)s (séparateur ou guillemets ?)."),
    "unreadable_line": _l("Ligne illisible : une cellule dépasse la taille permise (131 072 caractères) "
                          "ou des guillemets sont mal fermés."),
}


def message(violation: Violation) -> str:
    template = MESSAGES.get(violation.code)
    if template is None:  # pragma: no cover - every code has a message (tested)
        return violation.code
    return str(template) % violation.params if violation.params else str(template)
