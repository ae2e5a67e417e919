"""The local-anchoring checklist: its items, their legal sources, and how answers read."""

from __future__ import annotations

import pytest

from app.calls.domain import anchoring
from app.calls.domain.anchoring import AnchoringAnswers, Result

MET, NOT_MET, UNKNOWN = Result.MET, Result.NOT_MET, Result.UNKNOWN


def test_the_checklist_is_the_courts_faisceau_dindices():
    assert [item.code for item in anchoring.CHECKLIST] == [
        "head_office", "francilien_members", "awareness_actions", "cooperation_agreement",
        "modest_amount", "local_benefits"]
    for item in anchoring.CHECKLIST:
        assert item.source == "CAA Paris, 1er décembre 2009, n° 08PA04754"
        assert item.quote
    assert "472155" in anchoring.CE_2024 and "L1115-1" in anchoring.CE_2024
    assert "13 mai 2024" in anchoring.CE_2024


def test_the_quotes_are_the_judgments_words():
    seed = "qui a son siège en Ile-de-France et dont la majorité des adhérents sont franciliens"
    assert anchoring.ITEMS["head_office"].quote in seed
    assert anchoring.ITEMS["francilien_members"].quote in seed
    assert "modestie de son montant" in anchoring.ITEMS["modest_amount"].quote


def test_nothing_answered_is_unknown_everywhere():
    assert set(anchoring.evaluate(AnchoringAnswers()).values()) == {UNKNOWN}


@pytest.mark.parametrize(("departement", "expected"), [
    ("75", MET), ("77", MET), ("78", MET), ("91", MET), ("92", MET), ("93", MET), ("94", MET),
    ("95", MET), (" 93 ", MET), ("69", NOT_MET), ("2A", NOT_MET), ("", UNKNOWN), (None, UNKNOWN)])
def test_head_office_in_ile_de_france(departement, expected):
    assert anchoring.evaluate(AnchoringAnswers(head_office_departement=departement))["head_office"] == expected


@pytest.mark.parametrize(("total", "francilien", "expected"), [
    (10, 6, MET), (10, 5, NOT_MET), (3, 2, MET), (1, 1, MET), (10, 0, NOT_MET),  # more than half
    (0, 0, UNKNOWN), (None, 3, UNKNOWN), (10, None, UNKNOWN),
    (10, 11, UNKNOWN), (10, -1, UNKNOWN)])  # figures that contradict each other
def test_a_majority_of_francilien_members(total, francilien, expected):
    answers = AnchoringAnswers(members_total=total, members_francilien=francilien)
    assert anchoring.evaluate(answers)["francilien_members"] == expected


@pytest.mark.parametrize(("text", "expected"), [("Stand au Festival des solidarités", MET),
                                                ("  ", NOT_MET), ("", NOT_MET), (None, UNKNOWN)])
def test_awareness_actions_and_local_benefits(text, expected):
    results = anchoring.evaluate(AnchoringAnswers(awareness_actions=text, local_benefits=text))
    assert results["awareness_actions"] == results["local_benefits"] == expected


@pytest.mark.parametrize(("answer", "expected"), [(True, MET), (False, NOT_MET), (None, UNKNOWN)])
def test_cooperation_agreement(answer, expected):
    assert anchoring.evaluate(AnchoringAnswers(cooperation_agreement=answer))["cooperation_agreement"] == expected


@pytest.mark.parametrize(("asked", "threshold", "expected"), [
    (1_000_000, 1_000_000, MET), (1_000_001, 1_000_000, NOT_MET), (None, 1_000_000, UNKNOWN),
    (1_000_000, None, UNKNOWN)])
def test_a_modest_amount_against_the_calls_threshold(asked, threshold, expected):
    results = anchoring.evaluate(AnchoringAnswers(), amount_asked=asked, modest_threshold=threshold)
    assert results["modest_amount"] == expected


def test_blocking_asks_the_courts_indices_not_the_amount_nor_an_agreement():
    results = {item.code: MET for item in anchoring.CHECKLIST}
    results.update(modest_amount=NOT_MET, cooperation_agreement=NOT_MET)
    assert anchoring.blocking_violations(results) == []
    results.update(awareness_actions=UNKNOWN)
    assert [v.params for v in anchoring.blocking_violations(results)] == [{"item": "awareness_actions"}]
    results.update(cooperation_agreement=MET)
    assert anchoring.blocking_violations(results) == []
