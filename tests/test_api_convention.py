"""One convention a pandas user can predict, checked on every public table function.

The rule (README, "One convention"): a table with one row per document is
indexed by ``doc_id``; a table with one row per finding, pair, term, sentence
or hit has a default RangeIndex and, when its rows belong to documents, a
``doc_id`` column. Text columns are ``str`` (never ``object``), counts are
``int64`` (nullable ``Int64`` where a count can be missing), never float;
measures are ``float64``.
"""

from __future__ import annotations

import json
import random
import warnings

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.terms import similar_pairs, summarize_comparison, summarize_top_terms

PER_DOCUMENT = "per document"
PER_ROW = "per row"

# Columns that hold counts (or positions): integers. Everything else numeric is a measure.
_COUNT_PREFIXES = ("n_", "count", "freq_", "size_", "quotes_", "max_sentence_words")
_COUNT_NAMES = {"start", "end", "sentence", "sentence_start", "sentence_end", "rank", "n",
                "doc_freq", "total", "family", "family_size"}


def _is_count(column: str) -> bool:
    return column in _COUNT_NAMES or column.startswith(_COUNT_PREFIXES)


def _generated_corpus(seed: int = 7) -> pd.DataFrame:
    """Random prose, a copy, a lightly rewritten copy, an empty and a one-word document."""
    rng = random.Random(seed)
    vocab = ("the council said troops moved north while ministers met in Kherson on Monday "
             "and 48 people were reported hurt after shelling near the river port").split()
    docs = {}
    for k in range(5):
        sentences = [" ".join(rng.choice(vocab) for _ in range(rng.randint(6, 14))).capitalize()
                     + rng.choice([".", "!", "?", ", he said."]) for _ in range(rng.randint(4, 9))]
        docs[f"g{k}"] = " ".join(sentences)
    docs["g5"] = docs["g0"]  # an exact copy
    docs["g6"] = docs["g1"].replace("troops", "soldiers").replace("said", "stated")
    docs["g7"] = ""
    docs["g8"] = "Word"
    return ct.corpus_from_texts(docs)


def _calls(corpus: pd.DataFrame) -> dict[str, tuple[str, object]]:
    """Every public function returning a table: (its kind, a call on ``corpus``)."""
    ids = [d for d, n in zip(corpus.index, corpus["n_words"]) if n > 0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pairs = ct.find_rewrites(corpus)
        sentences = ct.sentence_readability(corpus)
        table = ct.readability(corpus)
    pair = (ids[0], ids[1])
    return {
        "load_corpus": (PER_DOCUMENT, lambda: corpus),
        "problems": (PER_ROW, lambda: ct.problems(corpus)),
        "corpus_summary": (PER_DOCUMENT, lambda: ct.corpus_summary(corpus)),
        "sentence_lengths": (PER_ROW, lambda: ct.sentence_lengths(corpus)),
        "readability": (PER_DOCUMENT, lambda: table),
        "compare_readability": (PER_ROW, lambda: ct.compare_readability(table, pairs)),
        "sentence_readability": (PER_ROW, lambda: sentences),
        "hardest_sentences": (PER_ROW, lambda: ct.hardest_sentences(sentences)),
        "grammar_errors": (PER_ROW, lambda: ct.grammar_errors(corpus)),
        "grammar_summary": (PER_DOCUMENT, lambda: ct.grammar_summary(corpus)),
        "term_frequencies": (PER_ROW, lambda: ct.term_frequencies(corpus, ngram=(1, 2))),
        "top_terms": (PER_ROW, lambda: ct.top_terms(corpus)),
        "summarize_top_terms": (PER_DOCUMENT, lambda: summarize_top_terms(ct.top_terms(corpus))),
        "compare_terms": (PER_ROW, lambda: ct.compare_terms(corpus, *pair)),
        "summarize_comparison": (PER_ROW,
                                 lambda: summarize_comparison(ct.compare_terms(corpus, *pair))),
        "similar_pairs": (PER_ROW, lambda: similar_pairs(corpus)),
        "keyness": (PER_ROW, lambda: ct.keyness(corpus, ids[0])),
        "key_terms_by_document": (PER_DOCUMENT, lambda: ct.key_terms_by_document(corpus)),
        "collocations": (PER_ROW, lambda: ct.collocations(corpus, min_count=1)),
        "kwic": (PER_ROW, lambda: ct.kwic(corpus, "the")),
        "find_rewrites": (PER_ROW, lambda: pairs),
        "family_table": (PER_DOCUMENT, lambda: ct.family_table(pairs)),
        "find_quotes": (PER_ROW, lambda: ct.find_quotes(corpus["text"].iloc[0])),
    }


def _check(name: str, kind: str, frame: pd.DataFrame, corpus: pd.DataFrame) -> None:
    assert isinstance(frame, pd.DataFrame), name
    if kind == PER_DOCUMENT:
        assert frame.index.name == "doc_id", name
        assert frame.index.dtype == "str" and frame.index.is_unique, name
        assert set(frame.index) <= set(corpus.index), name
        assert "doc_id" not in frame.columns, name
    else:
        assert isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0, name
        assert frame.index.name is None, name
        if "doc_id" in frame.columns:
            assert set(frame["doc_id"]) <= set(corpus.index), name
    for column, dtype in frame.dtypes.items():
        where = f"{name}.{column} is {dtype}"
        assert dtype != object, where  # text is str, never object
        if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            if _is_count(str(column)):
                assert str(dtype) in ("int64", "Int64"), where
            else:
                assert str(dtype) == "float64", where
        else:
            assert str(dtype) in ("str", "bool"), where


@pytest.fixture(scope="module")
def generated():
    return _generated_corpus()


@pytest.mark.parametrize("name", list(_calls(ct.corpus_from_texts({"a": "A b.", "b": "C d."}))))
@pytest.mark.parametrize("which", ["sample", "generated", "tiny"])
def test_every_public_table_follows_the_convention(name, which, sample_corpus, generated):
    """On the sample corpus, a generated one, and one whose tables are mostly empty."""
    corpus = {"sample": sample_corpus, "generated": generated,
              "tiny": ct.corpus_from_texts({"e": "", "f": "One word", "g": "Two words"})}[which]
    kind, call = _calls(corpus)[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = call()
    _check(name, kind, frame, corpus)


def test_the_convention_test_catches_what_it_should(sample_corpus):
    """The checker itself fails on each kind of slip it is there for."""
    good = ct.grammar_summary(sample_corpus)
    _check("grammar_summary", PER_DOCUMENT, good, sample_corpus)
    slips = [
        good.reset_index(),  # per-document table on a RangeIndex
        good.astype({"n_findings": "float64"}),  # a count as float (59.0)
        good.assign(note=pd.Series(["x"] * len(good), index=good.index, dtype=object)),
    ]
    for slip in slips:
        with pytest.raises(AssertionError):
            _check("grammar_summary", PER_DOCUMENT, slip, sample_corpus)
    with pytest.raises(AssertionError):  # a per-row table indexed by doc_id
        _check("kwic", PER_ROW, ct.kwic(sample_corpus, "the").set_index("doc_id"),
               sample_corpus)


def test_every_exported_table_function_is_covered():
    """A new public function returning a table must be added to the convention test."""
    covered = set(_calls(ct.corpus_from_texts({"a": "A b.", "b": "C d."})))
    not_tables = {"corpus_from_texts", "check_corpus", "english_mask", "document_term_matrix",
                  "most_similar_pair", "align", "match_quotes", "similarity_matrix"}
    functions = {n for n in ct.__all__ if callable(getattr(ct, n)) and n[0].islower()
                 and n not in {"readability"} | not_tables}
    assert functions - covered == set()


def test_counts_print_as_integers_in_json(sample_corpus):
    """JSON of a count is 21, never 21.0; a missing count is null."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pairs = ct.find_rewrites(sample_corpus)
    records = json.loads(pairs.to_json(orient="records"))
    rewrite = next(r for r in records if r["relation"] == "rewrite")
    assert isinstance(rewrite["n_swaps"], int) and rewrite["n_swaps"] > 0
    related = next(r for r in records if r["relation"] == "related")
    assert related["n_swaps"] is None and related["family"] is None


def test_sentence_is_the_same_number_everywhere(sample_corpus):
    """``sentence`` is the 0-based sentence number in every table that has it."""
    found = ct.grammar_errors(sample_corpus)
    sentences = ct.sentence_readability(sample_corpus).set_index(["doc_id", "sentence"])
    lengths = ct.sentence_lengths(sample_corpus).set_index(["doc_id", "sentence"])
    assert len(found)
    for row in found.itertuples():
        span = sentences.loc[(row.doc_id, row.sentence)]
        assert (span["start"], span["end"]) == (row.sentence_start, row.sentence_end)
        assert lengths.loc[(row.doc_id, row.sentence), "start"] == row.sentence_start
    text = ct.grammar.finding_sentences(found, sample_corpus)
    assert text.name == "sentence_text"
    assert text.tolist() == [sentences.loc[(d, s), "text"]
                             for d, s in zip(found["doc_id"], found["sentence"])]
