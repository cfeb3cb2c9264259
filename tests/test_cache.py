"""corpus_tools.cache: each analysis computed once per corpus content, options and code."""

from __future__ import annotations

import multiprocessing
import os
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

import corpus_tools
from corpus_tools import cache as cache_module
from corpus_tools import corpus_from_texts, load_corpus
from corpus_tools.cache import AnalysisCache, corpus_fingerprint

CALLS: list[str] = []


def count_words(corpus: pd.DataFrame, *, scale: int = 1, table: pd.DataFrame | None = None):
    """A tiny analysis that records each time it really runs."""
    CALLS.append(",".join(corpus.index))
    out = corpus["text"].str.split().str.len().mul(scale).rename("n").to_frame()
    if table is not None:
        out["extra"] = len(table)
    return out


def warns_once(corpus: pd.DataFrame):
    warnings.warn(f"{len(corpus)} documents looked at", UserWarning, stacklevel=2)
    return len(corpus)


def slow_mark(corpus: pd.DataFrame, *, log: str):
    with open(log, "a") as f:
        f.write("computed\n")
    time.sleep(1.0)
    return len(corpus)


@pytest.fixture
def corpus():
    return corpus_from_texts({"a": "one two three", "b": "four five"})


@pytest.fixture(autouse=True)
def _fresh_calls():
    CALLS.clear()


def test_second_call_reads_the_stored_result(tmp_path, corpus):
    cached = AnalysisCache(tmp_path)
    first = cached(count_words, corpus)
    second = cached(count_words, corpus)
    assert CALLS == ["a,b"]  # computed once
    assert first["n"].tolist() == [3, 2] and second.equals(first)
    assert [p.name.split("-")[0] for p in tmp_path.glob("*.pkl")] == ["count_words"]


def test_a_new_cache_object_in_another_process_would_hit_the_same_file(tmp_path, corpus):
    AnalysisCache(tmp_path)(count_words, corpus)
    again = AnalysisCache(tmp_path)
    assert again.contains(count_words, corpus)
    again(count_words, corpus)
    assert len(CALLS) == 1


def test_changed_text_id_or_title_is_a_new_key(tmp_path, corpus):
    cached = AnalysisCache(tmp_path)
    cached(count_words, corpus)
    cached(count_words, corpus_from_texts({"a": "one two three", "b": "four six"}))
    cached(count_words, corpus_from_texts({"a": "one two three", "c": "four five"}))
    retitled = corpus.assign(title=["T", ""])
    cached(count_words, retitled)
    assert len(CALLS) == 4
    assert len(set(map(corpus_fingerprint, [corpus, retitled]))) == 2


def test_same_texts_from_another_folder_hit(tmp_path):
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "doc.txt").write_text("Same words here.", encoding="utf-8")
    a, b = load_corpus(tmp_path / "x"), load_corpus(tmp_path / "y")
    assert a["path"].iloc[0] != b["path"].iloc[0]
    cached = AnalysisCache(tmp_path / "cache")
    cached(count_words, a)
    cached(count_words, b)
    assert len(CALLS) == 1


def test_options_are_part_of_the_key_by_value(tmp_path, corpus):
    cached = AnalysisCache(tmp_path)
    assert cached(count_words, corpus, scale=2)["n"].tolist() == [6, 4]
    assert cached(count_words, corpus, scale=1)["n"].tolist() == [3, 2]
    cached(count_words, corpus, scale=2)
    assert len(CALLS) == 2
    # frames as options: by content, not by identity
    cached(count_words, corpus, table=pd.DataFrame({"x": [1, 2]}))
    cached(count_words, corpus, table=pd.DataFrame({"x": [1, 2]}))
    cached(count_words, corpus, table=pd.DataFrame({"x": [1, 3]}))
    assert len(CALLS) == 4


def test_new_version_or_edited_code_misses(tmp_path, corpus, monkeypatch):
    cached = AnalysisCache(tmp_path)
    cached(count_words, corpus)
    monkeypatch.setattr(corpus_tools, "__version__", "99.0")
    cached(count_words, corpus)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "edited")
    cached(count_words, corpus)
    assert len(CALLS) == 3


def test_code_fingerprint_covers_the_package_sources():
    root = Path(corpus_tools.__file__).parent
    assert len(list(root.rglob("*.py"))) > 20
    assert cache_module.code_fingerprint() == cache_module.code_fingerprint()


def test_warnings_are_raised_again_on_every_call(tmp_path, corpus):
    cached = AnalysisCache(tmp_path)
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert cached(warns_once, corpus) == 2
        assert [str(w.message) for w in caught] == ["2 documents looked at"]


def test_changing_a_result_leaves_the_cache_alone(tmp_path, corpus):
    cached = AnalysisCache(tmp_path)
    cached(count_words, corpus)
    got = cached(count_words, corpus)
    got.loc["a", "n"] = 99
    assert cached(count_words, corpus).loc["a", "n"] == 3
    assert corpus.equals(corpus_from_texts({"a": "one two three", "b": "four five"}))


def test_an_option_without_a_stable_key_is_refused(tmp_path, corpus):
    with pytest.raises(TypeError, match="option 'table'.*no stable key"):
        AnalysisCache(tmp_path)(count_words, corpus, table=object())


def test_no_folder_means_no_cache(corpus):
    cached = AnalysisCache(None)
    cached(count_words, corpus)
    cached(count_words, corpus)
    assert len(CALLS) == 2 and not cached.contains(count_words, corpus)


def test_a_damaged_file_is_computed_again(tmp_path, corpus):
    cached = AnalysisCache(tmp_path)
    cached(count_words, corpus)
    path = cached.path(count_words, corpus)
    path.write_bytes(b"not a pickle")
    assert cached(count_words, corpus)["n"].tolist() == [3, 2]
    assert len(CALLS) == 2
    cached(count_words, corpus)
    assert len(CALLS) == 2  # rewritten whole


def test_prune_keeps_what_was_used_since(tmp_path, corpus):
    cached = AnalysisCache(tmp_path)
    cached(count_words, corpus, scale=1)
    cached(count_words, corpus, scale=2)
    old = time.time() - 3600
    for p in tmp_path.glob("*.pkl"):
        os.utime(p, (old, old))
    started = time.time() - 1
    cached(count_words, corpus, scale=1)  # read: counts as used
    gone = cached.prune(unused_since=started)
    assert [p.exists() for p in gone] == [False]
    assert cached.contains(count_words, corpus, scale=1)
    assert not cached.contains(count_words, corpus, scale=2)


def _compute_in_child(folder: str, log: str) -> int:
    return AnalysisCache(folder)(slow_mark, corpus_from_texts({"a": "x"}), log=log)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_two_processes_asking_at_once_compute_once(tmp_path):
    log = tmp_path / "log.txt"
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        results = pool.starmap(_compute_in_child, [(str(tmp_path / "c"), str(log))] * 2)
    assert results == [1, 1]
    assert log.read_text().splitlines() == ["computed"]
