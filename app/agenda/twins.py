"""Is this event one that another member already announced? Plain Python, no Flask, no database.

Two events are likely twins when all three hold:

- their titles say the same thing, accents, case, word order, small words and plurals
  ignored ("Formation au montage de projets" ~ "Montage de projet : formation");
- their dates overlap (a day's tolerance: one member announces the eve, the other the day);
- they happen in the same place: the same commune, the same département, or both online.

The rule only proposes: the officer sees the likely twins and chooses to merge or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from app.core.text import fold
from app.search.analysis import TOKEN_RE, index_term

TITLE_THRESHOLD = 80  # similarity of the significant words, 0..100 (see title_score)
DATE_TOLERANCE = timedelta(days=1)


@dataclass(frozen=True)
class EventFacts:
    id: int | None
    title: str
    first_day: date
    last_day: date
    online: bool = False
    commune: str | None = None
    departement: str | None = None
    organisers: frozenset[str] = frozenset()  # member codes, "actor:<id>" for actors


@dataclass(frozen=True)
class Twin:
    event_id: int
    score: int  # title similarity, 0..100 (same words in any order: 100)
    reasons: tuple[str, ...]  # codes: same_title, overlapping_dates, same_commune, same_departement, both_online


def _words(title: str) -> set[str]:
    # Words of one or two letters left by the stop list ("les" -> "le") say nothing of the subject.
    return {w for w in (index_term(token) for token in TOKEN_RE.findall(title)) if w and len(w) > 2}


def significant_words(title: str) -> str:
    """The title's stemmed, folded words without stop words, sorted."""
    return " ".join(sorted(_words(title)))


def title_score(a: str, b: str) -> int:
    """How alike two titles are, 0..100.

    A title whose words (two or more) all stand in the other counts fully ("Formation au
    montage de projets" within "Montage de projets internationaux : formation"). A single
    shared word does not ("Réunion" is not "Réunion du comité technique"), and words of
    each side that the other lacks weigh against ("Assemblée générale de Via le monde" is
    not "Assemblée générale de RACIVS"): the whole titles are then compared, letter by letter.
    """
    left, right = _words(a), _words(b)
    if not left or not right:
        return 0
    if (left <= right or right <= left) and len(left & right) >= 2:
        return 100
    return round(fuzz.token_sort_ratio(" ".join(sorted(left)), " ".join(sorted(right))))


def _closeness(a: str, b: str) -> float:
    """Ties between equally alike titles: the one with fewest extra words first."""
    return fuzz.token_sort_ratio(significant_words(a), significant_words(b))


def dates_overlap(a: EventFacts, b: EventFacts, tolerance: timedelta = DATE_TOLERANCE) -> bool:
    return a.first_day <= b.last_day + tolerance and b.first_day <= a.last_day + tolerance


def place_reason(a: EventFacts, b: EventFacts) -> str | None:
    if a.online and b.online:
        return "both_online"
    if a.online != b.online:
        return None
    if a.commune and b.commune and fold(a.commune).strip() == fold(b.commune).strip():
        return "same_commune"
    if a.departement and a.departement == b.departement:
        return "same_departement"
    return None


def find_twins(candidate: EventFacts, others: list[EventFacts],
               threshold: int = TITLE_THRESHOLD) -> list[Twin]:
    """The events of ``others`` that look like ``candidate``, most alike first.

    An event of the very same organisers is not a twin (a member does not duplicate
    its own training: it edits it).
    """
    twins = []
    for other in others:
        if other.id is not None and other.id == candidate.id:
            continue
        if candidate.organisers and other.organisers and other.organisers <= candidate.organisers:
            continue
        score = title_score(candidate.title, other.title)
        if score < threshold or not dates_overlap(candidate, other):
            continue
        place = place_reason(candidate, other)
        if place is None:
            continue
        twins.append((-score, -_closeness(candidate.title, other.title), other.id,
                      Twin(other.id, score, ("same_title", "overlapping_dates", place))))
    return [twin for *_key, twin in sorted(twins, key=lambda t: t[:3])]
