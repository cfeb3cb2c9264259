"""The one tokenizer: cases as data, plus properties on arbitrary text.

The sentence splitter and the token expressions are also checked against a
frozen copy of the code before the linear rewrite (tests/segment_reference.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import segment
from segment_reference import _TOKEN_RE as REFERENCE_TOKEN_RE
from segment_reference import sentence_spans as reference_sentence_spans

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


# --- the linear splitter gives the sentences of the old one -----------------

# Pieces that exercise the splitter's look-ups: abbreviations, initials,
# dotted acronyms, openers, and whitespace that is not " ", "\n" or "\t"
# (the old splitter searched back only for those three).
_SPLIT_PIECES = st.sampled_from([
    "Mr.", "Dr", "No.", "Inc.", "U.S.", "e.g.", "a.b.c", "W.", "x.", "The", "It", "he", "10",
    ".", "..", "...", "!", "?", "?!", "…", "”", "’", ")", "“", "(", '"', "'", "«", " ", "  ",
    "\n", "\n\n", "\n \n", "\t", "\xa0", "\r", "\u2028", "\u3000", "word", "Word", ",", ";"])
_SPLIT_TEXT = st.one_of(st.lists(_SPLIT_PIECES, max_size=60).map("".join), st.text(max_size=300),
                        st.text(alphabet=".!?…\"'”“( \n\t\xa0aZ1", max_size=80))


@settings(max_examples=1500, deadline=None)
@given(_SPLIT_TEXT)
def test_linear_splitter_equals_the_old_splitter(text):
    assert segment.sentence_spans(text) == reference_sentence_spans(text)


def test_old_and_new_splitter_agree_on_the_sample(sample_corpus):
    for text in sample_corpus["text"]:
        assert segment.sentence_spans(text) == reference_sentence_spans(text)


def test_pathological_texts_split_as_before():
    # each of these was quadratic before: checked for equality at a size the
    # old splitter still manages (benchmarks/bench_load.py times large sizes)
    for text in ["." * 3000 + "x", "x.\xa0" + "A.\xa0" * 1500, "“" * 2000 + "x.\xa0A.\xa0" * 500,
                 "a." * 1500 + "b.\xa0" + "X.\xa0" * 1500, "x.\n" + "\xa0\n" * 1500 + "y"]:
        assert segment.sentence_spans(text) == reference_sentence_spans(text)


# --- combining marks belong to their word -------------------------------------

def test_combining_mark_table_is_unicodes():
    import re
    import sys
    import unicodedata

    marks = re.compile(segment._M)
    in_table = {cp for cp in range(sys.maxunicode + 1) if marks.match(chr(cp))}
    categories = {unicodedata.category(chr(cp))[0] for cp in in_table}
    assert categories == {"M"}  # never a letter, digit or space
    if unicodedata.unidata_version == segment._MARKS_UNICODE_VERSION:
        every_mark = {cp for cp in range(sys.maxunicode + 1)
                      if unicodedata.category(chr(cp))[0] == "M"}
        assert in_table == every_mark


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ae iU.'’-\u0301\u0308\u0306\u20dd\U0001d165@x", max_size=40))
def test_marks_stay_inside_words_with_exact_offsets(text):
    toks = segment.tokens(text)
    for t in toks:
        assert text[t.start:t.end] == t.text
        if t.kind == "punct" and len(t.text) == 1 and segment._has_marks(t.text, 0, 1):
            # a mark is a token of its own only where no letter precedes it
            assert t.start == 0 or not text[t.start - 1].isalnum()
    assert segment.count_words(text) == sum(t.kind in segment.WORD_KINDS for t in toks)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, st.text(alphabet="ab.-'’ @#:/wh1\n+_", max_size=80)))
def test_tokens_unchanged_on_text_without_marks(text):
    # the old expression (without the combining-mark parts) gives the same
    # tokens wherever there is no mark; e-mail local parts are now at most
    # 64 characters (RFC 5321), which keeps a long "+++...@" linear
    import re

    if segment._has_marks(text, 0, len(text)) or re.search(r"[\w.+-]{65}@", text):
        return
    assert [tuple(t) for t in segment.tokens(text)] == [
        (m.group(), m.start(), m.end(), segment._KIND[m.lastgroup]) for m in REFERENCE_TOKEN_RE.finditer(text)]


# --- clauses ------------------------------------------------------------------------

@pytest.mark.parametrize("text, clauses", [
    ("Inflation slowed to 4.3% - although sales rose.",
     ["Inflation slowed to 4.3", "although sales rose"]),
    ("Profits jumped 76% to $1.13bn (£600m) for the quarter.",
     ["Profits jumped 76% to $1.13bn", "600m", "for the quarter"]),
    ("He said: “We will win”, and left... Then—nothing!",
     ["He said", "We will win", "and left", "Then", "nothing"]),
    ("Mr. Blair's office said so. The U.S. agreed", ["Mr. Blair's office said so", "The U.S. agreed"]),
    ("AT&T and/or BT rose 5% today", ["AT&T and/or BT rose 5% today"]),
    # two figures with punctuation between them are two clauses; side by side they are one
    ("Profits 1.13bn/£600m, rates 4.3% 5.1% and 6-4 6-3 today",
     ["Profits 1.13bn", "600m", "rates 4.3", "5.1% and 6-4 6-3 today"]),
    ("", []),
    ("-- , ;", []),
])
def test_clause_cases(text, clauses):
    assert [text[s:e] for s, e in segment.clause_spans(text)] == clauses


def test_clause_after_an_ellipsis_and_a_dash():
    assert segment.clause_words("and left... Then—nothing!") == [["and", "left"], ["Then"],
                                                                  ["nothing"]]


@settings(max_examples=200, deadline=None)
@given(st.one_of(_TEXT, st.text(alphabet="aZİ’'.,;-—(!? \n1:/\"", max_size=60)))
def test_clauses_split_the_words_of_each_sentence(text):
    """Clauses keep every word, in order, inside one sentence, and start after a mark."""
    spans = segment.clause_spans(text)
    sentences = segment.sentence_spans(text)
    assert [w for c in segment.clause_words(text) for w in c] == segment.words(text)
    for lowercase in (True, False):
        assert segment.clause_words(text, lowercase=lowercase) == [
            segment.words(text[s:e], lowercase=lowercase) for s, e in spans]
    for (s, e), (t, u) in zip(spans, spans[1:]):
        assert e <= t
        same_sentence = any(a <= s and u <= b for a, b in sentences)
        if same_sentence:  # something that ends a clause lies between them
            between = [k.text for k in segment.tokens(text, e, t) if k.kind == "punct"]
            figures = (segment.tokens(text, s, e)[-1].kind == "number"
                       and segment.tokens(text, t, u)[0].kind == "number")
            assert any(segment.is_clause_mark(p) for p in between) or (figures and between)
