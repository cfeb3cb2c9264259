"""Worker processes: the pool that does not copy the parent's objects, and parallel results
equal to serial ones."""

from __future__ import annotations

import gc
import warnings

import pandas as pd

from corpus_tools import corpus_from_texts
from corpus_tools.workers import process_pool, worker_count


def _square(x: int) -> int:
    return x * x


def _frozen_in_worker(_: int) -> int:
    return gc.get_freeze_count()


def test_worker_count():
    assert worker_count(3) == 3
    assert worker_count(0) == 1
    assert worker_count(None) >= 1


def test_process_pool_freezes_this_process_while_its_workers_run():
    assert gc.get_freeze_count() == 0
    kept = [[k] for k in range(1000)]  # container objects a forked worker inherits
    with process_pool(2) as pool:
        assert gc.get_freeze_count() >= len(kept)
        assert list(pool.map(_square, range(5))) == [0, 1, 4, 9, 16]
        # the workers were forked frozen: their collector leaves the inherited objects be
        assert all(n >= len(kept) for n in pool.map(_frozen_in_worker, range(4)))
    assert gc.get_freeze_count() == 0  # handed back to the collector


def test_process_pool_leaves_a_callers_freeze_alone():
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with process_pool(1) as pool:
            assert list(pool.map(_square, [3])) == [9]
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def test_find_rewrites_on_two_processes_equals_one(sample_corpus, monkeypatch):
    """The sketch and the judging on worker processes (forced on for a small corpus) give
    the very table of the serial run."""
    from corpus_tools.rewrites import detect, find_rewrites, sketch

    texts = dict(zip(sample_corpus.index, sample_corpus["text"]))
    first = next(iter(texts.values()))
    texts.update({f"copy{k}": first + f"\n\nRead more at site number {k}." for k in range(3)})
    corpus = corpus_from_texts(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        serial = find_rewrites(corpus, evidence=(), n_jobs=1)
        monkeypatch.setattr(sketch, "PARALLEL_MIN_CHARS", 0)
        monkeypatch.setattr(detect, "PARALLEL_MIN_PAIRS", 0)
        parallel = find_rewrites(corpus, evidence=(), n_jobs=2)
    assert (serial["relation"] == "copy").sum() >= 3 and (serial["relation"] == "rewrite").any()
    pd.testing.assert_frame_equal(serial, parallel)
