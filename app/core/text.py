"""Text helpers shared by forms, search, import and duplicate detection: cleaning,
folding, slugs, HTML."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import overload

import nh3
from markupsafe import Markup, escape

_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ﬁ": "fi", "ﬂ": "fl",
     "’": "'", "ʼ": "'", "‘": "'", "´": "'"}
)
_NON_WORD = re.compile(r"[^a-z0-9]+")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# What people type or import, before it is stored. Control characters: PostgreSQL
# refuses NUL, terminals and feeds obey the others. Bidirectional overrides and
# isolates: they make ``exe.txt`` read ``txt.exe`` in a name. Line breaks: a single
# line written into a header (e-mail, HTTP, iCalendar, CSV) must stay one line.
_CONTROLS = r"\x00-\x1f\x7f-\x9f"  # C0, DEL, C1
_BIDI_CONTROLS = r"\u202a-\u202e\u2066-\u2069"
_BREAKS = r"\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"  # what str.splitlines() splits on
_INVISIBLE = re.compile(rf"(?![\t{_BREAKS}])[{_CONTROLS}{_BIDI_CONTROLS}]")
_BREAKS_AND_TABS = re.compile(rf"[\t{_BREAKS}]+")
_BREAK = re.compile(rf"\r\n|[{_BREAKS}]")


@overload
def clean_line(value: str) -> str: ...
@overload
def clean_line(value: None) -> None: ...
def clean_line(value: str | None) -> str | None:
    """A single-line value (a name, a title, a URL) as stored: no control characters, no
    bidirectional overrides or isolates, line breaks and tabs turned into one space,
    trimmed. The same rule for forms (as a WTForms filter) and for the CSV import.
    Anything else than text (a field's empty data) passes through."""
    if not isinstance(value, str):
        return value
    return _BREAKS_AND_TABS.sub(" ", _INVISIBLE.sub("", value)).strip()


@overload
def clean_block(value: str) -> str: ...
@overload
def clean_block(value: None) -> None: ...
def clean_block(value: str | None) -> str | None:
    """A multi-line value (a description, a reason): like :func:`clean_line`, but line
    breaks (as ``\\n``) and tabs stay."""
    if not isinstance(value, str):
        return value
    return _INVISIBLE.sub("", _BREAK.sub("\n", value)).strip()


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


@lru_cache(maxsize=20_000)  # lists build a link per row (the training plan: hundreds per page)
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


_BLOCK_START = re.compile(r"^<(p|ul|ol|li|h3|h4|blockquote)\b", re.IGNORECASE)


def clean_html(text: str) -> str:
    """Sanitise user HTML; text gets its paragraphs (a blank line) and line breaks as HTML.

    Text may carry inline tags (``<strong>``, a link): each blank-line separated chunk
    that does not start with a block tag becomes a paragraph, so the text shown in an
    edit box (:func:`editable_text`) comes back as the same HTML.
    """
    text = (text or "").strip()
    if not text:
        return ""
    has_tags = bool(_TAG.search(text))
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    text = "".join(
        p.strip() if has_tags and _BLOCK_START.match(p.strip())
        else "<p>" + (p.strip() if has_tags else str(escape(p.strip()))).replace("\n", "<br>") + "</p>"
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


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_BR = re.compile(r"<br\s*/?>")


def editable_text(html: str | None) -> str:
    """Stored HTML as the text a person typed, for an edit box: paragraphs separated by a
    blank line, ``<br>`` as a line break, entities as characters. Richer tags (bold,
    lists, links) stay as they are. Only when :func:`clean_html` turns that text back into
    the very same HTML: otherwise (escaped tags a person wrote as text, say) the HTML is
    shown as it is, so that saving the form unchanged never changes the record."""
    if not html or not _TAG.search(html):
        return html or ""
    text = _PARAGRAPH.sub(lambda m: "\n\n" + m.group(1) + "\n\n", html)
    text = _BR.sub("\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not _TAG.search(text):
        text = unescape_entities(text)
    return text if clean_html(text) == html.strip() else html


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
