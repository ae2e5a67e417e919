"""The overlap rule: trainings of other members on a similar topic within three months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.agenda.overlap import TrainingFacts, alike, clusters, find_overlaps, topic_words
from tests.unit.overlap_pairs import OTHER_AUDIENCE, PAIRS, REWORDED, SHARED_WORD, scores


def test_the_table_has_the_three_kinds_of_pairs():
    assert len(PAIRS) >= 30
    assert REWORDED and OTHER_AUDIENCE and SHARED_WORD
    assert {expected for *_titles, expected in PAIRS} == {True, False}


def test_precision_and_recall_on_the_table(capsys):
    result = scores(alike)
    with capsys.disabled():
        print(f"\noverlap rule on {result['pairs']} pairs: precision {result['precision']}, "
              f"recall {result['recall']}")
        for a, b, expected in result["wrong"]:
            print(f"  wrong ({'alike' if expected else 'different'} expected): {a!r} / {b!r}")
    assert result["precision"] >= 0.9, result["wrong"]
    assert result["recall"] >= 0.9, result["wrong"]


@pytest.mark.parametrize(("a", "b"), [(a, b) for a, b, expected in PAIRS if expected][:5])
def test_the_verdict_does_not_depend_on_the_order(a, b):
    assert alike(a, b) == alike(b, a)


def test_acronyms_are_spelt_out():
    assert topic_words("ECSI") == topic_words("éducation à la citoyenneté et à la solidarité internationale")


def test_a_shared_theme_lowers_the_bar():
    a, b = "Eau et assainissement en milieu rural", "Eau potable en milieu urbain"
    assert not alike(a, b)
    assert alike(a, b, same_theme=True)


def facts(id, title, day, members=("94",), themes=(), audience=""):
    return TrainingFacts(id=id, title=title, first_day=day, last_day=day, themes=frozenset(themes),
                         audience=audience, members=frozenset(members))


DAY = date(2027, 3, 10)
EAD = "Éducation au développement : animer un atelier en classe"


def test_a_month_later_in_another_town_is_an_overlap_with_its_reasons():
    mine = facts(None, EAD, DAY + timedelta(days=30), members=("91",), themes=("education-developpement",),
                 audience="Enseignants du primaire")
    theirs = facts(7, EAD, DAY, themes=("education-developpement", "education"), audience="Enseignants")
    [overlap] = find_overlaps(mine, [theirs])
    assert overlap.event_id == 7 and overlap.score == 100 and overlap.days_apart == 30
    assert overlap.reasons == ("same_words", "same_themes", "same_audience")
    assert overlap.themes == ("education-developpement",)
    assert "développement" in overlap.words


def test_beyond_three_months_or_of_the_same_member_is_no_overlap():
    mine = facts(None, EAD, DAY, members=("91",))
    assert find_overlaps(mine, [facts(1, EAD, DAY + timedelta(days=93))]) == []
    assert [o.event_id for o in find_overlaps(mine, [facts(2, EAD, DAY - timedelta(days=92))])] == [2]
    assert find_overlaps(mine, [facts(3, EAD, DAY, members=("91",))]) == []
    assert find_overlaps(mine, [facts(5, EAD, DAY, members=("94", "91"))]) == []  # already co-organised
    assert find_overlaps(facts(4, EAD, DAY, members=("91",)), [facts(4, EAD, DAY)]) == []


def test_different_topics_sharing_a_word_are_left_out_and_the_closest_come_first():
    mine = facts(None, EAD, DAY, members=("91",))
    others = [facts(1, "Animer un atelier cuisine du monde", DAY),
              facts(2, "Éducation au développement et climat", DAY + timedelta(days=10)),
              facts(3, "Animer un atelier d'éducation au développement", DAY + timedelta(days=40))]
    assert [o.event_id for o in find_overlaps(mine, others)] == [3, 2]


def test_clusters_group_alike_titles_in_order():
    titles = {1: EAD, 2: "Gestion de l'eau au Sahel", 3: "Animer un atelier d'éducation au développement",
              4: "Eau et assainissement au Sahel", 5: "Montage de projets de solidarité internationale"}
    assert clusters(titles) == [[1, 3], [2, 4], [5]]
