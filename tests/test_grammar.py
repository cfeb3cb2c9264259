"""corpus_tools.grammar: rule cases as data, the seed annotations, offsets, the output contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import numpy as np
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
    GrammarOptions,
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
        assert suggestion == ""  # no suggestion: an empty string, never a missing value
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
    kept = grammar_errors(two, options=GrammarOptions(term_min_docs=0))
    assert list(kept["span"]) == ["zorblat", "zorblat"]


def test_old_option_names_still_work():
    import corpus_tools

    assert GrammarConfig is GrammarOptions is corpus_tools.GrammarOptions
    assert corpus_tools.GrammarConfig is GrammarOptions
    two = corpus_from_texts({"a": "The zorblat rose.", "b": "A zorblat fell."})
    with pytest.warns(DeprecationWarning, match="options="):
        kept = grammar_errors(two, config=GrammarConfig(term_min_docs=0))
    assert list(kept["span"]) == ["zorblat", "zorblat"]
    with pytest.warns(DeprecationWarning):
        summary = grammar_summary(two, config=GrammarConfig(term_min_docs=0))
    assert summary["n_spelling"].tolist() == [1, 1]
    with pytest.raises(TypeError, match="not both"):
        grammar_errors(two, options=GrammarOptions(), config=GrammarOptions())


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
        GrammarOptions(term_min_docs=-1)


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
    # one row per document, the highest rate on top (barh draws bottom-up)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[::-1] == list(summary["findings_per_1000_words"]
                                .sort_values(ascending=False).index)
    # one stacked segment per category with findings, as long as that category's rate
    drawn = [c.get_label() for c in ax.containers]
    assert drawn == [c.replace("_", " ") for c in CATEGORIES
                     if summary[f"n_{c}"].sum() > 0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == drawn
    total = np.zeros(len(labels))
    for container in ax.containers:
        rate = summary.loc[labels, f"{container.get_label().replace(' ', '_')}_per_1000_words"]
        widths = [p.get_width() for p in container.patches]
        assert widths == pytest.approx(rate.fillna(0.0).tolist())
        assert [p.get_x() for p in container.patches] == pytest.approx(total.tolist())
        total = total + np.array(widths)
    assert total == pytest.approx(summary.loc[labels, "findings_per_1000_words"].tolist())
    assert total.max() > 0
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


_OFFLINE_RUN = r"""
import json, socket, sys, warnings

attempts = []


class NoNetwork(socket.socket):
    def __init__(self, *args, **kwargs):
        attempts.append(args)
        raise OSError("network blocked by the test")


def refuse(*args, **kwargs):
    attempts.append(args)
    raise OSError("network blocked by the test")


socket.socket = NoNetwork
socket.create_connection = socket.getaddrinfo = refuse

import corpus_tools as ct
from corpus_tools.terms import collocations, keyness

warnings.simplefilter("ignore")
corpus = ct.load_corpus(sys.argv[1])
found = ct.grammar_errors(corpus)
table = ct.readability(corpus)
tf = ct.term_frequencies(corpus, ngram=(1, 2), stopwords=None)
print(json.dumps({
    "attempts": len(attempts),
    "nltk_imported": "nltk" in sys.modules,
    "findings": [[r.span, r.suggestion if isinstance(r.suggestion, str) else None]
                 for r in found.itertuples()],
    "summary_findings": int(ct.grammar_summary(corpus, findings=found)["n_findings"].sum()),
    "readability_n_words": table["n_words"].astype(int).tolist(),
    "fk_grades": table["flesch_kincaid_grade"].tolist(),
    "tf_words": int(tf.loc[tf["n"] == 1, "count"].sum()),
    "corpus_words": int(corpus["n_words"].sum()),
    "keyness_rows": len(keyness(corpus, corpus.index[0])),
    "collocations_rows": len(collocations(corpus, min_count=2)),
}))
"""


def test_grammar_readability_and_terms_run_with_the_network_blocked(data_dir, tmp_path):
    """A fresh process with every socket refused: no download, no lookup, same results."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk_data")}
    proc = subprocess.run([sys.executable, "-c", _OFFLINE_RUN, str(data_dir)], env=env,
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got["attempts"] == 0
    assert not got["nltk_imported"]  # the checker needs no NLTK data at all
    # the same results as with the network (this test process)
    from corpus_tools import load_corpus, readability, term_frequencies

    corpus = load_corpus(data_dir)
    found = grammar_errors(corpus)
    assert got["findings"] == [[r.span, r.suggestion if isinstance(r.suggestion, str) else None]
                               for r in found.itertuples()]
    assert ["departd", "departed"] in got["findings"]
    assert got["summary_findings"] == len(found)
    table = readability(corpus)
    assert got["readability_n_words"] == table["n_words"].astype(int).tolist()
    assert got["fk_grades"] == table["flesch_kincaid_grade"].tolist()
    assert got["tf_words"] == got["corpus_words"] == int(corpus["n_words"].sum()) > 0
    assert got["keyness_rows"] == len(set(term_frequencies(corpus)["term"]))
    assert got["collocations_rows"] > 0
    assert not any(tmp_path.iterdir()), "something was written into HOME or the cwd"

def test_docstring_examples_hold():
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module("corpus_tools.grammar.check"))
    assert result.failed == 0 and result.attempted > 0


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_rules_see_every_token_normalised(text):
    from corpus_tools.grammar.rules import Document
    from corpus_tools.lexicon import default_lexicon
    from corpus_tools.segment import normalize

    doc = Document(text, default_lexicon())
    assert doc.lower == [[normalize(t.text) for t in toks] for _, toks in doc.sentences]


# --- degenerate documents: offsets, not copies; a cap per sentence -----------

def test_repeated_word_findings_are_capped_per_sentence():
    n = 500
    corpus = corpus_from_texts({"d": " ".join(["the"] * n), "ok": "It was reveal to the the press."})
    found = grammar_errors(corpus, options=GrammarOptions(max_findings_per_sentence=10))
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
        grammar_errors(sample_corpus, options=GrammarOptions(max_findings_per_sentence=10**6)))
    with pytest.raises(ValueError, match="max_findings_per_sentence"):
        GrammarOptions(max_findings_per_sentence=0)
