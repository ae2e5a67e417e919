"""Text helpers shared by search, import and duplicate detection: folding, slugs, HTML."""

from __future__ import annotations

import re
import unicodedata

import nh3
from markupsafe import Markup, escape

_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ﬁ": "fi", "ﬂ": "fl",
     "’": "'", "ʼ": "'", "‘": "'", "´": "'"}
)
_NON_WORD = re.compile(r"[^a-z0-9]+")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_arg(value: str | None, max_length: int = 100) -> str:
    """A query-string value made harmless: no control characters (PostgreSQL refuses
    NUL), trimmed, bounded. Whatever a URL holds, the page still answers."""
    return _CONTROL.sub("", value or "").strip()[:max_length]


def territory_code(value: str | None) -> str:
    """A territory code as the URLs carry it, in the case the data uses: ``sn`` -> ``SN``,
    ``sn-Dakar`` -> ``SN-dakar`` (country code upper-case, city slug lower-case)."""
    country, dash, rest = clean_arg(value, 60).partition("-")
    return country.upper() + dash + rest.lower()


def fold(text: str) -> str:
    """Lower-case, ligatures spelled out, accents removed: ``Œuvre Été`` -> ``oeuvre ete``."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def slugify(text: str, max_length: int = 60) -> str:
    slug = _NON_WORD.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-") or "fiche"


def match_key(*parts: str | None) -> str:
    """A key that ignores accents, case, punctuation and spacing, for finding duplicates."""
    return "|".join(" ".join(_NON_WORD.sub(" ", fold(p or "")).split()) for p in parts)


# User HTML: a small, safe subset (what a rich description needs, nothing that runs).
_ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def clean_html(text: str) -> str:
    """Sanitise user HTML; plain text gets its paragraphs and line breaks as HTML."""
    text = (text or "").strip()
    if not text:
        return ""
    if not _TAG.search(text):
        paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
        text = "".join(
            "<p>" + str(escape(p.strip())).replace("\n", "<br>") + "</p>"
            for p in paragraphs
            if p.strip()
        )
    return nh3.clean(
        text,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, for the search index and snippets."""
    text = nh3.clean(re.sub(r"<(br|/p|/li|/h\d)\s*/?>", " \n", html or ""), tags=set())
    return " ".join(unescape_entities(text).split())


def unescape_entities(text: str) -> str:
    import html

    return html.unescape(text)


def safe_html(html: str) -> Markup:
    """Mark stored HTML safe for templates; it was cleaned on the way in, clean again anyway."""
    return Markup(clean_html(html))
