"""French as public services write it (app.core.wording): articles and times."""

from datetime import time

import pytest

from app.core.wording import clock, of_name, the_name, to_name


@pytest.mark.parametrize(("name", "of", "the"), [
    ("Département de l'Essonne", "du Département de l'Essonne", "le Département de l'Essonne"),
    ("Département de la Seine-Saint-Denis", "du Département de la Seine-Saint-Denis",
     "le Département de la Seine-Saint-Denis"),
    ("Région Île-de-France", "de la Région Île-de-France", "la Région Île-de-France"),
    ("Ville de Montgeron", "de la Ville de Montgeron", "la Ville de Montgeron"),
    ("Agence française de développement (AFD)", "de l'Agence française de développement (AFD)",
     "l'Agence française de développement (AFD)"),
    ("Établissement public territorial Est Ensemble", "de l'Établissement public territorial Est Ensemble",
     "l'Établissement public territorial Est Ensemble"),
    ("Centre de ressources essonnien de la solidarité internationale",
     "du Centre de ressources essonnien de la solidarité internationale",
     "le Centre de ressources essonnien de la solidarité internationale"),
    ("Via le monde", "de Via le monde", "Via le monde"),
    ("Écoles du monde", "d'Écoles du monde", "Écoles du monde"),
])
def test_names_take_their_article_in_french(name, of, the):
    assert of_name(name) == of
    assert the_name(name) == the


def test_english_puts_the_before_an_institutions_name():
    assert of_name("Département de l'Essonne", "en") == "the Département de l'Essonne"
    assert the_name("Région Île-de-France", "en") == "the Région Île-de-France"
    assert the_name("Via le monde", "en") == of_name("Via le monde", "en") == "Via le monde"


@pytest.mark.parametrize(("value", "fr", "en"), [
    (time(9, 30), "9 h 30", "9:30 am"),
    (time(14, 0), "14 h", "2 pm"),
    (time(0, 5), "0 h 05", "12:05 am"),
    (time(12, 0), "12 h", "noon"),
    (time(0, 0), "0 h", "midnight"),
    (time(12, 30), "12 h 30", "12:30 pm"),
    (time(17, 45), "17 h 45", "5:45 pm"),
])
def test_times_of_day(value, fr, en):
    assert clock(value, "fr") == fr
    assert clock(value, "en") == en


@pytest.mark.parametrize(("name", "fr", "en"), [
    ("Département de l'Essonne", "au Département de l'Essonne", "to the Département de l'Essonne"),
    ("Région Île-de-France", "à la Région Île-de-France", "to the Région Île-de-France"),
    ("Agence française de développement", "à l'Agence française de développement",
     "to the Agence française de développement"),
    ("Collectivités du Sud", "aux Collectivités du Sud", "to the Collectivités du Sud"),
    ("Via le monde", "à Via le monde", "to Via le monde"),
])
def test_names_after_a_take_their_contracted_article(name, fr, en):
    assert to_name(name) == fr
    assert to_name(name, "en") == en
