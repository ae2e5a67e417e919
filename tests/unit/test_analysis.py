"""French analysis: what a person types meets what the records say."""

import pytest

from app.search.analysis import french_analyzer, name_analyzer, parse_query


def terms(text: str) -> list[str]:
    return [t.text for t in french_analyzer()(text)]


@pytest.mark.parametrize(("typed", "written"), [
    ("cooperation", "Coopération"),
    ("ÉCOLES", "écoles"),
    ("ecoles", "Écoles"),
    ("oeuvre", "Œuvre"),
    ("Œuvre", "oeuvre"),
    ("partenariats", "partenariat"),
    ("associations", "association"),
    ("solidarite", "solidarité"),
    ("l'eau", "eau"),
    ("l’eau", "de l'eau potable"),
    ("décentralisée", "DECENTRALISEES"),
    ("été", "chantiers d'été"),
    # Names that join two words with an apostrophe are found by either word.
    ("asie", "Mobil'Asie"),
    ("mobil asie", "Mobil’Asie"),
    ("pro aide", "Pro'aide"),
    ("Mobil'Asie", "mobil asie"),
])
def test_typed_word_meets_written_word(typed, written):
    assert set(terms(typed)) <= set(terms(written)), (terms(typed), terms(written))
    assert terms(typed), "the typed word must not vanish"


def test_stop_words_are_dropped_but_summer_is_kept():
    assert terms("de la coopération et des associations") == ["cooper", "associ"]
    assert terms("été") == ["ete"]


def test_names_are_folded_not_stemmed_for_type_ahead():
    assert [t.text for t in name_analyzer()("Associations Œcuméniques d'Évry")] == [
        "associations", "oecumeniques", "evry"]
    assert [t.text for t in name_analyzer()("Mobil'Asie et PM'UP")] == ["mobil", "asie", "et", "pm", "up"]


def test_typing_an_apostrophe_keeps_the_words_typed():
    assert [w.folded for w in parse_query("mobil'").words] == ["mobil"]
    parsed = parse_query("Mobil'As")
    assert [w.folded for w in parsed.words] == ["mobil", "as"] and parsed.last_is_prefix


@pytest.mark.parametrize("odd", [
    '"', "((", "AND OR", "NOT", "*", "x" * 2000, "😀🌍", "'; DROP TABLE actors; --",
    "a AND (b OR", "\x00\x01", "   ", "", "?!;:", "%%%", "l'", "__",
])
def test_odd_input_parses_without_error(odd):
    parsed = parse_query(odd)
    assert len(parsed.words) <= 16


def test_operators_and_punctuation_are_not_syntax():
    parsed = parse_query('"eau" AND (santé OR')
    assert [w.folded for w in parsed.words] == ["eau", "sante"]


def test_last_word_is_a_prefix_while_typing():
    assert parse_query("solida").last_is_prefix
    assert not parse_query("solidarité ").last_is_prefix
    assert parse_query("coopération solida").words[-1].folded == "solida"
