"""corpus_tools.report.headlines: what each page found, in sentences a reader can check."""

from __future__ import annotations

import nbformat
import pandas as pd

from corpus_tools import corpus_from_texts
from corpus_tools.report.headlines import (HEADLINE_MIME, Headline, grammar_headline,
                                           grammar_summary_headline, headline_of,
                                           overview_headline, readability_headline,
                                           rewrites_headline, terms_headline)


def _corpus(words: dict[str, int]) -> pd.DataFrame:
    # "the word the word ...": English to the language check, n words
    return corpus_from_texts({k: " ".join(["the", "word"][i % 2] for i in range(n))
                              + ("." if n else "") for k, n in words.items()})


def test_overview_names_size_extremes_and_problems():
    corpus = _corpus({"a": 10, "b": 30, "c": 20})
    problems = pd.DataFrame({"action": ["skipped", "loaded", "skipped"]})
    assert overview_headline(corpus, problems).findings == (
        "3 documents, 60 words and 3 sentences.",
        "Longest: b (30 words); shortest: a (10 words); median 20 words.",
        "3 input problems: 2 skipped, 1 loaded with a flag.")
    one = overview_headline(_corpus({"a": 1}), problems.iloc[:0]).findings
    assert one == ("1 document, 1 word and 1 sentence.", "Every input was read cleanly.")


def test_readability_range_leaves_out_documents_without_words():
    table = pd.DataFrame({"flesch_kincaid_grade": [8.04, 12.34, 0.0],
                          "flesch_reading_ease": [70.0, 40.0, 206.8],
                          "flags": ["", "under_100_words", "no_words"]}, index=["easy", "hard", "e"])
    assert readability_headline(table).findings == (
        "Flesch-Kincaid grade from 8.0 (easy) to 12.3 (hard), median 10.2.",
        "Reading ease from 40.0 (hardest) to 70.0 (easiest), median 55.0.",
        "1 document under 100 words: treat their scores with care.")
    assert readability_headline(table.loc[["e"]]).findings == ("No document has words to score.",)


def test_grammar_counts_documents_rate_and_kinds():
    corpus = _corpus({"a": 1000, "b": 500, "c": 500})
    findings = pd.DataFrame({"doc_id": ["a", "a", "b", "a"],
                             "category": ["spelling", "verb_form", "spelling", "spelling"]})
    assert grammar_headline(findings, corpus).findings == (
        "4 grammar findings in 2 of 3 documents, 3 in a.",
        "2.00 findings per 1,000 words.",
        "Most frequent: spelling 3, verb_form 1.")
    assert grammar_headline(findings.iloc[:0], corpus).findings == (
        "No grammar or spelling findings in 3 documents (2,000 words).",)


def test_grammar_headline_from_the_summary_says_the_same(sample_corpus):
    """A report at scale has only the grammar summary: its headline is the findings' own."""
    from corpus_tools import grammar_errors, grammar_summary

    findings = grammar_errors(sample_corpus)
    assert len(findings) > 2
    summary = grammar_summary(sample_corpus, findings=findings)
    assert (grammar_summary_headline(summary, sample_corpus).findings
            == grammar_headline(findings, sample_corpus).findings)
    clean = summary.assign(**{c: 0 for c in summary.columns
                              if c.startswith("n_") and c != "n_words"})
    assert grammar_summary_headline(clean, sample_corpus).findings == (
        grammar_headline(findings.iloc[:0], sample_corpus).findings)


def test_terms_sums_counts_over_documents():
    content = pd.DataFrame({"doc_id": ["a", "b", "b"], "term": ["putin", "putin", "kyiv"],
                            "count": [3, 2, 4]})
    pairs = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "cosine": [0.5714]})
    assert terms_headline(content, pairs).findings == (
        "Most frequent words (stop words left out): putin (5), kyiv (4).",
        "Most similar pair: a and b (cosine 0.57).")
    assert terms_headline(content.iloc[:0]).findings == ("No words to count.",)


def test_rewrites_of_the_sample_corpus(sample_corpus, annotations):
    from corpus_tools.rewrites import find_rewrites

    docs = annotations["documents"]
    rewritten = next(k for k, v in docs.items() if v.get("rewrite_of"))
    original = docs[rewritten]["rewrite_of"]
    found = rewrites_headline(find_rewrites(sample_corpus)).findings
    assert found[0] == (f"1 rewrite: {rewritten.removesuffix('.txt')} is a machine rewrite of "
                        f"{original.removesuffix('.txt')}.")
    assert found[1] == "0 copies."


def test_rewrites_name_a_few_and_count_the_rest():
    pairs = pd.DataFrame({"doc_a": list("abcde"), "doc_b": list("vwxyz"),
                          "relation": ["rewrite"] * 4 + ["copy"],
                          "original": list("abcd") + ["e"], "rewritten": list("vwxy") + [""]})
    assert rewrites_headline(pairs, n_examples=2).findings == (
        "4 rewrites: v is a machine rewrite of a; w is a machine rewrite of b (and 2 more).",
        "1 copy (nearly every sentence verbatim): e and z.",
        "0 related pairs (same story, written independently).")
    empty = pairs.iloc[:0]
    assert rewrites_headline(empty).findings[0] == "No machine rewrite found."


def test_headline_displays_escaped_markdown_and_travels_as_json():
    h = Headline(("<img src=x onerror=alert(1)> is *bold*",))
    bundle = h._repr_mimebundle_()
    assert bundle["text/markdown"] == ("**In this corpus**\n\n"
                                       r"- &lt;img src\=x onerror\=alert\(1\)&gt; is \*bold\*")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data=bundle)])])
    nbformat.validate(nb)
    assert headline_of(nb) == h
    assert headline_of(nbformat.v4.new_notebook()) is None
    assert HEADLINE_MIME in bundle
