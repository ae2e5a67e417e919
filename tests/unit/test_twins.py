"""The duplicate-training rule, over real-looking pairs."""

from __future__ import annotations

from datetime import date

import pytest

from app.agenda.twins import EventFacts, find_twins, title_score


def event(id, title, first, last=None, *, online=False, commune=None, departement=None, organisers=("91",)):
    return EventFacts(id, title, first, last or first, online, commune, departement, frozenset(organisers))


DAY = date(2027, 3, 18)

TRUE_TWINS = [
    # Same training announced by the Région and by Essonne, words shuffled, accents dropped.
    (event(None, "Formation au montage de projets de solidarité internationale", DAY,
           commune="Évry-Courcouronnes", departement="91", organisers=("IDF",)),
     event(1, "Montage de projet de solidarite internationale : formation", DAY,
           commune="Evry-Courcouronnes", departement="91")),
    # Upper case and a day of difference (the eve's welcome evening).
    (event(None, "PRÉPARATION AU DÉPART DES VOLONTAIRES", DAY, date(2027, 3, 19), commune="Bobigny",
           departement="93", organisers=("93",)),
     event(2, "Préparation au départ des volontaires", date(2027, 3, 20), commune="Bobigny",
           departement="93", organisers=("IDF",))),
    # Both online: the place cannot differ.
    (event(None, "Webinaire : éducation à la citoyenneté mondiale", DAY, online=True, organisers=("94",)),
     event(3, "Éducation à la citoyenneté mondiale (webinaire)", DAY, online=True, organisers=("77",))),
    # Same département, neighbouring communes.
    (event(None, "Atelier financement des projets associatifs", DAY, commune="Montreuil",
           departement="93", organisers=("93",)),
     event(4, "Financement de projets associatifs : atelier", DAY, commune="Bagnolet", departement="93",
           organisers=("IDF",))),
]

NEAR_MISSES = [
    # Same title, a month later: two sessions of a training, not a twin.
    (event(None, "Formation au montage de projets", DAY, commune="Évry", departement="91", organisers=("IDF",)),
     event(10, "Formation au montage de projets", date(2027, 4, 18), commune="Évry", departement="91")),
    # Same day and place, different subject.
    (event(None, "Formation à la recherche de financements", DAY, commune="Créteil", departement="94",
           organisers=("IDF",)),
     event(11, "Formation à la communication des associations", DAY, commune="Créteil", departement="94",
           organisers=("94",))),
    # Same title and day, far apart and in person.
    (event(None, "Semaine de la solidarité internationale : lancement", DAY, commune="Melun",
           departement="77", organisers=("77",)),
     event(12, "Lancement de la Semaine de la solidarité internationale", DAY, commune="Créteil",
           departement="94", organisers=("94",))),
    # One online, one in person.
    (event(None, "Préparation au départ", DAY, online=True, organisers=("93",)),
     event(13, "Préparation au départ", DAY, commune="Bobigny", departement="93", organisers=("IDF",))),
    # One shared word is not a subject: a meeting is not every meeting of that day.
    (event(None, "Réunion", DAY, commune="Bobigny", departement="93", organisers=("93",)),
     event(16, "Réunion du comité technique", DAY, commune="Bobigny", departement="93", organisers=("IDF",))),
    # Same kind of meeting, different associations.
    (event(None, "Assemblée générale de Via le monde", DAY, commune="Bobigny", departement="93",
           organisers=("93",)),
     event(17, "Assemblée générale de RACIVS", DAY, commune="Bobigny", departement="93", organisers=("IDF",))),
    # The member's own event: an edit, not a duplicate.
    (event(14, "Préparation au départ", DAY, commune="Bobigny", departement="93", organisers=("93",)),
     event(15, "Préparation au départ", DAY, commune="Bobigny", departement="93", organisers=("93",))),
]


@pytest.mark.parametrize(("candidate", "other"), TRUE_TWINS)
def test_true_twins_are_found(candidate, other):
    twins = find_twins(candidate, [other])
    assert [t.event_id for t in twins] == [other.id]
    assert twins[0].score >= 80 and "overlapping_dates" in twins[0].reasons


@pytest.mark.parametrize(("candidate", "other"), NEAR_MISSES)
def test_near_misses_are_not_twins(candidate, other):
    assert find_twins(candidate, [other]) == []


def test_the_most_alike_comes_first_and_the_event_itself_is_ignored():
    candidate = event(5, "Formation au montage de projets", DAY, commune="Paris", departement="75",
                      organisers=("IDF",))
    others = [candidate,
              event(6, "Formation : montage de projets internationaux", DAY, commune="Paris", departement="75"),
              event(7, "Formation au montage de projet", DAY, commune="Paris", departement="75")]
    assert [t.event_id for t in find_twins(candidate, others)] == [7, 6]


def test_title_score_ignores_case_accents_order_small_words_and_plurals():
    assert title_score("Éducation au développement", "developpement : EDUCATION") == 100
    assert title_score("Les partenariats", "partenariat") == 100
    assert title_score("Formation", "") == 0
    assert title_score("Fête de la musique", "Journée de l'Europe") < 50
    assert title_score("Formation au montage de projets solidaires", "Formation au montage de projets de solidarité") >= 90
    assert title_score("Formation", "Formation au montage de projets") < 80
