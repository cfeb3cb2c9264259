"""Quote extraction and matching."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import corpus_from_texts
from corpus_tools.rewrites.align import align
from corpus_tools.rewrites.quotes import QUOTE_STATUSES, find_quotes, match_quotes


def test_find_quotes_straight_curly_and_misused_marks():
    text = ('He said: "We will win." Then: “Not today,” she replied. '
            '”Internal light” was the headline.')
    q = find_quotes(text)
    assert list(q["quote"]) == ["We will win.", "Not today,", "Internal light"]
    for r in q.itertuples():
        assert text[r.start:r.end] == r.quote


def test_match_kept_and_changed():
    a = 'The minister said: "We will rebuild every school." Later: "Taxes will not rise this year."'
    b = ('The minister said: "We will rebuild every school." '
         'Later: "Taxes shall not increase this year."')
    m = match_quotes(a, b)
    assert list(m["status"]) == ["kept", "changed"]
    assert list(m["changed"]) == [False, True]


def test_fully_reworded_quote_matched_through_alignment():
    a = 'Later the minister told reporters: "Taxes will not rise." Then he left the building.'
    b = 'Later the minister told reporters: "Levies shall not ascend." Then he left the building.'
    al = align(corpus_from_texts({"a": a, "b": b}), "a", "b")
    assert list(al.quotes["status"]) == ["changed"]


def test_unquoted_in_aligned_sentence():
    a = 'He said: "The heroes of Bakhmut should have what every person has."'
    b = "He said that the heroes of Bakhmut ought to have what every person has."
    al = align(corpus_from_texts({"a": a, "b": b}), "a", "b")
    q = al.quotes
    assert list(q["status"]) == ["unquoted"]
    assert q.iloc[0]["quoted_in"] == "a"


def test_only_one_side():
    m = match_quotes('She said "yes" twice.', "No quotes here at all.")
    assert list(m["status"]) == ["only a"]
    assert match_quotes("", "").empty


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "“”\n.')), max_size=80),
       st.text(alphabet=st.sampled_from(list('ab "“”\n.')), max_size=80))
def test_match_quotes_properties(a, b):
    m = match_quotes(a, b)
    assert set(m["status"]) <= set(QUOTE_STATUSES)
    assert len(m[m["a_start"] >= 0]) >= len(find_quotes(a)) - 0  # every quote of a listed
    for r in m.itertuples():
        if r.quoted_in in ("a", "both"):
            assert a[r.a_start:r.a_end] == r.a_quote
        if r.quoted_in in ("b", "both"):
            assert b[r.b_start:r.b_end] == r.b_quote


_WORDS = ["we", "will", "win", "the", "war", "taxes", "rise", "not", "shall", "victory",
          "Kyiv", "says", "a", "of", "2023"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8), max_size=5),
       st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8), max_size=5),
       st.sampled_from([0.1, 0.3, 0.6]))
def test_matching_skips_only_pairs_that_cannot_match(qa, qb, threshold):
    # match_quotes skips the word-by-word comparison when an upper bound of the
    # similarity misses the threshold: it must pair quotes exactly as comparing
    # every pair would
    from corpus_tools.similarity import sentence_similarity as _similarity
    from corpus_tools.segment import words

    a = " ".join(f'said "{" ".join(q)}".' for q in qa)
    b = " ".join(f'told "{" ".join(q)}".' for q in qb)
    wa = [tuple(words(q, lowercase=True)) for q in find_quotes(a)["quote"]]
    wb = [tuple(words(q, lowercase=True)) for q in find_quotes(b)["quote"]]
    cand = sorted(((1.0 if x == y else _similarity(x, y), i, j)
                   for i, x in enumerate(wa) for j, y in enumerate(wb)), reverse=True)
    used_a, used_b, expected = set(), set(), set()
    for s, i, j in cand:
        if s >= threshold and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            expected.add((i, j, round(s, 12)))
    m = match_quotes(a, b, min_similarity=threshold)
    both = m[m["quoted_in"] == "both"]
    starts_a = list(find_quotes(a)["start"])
    starts_b = list(find_quotes(b)["start"])
    got = {(starts_a.index(r.a_start), starts_b.index(r.b_start), round(r.similarity, 12))
           for r in both.itertuples()}
    assert got == expected
