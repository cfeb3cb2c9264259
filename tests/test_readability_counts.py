"""The batched counts of readability_counts equal textstat's rules applied one text at a time."""

from __future__ import annotations

import itertools
import math
import re
import sys
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools.readability import counts
from corpus_tools import corpus_from_texts
from corpus_tools.readability import FORMULAS, ReadabilityOptions, ReadabilityWarning, readability
from corpus_tools.readability.diversity import diversity as _diversity
from corpus_tools.readability.diversity import diversity_batch as _diversity_batch

_WORDS = st.sampled_from(
    "the a of to government readability don't it's U.S. front-line 2003 1,500 "
    "rock'n'roll O'Neill 'quoted' naïve café we'll they're I'd unprecedented cat "
    "— - ; : , ( ) \" ’s ‘ ’ “ ” ... ! ? . Mr. e.g. ' '' 's 've x'y 𝐀𝐁 😀 Ωμέγα".split(" "))
_SEPARATORS = st.sampled_from([" ", " ", "\n", "\n\n", ". ", "! ", "? ", "  ", "\t", "\u00a0",
                               "\u2003", "", ".", "'", "\x1c"])


@st.composite
def _news_like(draw, max_size=160):
    parts = draw(st.lists(st.tuples(_WORDS, _SEPARATORS), max_size=max_size))
    return "".join(w + s for w, s in parts)


_TEXTS = st.one_of(_news_like(), st.text(max_size=120))


def _linsear_sentences_as_textstat(text: str) -> int:
    """textstat 0.7.13's Linsear Write loop: sentences of the tokens up to the 100th word."""
    tokens = text.split()
    taken = len(tokens)
    if len(tokens) > counts.LINSEAR_WORDS:
        words = taken = 0
        while taken < len(tokens) and words < counts.LINSEAR_WORDS:
            words += bool(counts._clean(tokens[taken]))
            taken += 1
    return counts.textstat_sentence_count(" ".join(tokens[:taken]))


def _expected(text: str) -> dict:
    tokens = text.split()
    return {"cleaned": counts._clean(text) + " ", "n_tokens": len(tokens),
            "n_nonspace_chars": sum(map(len, tokens)),
            "n_words": len(counts.textstat_words(text)),
            "n_sentences": counts.textstat_sentence_count(text),
            "linsear_sentences": _linsear_sentences_as_textstat(text),
            "has_sentence_end": re.search(r"[.!?]", text) is not None}


def _scanned(texts: list[str]) -> list[dict]:
    found, cleaned = counts._scan(" ".join([*texts, ""]), np.array([len(t) for t in texts]))
    return [{name: values[i].item() for name, values in found.items()} for i in range(len(texts))]


# --- the scan over code points ------------------------------------------------------

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_scan_of_one_text_follows_textstat_rules(text):
    expected = _expected(text)
    found, cleaned = counts._scan(text + " ", np.array([len(text)]))
    assert cleaned == expected.pop("cleaned")
    assert {name: values[0].item() for name, values in found.items()} == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=6))
def test_scan_of_texts_side_by_side_counts_each_alone(texts):
    """No token, word or sentence piece leaks from one text into the next."""
    alone = [_expected(text) for text in texts]
    for expected in alone:
        del expected["cleaned"]
    assert _scanned(texts) == alone


def test_scan_handles_long_linsear_heads_and_rare_characters():
    texts = ["Word " * 99 + "- -- ... " * 10 + "last word. Then more here.",   # cut after word 100
             "a b c. " * 40 + "d e. " * 30,
             ("— " * 120) + "only three words.",                               # >100 tokens, 3 words
             "𝐀𝐁𝐂 bold letters and 😀 emoji. 𝐃𝐄 more words there! " * 20,        # beyond the BMP
             "surrogate \ud800 in the middle of words. " * 5,
             "", " ", "...", "'tis we'll y'all rock'n'roll 'quoted' ''s' O'Neill'"]
    for text, got in zip(texts, _scanned(texts)):
        expected = _expected(text)
        del expected["cleaned"]
        assert got == expected, text[:40]
    _, cleaned = counts._scan(texts[4] + " ", np.array([len(texts[4])]))
    assert cleaned == counts._clean(texts[4]) + " "


def test_character_classes_agree_with_re_and_str_split():
    table = counts._char_classes()
    plane = "".join(map(chr, range(counts._PLANE)))
    space = np.array([c.isspace() for c in plane])
    word = np.array([re.match(r"\w", c) is not None for c in plane])
    assert np.array_equal(table[:-1] & counts._SPACE_BIT != 0, space)
    assert np.array_equal(table[:-1] & counts._WORD_BIT != 0, word)
    assert np.flatnonzero(table & counts._END_BIT).tolist() == [ord("!"), ord("."), ord("?")]
    assert table[-1] == 0
    assert max(np.flatnonzero(space)) == counts._SPACE_LIMIT  # no whitespace above U+3000


# --- batches -------------------------------------------------------------------------

def _first_seen(ids: np.ndarray) -> list[int]:
    """Ids renamed in order of first appearance: equal for texts with the same word pattern."""
    names: dict[int, int] = {}
    return [names.setdefault(i, len(names)) for i in ids.tolist()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TEXTS, _news_like(max_size=400)), min_size=1, max_size=8),
       st.sampled_from([1, 50, 300, 10**9]))
def test_batches_count_each_text_as_alone(texts, batch_chars):
    results = list(counts.measure_texts(texts, counts.Vocabulary(), batch_chars=batch_chars))
    assert len(results) == len(texts)
    for text, (got, got_ids) in zip(texts, results):
        want, want_ids = counts.measure_text(text, counts.Vocabulary())
        assert got == want
        assert _first_seen(got_ids) == _first_seen(want_ids)
        assert got.n_words == len(counts.textstat_words(text))


def test_long_document_after_short_ones_keeps_its_place():
    texts = ["Short one. " * 3, "A long text here. " * 20, "Tail document."]
    got = [c.n_words for c, _ in counts.measure_texts(texts, counts.Vocabulary(),
                                                       batch_chars=100)]
    assert got == [len(counts.textstat_words(t)) for t in texts] == [6, 80, 2]


def test_long_document_after_short_ones_keeps_its_row(monkeypatch):
    module = sys.modules["corpus_tools.readability.table"]
    real = counts.measure_batches
    monkeypatch.setattr(module, "measure_batches",
                        lambda texts, vocabulary: real(texts, vocabulary, batch_chars=100))
    corpus = corpus_from_texts({"a": "Short one. " * 3, "b": "A long text here. " * 20,
                                "c": "Tail document."})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReadabilityWarning)
        table = readability(corpus)
    assert table["n_words"].to_dict() == {"a": 6, "b": 80, "c": 2}


# --- the vocabulary -----------------------------------------------------------------

def test_vocabulary_gives_each_word_one_id_and_its_properties():
    vocabulary = counts.Vocabulary()
    ids = vocabulary.ids(["The", "the", "don't", "The", "readability"])
    assert ids.tolist() == [0, 1, 2, 0, 3]
    assert vocabulary.ids(["readability", "new"]).tolist() == [3, 4]
    assert len(vocabulary) == 5 and vocabulary.index == {"The": 0, "the": 1, "don't": 2,
                                                         "readability": 3, "new": 4}
    assert vocabulary.n_syllables.tolist() == [1, 1, 1, 5, 1]
    assert vocabulary.n_letters.tolist() == [3, 3, 4, 11, 3]
    assert vocabulary.lower_id[0] == vocabulary.lower_id[1] != vocabulary.lower_id[2]
    vocabulary.add(iter(["x'y'z", "the"]))
    assert vocabulary.n_letters[-1] == 3 and len(vocabulary) == 6


def test_letters_of_words_with_whitespace_or_none():
    assert counts._letters(["don't", "a", "", "x''y"]).tolist() == [4, 1, 0, 2]
    assert counts._letters(["a\nb", "c"]).tolist() == [3, 1]  # not words of split(): slow path
    assert counts._letters([]).tolist() == []


def test_syllable_memory_is_bounded_and_answers_stay_right(monkeypatch):
    monkeypatch.setattr(counts, "_SYLLABLES", {})
    monkeypatch.setattr(counts, "_SYLLABLES_KEPT", 3)
    words = ["readability", "the", "cat", "unprecedented", "readability"]
    assert [counts.syllable_count(w) for w in words] == [5, 1, 1, 5, 5]
    assert len(counts._SYLLABLES) <= 3
    vocabulary = counts.Vocabulary()
    vocabulary.ids(["extraordinarily", "the"])
    assert vocabulary.n_syllables.tolist() == [6, 1]


def test_hyphenation_patterns_are_pyphens():
    pyphen = pytest.importorskip("pyphen")
    assert counts.hyphenation_patterns() == pyphen.Pyphen(lang="en_US").hd.patterns


_HYPHEN_WORDS = st.text(alphabet=st.sampled_from(list("aeioubcdfghklmnprstvwxyz'’é0ﬁ.-ZQ")),
                        max_size=24)


@settings(max_examples=400, deadline=None)
@given(_HYPHEN_WORDS)
def test_hyphenation_points_equal_pyphens(word):
    pyphen = pytest.importorskip("pyphen")
    assert counts.hyphenator().count(word) == len(pyphen.Pyphen(lang="en_US").positions(word))


def test_hyphenation_points_by_hand():
    # Pyphen's en_US patterns: hy-phen-ation, Ze-len-sky
    assert counts.hyphenator().count("hyphenation") == 2
    assert counts.hyphenator().count("Zelensky") == 2
    assert counts.hyphenator().count("abc") == 0  # two characters kept on each side
    assert counts.hyphenator().count("") == 0
    assert counts.syllable_count("Zelensky") == counts.hyphenator().count("zelensky") + 1


# --- formulas and diversity on arrays -----------------------------------------------------

def test_formulas_on_arrays_equal_formulas_one_document_at_a_time():
    texts = ["", "   ", "...", "Hello", "Hi there you.", "a " * 150,
             "One. Two three four five. " * 40, "Notwithstanding considerable institutional "
             "heterogeneity, comprehensive stabilisation necessitates coordination. " * 5,
             "The cat sat on the mat. It was happy. " * 12, "x-ray — co-op — 3.5% — $100bn"]
    singles = [counts.count_text(t) for t in texts]
    columns = counts.TextCounts(*(np.array([getattr(c, name) for c in singles])
                                  for name in counts.COUNT_FIELDS))
    for name, formula in FORMULAS.items():
        on_arrays = formula(columns)
        one_by_one = [formula(c) for c in singles]
        assert isinstance(one_by_one[0], float)
        assert on_arrays.dtype == np.float64
        assert on_arrays.tolist() == one_by_one, name


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 12), max_size=150), min_size=1, max_size=6),
       st.integers(1, 40), st.sampled_from([0.72, 0.5, 0.9]))
def test_diversity_of_many_documents_equals_each_alone(documents, window, threshold):
    options = ReadabilityOptions(mattr_window=window, mtld_threshold=threshold)
    ids = np.array(list(itertools.chain.from_iterable(documents)), dtype=np.int64)
    bounds = np.concatenate([[0], np.cumsum([len(d) for d in documents])])
    together = _diversity_batch(ids, bounds, options)
    for i, document in enumerate(documents):
        alone = _diversity(np.array(document, dtype=np.int64), options)
        for name, value in alone.items():
            got = float(together[name][i])
            assert (math.isnan(got) and math.isnan(value)) or got == value, (name, document)


def test_table_dtypes_and_empty_corpus():
    corpus = corpus_from_texts({"a": "The cat sat on the mat.", "b": ""})
    with pytest.warns(ReadabilityWarning):
        table = readability(corpus)
    empty = readability(corpus.iloc[:0])
    for frame in (table, empty):
        assert frame["flags"].dtype == "str"  # text, not object
        assert all(frame[c].dtype == np.int64 for c in ["n_sentences", "n_words", "n_syllables",
                                                         "n_polysyllables", "n_difficult_words",
                                                         "n_long_words", "n_letters",
                                                         "n_nonspace_chars"])
        assert all(frame[c].dtype == np.float64 for c in [*FORMULAS, "words_per_sentence",
                                                           "mattr", "mtld", "reading_time_s"])
        assert frame.index.name == "doc_id"
    assert empty.shape == (0, table.shape[1])
    assert table.at["b", "flags"] == "no_words;under_100_words;under_30_sentences"
