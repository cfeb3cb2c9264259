"""Specifications for term counts, the document-term matrix, comparison, similarity, KWIC
and collocations (corpus_tools.terms, .kwic, .collocations, .stopwords)."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse

from corpus_tools import corpus_from_texts
from corpus_tools.terms.collocations import collocations
from corpus_tools.terms.kwic import kwic
from corpus_tools.segment import count_words, sentence_spans
from corpus_tools.stopwords import ENGLISH_STOPWORDS, resolve_stopwords
from corpus_tools.terms import (
    TermOptions,
    compare_terms,
    doc_words,
    document_term_matrix,
    most_similar_pair,
    similar_pairs,
    term_frequencies,
    top_terms,
)

CASES = json.loads((Path(__file__).parent / "data" / "terms" / "hand_counts.json")
                   .read_text(encoding="utf-8"))["cases"]


def _case_params():
    return [pytest.param(case, id=case["name"],
                         marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])]
                         if "xfail" in case else [])
            for case in CASES]


@pytest.mark.parametrize("case", _case_params())
def test_counts_equal_hand_counts(case):
    corpus = corpus_from_texts({"d": case["text"]})
    ngram = tuple(case["ngram"]) if isinstance(case["ngram"], list) else case["ngram"]
    tf = term_frequencies(corpus, ngram=ngram, stopwords=case["stopwords"])
    assert dict(zip(tf["term"], tf["count"])) == case["counts"]
    assert tf.attrs["n_words"] == {"d": case["n_words"]}
    expected_per_1000 = {t: c * 1000 / case["n_words"] for t, c in case["counts"].items()}
    assert dict(zip(tf["term"], tf["per_1000"])) == pytest.approx(expected_per_1000)


def test_doc_freq_and_tf_idf_follow_the_documented_formula():
    corpus = corpus_from_texts({"a": "Cat and dog. Cat!", "b": "A cat.", "c": "Dogs bark."})
    tf = term_frequencies(corpus).set_index(["doc_id", "term"])
    # "cat": 2 times in a, once in b -> doc_freq 2 of N = 3 documents.
    assert tf.loc[("a", "cat"), "doc_freq"] == 2
    assert tf.loc[("a", "cat"), "tf_idf"] == pytest.approx(2 * (math.log(4 / 3) + 1))
    assert tf.loc[("c", "bark"), "tf_idf"] == pytest.approx(math.log(4 / 2) + 1)
    # tf-idf is never below the count (smoothed idf >= 1)
    assert (tf["tf_idf"] >= tf["count"] - 1e-12).all()


def test_tf_idf_matches_scikit_learn_on_the_sample_corpus(sample_corpus):
    text_mod = pytest.importorskip("sklearn.feature_extraction.text")
    vec = text_mod.TfidfVectorizer(
        tokenizer=lambda t: [w for s in doc_words(t) for w in s], lowercase=False,
        token_pattern=None, norm=None, smooth_idf=True)
    expected = vec.fit_transform(sample_corpus["text"])
    dtm = document_term_matrix(sample_corpus, weight="tf_idf")
    assert list(dtm.terms) == list(vec.get_feature_names_out())
    assert abs(dtm.matrix - expected).max() < 1e-9


def test_rows_are_grouped_by_document_most_frequent_first(sample_corpus):
    tf = term_frequencies(sample_corpus)
    assert list(pd.unique(tf["doc_id"])) == list(sample_corpus.index)
    for _, group in tf.groupby("doc_id", sort=False):
        counts = group["count"].to_numpy()
        assert (np.diff(counts) <= 0).all()
    assert tf.groupby("doc_id")["count"].sum().to_dict() == sample_corpus["n_words"].to_dict()


def test_empty_document_has_no_rows_but_keeps_its_size():
    corpus = corpus_from_texts({"a": "Hello world.", "empty": "", "blank": "  \n "})
    tf = term_frequencies(corpus, ngram=(1, 2))
    assert set(tf["doc_id"]) == {"a"}
    assert tf.attrs["n_words"] == {"a": 2, "blank": 0, "empty": 0}
    dtm = document_term_matrix(corpus)
    assert list(dtm.doc_ids) == ["a", "blank", "empty"]
    assert dtm.matrix.getrow(1).nnz == 0 and dtm.matrix.getrow(2).nnz == 0


def test_non_string_text_counts_as_empty():
    corpus = corpus_from_texts({"a": "Hello world.", "b": "x"})
    corpus.loc["b", "text"] = None
    tf = term_frequencies(corpus)
    assert set(tf["doc_id"]) == {"a"}


def test_min_count_is_corpus_wide():
    corpus = corpus_from_texts({"a": "war war peace", "b": "war talks"})
    tf = term_frequencies(corpus, min_count=2)
    assert set(tf["term"]) == {"war"}
    assert dict(zip(tf["doc_id"], tf["count"])) == {"a": 2, "b": 1}


def test_lowercase_false_keeps_spelling_but_stop_words_still_match():
    corpus = corpus_from_texts({"a": "The Senate and the senate."})
    tf = term_frequencies(corpus, lowercase=False, stopwords="english")
    assert dict(zip(tf["term"], tf["count"])) == {"Senate": 1, "senate": 1}


@pytest.mark.parametrize("bad", [0, (2, 1), "2", (0, 2)])
def test_bad_ngram_is_rejected(bad):
    with pytest.raises(ValueError, match="ngram"):
        TermOptions(ngram=bad)


def test_bad_stopwords_string_is_rejected_with_advice():
    with pytest.raises(ValueError, match="stopwords"):
        resolve_stopwords("the")


def test_stop_list_is_normalised_and_keeps_us():
    assert "don't" in ENGLISH_STOPWORDS and "the" in ENGLISH_STOPWORDS
    assert "us" not in ENGLISH_STOPWORDS  # Snowball: US = United States
    assert all(w == w.lower() and "’" not in w for w in ENGLISH_STOPWORDS)


def test_functions_leave_the_corpus_unchanged(sample_corpus):
    before = sample_corpus.copy(deep=True)
    a, b = sample_corpus.index[:2]
    term_frequencies(sample_corpus, ngram=(1, 3), stopwords="english")
    top_terms(sample_corpus)
    document_term_matrix(sample_corpus, weight="per_1000")
    compare_terms(sample_corpus, a, b)
    similar_pairs(sample_corpus)
    kwic(sample_corpus, "bakhmut")
    collocations(sample_corpus)
    pd.testing.assert_frame_equal(sample_corpus, before)


def test_not_a_corpus_is_a_clear_error():
    with pytest.raises(ValueError, match="text"):
        term_frequencies(pd.DataFrame({"body": ["x"]}))


# --- property tests -----------------------------------------------------------

_texts = st.text(alphabet=st.sampled_from(list("ab cD.!?,'’\n-1é")), max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_texts, min_size=1, max_size=4))
def test_counts_add_up_for_any_text(texts):
    corpus = corpus_from_texts({f"d{i}": t for i, t in enumerate(texts)})
    tf = term_frequencies(corpus, ngram=(1, 2))
    for doc_id, text in zip(corpus.index, corpus["text"]):
        rows = tf[tf["doc_id"] == doc_id]
        sentences = doc_words(text)
        assert rows.loc[rows["n"] == 1, "count"].sum() == count_words(text)
        assert rows.loc[rows["n"] == 2, "count"].sum() == sum(max(len(s) - 1, 0)
                                                               for s in sentences)
        assert len(sentences) <= len(sentence_spans(text))
    dtm = document_term_matrix(corpus, ngram=(1, 2))
    assert sparse.issparse(dtm.matrix)
    assert int(dtm.matrix.sum()) == int(tf["count"].sum())


# --- top terms, comparison, similarity ---------------------------------------

def test_top_terms_ranks_within_each_document():
    corpus = corpus_from_texts({"a": "tank tank tank troop troop shell", "b": "talk"})
    top = top_terms(corpus, n=2)
    assert top[["doc_id", "rank", "term"]].values.tolist() == [
        ["a", 1, "tank"], ["a", 2, "troop"], ["b", 1, "talk"]]


def test_compare_terms_splits_shared_and_one_sided_terms():
    corpus = corpus_from_texts({"orig": "The troops fought a fierce battle.",
                                "spun": "The soldiers fought a ferocious battle battle."})
    cmp = compare_terms(corpus, "orig", "spun").set_index("term")
    assert set(cmp.index[cmp["side"] == "shared"]) == {"the", "fought", "a", "battle"}
    assert set(cmp.index[cmp["side"] == "only_a"]) == {"troops", "fierce"}
    assert set(cmp.index[cmp["side"] == "only_b"]) == {"soldiers", "ferocious"}
    assert cmp.loc["battle", ["count_a", "count_b"]].tolist() == [1, 2]
    assert cmp.loc["battle", "per_1000_b"] == pytest.approx(2000 / 7)
    assert list(pd.unique(cmp["side"])) == ["shared", "only_a", "only_b"]


def test_compare_terms_with_an_empty_document_gives_nan_rates():
    corpus = corpus_from_texts({"a": "", "b": "Word here."})
    cmp = compare_terms(corpus, "a", "b")
    assert set(cmp["side"]) == {"only_b"} and cmp["per_1000_a"].isna().all()


def test_compare_terms_unknown_doc_names_it():
    corpus = corpus_from_texts({"a": "x", "b": "y"})
    with pytest.raises(KeyError, match="nope"):
        compare_terms(corpus, "a", "nope")


def test_most_similar_pair_finds_the_rewrite():
    corpus = corpus_from_texts({
        "orig": "Ukrainian forces held the city of Bakhmut after months of heavy fighting.",
        "other": "The central bank raised interest rates to curb inflation in the economy.",
        "spun": "Ukrainian troops kept the town of Bakhmut after months of heavy combat.",
    })
    pair = most_similar_pair(corpus)
    assert {pair["doc_a"], pair["doc_b"]} == {"orig", "spun"}
    pairs = similar_pairs(corpus, top=None)
    assert len(pairs) == 3 and pairs["cosine"].is_monotonic_decreasing
    assert 0 < pairs["cosine"].iloc[0] <= 1


def test_similarity_with_empty_document_is_nan_with_warning_and_single_doc_is_none():
    corpus = corpus_from_texts({"a": "Some words here.", "b": "", "c": "Other words."})
    with pytest.warns(UserWarning, match="b"):
        pairs = similar_pairs(corpus, top=None)
    assert pairs.loc[(pairs["doc_a"] == "b") | (pairs["doc_b"] == "b"), "cosine"].isna().all()
    assert most_similar_pair(corpus_from_texts({"only": "One document."})) is None


def test_similar_pairs_in_blocks_equals_all_at_once(monkeypatch):
    import corpus_tools.terms.compare as terms_module

    words = ["war", "peace", "bank", "rate", "vote", "goal", "film", "court"]
    texts = {f"d{i:02d}": " ".join(words[(i * k) % 8] for k in range(1, 4 + i % 5))
             for i in range(23)}
    texts["d05"] = ""
    corpus = corpus_from_texts(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        whole = similar_pairs(corpus, top=None)
        monkeypatch.setattr(terms_module, "_SIMILARITY_CELLS", 50)  # blocks of 2 rows
        for top in (1, 7, 40, None):
            blocked = similar_pairs(corpus, top=top)
            expected = whole if top is None else whole.head(top)
            pd.testing.assert_frame_equal(blocked, expected.reset_index(drop=True))
    assert len(whole) == 23 * 22 // 2


# --- KWIC ---------------------------------------------------------------------

def test_kwic_finds_whole_words_and_phrases_with_offsets():
    text = "Warning: the war goes on. The war\nended? No war-time rations, said the Prime Minister."
    corpus = corpus_from_texts({"d": text})
    hits = kwic(corpus, "war", window=2)
    assert hits["keyword"].tolist() == ["war", "war"]  # not "Warning", not "war-time"
    for row in hits.itertuples():
        assert text[row.start:row.end] == row.keyword
    assert hits["right"].iloc[1] == "ended? No"  # newline shown as a space; context crosses
    phrase = kwic(corpus, "prime   minister")
    assert phrase["keyword"].tolist() == ["Prime Minister"]
    assert phrase["left"].iloc[0] == "No war-time rations, said the"  # 5 words


def test_kwic_phrase_does_not_cross_sentences_and_prefix_matches():
    corpus = corpus_from_texts({"d": "They fled to Russia. Russian troops came.", "e": ""})
    assert kwic(corpus, "russia russian").empty
    assert kwic(corpus, "russia*")["keyword"].tolist() == ["Russia", "Russian"]
    assert kwic(corpus, "RUSSIA", lowercase=False).empty


def test_kwic_rejects_empty_query():
    with pytest.raises(ValueError, match="no words"):
        kwic(corpus_from_texts({"d": "x"}), " ... ")


@settings(max_examples=40, deadline=None)
@given(_texts, st.integers(min_value=0, max_value=3))
def test_kwic_offsets_always_point_at_the_keyword(text, window):
    corpus = corpus_from_texts({"d": text})
    for row in kwic(corpus, "a*", window=window).itertuples():
        assert corpus.loc["d", "text"][row.start:row.end] == row.keyword


# --- collocations -------------------------------------------------------------

def test_collocation_scores_match_nltk(sample_corpus):
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    sentences = [s for text in sample_corpus["text"] for s in doc_words(text)]
    finder = BigramCollocationFinder.from_documents(sentences)
    ours = collocations(sample_corpus, min_count=2, stopwords=None)
    assert len(ours) > 20
    for row in ours.head(30).itertuples():
        pair = (row.word_1, row.word_2)
        assert finder.ngram_fd[pair] == row.count
        assert row.pmi == pytest.approx(finder.score_ngram(BigramAssocMeasures.pmi, *pair))
        assert row.t_score == pytest.approx(
            finder.score_ngram(BigramAssocMeasures.student_t, *pair), rel=1e-6)
        assert row.log_likelihood == pytest.approx(
            finder.score_ngram(BigramAssocMeasures.likelihood_ratio, *pair), rel=1e-6)


def test_collocations_hand_counts_and_stopword_filter():
    corpus = corpus_from_texts({"a": "Prime minister spoke. The prime minister left.",
                                "b": "A prime example."})
    col = collocations(corpus, min_count=2).set_index("term")
    assert list(col.index) == ["prime minister"]
    row = col.loc["prime minister"]
    assert (row["count"], row["count_1"], row["count_2"], row["n_words"]) == (2, 3, 2, 10)
    assert row["pmi"] == pytest.approx(math.log2(2 * 10 / (3 * 2)))
    assert collocations(corpus_from_texts({"e": "", "f": "One."})).empty


def test_collocations_sort_by_measure():
    corpus = corpus_from_texts({"a": "big bang. big bang. big deal. small deal. small deal."})
    for measure in ("pmi", "t_score", "log_likelihood"):
        col = collocations(corpus, measure=measure, min_count=1)
        assert col[measure].is_monotonic_decreasing
    with pytest.raises(ValueError, match="measure"):
        collocations(corpus, measure="dice")


_wide = st.lists(st.sampled_from(list("aZ İıßKﬁ’'.-!? \n1,:/@#_") + [
    "http://x.io ", "U.S. ", "Mr. ", "don’t ", "HTTPS://A.B/c ", "ÉTÉ "]), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_wide)
def test_doc_words_equals_the_public_tokenizer(text):
    from corpus_tools.segment import WORD_KINDS, normalize, sentence_tokens

    for lowercase in (True, False):
        expected = [[normalize(t.text) if lowercase else t.text for t in toks
                     if t.kind in WORD_KINDS] for _, toks in sentence_tokens(text)]
        assert doc_words(text, lowercase=lowercase) == [ws for ws in expected if ws]
    tf = term_frequencies(corpus_from_texts({"d": text}))  # unigram path skips sentences
    assert tf["count"].sum() == count_words(text)
