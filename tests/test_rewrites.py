"""find_rewrites: relations on hand-made pairs, the sample corpus verdict, edge cases."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools import corpus_from_texts
from corpus_tools.rewrites import (REWRITE_COLUMNS, RewriteOptions, find_rewrites,
                                   similarity_matrix)

DATA = Path(__file__).parent / "data" / "rewrites"
PAIRS = json.loads((DATA / "pairs.json").read_text(encoding="utf-8"))
ORIGINAL = PAIRS["original"]


def _text(case):
    return ORIGINAL if case["b"] == "@original" else case["b"]


def _quiet(corpus, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return find_rewrites(corpus, evidence=(), **kw)


@pytest.mark.parametrize("order", ["original first", "original second"])
@pytest.mark.parametrize("case", PAIRS["cases"], ids=[c["name"] for c in PAIRS["cases"]])
def test_relation_of_hand_made_pairs(case, order):
    # doc ids chosen so that the original sorts first or second: the verdict
    # must not depend on which side is doc_a
    ids = ("a_orig", "b_other") if order == "original first" else ("b_orig", "a_other")
    corpus = corpus_from_texts({ids[0]: ORIGINAL, ids[1]: _text(case)})
    out = _quiet(corpus)
    if case["relation"] is None:
        assert out.empty
        return
    assert len(out) == 1
    row = out.iloc[0]
    assert row["relation"] == case["relation"], row["explanation"]
    if case["relation"] == "rewrite":
        assert row["rewritten"] == ids[1]
        assert row["original"] == ids[0]
        assert 0 < row["confidence"] <= 1
    else:
        assert row["rewritten"] == ""


def test_sample_corpus_verdict(sample_corpus):
    out = _quiet(sample_corpus)
    rewrites = out[out["relation"] == "rewrite"]
    assert len(rewrites) == 1
    r = rewrites.iloc[0]
    assert {r["doc_a"], r["doc_b"]} == {"000_a75420020a94f3f2", "001_dbc4827b14b7b483"}
    assert r["rewritten"] == "000_a75420020a94f3f2"
    assert r["original"] == "001_dbc4827b14b7b483"
    others = out[(out["doc_a"].str.startswith("004")) | (out["doc_b"].str.startswith("004"))]
    assert set(others["relation"]) <= {"related"}


def test_sample_verdict_with_optional_evidence(sample_corpus):
    # grammar/readability evidence (when their modules exist) must not flip the verdict
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = find_rewrites(sample_corpus)
    r = out[out["relation"] == "rewrite"]
    assert list(r["rewritten"]) == ["000_a75420020a94f3f2"]


def test_evidence_columns_and_explanation(sample_corpus):
    out = _quiet(sample_corpus)
    assert list(out.columns) == REWRITE_COLUMNS
    r = out[out["relation"] == "rewrite"].iloc[0]
    assert r["coverage"] >= 0.5
    assert r["n_swaps"] > 10
    assert r["n_lost_inflections"] >= 1  # "compared" -> "compare"
    assert "000_a75420020a94f3f2 rewrites 001_dbc4827b14b7b483" in r["explanation"]
    for col in ("immutable_overlap", "content_overlap", "shingle_overlap", "coverage",
                "identical_sentences", "touched_sentences", "swap_share"):
        assert 0.0 <= r[col] <= 1.0


def test_input_not_modified(sample_corpus):
    before = sample_corpus.copy(deep=True)
    _quiet(sample_corpus)
    pd.testing.assert_frame_equal(sample_corpus, before)


def test_empty_and_single_documents():
    out = _quiet(corpus_from_texts({"only": ORIGINAL}))
    assert out.empty and list(out.columns) == REWRITE_COLUMNS
    out = _quiet(corpus_from_texts({"a": "", "b": "   ", "c": ORIGINAL, "d": ORIGINAL}))
    # the empty documents are never paired; the two copies still are
    assert set(zip(out["doc_a"], out["doc_b"])) == {("c", "d")}
    assert out.iloc[0]["relation"] == "copy"


def test_relations_filter_and_bad_option():
    case = next(c for c in PAIRS["cases"] if c["relation"] == "rewrite")
    corpus = corpus_from_texts({"x": ORIGINAL, "y": case["b"], "z": ORIGINAL})
    out = _quiet(corpus, relations=("copy",))
    assert set(out["relation"]) == {"copy"}
    with pytest.raises(ValueError, match="unknown relation"):
        _quiet(corpus, relations=("spin",))


def test_options_change_the_verdict():
    # a coverage threshold above 1 can never be met: nothing is copy or rewrite
    case = next(c for c in PAIRS["cases"] if c["relation"] == "rewrite")
    corpus = corpus_from_texts({"x": ORIGINAL, "y": case["b"]})
    out = _quiet(corpus, options=RewriteOptions(min_coverage=1.01,
                                                copy_min_shingle_overlap=1.01))
    assert set(out["relation"]) <= {"related"}


def test_similarity_matrix(sample_corpus):
    m = similarity_matrix(sample_corpus)
    assert list(m.index) == list(sample_corpus.index) == list(m.columns)
    assert (m.to_numpy().diagonal() == 1).all()
    assert m.loc["000_a75420020a94f3f2", "001_dbc4827b14b7b483"] > \
        m.loc["001_dbc4827b14b7b483", "004_bb87fdf1b30bab61"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=200), min_size=0, max_size=4))
def test_arbitrary_text_never_fails(texts):
    corpus = corpus_from_texts({f"d{k}": t for k, t in enumerate(texts)})
    out = _quiet(corpus)
    assert list(out.columns) == REWRITE_COLUMNS
    assert set(out["relation"]) <= {"copy", "rewrite", "related"}
    assert (out["doc_a"] < out["doc_b"]).all()


def test_plots(sample_corpus):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from corpus_tools.rewrite_plots import plot_rewrite_evidence, plot_similarity

    fig, ax = plt.subplots()
    assert plot_similarity(similarity_matrix(sample_corpus), ax=ax) is ax
    out = _quiet(sample_corpus)
    ax2 = plot_rewrite_evidence(out.iloc[0])
    assert len(ax2.patches) == 8
    plt.close("all")


def test_cli_rewrites_json(capsys):
    from corpus_tools.cli import main

    root = Path(__file__).resolve().parents[1]
    assert main(["rewrites", str(root / "data"), "--format", "json", "--no-grammar",
                 "--no-readability"]) == 0
    rows = json.loads(capsys.readouterr().out)
    rw = [r for r in rows if r["relation"] == "rewrite"]
    assert [r["rewritten"] for r in rw] == ["000_a75420020a94f3f2"]


def test_notebook_rewrites(sample_report):
    import nbformat

    path = sample_report / "05_spotting_rewrites.ipynb"
    nb = nbformat.read(path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "ct-sbs" in html  # the side-by-side view was rendered
    assert "000_a75420020a94f3f2" in html and "001_dbc4827b14b7b483" in html
