"""French as public services write it: the article before an institution's name
(« du Département de l'Essonne », « de la Région Île-de-France », « par le Département »)
and times of day (« 9 h 30 », « 14 h »).

Plain functions of a name and a language, so that every page, mail and feed says it the
same way (the templates use them as the ``the`` and ``of`` filters and ``clock``).
English keeps the name and puts "the" before an institution's: "Register with the
Département de l'Essonne", "Decision of the Région Île-de-France", "by Via le monde".
"""

from __future__ import annotations

from datetime import datetime, time

from app.core.text import fold

# The first word of an institution's name and its gender; names that start otherwise
# (an association's own name: « Via le monde ») take no article.
_MASCULINE = {
    "departement", "conseil", "syndicat", "centre", "comite", "ministere", "reseau",
    "groupement", "fonds", "office", "secretariat", "college", "lycee", "etablissement",
    "institut", "service", "pole", "collectif", "consulat", "gouvernement", "programme",
}
_FEMININE = {
    "region", "ville", "commune", "communaute", "metropole", "agence", "association",
    "federation", "maison", "delegation", "direction", "mairie", "fondation", "prefecture",
    "universite", "ecole", "chambre", "caisse", "cite", "plateforme", "coordination",
}
_PLURAL = {"collectivites", "amis", "editions"}
_VOWELS = set("aeiouyh")


def _first_word(name: str) -> str:
    word = fold(name.strip()).split(" ", 1)[0]
    return word.split("'", 1)[0].split("-", 1)[0]


def _starts_with_vowel(name: str) -> bool:
    return bool(name) and fold(name[:1]) in _VOWELS


def _article(name: str) -> str:
    """« le », « la », « l' », « les » or "" (no article) for an institution's name."""
    word = _first_word(name)
    if word in _PLURAL:
        return "les"
    if word in _MASCULINE or word in _FEMININE:
        if _starts_with_vowel(name):
            return "l'"
        return "le" if word in _MASCULINE else "la"
    return ""


def the_name(name: str | None, locale: str = "fr") -> str:
    """« le Département de l'Essonne », « la Région Île-de-France », « Via le monde »."""
    name = (name or "").strip()
    if not name:
        return name
    article = _article(name)
    if locale != "fr":
        return f"the {name}" if article else name
    if article == "l'":
        return f"l'{name}"
    return f"{article} {name}" if article else name


def of_name(name: str | None, locale: str = "fr") -> str:
    """The name after « de », contracted: « du Département de l'Essonne », « de la Région
    Île-de-France », « des Collectivités… », « d'Essonne Solidarité », « de Via le monde »."""
    name = (name or "").strip()
    if locale != "fr":
        return the_name(name, locale)
    if not name:
        return name
    article = _article(name)
    if article == "le":
        return f"du {name}"
    if article == "les":
        return f"des {name}"
    if article == "la":
        return f"de la {name}"
    if article == "l'":
        return f"de l'{name}"
    return f"d'{name}" if _starts_with_vowel(name) else f"de {name}"


def clock(value: datetime | time | None, locale: str = "fr") -> str:
    """A time of day: « 9 h 30 », « 14 h » in French; "9:30 am", "2 pm", "noon" in English
    (« 12 pm » is read either way)."""
    if value is None:
        return ""
    hour, minute = value.hour, value.minute
    if locale == "fr":
        return f"{hour} h {minute:02d}" if minute else f"{hour} h"
    if not minute and hour in (0, 12):
        return "midnight" if hour == 0 else "noon"
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}:{minute:02d} {suffix}" if minute else f"{shown} {suffix}"


def to_name(name: str | None, locale: str = "fr") -> str:
    """The name after « à », contracted: « au Département de l'Essonne », « à la Région
    Île-de-France », « aux Collectivités… », « à Via le monde »; "to the Département…"."""
    name = (name or "").strip()
    if locale != "fr":
        return f"to {the_name(name, locale)}" if name else name
    if not name:
        return name
    article = _article(name)
    if article == "le":
        return f"au {name}"
    if article == "les":
        return f"aux {name}"
    return f"à {the_name(name)}"
