"""The local-anchoring checklist (*ancrage francilien*, the old *intérêt local* test).

Its items are the "faisceau d'indices" of CAA Paris, 1er décembre 2009, n° 08PA04754
(Région Île-de-France, association « Energie renouvelable et développement équitable »,
10 000 € for two schools at Laguna de Perlas, Nicaragua; AJDA note by Yves Gounin, seed
003 lines 22-99, seeds_report §2.4): a subsidy to an association outside any convention
with a foreign authority was lawful because the association "a son siège en
Ile-de-France", "la majorité des adhérents sont franciliens", it committed to awareness
actions in the Région, "eu égard notamment à la modestie de son montant"; the note adds
that local benefits in France must be shown before the deliberation.

The law has moved since: the Conseil d'État, 13 May 2024, n° 472155, held that a subsidy
for an action under art. L1115-1 CGCT (international cooperation, development aid,
humanitarian action) is not conditional on a local public interest. Hence the checklist
is **advisory by default**: it informs the officers (and scoring); a call may still make
it blocking, and then :func:`blocking_violations` says what is missing.

Plain Python: labels are translated at the edge (:mod:`app.calls.messages`); the legal
sources below are citations, kept as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.rules import Violation

# The eight départements of Île-de-France (kept here: the domain imports no feature).
IDF_DEPARTEMENTS = frozenset({"75", "77", "78", "91", "92", "93", "94", "95"})

CAA_2009 = "CAA Paris, 1er décembre 2009, n° 08PA04754"
CE_2024 = "CE, 13 mai 2024, n° 472155 (art. L1115-1 CGCT)"


class Result(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Item:
    code: str
    source: str   # the legal source, as cited
    quote: str    # the court's words the item comes from
    # Required when a call makes the checklist blocking. The modest amount weighed in the
    # court's reasoning without being a condition; a cooperation agreement with a foreign
    # authority is not a condition either: it takes the action out of the test.
    blocking: bool


CHECKLIST: tuple[Item, ...] = (
    Item("head_office", CAA_2009, "qui a son siège en Ile-de-France", True),
    Item("francilien_members", CAA_2009, "dont la majorité des adhérents sont franciliens", True),
    Item("awareness_actions", CAA_2009,
         "elle s'est engagée à concourir à la promotion en Ile-de-France […] afin de contribuer "
         "à sensibiliser la population francilienne", True),
    Item("cooperation_agreement", CAA_2009,
         "Une subvention accordée à une association de solidarité internationale sans qu'ait été "
         "au préalable signée de convention avec une collectivité territoriale étrangère […] "
         "n'est pas dans le champ de la loi Thiollière", False),
    Item("modest_amount", CAA_2009, "eu égard notamment à la modestie de son montant", False),
    Item("local_benefits", CAA_2009,
         "ils devront démontrer qu'outre l'intérêt qu'elles présentent pour la collectivité locale "
         "étrangère, ces actions ont aussi un intérêt pour la population locale en France", True),
)
ITEMS = {item.code: item for item in CHECKLIST}

CODES = ("anchoring_not_met",)


@dataclass(frozen=True)
class AnchoringAnswers:
    """The applicant's answers; None means not answered (unknown)."""

    head_office_departement: str | None = None
    members_total: int | None = None
    members_francilien: int | None = None
    awareness_actions: str | None = None      # what is planned in Île-de-France ("" = nothing)
    cooperation_agreement: bool | None = None  # with a foreign local authority
    local_benefits: str | None = None         # the statement of local benefits


def _text(value: str | None) -> Result:
    if value is None:
        return Result.UNKNOWN
    return Result.MET if value.strip() else Result.NOT_MET


def _bool(value: bool | None) -> Result:
    if value is None:
        return Result.UNKNOWN
    return Result.MET if value else Result.NOT_MET


def _majority(total: int | None, francilien: int | None) -> Result:
    if not total or francilien is None or not 0 <= francilien <= total:
        return Result.UNKNOWN  # nothing to divide, or figures that contradict each other
    return Result.MET if 2 * francilien > total else Result.NOT_MET


def evaluate(answers: AnchoringAnswers, *, amount_asked: int | None = None,
             modest_threshold: int | None = None) -> dict[str, Result]:
    """Each item of :data:`CHECKLIST` (in its order) -> met, not met or unknown.

    ``amount_asked`` and ``modest_threshold`` are cents; the amount is "modest" when
    it is at most the call's threshold (unknown when the call sets none).
    """
    departement = (answers.head_office_departement or "").strip().upper()
    modest = (Result.UNKNOWN if amount_asked is None or modest_threshold is None
              else Result.MET if amount_asked <= modest_threshold else Result.NOT_MET)
    return {
        "head_office": (Result.UNKNOWN if not departement
                        else Result.MET if departement in IDF_DEPARTEMENTS else Result.NOT_MET),
        "francilien_members": _majority(answers.members_total, answers.members_francilien),
        "awareness_actions": _text(answers.awareness_actions),
        "cooperation_agreement": _bool(answers.cooperation_agreement),
        "modest_amount": modest,
        "local_benefits": _text(answers.local_benefits),
    }


def blocking_violations(results: dict[str, Result]) -> list[Violation]:
    """What a blocking call refuses: each blocking item not met (unknown counts as not met),
    unless a cooperation agreement with a foreign authority frames the action."""
    if results.get("cooperation_agreement") == Result.MET:
        return []
    return [Violation("anchoring_not_met", "anchoring", {"item": item.code})
            for item in CHECKLIST if item.blocking and results.get(item.code) != Result.MET]
