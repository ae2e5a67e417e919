"""French text analysis for the index and for queries (no Flask, no database).

Both sides of a search go through the same chain, so ``cooperation`` meets
``Coopération``, ``oeuvre`` meets ``Œuvre`` and ``partenariats`` meets ``partenariat``:

    tokenise -> fold (case, accents, ligatures) -> drop elisions (l', d', qu'...)
             -> drop stop words -> French Snowball stem

Folding comes *before* stemming: the stemmer then sees the same letters whether the
text had its accents or not (stemming ``solidarité`` and ``solidarite`` gives two
different stems, folding first gives one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from whoosh.analysis import Filter, RegexTokenizer, StopFilter
from whoosh.lang.stopwords import stoplists

from app.core.text import fold

TOKEN_PATTERN = r"\w+(?:'\w+)*"
TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "´": "'"})

ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
                      "puisqu", "quoiqu", "presqu", "quelqu"})

# Whoosh's French stop list holds forms of "être" that are also everyday nouns:
# "été" (summer) must stay searchable ("chantiers d'été").
_KEEP = {"ete", "etes", "etee", "etees"}
STOP_WORDS = frozenset(fold(w) for w in stoplists["fr"]) - _KEEP

# Query words that other engines read as operators: here they are noise, never syntax.
OPERATORS = frozenset({"AND", "OR", "NOT", "ET", "OU", "SAUF", "TO"})

# A query longer than this is cut: every word costs a lookup, and nobody types 2 000
# characters on purpose.
MAX_QUERY_WORDS = 16

_stemmer = Stemmer.Stemmer("french")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


@lru_cache(maxsize=200_000)
def index_term(token: str) -> str | None:
    """What the French analyzer indexes for one raw token (None for a stop word)."""
    folded = fold_token(token)
    return None if folded in STOP_WORDS else stem(folded)


@lru_cache(maxsize=200_000)
def fold_token(text: str) -> str:
    """Fold one token and drop a French elision (``l'eau`` -> ``eau``)."""
    text = fold(text.translate(_APOSTROPHES))
    head, sep, tail = text.partition("'")
    if sep and head in ELISIONS and tail:
        return tail
    return text


@lru_cache(maxsize=200_000)
def fold_parts(text: str) -> tuple[str, ...]:
    """One token as the words it holds: folded, elision dropped, and split where another
    apostrophe joins two words (``Mobil'Asie`` -> mobil, asie; ``l'eau`` -> eau)."""
    return tuple(part for part in fold_token(text).split("'") if part)


class FoldFilter(Filter):
    """Case, accents, ligatures, elisions and joined words, in one pass."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            # Whoosh passes one token object along the chain: each part is
            # consumed downstream before the next is written into it.
            for part in fold_parts(t.text):
                t.text = part
                yield t


class FrenchStemFilter(Filter):
    """Snowball French stemming through PyStemmer (C), cached."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = stem(t.text)
            yield t


def _tokenizer():
    return RegexTokenizer(TOKEN_PATTERN)


def french_analyzer():
    """Stemmed French text: titles and descriptions."""
    return _tokenizer() | FoldFilter() | StopFilter(stoplist=STOP_WORDS, minsize=1) | FrenchStemFilter()


def name_analyzer():
    """Folded but not stemmed: names for type-ahead (prefixes of what people type)."""
    return _tokenizer() | FoldFilter()


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: as typed (folded) and as indexed (stemmed, or None if a stop word)."""

    folded: str
    stemmed: str | None


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[QueryWord, ...]
    # The last word is matched as a prefix unless the query ends with a space or
    # punctuation: the person is still typing it.
    last_is_prefix: bool

    @property
    def is_empty(self) -> bool:
        return not self.words


def parse_query(text: str | None) -> ParsedQuery:
    """Read what a person typed; never fails, whatever the input.

    Quotes, brackets, operators, wildcards, emoji and SQL are not syntax here: only
    words count, all of them required.
    """
    text = (text or "")[:2000].translate(_APOSTROPHES)
    words: list[QueryWord] = []
    last_end = 0
    for match in TOKEN_RE.finditer(text):
        raw = match.group(0)
        if raw in OPERATORS:
            continue
        for part in fold_parts(raw):
            folded = part.strip("_")
            if not folded:
                continue
            stemmed = None if folded in STOP_WORDS else stem(folded)
            words.append(QueryWord(folded, stemmed))
            last_end = match.end()
            if len(words) >= MAX_QUERY_WORDS:
                break
        if len(words) >= MAX_QUERY_WORDS:
            break
    last_is_prefix = bool(words) and last_end == len(text.rstrip("*")) and len(words) < MAX_QUERY_WORDS
    return ParsedQuery(tuple(words), last_is_prefix)
