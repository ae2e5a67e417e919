"""The one cleaning rule for what people type or import (app.core.text)."""

import pytest

from app.core.text import clean_block, clean_html, clean_line, editable_text


@pytest.mark.parametrize(("typed", "kept"), [
    ("  Via le monde  ", "Via le monde"),
    ("Nom\x00 propre", "Nom propre"),
    ("Atelier\r\nX-INJECT:1", "Atelier X-INJECT:1"),
    ("Atelier\nX-INJECT:1", "Atelier X-INJECT:1"),
    ("Atelier\rX-INJECT:1", "Atelier X-INJECT:1"),
    ("Atelier\u2028suite\u2029fin\x85là\x0bici\x0cencore", "Atelier suite fin là ici encore"),
    ("Deux\tcolonnes", "Deux colonnes"),
    ("a\n\x00\nb", "a b"),
    ("Asso\u202etxt.exe", "Assotxt.exe"),
    ("\u202aL\u202bR\u202cP\u202dO\u202eE\u2066I\u2067R\u2068F\u2069", "LRPOEIRF"),
    ("Bip\x07\x1b[31m rouge\x7f\x9b", "Bip[31m rouge"),
    ("\x00", ""),
    # Letters of every script and the marks that belong to them stay.
    ("Œuvre d'Été — Thiès, Sénégal, 河内, القاهرة\u200f", "Œuvre d'Été — Thiès, Sénégal, 河内, القاهرة\u200f"),
    # Stored as typed: neutralised only when written to a CSV file (app.core.csv).
    ("=SOMME(A1)", "=SOMME(A1)"),
    ("-5 °C", "-5 °C"),
])
def test_a_single_line_keeps_no_control_character_no_line_break_no_override(typed, kept):
    assert clean_line(typed) == kept


@pytest.mark.parametrize(("typed", "kept"), [
    ("  Premier paragraphe.\r\n\r\nSecond\x00 paragraphe.  \n", "Premier paragraphe.\n\nSecond paragraphe."),
    ("Ligne\rsuivante", "Ligne\nsuivante"),
    ("Colonne\tcolonne", "Colonne\tcolonne"),
    ("Fin\u2028de ligne\u2029nouveau paragraphe", "Fin\nde ligne\nnouveau paragraphe"),
    ("Bip\x07\x1b\x7f\x9b et \u202eevil\u2066 x\u2069", "Bip et evil x"),
])
def test_a_block_keeps_its_lines_and_tabs_and_nothing_else_invisible(typed, kept):
    assert clean_block(typed) == kept


@pytest.mark.parametrize("clean", [clean_line, clean_block])
def test_what_is_not_text_passes_through_for_form_filters(clean):
    # WTForms runs filters on a field's data before anything was typed.
    assert clean(None) is None


@pytest.mark.parametrize("clean", [clean_line, clean_block])
def test_cleaning_twice_changes_nothing(clean):
    typed = " a\r\n\x00b\u202e\tc \u2028 "
    assert clean(clean(typed)) == clean(typed)


@pytest.mark.parametrize("typed", [
    "Association de solidarité avec le Sahel.",
    "Premier paragraphe.\n\nSecond paragraphe,\nsur deux lignes.",
    "Cuisine & santé : 5 < 7, « guillemets » et \"doubles\" — l'été.",
    "Écrire &lt;p&gt; ne fait pas une balise.",
])
def test_a_description_typed_as_plain_text_is_edited_as_plain_text(typed):
    stored = clean_html(typed)
    assert stored.startswith("<p>")
    assert editable_text(stored) == typed
    assert clean_html(editable_text(stored)) == stored  # saved again unchanged: no change


@pytest.mark.parametrize("stored, shown", [
    # Paragraphs become blank lines; tags written on purpose stay.
    ("<p>Un <strong>gras</strong> voulu.</p>", "Un <strong>gras</strong> voulu."),
    ("<ul><li>Eau</li><li>Santé</li></ul>", "<ul><li>Eau</li><li>Santé</li></ul>"),
    ("<p>Avant</p><ul><li>liste</li></ul>", "Avant\n\n<ul><li>liste</li></ul>"),
    # Tags typed as text were escaped: shown as text they would come back as bold.
    ("<p>&lt;b&gt;écrit en HTML échappé&lt;/b&gt;</p>", "<p>&lt;b&gt;écrit en HTML échappé&lt;/b&gt;</p>"),
    ("", ""),
])
def test_a_description_written_in_html_is_edited_so_that_saving_it_changes_nothing(stored, shown):
    assert editable_text(stored) == shown
    assert clean_html(editable_text(stored)) == stored or not stored
