"""The one tokenizer: cases as data, plus properties on arbitrary text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import segment

CASES = Path(__file__).parent / "data" / "segment"
SENT = json.loads((CASES / "sentences.json").read_text(encoding="utf-8"))
TOK = json.loads((CASES / "tokens.json").read_text(encoding="utf-8"))


def _sentences(text):
    return [text[s:e] for s, e in segment.sentence_spans(text)]


@pytest.mark.parametrize("case", SENT["cases"], ids=lambda c: c["text"][:30])
def test_sentence_cases(case):
    assert _sentences(case["text"]) == case["sentences"]


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["reason"]))
                                  for c in SENT["xfail"]], ids=lambda c: c["text"][:30])
def test_sentence_known_misses(case):
    assert _sentences(case["text"]) == case["sentences"]


@pytest.mark.parametrize("case", TOK["cases"], ids=lambda c: c["text"][:30])
def test_token_cases(case):
    got = [[t.text, t.kind] for t in segment.tokens(case["text"])]
    assert got == case["tokens"]


def test_words_and_count_agree_on_sample(sample_corpus):
    for text in sample_corpus["text"]:
        assert segment.count_words(text) == len(segment.words(text)) == len(segment.word_spans(text))


def test_abbreviations_in_sample_do_not_end_sentences(sample_corpus):
    for text in sample_corpus["text"]:
        for s, e in segment.sentence_spans(text):
            assert not text[s:e].endswith(("Mr.", "Mrs.", "Dr."))


def test_lowercase_normalises_curly_apostrophes():
    assert segment.words("Putin’S Trip", lowercase=True) == ["putin", "trip"]
    assert segment.normalize("Putin’S") == "putin's"


# Text drawn from news-like pieces plus arbitrary unicode, so both the common
# paths (abbreviations, quotes, numbers) and odd characters are exercised.
_PIECES = st.sampled_from(["Mr.", "U.S.", "“", "”", "'", "’s", " ", "\n", "\n\n", ".", "?", "!",
                           "...", "—", "-", "word", "Word", "1.5", "99,000", "e-mail", "(", ")",
                           "don't", "www.x.org", "a@b.co", "\t", "é", "Ω", "\u00a0", "_", "#tag"])
_TEXT = st.one_of(st.lists(_PIECES, max_size=40).map("".join), st.text(max_size=200))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_token_offsets_cover_every_non_space_char(text):
    toks = segment.tokens(text)
    pos = 0
    for t in toks:
        assert text[t.start:t.end] == t.text
        assert t.start >= pos and t.end > t.start
        assert text[pos:t.start].strip() == "" or text[pos:t.start].isspace()
        pos = t.end
    assert text[pos:].strip() == "" or text[pos:].isspace()
    assert segment.count_words(text) == sum(t.kind in segment.WORD_KINDS for t in toks)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, st.text(alphabet="aZİıßKﬁ’'.-!? \n1,:/@#_É", max_size=60)))
def test_fast_word_lists_equal_the_tokens(text):
    for lowercase in (False, True):
        expected = [[segment.normalize(t.text) if lowercase else t.text for t in toks
                     if t.kind in segment.WORD_KINDS] for _, toks in segment.sentence_tokens(text)]
        assert segment.sentence_words(text, lowercase=lowercase) == [ws for ws in expected if ws]
        assert segment.words(text, lowercase=lowercase) == [w for ws in expected for w in ws]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_sentences_partition_the_tokens(text):
    spans = segment.sentence_spans(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        chunk = text[s:e]
        assert chunk == chunk.strip() and chunk
        last = e
    grouped = [t for _, toks in segment.sentence_tokens(text) for t in toks]
    assert grouped == segment.tokens(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab.-'’ @#:/wh1\n")), max_size=60))
def test_fast_expression_gives_the_full_expressions_tokens(text):
    # texts without "@" are tokenized by an expression without the e-mail
    # branch; it must give exactly the tokens of the full expression
    from corpus_tools.segment import _KIND, _TOKEN_RE, MATCH_KIND, token_matches, tokens

    full = [(m.group(), m.start(), m.end(), _KIND[m.lastgroup]) for m in _TOKEN_RE.finditer(text)]
    assert [tuple(t) for t in tokens(text)] == full
    assert [(m.group(), m.start(), m.end(), MATCH_KIND[m.lastgroup])
            for m in token_matches(text)] == full
    middle = len(text) // 2
    assert [tuple(t) for t in tokens(text, middle)] == [
        (m.group(), m.start(), m.end(), _KIND[m.lastgroup])
        for m in _TOKEN_RE.finditer(text, middle)]
