"""The files' violation codes as French sentences, and sizes as a person reads them."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from app.core.rules import Violation

MESSAGES = {
    "file_missing": _l("Choisissez un fichier à joindre."),
    "file_empty": _l("Le fichier « %(name)s » est vide."),
    "file_extension_not_allowed": _l(
        "Le fichier « %(name)s » n'est pas d'un format accepté. Formats acceptés : %(allowed)s."),
    "file_content_not_allowed": _l(
        "Le contenu du fichier « %(name)s » n'est pas celui d'un fichier %(claimed)s : il a peut-être "
        "été renommé. Enregistrez-le au format %(claimed)s depuis le logiciel qui l'a créé. Formats "
        "acceptés : %(allowed)s."),
    "file_type_mismatch": _l(
        "Le fichier « %(name)s » porte l'extension .%(ext)s mais contient un fichier %(detected)s. "
        "Corrigez son extension ou choisissez le bon fichier."),
    "file_macro_refused": _l(
        "Le fichier « %(name)s » contient des macros ou du contenu actif, refusés pour la sécurité de "
        "tous. Enregistrez-le sans macros (par exemple au format PDF)."),
    "file_executable_refused": _l(
        "Le fichier « %(name)s » contient un programme, refusé pour la sécurité de tous."),
    "file_damaged": _l(
        "Le fichier « %(name)s » est endommagé ou protégé par un mot de passe : il ne peut pas être "
        "lu. Enregistrez-en une nouvelle copie et réessayez."),
    "file_too_large": _l(
        "Le fichier « %(name)s » dépasse %(max)s Mo, la taille autorisée par fichier. Réduisez-le "
        "(par exemple en compressant le PDF ou en baissant la résolution des images)."),
    "file_set_too_large": _l(
        "Avec le fichier « %(name)s » (%(size)s Mo), les pièces jointes dépasseraient %(max)s Mo au "
        "total ; %(used)s Mo sont déjà utilisés. Réduisez ce fichier ou retirez une autre pièce."),
}

_SIZES = ("max", "size", "used")


def megabytes(size: int) -> str:
    """A size in bytes as megabytes (MiB, as a computer shows them), in the page's language."""
    value = size / (1024 * 1024)
    shown = max(round(value, 1), 0.1) if value < 10 else round(value)  # never "0 Mo" for a file
    return format_decimal(shown, format="#,##0.#")


def message(violation: Violation) -> str:
    params = {k: megabytes(v) if k in _SIZES else v for k, v in violation.params.items()}
    text = str(MESSAGES[violation.code])
    return text % params if params else text
