"""The English catalogue: complete, not fuzzy, placeholders kept, and up to date with the code.

French is the source language (the msgids); translations/en holds the English words.
When a test here fails after you added or changed a French string, run
``make translations-update`` and translate the new entries of
translations/en/LC_MESSAGES/messages.po (then ``make catalogs``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
EN_PO = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
POT = ROOT / "translations" / "messages.pot"
HOW_TO_FIX = (
    "run `make translations-update`, then translate the new entries of "
    "translations/en/LC_MESSAGES/messages.po"
)

NAMED = re.compile(r"%\((\w+)\)[sdif]")  # %(name)s
BRACE = re.compile(r"\{(\w*)\}")  # {n}, for the JavaScript messages
TAG = re.compile(r"</?[a-zA-Z][^>]*>")  # translations are trusted HTML in templates


def _read(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


@pytest.fixture(scope="module")
def english():
    return _read(EN_PO)


def _messages(catalog):
    return [m for m in catalog if m.id]


def _pairs(message):
    """(source, translation) for each form: singular with msgstr[0], plural with the others."""
    if isinstance(message.id, tuple):
        singular, plural = message.id[0], message.id[1]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return [(singular if i == 0 else plural, s) for i, s in enumerate(strings)]
    return [(message.id, message.string)]


def _label(message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


def test_catalogue_is_not_empty(english):
    assert len(_messages(english)) > 100
    assert english.locale and english.locale.language == "en"


def test_every_message_is_translated(english):
    untranslated = [_label(m) for m in _messages(english)
                    if not all(s.strip() for _, s in _pairs(m))]
    assert not untranslated, f"{len(untranslated)} message(s) without English: {untranslated[:10]}"


def test_no_message_is_fuzzy(english):
    fuzzy = [_label(m) for m in _messages(english) if m.fuzzy]
    assert not fuzzy, f"fuzzy entries (check them, then remove the fuzzy flag): {fuzzy[:10]}"


def test_plural_messages_have_both_english_forms(english):
    for m in _messages(english):
        if isinstance(m.id, tuple):
            assert isinstance(m.string, tuple) and len(m.string) == english.num_plurals == 2, _label(m)


def test_placeholders_are_kept(english):
    problems = []
    for m in _messages(english):
        for source, translation in _pairs(m):
            if set(NAMED.findall(source)) != set(NAMED.findall(translation)):
                problems.append(f"%(...)s differ: {source!r} -> {translation!r}")
            if set(BRACE.findall(source)) != set(BRACE.findall(translation)):
                problems.append(f"{{...}} differ: {source!r} -> {translation!r}")
            # Templates always apply % (Jinja's new-style gettext): a literal % is written %%.
            if source.count("%%") != translation.count("%%"):
                problems.append(f"escaped %% differ: {source!r} -> {translation!r}")
            if sorted(TAG.findall(source)) != sorted(TAG.findall(translation)):
                problems.append(f"HTML tags differ: {source!r} -> {translation!r}")
    assert not problems, "\n".join(problems)


def test_translations_format_like_their_source(english):
    """A stray ``%`` in an English string would raise at render time, not here."""
    checked = 0
    for m in _messages(english):
        for source, translation in _pairs(m):
            if "python-format" in m.flags or "%%" in source:
                checked += 1
                # A value every conversion of the source accepts (%(n)d needs a number).
                values = {name: 1 if kind in "dif" else "x"
                          for name, kind in re.findall(r"%\((\w+)\)([sdif])", source)}
                try:
                    translation % values
                except (KeyError, ValueError, TypeError) as exc:  # pragma: no cover - shows which
                    pytest.fail(f"{translation!r} does not format like {source!r}: {exc}")
    assert checked > 20, "the catalogue should hold many formatted messages"


def test_catalogues_know_every_string_of_the_code(tmp_path):
    """Extract the strings of the code now, as `make translations-update` does."""
    out = tmp_path / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "--quiet", "extract", "-F", str(ROOT / "babel.cfg"),
        "-k", "_l", "-k", "lazy_gettext", "-o", str(out), "--no-location", "--sort-output",
        str(ROOT),
    ])
    extracted = {m.id if isinstance(m.id, str) else m.id[0]: m for m in _messages(_read(out))}
    assert len(extracted) > 100, "the extraction found almost nothing: check babel.cfg"

    pot = _read(POT)
    stale = sorted(k for k in extracted if pot.get(extracted[k].id, extracted[k].context) is None)
    assert not stale, f"translations/messages.pot is out of date ({HOW_TO_FIX}); new: {stale[:10]}"

    english = _read(EN_PO)
    missing = []
    for key, m in sorted(extracted.items()):
        entry = english.get(m.id, m.context)
        if entry is None or entry.fuzzy or not all(s.strip() for _, s in _pairs(entry)):
            missing.append(key)
    assert not missing, f"{len(missing)} string(s) not translated into English ({HOW_TO_FIX}): {missing[:10]}"
