"""Specifications for term counts, the document-term matrix, comparison, similarity, KWIC
and collocations (corpus_tools.terms, .kwic, .collocations, .stopwords)."""

from __future__ import annotations

import json
import math
import re
import warnings
from collections import Counter
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
from corpus_tools.segment import count_words
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
    dtm = document_term_matrix(sample_corpus, weight="tf_idf", stopwords=None)
    assert list(dtm.terms) == list(vec.get_feature_names_out())
    assert abs(dtm.matrix - expected).max() < 1e-9


def test_rows_are_grouped_by_document_most_frequent_first(sample_corpus):
    tf = term_frequencies(sample_corpus, stopwords=None)
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
    tf = term_frequencies(corpus, ngram=(1, 2), stopwords=None)
    for doc_id, text in zip(corpus.index, corpus["text"]):
        rows = tf[tf["doc_id"] == doc_id]
        sentences = doc_words(text)
        assert rows.loc[rows["n"] == 1, "count"].sum() == count_words(text)
        # every word once, every pair of neighbours *within one clause* once
        unigrams = Counter(w for s in sentences for w in s)
        bigrams = Counter(f"{a} {b}" for s in sentences for a, b in zip(s, s[1:]))
        counted = dict(zip(rows["term"], rows["count"]))
        assert {t: c for t, c in counted.items() if " " not in t} == unigrams
        assert {t: c for t, c in counted.items() if " " in t} == bigrams
    dtm = document_term_matrix(corpus, ngram=(1, 2), stopwords=None)
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
    cmp = compare_terms(corpus, "orig", "spun", stopwords=None).set_index("term")
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
    with pytest.raises(ValueError, match="no word"):
        kwic(corpus_from_texts({"d": "x"}), " ... ")


@settings(max_examples=40, deadline=None)
@given(_texts, st.integers(min_value=0, max_value=3))
def test_kwic_offsets_always_point_at_the_keyword(text, window):
    corpus = corpus_from_texts({"d": text})
    for row in kwic(corpus, "a*", window=window).itertuples():
        assert corpus.loc["d", "text"][row.start:row.end] == row.keyword


def test_kwic_with_a_clitic_finds_the_possessive_only():
    corpus = corpus_from_texts({"a": "Zelensky spoke. Zelensky's aides left. Zelensky’s wife.",
                                "b": "The president's office, the president office."})
    hits = kwic(corpus, "Zelensky's")
    assert hits["keyword"].tolist() == ["Zelensky's", "Zelensky’s"]
    assert len(kwic(corpus, "Zelensky")) == 3
    # a query without a clitic skips clitics, as the bigram "president office" does
    assert kwic(corpus, "president office")["keyword"].tolist() == ["president's office",
                                                                     "president office"]
    assert kwic(corpus, "president's office")["keyword"].tolist() == ["president's office"]
    assert "president office" in set(term_frequencies(corpus, ngram=2)["term"])
    with pytest.raises(ValueError, match="no word"):
        kwic(corpus, "'s")


def test_kwic_phrases_stay_inside_a_clause():
    corpus = corpus_from_texts({"a": "The prime, minister said. The prime minister (left)."})
    assert kwic(corpus, "prime minister")["start"].tolist() == [30]
    assert kwic(corpus, "minister left").empty


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
    """doc_words = the tokens of each sentence, cut at clause punctuation (brute force)."""
    from corpus_tools.segment import WORD_KINDS, normalize, sentence_tokens

    marks = set(",;:()[]{}\"“”„‟«»‹›'‘’‚‛—–‒―-−!?…|•·")
    for lowercase in (True, False):
        expected = []
        for _, toks in sentence_tokens(text):
            expected.append([])
            last, punct = None, False  # the clause's last word token; punctuation since it
            for t in toks:
                if t.kind in WORD_KINDS:
                    if punct and t.kind == last == "number":  # "4.3% 5.1%": two figures
                        expected.append([])
                    expected[-1].append(normalize(t.text) if lowercase else t.text)
                    last, punct = t.kind, False
                elif t.kind == "punct" and (t.text in marks or t.text[:2] in ("..", "--")):
                    expected.append([])
                    last, punct = None, False
                elif t.kind == "punct" and last is not None:
                    punct = True
        assert doc_words(text, lowercase=lowercase) == [ws for ws in expected if ws]
    tf = term_frequencies(corpus_from_texts({"d": text}), stopwords=None)  # unigrams: no clauses
    assert tf["count"].sum() == count_words(text)


@pytest.mark.parametrize("text, absent, present", [
    ("Inflation slowed to 4.3% - although sales rose.", "4.3 although", "slowed to"),
    ("Profits jumped 76% to $1.13bn (£600m) for the quarter.", "1.13bn 600m", "76 to"),
    ("He said: \"We will win\", and left.", "said we", "will win"),
    ("Prices rose, fell; then rose again.", "rose fell", "rose again"),
    ("Mr. Blair's office (in London) said so.", "office in", "mr blair"),
    ("Rates of 4.3% 5.1% then 1.13bn/600m.", "4.3 5.1", "of 4.3"),
    ("Rates of 4.3% 5.1% then 1.13bn/600m.", "1.13bn 600m", "then 1.13bn"),
])
def test_ngrams_never_cross_clause_punctuation(text, absent, present):
    terms = set(term_frequencies(corpus_from_texts({"d": text}), ngram=2, stopwords=None)["term"])
    assert absent not in terms and present in terms


# --- one TermOptions for every term function -------------------------------------

_OPTION_CORPUS = {"a": "The Troops held the line. The troops’ line held.",
                  "b": "Troops and tanks held the line of the town."}


def _term_calls(corpus):
    """Every term function that makes terms, as ``name -> call(**term keywords)``."""
    from corpus_tools.terms import key_terms_by_document, keyness

    return {
        "term_frequencies": lambda **kw: term_frequencies(corpus, **kw),
        "top_terms": lambda **kw: top_terms(corpus, n=50, **kw),
        "document_term_matrix": lambda **kw: document_term_matrix(corpus, **kw),
        "compare_terms": lambda **kw: compare_terms(corpus, "a", "b", **kw),
        "similar_pairs": lambda **kw: similar_pairs(corpus, **kw),
        "most_similar_pair": lambda **kw: most_similar_pair(corpus, skip_copies=False, **kw),
        "keyness": lambda **kw: keyness(corpus, "a", **kw),
        "key_terms_by_document": lambda **kw: key_terms_by_document(corpus, max_p=1.0, **kw),
    }


def _same(x, y):
    if isinstance(x, pd.DataFrame):
        pd.testing.assert_frame_equal(x, y)
    elif isinstance(x, pd.Series):
        pd.testing.assert_series_equal(x, y)
    else:  # DocumentTermMatrix
        assert list(x.terms) == list(y.terms) and (x.matrix != y.matrix).nnz == 0


@pytest.mark.parametrize("name", list(_term_calls(None)))
def test_every_term_function_takes_options_and_keyword_overrides(name):
    call = _term_calls(corpus_from_texts(_OPTION_CORPUS))[name]
    opts = TermOptions(ngram=(1, 2), lowercase=False, stopwords=["the", "of"], min_count=2)
    by_options = call(options=opts)
    by_keywords = call(ngram=(1, 2), lowercase=False, stopwords=["the", "of"], min_count=2)
    _same(by_options, by_keywords)
    # a keyword overrides one field of the options object and keeps the others
    _same(call(options=opts, min_count=1), call(options=TermOptions(
        ngram=(1, 2), lowercase=False, stopwords=["the", "of"], min_count=1)))
    with pytest.raises(TypeError, match="TermOptions"):
        call(options={"ngram": 2})


def test_options_really_change_the_terms():
    corpus = corpus_from_texts(_OPTION_CORPUS)
    opts = TermOptions(ngram=(1, 2), lowercase=False, stopwords=["the", "of"], min_count=2)
    tf = term_frequencies(corpus, options=opts)
    # lowercase=False: "Troops" (2) and "troops" (1) stay apart; "The"/"the" and
    # "of" are stop words whatever their case, and so is every pair holding one;
    # min_count=2 drops what occurs once in the corpus ("troops", "tanks", every pair)
    assert tf.groupby("term")["count"].sum().to_dict() == {"Troops": 2, "held": 3, "line": 3}
    assert set(term_frequencies(corpus, stopwords=None)["term"]) >= {"the", "troops", "tanks",
                                                                     "of"}


@pytest.mark.parametrize("name", list(_term_calls(None)))
def test_every_term_function_leaves_english_stop_words_out_by_default(name):
    """One default for every term function: "the" is no term unless stopwords=None."""
    call = _term_calls(corpus_from_texts(_OPTION_CORPUS))[name]

    def terms(result):
        if isinstance(result, pd.Series):  # most_similar_pair: its shared-term count
            return result["n_shared_terms"]
        if hasattr(result, "terms"):  # DocumentTermMatrix
            return set(result.terms)
        if "term" in result:
            return set(result["term"])
        if "n_shared_terms" in result:  # similar_pairs
            return result["n_shared_terms"].iloc[0]
        return set(", ".join(result["over"] + ", " + result["under"]).replace(",", " ").split())

    default, kept = terms(call()), terms(call(stopwords=None))
    if isinstance(default, set):
        assert "the" not in default and "the" in kept
    else:  # shared by a and b: troops, held, line; and "the" when stop words are kept
        assert (default, kept) == (3, 4)


def test_each_function_has_its_documented_default():
    corpus = corpus_from_texts(_OPTION_CORPUS)
    assert TermOptions().stopwords == "english"
    assert "the" in set(top_terms(corpus, n=50, options=TermOptions(stopwords=None))["term"])
    # "of the" and "big deal" 3 times each, "the of" and "deal big" twice; by
    # default stop words are out and pairs need 3 occurrences
    thrice = corpus_from_texts({"x": "Of the of the of the. Big deal big deal big deal."})
    assert collocations(thrice)["term"].tolist() == ["big deal"]
    assert sorted(collocations(thrice, stopwords=None)["term"]) == ["big deal", "of the"]
    # options given: min_count=1, so the pairs seen twice count too
    assert sorted(collocations(thrice, options=TermOptions(ngram=2))["term"]) == [
        "big deal", "deal big"]
    assert len(collocations(thrice, options=TermOptions(ngram=2, stopwords=None))) == 4


def test_collocations_are_pairs_and_kwic_reads_lowercase_from_options():
    corpus = corpus_from_texts(_OPTION_CORPUS)
    with pytest.raises(ValueError, match="ngram=2"):
        collocations(corpus, ngram=(1, 2))
    with pytest.raises(ValueError, match="ngram=2"):
        collocations(corpus, options=TermOptions())  # TermOptions() is unigrams
    assert len(collocations(corpus, options=TermOptions(ngram=2))) > 0
    assert len(kwic(corpus, "troops")) == 3
    assert len(kwic(corpus, "troops", options=TermOptions(lowercase=False))) == 1
    assert len(kwic(corpus, "troops", options=TermOptions(lowercase=False),
                    lowercase=True)) == 3


# --- collocations are built on the term counts -----------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_texts, min_size=1, max_size=4), st.booleans(),
       st.sampled_from([None, "english", ["a", "B", "d’"]]), st.integers(1, 3))
def test_collocation_counts_equal_a_direct_recount(texts, lowercase, stopwords, min_count):
    from corpus_tools.segment import normalize

    corpus = corpus_from_texts({f"d{i}": t for i, t in enumerate(texts)})
    col = collocations(corpus, lowercase=lowercase, stopwords=stopwords, min_count=min_count)
    stop = resolve_stopwords(stopwords)
    sentences = [s for t in texts for s in doc_words(t, lowercase=lowercase)]
    words = Counter(w for s in sentences for w in s)
    pairs = Counter((a, b) for s in sentences for a, b in zip(s, s[1:]))
    expected = {f"{a} {b}": (n, words[a], words[b]) for (a, b), n in pairs.items()
                if n >= min_count and normalize(a) not in stop and normalize(b) not in stop}
    assert {r.term: (r.count, r.count_1, r.count_2) for r in col.itertuples()} == expected
    assert (col["n_words"] == sum(words.values())).all()


# --- one tokenizer: nothing re-inlines segment.normalize -------------------------

def test_no_module_reinlines_normalize():
    """Only corpus_tools/segment.py may straighten apostrophes itself."""
    package = Path(__file__).resolve().parents[1] / "corpus_tools"
    inlined = re.compile(r"""replace\(\s*(["'])(’|\\u2019)\1""")
    offenders = [str(path.relative_to(package)) for path in package.rglob("*.py")
                 if path.name != "segment.py" or path.parent != package
                 if inlined.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    # and the check itself would catch the old inlined spelling
    assert inlined.search('''w.replace("’", "'").lower()''')


def test_docstring_examples_hold():
    import doctest
    import importlib

    from corpus_tools import segment

    for name in ("corpus_tools.terms.counts", "corpus_tools.terms.collocations",
                 "corpus_tools.terms.keyness", "corpus_tools.terms.kwic"):
        result = doctest.testmod(importlib.import_module(name))
        assert result.failed == 0 and result.attempted > 0, name
    # the fast path added to segment.py for the grammar rules
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner()
    for test in finder.find(segment.normalize_tokens, globs=vars(segment)):
        runner.run(test)
    assert runner.summarize(verbose=False) == (0, 2)  # two examples, none failed
    # ... and the clauses every n-gram and phrase stays inside
    runner = doctest.DocTestRunner()
    for function in (segment.is_clause_mark, segment.clause_spans, segment.clause_words):
        for test in finder.find(function, globs=vars(segment)):
            runner.run(test)
    assert runner.summarize(verbose=False) == (0, 6)  # six examples, none failed


def test_document_term_matrix_is_a_labelled_holder_with_shape(sample_corpus):
    dtm = document_term_matrix(sample_corpus, stopwords=None)
    tf = term_frequencies(sample_corpus, stopwords=None)
    assert dtm.shape == dtm.matrix.shape == (len(sample_corpus), tf["term"].nunique())
    assert dtm.nnz == len(tf)  # one stored cell per (document, term) row
    frame = dtm.to_frame()
    assert frame.index.name == "doc_id" and list(frame.index) == list(sample_corpus.index)
    row = tf.iloc[0]
    assert frame.loc[row["doc_id"], row["term"]] == row["count"]
    assert dtm.vocabulary[row["term"]] == dtm.terms.get_loc(row["term"])
