"""align(): sentence alignment, labelled word edits, the side-by-side HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import CorpusError, corpus_from_texts
from corpus_tools.rewrites.align import EDIT_LABELS, align, classify_pair

DATA = Path(__file__).parent / "data" / "rewrites"
LABELS = json.loads((DATA / "edit_labels.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", LABELS["cases"], ids=lambda c: f"{c['a']}->{c['b']}")
def test_edit_labels(case):
    assert classify_pair(case["a"], case["b"]) == (case["label"], case["base_side"])


@pytest.mark.parametrize("case", LABELS["known_misses"], ids=lambda c: f"{c['a']}->{c['b']}")
@pytest.mark.xfail(strict=True, reason="known misses, see edit_labels.json")
def test_edit_label_known_misses(case):
    assert classify_pair(case["a"], case["b"]) == (case["label"], case["base_side"])


def _pair(a, b):
    return align(corpus_from_texts({"a": a, "b": b}), "a", "b")


def test_hand_made_pair_alignment_and_labels():
    a = ("The fierce battle for the city has lasted for months. "
         "Officials compared the damage with earlier wars. "
         "The mayor departed on Monday. "
         "A new bridge was opened in the north.")
    b = ("The bloody battle for the city has lasted for months. "
         "Officials compare the damage with earlier wars. "
         "The mayor departd on Monday. "
         "Nobody expects the talks to resume soon.")
    al = _pair(a, b)
    kinds = list(al.sentences["kind"])
    assert kinds == ["1-1", "1-1", "1-1", "only a", "only b"]
    e = al.edits[al.edits["label"] != "identical"]
    got = {(r.a_word, r.b_word, r.label) for r in e.itertuples()}
    assert ("fierce", "bloody", "synonym swap") in got
    assert ("compared", "compare", "lost inflection") in got
    assert ("departed", "departd", "typo") in got
    lost = e[e["label"] == "lost inflection"].iloc[0]
    assert lost["base_side"] == "b"
    # offsets point into the texts
    for r in al.edits.itertuples():
        if r.a_start >= 0:
            assert a[r.a_start:r.a_end] == r.a_word
        if r.b_start >= 0:
            assert b[r.b_start:r.b_end] == r.b_word
    assert al.edit_counts()["synonym swap"] == 1
    assert set(al.edits["label"]) <= set(EDIT_LABELS)


def test_one_to_two_alignment():
    a = "Putin visited Minsk on Monday and met Lukashenko, a long-time ally of Russia."
    b = "Putin visited Minsk on Monday. He met Lukashenko, a long-time ally of Russia."
    al = _pair(a, b)
    assert list(al.sentences["kind"]) == ["1-2"]
    assert al.sentences.iloc[0]["b_sents"] == (0, 1)


def test_inserted_deleted_reordered():
    al = _pair("On Monday the minister resigned in Paris.",
               "The minister resigned in Paris on Monday after talks.")
    labels = set(al.edits["label"])
    assert "reordered" in labels  # "on Monday" moved
    assert "inserted" in labels  # "after talks"


def test_identical_documents():
    text = "One sentence here. Another one there."
    al = _pair(text, text)
    assert al.sentences["identical"].all()
    assert set(al.edits["label"]) == {"identical"}


def test_unknown_doc_id():
    with pytest.raises(CorpusError, match="'zzz'"):
        align(corpus_from_texts({"a": "x"}), "a", "zzz")


def test_empty_document():
    al = _pair("", "A sentence. Another.")
    assert list(al.sentences["kind"]) == ["only b", "only b"]
    assert al.edits.empty
    assert "only in B" in al._repr_html_()


def test_html_escapes_text():
    al = _pair("He wrote <script>alert(1)</script> & left.",
               "He wrote <script>alert(2)</script> & left.")
    html = al._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<mark class="nu">' in html or '<mark class="sw">' in html


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.text(max_size=300))
def test_alignment_properties(a, b):
    al = _pair(a, b)
    s = al.sentences
    # every sentence of each side appears exactly once, in order
    a_ids = [k for g in s["a_sents"] for k in g]
    b_ids = [k for g in s["b_sents"] for k in g]
    assert a_ids == sorted(a_ids) == list(range(len(al.spans_a)))
    assert b_ids == sorted(b_ids) == list(range(len(al.spans_b)))
    assert ((s["similarity"].isna()) | s["similarity"].between(0, 1)).all()
    assert set(al.edits["label"]) <= set(EDIT_LABELS)
    for r in al.edits.itertuples():
        # offsets point at the words as written: the span starts with the first word of the
        # edit and ends with its last; absent sides have no offsets and no word
        for text, word, start, end in ((a, r.a_word, r.a_start, r.a_end),
                                       (b, r.b_word, r.b_start, r.b_end)):
            if start < 0:
                assert word == "" and end == -1
            else:
                span = text[start:end]
                assert span.startswith(word.split(" ")[0]) and span.endswith(word.split(" ")[-1])
        if r.label == "identical":
            assert r.a_word.replace("’", "'").lower() == r.b_word.replace("’", "'").lower()
    al._repr_html_()


_WORDS = st.sampled_from("the troops fierce bloody battle went on in Mariupol said officials "
                         "villages shelled convoy 48 ceasefire talks".split())
_SENTENCE = st.lists(_WORDS, min_size=3, max_size=9).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SENTENCE, min_size=1, max_size=12), st.lists(_SENTENCE, min_size=1, max_size=12))
def test_long_document_matching_equals_the_dense_one(a, b):
    # beyond max_dense_cells sentences are chained by a sparse weighted-LIS search; on any
    # pair of documents it must find a chain of the same total excess similarity as the DP
    from corpus_tools.rewrites.align import (AlignOptions, _monotone_matches, _sparse_chain,
                                             sentence_matrix)
    from corpus_tools.rewrites.features import doc_features

    fa, fb = doc_features("a", " ".join(a)), doc_features("b", " ".join(b))
    tau = 0.8 * AlignOptions().min_similarity
    sim = sentence_matrix(fa, fb)
    dense = _monotone_matches(sim.tolist(), tau)
    sparse = _sparse_chain(fa, fb, tau)
    assert all(i2 > i1 and j2 > j1 for (i1, j1), (i2, j2) in zip(list(sparse), list(sparse)[1:]))
    for (i, j), d in sparse.items():
        assert d == pytest.approx(sim[i, j]) and d >= tau
    total = (lambda pairs: sum(sim[i, j] - tau + 1e-6 for i, j in pairs))
    assert total(sparse) == pytest.approx(total(dense), abs=1e-9)
    big = align(corpus_from_texts({"a": " ".join(a), "b": " ".join(b)}), "a", "b",
                options=AlignOptions(max_dense_cells=0))
    assert (big.sentences["similarity"].dropna() >= AlignOptions().min_similarity).all()
