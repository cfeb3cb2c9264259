"""corpus_tools.grammar: rule cases as data, the seed annotations, offsets, the output contract."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import corpus_from_texts
from corpus_tools.grammar import (
    CAPPED_RULE_ID,
    CATEGORIES,
    FINDING_COLUMNS,
    GrammarConfig,
    finding_sentences,
    grammar_errors,
    grammar_summary,
)
from corpus_tools.grammar.highlight import highlight_findings
from corpus_tools.grammar.plots import plot_grammar_errors
from corpus_tools.grammar.rules import Finding, RuleChecker

CASES = json.loads((Path(__file__).parent / "data" / "grammar" / "cases.json")
                   .read_text(encoding="utf-8"))


def _param(case: dict, i: int):
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
    return pytest.param(case, id=f"{case.get('category', 'any')}-{i}", marks=marks)


def _span_start(text: str, span: str, occurrence: int) -> int:
    left = r"(?<!\w)" if span[:1].isalnum() else ""
    right = r"(?!\w)" if span[-1:].isalnum() else ""
    starts = [m.start() for m in re.finditer(left + re.escape(span) + right, text)]
    return starts[occurrence]


def _check(text: str, **kw) -> pd.DataFrame:
    return grammar_errors(corpus_from_texts({"doc": text}), **kw)


@pytest.mark.parametrize("case", [_param(c, i) for i, c in enumerate(CASES["find"])])
def test_rule_finds(case):
    text = case["text"]
    start = _span_start(text, case["span"], case.get("occurrence", 0))
    found = _check(text)
    hits = found[(found["start"] == start) & (found["end"] == start + len(case["span"]))
                 & (found["category"] == case["category"])]
    assert len(hits) == 1, found[["span", "start", "rule_id", "suggestion"]].to_dict("records")
    suggestion = hits["suggestion"].iloc[0]
    if case["suggestion"] is None:
        assert pd.isna(suggestion)
    else:
        assert suggestion == case["suggestion"]


@pytest.mark.parametrize("case", [_param(c, i) for i, c in enumerate(CASES["clean"])])
def test_rule_stays_quiet(case):
    found = _check(case["text"])
    if "category" in case:
        found = found[found["category"] == case["category"]]
    assert found.empty, found[["span", "rule_id", "message"]].to_dict("records")


# --- the sample corpus ------------------------------------------------------

def test_seed_annotations(sample_corpus, annotations):
    found = grammar_errors(sample_corpus)
    docs = annotations["documents"]

    def hits(doc_file: str) -> int:
        doc_id = Path(doc_file).stem
        text = sample_corpus.loc[doc_id, "text"]
        mine = found[found["doc_id"] == doc_id]
        n = 0
        for err in docs[doc_file]["grammar_errors"]:
            assert text[err["start"]:err["end"]] == err["span"]  # the annotation itself
            row = mine[(mine["start"] == err["start"]) & (mine["end"] == err["end"])]
            n += int(len(row) == 1 and row["suggestion"].iloc[0] == err["suggestion"])
        return n

    assert hits("000_a75420020a94f3f2.txt") >= 6
    assert hits("004_bb87fdf1b30bab61.txt") == 2
    assert (found["doc_id"] == "001_dbc4827b14b7b483").sum() <= 1


def test_seed_names_not_flagged(sample_corpus, annotations):
    found = grammar_errors(sample_corpus)
    names = re.findall(r"[A-Z][a-z]+", annotations["not_errors"][0].split("such as")[1])
    flagged = set(found.loc[found["category"] == "spelling", "span"])
    assert names and not flagged & set(names)


# --- the output contract ----------------------------------------------------

def test_offsets_and_columns(sample_corpus):
    found = grammar_errors(sample_corpus)
    assert list(found.columns) == FINDING_COLUMNS
    assert set(found["category"]) <= set(CATEGORIES)
    sentences = finding_sentences(found, sample_corpus)
    for row, sentence in zip(found.itertuples(), sentences):
        text = sample_corpus.loc[row.doc_id, "text"]
        assert text[row.start:row.end] == row.span
        assert row.span.replace("\n", " ") in row.context
        assert row.sentence_start <= row.start and (row.end <= row.sentence_end or "\n" in row.span)
        assert sentence == text[row.sentence_start:row.sentence_end]
        assert sentence and row.span in sentence or "\n" in row.span


def test_input_not_modified_and_doc_ids_kept(sample_corpus):
    before = sample_corpus.copy(deep=True)
    summary = grammar_summary(sample_corpus)
    pd.testing.assert_frame_equal(sample_corpus, before)
    assert list(summary.index) == list(sample_corpus.index)
    assert summary["n_findings"].sum() == len(grammar_errors(sample_corpus))


def test_empty_documents():
    corpus = corpus_from_texts({"empty": "", "blank": "  \n ", "ok": "It was reveal today."})
    found = grammar_errors(corpus)
    assert set(found["doc_id"]) == {"ok"}
    with pytest.warns(RuntimeWarning, match="2 document"):
        summary = grammar_summary(corpus, findings=found)
    assert summary.loc["empty", "n_findings"] == 0
    assert pd.isna(summary.loc["empty", "findings_per_1000_words"])
    assert summary.loc["ok", "n_verb_form"] == 1
    words = summary.loc["ok", "n_words"]
    assert summary.loc["ok", "verb_form_per_1000_words"] == pytest.approx(1000 / words)


def test_no_findings_gives_empty_frame():
    found = _check("The talks ended on Monday.")
    assert found.empty and list(found.columns) == FINDING_COLUMNS
    summary = grammar_summary(corpus_from_texts({"a": "The talks ended on Monday."}),
                              findings=found)
    assert summary.loc["a", "n_findings"] == 0 and summary.loc["a", "findings_per_1000_words"] == 0


def test_disable_by_category_and_rule():
    text = "It was reveal to the the press by a officials."
    all_rules = set(_check(text)["category"])
    assert {"verb_form", "repetition", "article"} <= all_rules
    assert "verb_form" not in set(_check(text, disable=["verb_form"])["category"])
    assert "REPEATED_WORD" not in set(_check(text, disable=["REPEATED_WORD"])["rule_id"])
    with pytest.raises(ValueError, match="unknown rule or category"):
        _check(text, disable=["grammer"])


def test_user_words_and_corpus_terms():
    text = "The zorblat rose sharply."
    assert list(_check(text)["span"]) == ["zorblat"]
    assert _check(text, user_words=["Zorblat"]).empty
    two = corpus_from_texts({"a": text, "b": "Nobody knows what a zorblat is."})
    assert grammar_errors(two).empty  # recurs across documents: a term
    kept = grammar_errors(two, config=GrammarConfig(term_min_docs=0))
    assert list(kept["span"]) == ["zorblat", "zorblat"]


def test_custom_backend_receives_text():
    class Shouting:
        def check(self, text):
            return [Finding(m.start(), m.end(), "SHOUT", "spelling", "Too loud.", m.group().lower())
                    for m in re.finditer(r"\b[A-Z]{4,}\b", text)]

    corpus = corpus_from_texts({"a": "We WONN the match.", "b": "A quiet day."})
    found = grammar_errors(corpus, checker=Shouting())
    assert found[["doc_id", "span", "start", "suggestion"]].values.tolist() == \
        [["a", "WONN", 3, "wonn"]]
    assert grammar_errors(corpus, checker=Shouting(), disable=["SHOUT"]).empty


def test_bad_input():
    with pytest.raises(ValueError):
        grammar_errors(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(ValueError, match="term_min_docs"):
        GrammarConfig(term_min_docs=-1)


_PIECES = st.sampled_from(list("abcdehlnorstuwy ,.;!?\"“”'’-\nAIMT0189") + [
    "Mr. ", " was ", " and ", " a ", " an ", "he ", ", who ", "reveal", "the the", "th "])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=40).map("".join)))
def test_any_text_gives_valid_offsets(text):
    for f in RuleChecker().check(text):
        assert 0 <= f.start < f.end <= len(text)
        assert f.category in CATEGORIES
        assert f.message


def test_plot_and_highlight(sample_corpus):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    found = grammar_errors(sample_corpus)
    summary = grammar_summary(sample_corpus, findings=found)
    fig, ax = plt.subplots()
    assert plot_grammar_errors(summary, ax=ax) is ax
    assert len(ax.patches) > 0
    plt.close(fig)
    page = highlight_findings(found.assign(message="<b>x</b> & y"))
    assert page.count("<mark") == len(found)
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt; &amp; y" in page
    assert "<mark style=\"background:#ffd54f\">departd</mark>" in page


def test_cli_grammar_json(data_dir, capsys):
    from corpus_tools.cli import main

    assert main(["grammar", str(data_dir), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {"doc_id", "start", "end", "span", "rule_id", "suggestion"} <= set(records[0])
    assert any(r["span"] == "departd" and r["suggestion"] == "departed" for r in records)
    assert main(["grammar", str(data_dir), "--summary", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("doc_id,n_words,n_findings")


@pytest.mark.notebook
def test_notebook_grammar(sample_report):
    nb = nbformat.read(sample_report / "03_grammar_errors.ipynb", as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    html = " ".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "<mark" in html and "departd" in html
    assert "001_dbc4827b14b7b483" in html  # the ranking lists every document
    assert (sample_report / "03_grammar_errors.html").exists()


def test_no_download_needed(monkeypatch):
    import nltk

    def refuse(*a, **k):
        raise AssertionError("grammar tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        assert len(RuleChecker().check("It was reveal to a hour.")) == 2


# --- degenerate documents: offsets, not copies; a cap per sentence -----------

def test_repeated_word_findings_are_capped_per_sentence():
    n = 500
    corpus = corpus_from_texts({"d": " ".join(["the"] * n), "ok": "It was reveal to the the press."})
    found = grammar_errors(corpus, config=GrammarConfig(max_findings_per_sentence=10))
    degenerate = found[found["doc_id"] == "d"]
    assert len(degenerate) == 11  # ten listed, then one for the rest
    capped = degenerate[degenerate["rule_id"] == CAPPED_RULE_ID]
    assert len(capped) == 1
    listed = degenerate[degenerate["rule_id"] == "REPEATED_WORD"]
    # "the the" pairs overlap: every word but the first starts a repeat
    assert f"{n - 1 - 10:,} more findings" in capped["message"].iloc[0]
    assert capped["start"].iloc[0] > listed["start"].max()
    assert (degenerate["sentence_start"] == 0).all()
    assert (degenerate["sentence_end"] == len(corpus.loc["d", "text"])).all()
    # the normal document is untouched by the cap
    assert found.loc[found["doc_id"] == "ok", "rule_id"].tolist() == [
        "VERB_FORM_AFTER_AUXILIARY", "REPEATED_WORD"]


def test_cap_does_not_change_findings_under_it(sample_corpus):
    pd.testing.assert_frame_equal(
        grammar_errors(sample_corpus),
        grammar_errors(sample_corpus, config=GrammarConfig(max_findings_per_sentence=10**6)))
    with pytest.raises(ValueError, match="max_findings_per_sentence"):
        GrammarConfig(max_findings_per_sentence=0)
