"""Do two trainings cover the same topic? Plain Python, no Flask, no database.

Twins (:mod:`app.agenda.twins`) are the same event announced twice. An *overlap* is
wider: another member's training on a similar topic within a few months, anywhere in
Île-de-France or online, that the officers may want to merge, co-organise, or keep
apart knowingly.

The rule compares the *topic words* of the titles:

- words are folded, stemmed and cut to their first six letters (« décentralisée » and
  « décentralisation », « solidaire » and « solidarité » meet);
- the network's acronyms are spelt out (ECSI, EAD, SSI, ODD, OSIM, VSI);
- words that say what kind of session it is (formation, atelier, animer, initiation,
  les bases, projet...) and words that say *for whom* (élèves, élus, bénévoles...) are
  not the topic: the latter feed the "same audience" reason instead;
- two titles are alike when the words they share make at least 60 % of the shorter
  one's topic words (« Montage de projets de solidarité internationale » and « Montage
  vidéo pour valoriser son projet » share one word in three: not alike); or at least
  half when the trainings also share a theme.

Measured on the table of real-looking pairs in ``tests/unit/overlap_pairs.py``
(``bench/overlap.py`` prints precision and recall).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from app.search.analysis import TOKEN_RE, fold_token, index_term

WINDOW = timedelta(days=92)  # three months either side
THRESHOLD = 0.6  # shared topic words / topic words of the shorter title
THRESHOLD_SAME_THEME = 0.5
KEY_LENGTH = 6

# The network's acronyms, spelt out before the words are compared.
ACRONYMS = {
    "ecsi": "éducation citoyenneté solidarité internationale",
    "ead": "éducation développement",
    "eadsi": "éducation développement solidarité internationale",
    "ssi": "semaine solidarité internationale",
    "odd": "objectifs développement durable",
    "osim": "organisations solidarité issues migrations",
    "vsi": "volontariat solidarité internationale",
}

# What kind of session it is, not what it is about.
SESSION_WORDS = (
    "formation former formateur atelier ateliers animer animation initiation introduction découverte "
    "bases base fondamentaux module session sessions journée journées séance cycle stage webinaire "
    "séminaire rencontre rencontres échange échanges temps outil outils pratique pratiques comment "
    "mieux organiser organisation projet projets son ses sa leur leurs premiers pas niveau "
    "approfondissement perfectionnement expliqué expliqués expliquée comprendre enjeux sensibiliser "
    "sensibilisation informer accompagner"
)
# For whom: the audience, not the topic.
AUDIENCE_WORDS = (
    "classe classes élève élèves scolaire scolaires collège collèges collégien collégiens lycée lycées "
    "lycéen lycéens jeune jeunes enseignant enseignants animateur animateurs bénévole bénévoles élu élus "
    "agent agents association associations associatif associatifs étudiant étudiants adulte adultes "
    "public publics professionnel professionnels territorial territoriaux salarié salariés parent parents"
)
# Same topic, other word: the key of the left stands for the one on the right.
SYNONYMS = {"mont": "montag", "genre": "egalit", "solidair": "solida"}


def _key(token: str) -> str | None:
    term = index_term(token)
    if not term or len(term) < 3:  # "les" leaves "le": says nothing of the topic
        return None
    term = SYNONYMS.get(term, term)
    return term[:KEY_LENGTH]


def _keys(text: str) -> set[str]:
    out = set()
    for token in TOKEN_RE.findall(text):
        spelt = ACRONYMS.get(fold_token(token))
        for word in TOKEN_RE.findall(spelt) if spelt else (token,):
            key = _key(word)
            if key:
                out.add(key)
    return out


_SESSION = frozenset(_keys(SESSION_WORDS))
_AUDIENCE = frozenset(_keys(AUDIENCE_WORDS))


@lru_cache(maxsize=50_000)  # the plan clusters hundreds of titles on every request
def topic_words(title: str) -> frozenset[str]:
    """The keys of what the title is about (no session words, no audience words)."""
    return frozenset(_keys(title) - _SESSION - _AUDIENCE)


def audience_words(text: str) -> frozenset[str]:
    return frozenset(_keys(text) & _AUDIENCE)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared topic words over the topic words of the shorter title, 0..1."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def alike(title_a: str, title_b: str, *, same_theme: bool = False) -> bool:
    """The verdict of the rule on two titles (the table of pairs tests this)."""
    score = similarity(topic_words(title_a), topic_words(title_b))
    return score >= (THRESHOLD_SAME_THEME if same_theme else THRESHOLD)


def shared_words(title: str, keys: Iterable[str]) -> list[str]:
    """The words of ``title`` that stand for ``keys``, as the officer wrote them."""
    keys, out = set(keys), []
    for token in TOKEN_RE.findall(title):
        spelt = ACRONYMS.get(fold_token(token))
        hit = any(_key(w) in keys for w in (TOKEN_RE.findall(spelt) if spelt else (token,)))
        if hit and token.lower() not in (w.lower() for w in out):
            out.append(token)
    return out


@dataclass(frozen=True)
class TrainingFacts:
    id: int | None
    title: str
    first_day: date
    last_day: date
    themes: frozenset[str] = frozenset()  # slugs
    audience: str = ""
    members: frozenset[str] = frozenset()  # member codes of its organisers


@dataclass(frozen=True)
class Overlap:
    event_id: int
    score: int  # 0..100
    # Codes: same_words, same_themes, same_audience (why they look alike).
    reasons: tuple[str, ...]
    words: tuple[str, ...] = ()  # the other title's words on the same topic
    themes: tuple[str, ...] = ()  # shared theme slugs
    days_apart: int = 0


@dataclass
class _Prepared:
    facts: TrainingFacts
    topic: frozenset[str] = field(default_factory=frozenset)
    audience: frozenset[str] = field(default_factory=frozenset)


def _days_apart(a: TrainingFacts, b: TrainingFacts) -> int:
    if a.first_day <= b.last_day and b.first_day <= a.last_day:
        return 0
    return min(abs((a.first_day - b.last_day).days), abs((b.first_day - a.last_day).days))


def find_overlaps(candidate: TrainingFacts, others: Iterable[TrainingFacts],
                  window: timedelta = WINDOW) -> list[Overlap]:
    """Other members' trainings of ``others`` on a topic like ``candidate``'s, within
    ``window`` of its dates; closest topic first, then nearest in time.

    A training its members already (co-)organise is left out: a member does not overlap
    itself, and has nothing to join there.
    """
    topic, audience = topic_words(candidate.title), audience_words(candidate.audience + " " + candidate.title)
    found = []
    for other in others:
        if other.id is not None and other.id == candidate.id:
            continue
        if candidate.members & other.members:
            continue
        apart = _days_apart(candidate, other)
        if apart > window.days:
            continue
        other_topic = topic_words(other.title)
        themes = candidate.themes & other.themes
        score = similarity(topic, other_topic)
        if score < (THRESHOLD_SAME_THEME if themes else THRESHOLD):
            continue
        reasons = ["same_words"]
        if themes:
            reasons.append("same_themes")
        if audience & audience_words(other.audience + " " + other.title):
            reasons.append("same_audience")
        # Ties between equally alike titles: fewest words apart first (Jaccard).
        closeness = len(topic & other_topic) / len(topic | other_topic)
        found.append((-round(score * 100), -closeness, apart, other.id or 0, Overlap(
            other.id, round(score * 100), tuple(reasons), tuple(shared_words(other.title, topic & other_topic)),
            tuple(sorted(themes)), apart)))
    return [overlap for *_key, overlap in sorted(found, key=lambda f: f[:4])]


def clusters(titles: dict[int, str]) -> list[list[int]]:
    """Group ids whose titles are alike (each joins the first cluster whose first title
    it resembles), in the order given. Linear in practice: only clusters sharing a topic
    word are compared (an inverted index), not every pair."""
    heads: list[tuple[int, list[int]]] = []  # (number of topic words of the first title, ids)
    by_word: dict[str, list[int]] = defaultdict(list)
    for event_id, title in titles.items():
        words = topic_words(title)
        # Shared words with each earlier cluster's first title, counted through the index.
        shared: dict[int, int] = defaultdict(int)
        for word in words:
            for index in by_word[word]:
                shared[index] += 1
        home = next((index for index in sorted(shared)
                     if shared[index] >= THRESHOLD * min(len(words), heads[index][0])), None)
        if home is None:
            heads.append((len(words), [event_id]))
            for word in words:
                by_word[word].append(len(heads) - 1)
        else:
            heads[home][1].append(event_id)
    return [ids for _size, ids in heads]
