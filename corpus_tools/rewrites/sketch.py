"""What does every document of a corpus keep? The compact per-corpus sketch for candidate search.

:func:`sketch_corpus` turns each document into the sets of
:func:`corpus_tools.rewrites.features.feature_sets` (immutables, content
words, shingles) and keeps them compactly: the immutables as one frozenset
per document (the candidate index's input), the content words and shingles
as document x hash 0/1 sparse matrices, so the set overlaps of many pairs
are computed at once (:func:`pair_overlap`) and no per-document Python sets
outlive the sketch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..progress import progress as _progress
from ..workers import process_pool, worker_count
from .features import doc_features, word_hash

__all__ = ["CorpusSketch", "SketchPart", "sketch_corpus", "sketch_documents", "join_sketches",
           "pair_overlap"]

PARALLEL_MIN_CHARS = 2_000_000
"""Below this many characters the sketch is built in this process (workers would cost more)."""


@dataclass(frozen=True)
class CorpusSketch:
    """The candidate-search features of every document, compactly.

    Attributes
    ----------
    immutables : list of frozenset of str
        One set per document (the index input).
    content, shingles : scipy.sparse.csr_matrix
        Document x feature 0/1 matrices over CRC-32 hashes of the content
        words and over the word 4-gram hashes, canonical (sorted, distinct).
    n_words, nonwords : numpy.ndarray
        Per-document counts of :class:`~corpus_tools.rewrites.features.DocFeatures`.
    """

    immutables: list
    content: object
    shingles: object
    n_words: np.ndarray
    nonwords: np.ndarray


def _hashes(values, *, words: bool) -> np.ndarray:
    """Sorted distinct uint32 hashes (CRC-32 of the words, or the shingle hashes as they are)."""
    n = len(values)
    if words:
        values = map(word_hash, values)
    return np.unique(np.fromiter(values, dtype=np.uint32, count=n))


@dataclass(frozen=True)
class SketchPart:
    """The sketch of a chunk of documents (small to send between processes).

    ``content`` and ``shingles`` are the documents' sorted distinct hashes
    end to end, ``*_lengths`` how many belong to each document.
    """

    immutables: list
    content_lengths: np.ndarray
    shingle_lengths: np.ndarray
    content: np.ndarray
    shingles: np.ndarray
    n_words: np.ndarray
    nonwords: np.ndarray


def sketch_documents(items: list[tuple[str, str]]) -> SketchPart:
    """The sketch of ``(doc_id, text)`` items (a chunk, on a worker)."""
    imm, c_all, s_all, n_words, nonwords = [], [], [], [], []
    for d, t in items:
        f = doc_features(d, t, full=False)
        imm.append(f.immutables)
        n_words.append(f.n_words)
        nonwords.append(f.nonwords)
        c_all.append(_hashes(f.content, words=True))
        s_all.append(_hashes(f.shingles, words=False))

    def cat(xs):
        return np.concatenate(xs) if xs else np.zeros(0, dtype=np.uint32)

    lengths = (lambda xs: np.fromiter(map(len, xs), dtype=np.int64, count=len(xs)))
    return SketchPart(imm, lengths(c_all), lengths(s_all), cat(c_all), cat(s_all),
                 np.asarray(n_words, dtype=np.int64), np.asarray(nonwords, dtype=np.int64))


def _binary_rows(lengths: np.ndarray, values: np.ndarray, n: int):
    """CSR 0/1 matrix, one row per document, one column per hash value.

    Each row's hashes arrive sorted and distinct (:func:`_hashes`), so the
    matrix is built as it is, in canonical form (which keeps scipy's
    element-wise product from allocating per-column work arrays); should
    a row not be, the columns are renumbered compactly first.
    """
    from scipy import sparse

    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = values.astype(np.int64)
    step = np.diff(indices)
    inside = np.ones(len(step), dtype=bool)
    ends = indptr[1:-1] - 1  # positions in ``step`` that cross into the next row
    inside[ends[(ends >= 0) & (ends < len(step))]] = False
    data = np.ones(len(indices), dtype=np.float32)
    if np.all(step[inside] > 0):
        return sparse.csr_matrix((data, indices, indptr), shape=(n, 1 << 32))
    codes, uniq = pd.factorize(indices)
    m = sparse.csr_matrix((data, codes.astype(np.int64), indptr), shape=(n, max(1, len(uniq))))
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


def pair_overlap(m, i: np.ndarray, j: np.ndarray, block: int = 20000) -> np.ndarray:
    """Shared features of each pair ``(i[k], j[k])`` over the smaller set (0-1; 0 when either is empty)."""
    sizes = np.diff(m.indptr)
    shared = np.zeros(len(i))
    for lo in range(0, len(i), block):
        hi = lo + block
        shared[lo:hi] = np.asarray(m[i[lo:hi]].multiply(m[j[lo:hi]]).sum(axis=1)).ravel()
    denom = np.minimum(sizes[i], sizes[j])
    return np.where(denom > 0, shared / np.maximum(denom, 1), 0.0)


def _parts(items: list, *, n_jobs: int | None, progress: bool) -> list[SketchPart]:
    workers = worker_count(n_jobs)
    if workers == 1 or sum(len(t) for _, t in items) < PARALLEL_MIN_CHARS:
        size = max(50, len(items) // 20)
        chunks = [items[k:k + size] for k in range(0, len(items), size)]
        return [sketch_documents(c) for c in _progress(chunks, enabled=progress,
                                                     total=len(chunks), desc="features")]
    size = max(50, len(items) // (workers * 8))
    chunks = [items[k:k + size] for k in range(0, len(items), size)]
    with process_pool(workers) as pool:
        return list(_progress(pool.map(sketch_documents, chunks), enabled=progress,
                              total=len(chunks), desc="features"))


def sketch_corpus(ids: list[str], texts: list[str], *, n_jobs: int | None = 1,
                  progress: bool = False) -> CorpusSketch:
    """The :class:`CorpusSketch` of a corpus, on ``n_jobs`` processes above
    :data:`PARALLEL_MIN_CHARS` characters."""

    parts = _parts(list(zip(ids, texts)), n_jobs=n_jobs, progress=progress)
    return join_sketches(parts)


def join_sketches(parts: list[SketchPart]) -> CorpusSketch:
    """The :class:`CorpusSketch` of chunks' sketches, in order."""
    from scipy import sparse

    if not parts:
        empty = sparse.csr_matrix((0, 1), dtype=np.float32)
        none = np.zeros(0, dtype=np.int64)
        return CorpusSketch([], empty, empty, none, none)
    n = sum(len(p.immutables) for p in parts)

    def joined(name):
        return np.concatenate([getattr(p, name) for p in parts])

    return CorpusSketch([x for p in parts for x in p.immutables],
                        _binary_rows(joined("content_lengths"), joined("content"), n),
                        _binary_rows(joined("shingle_lengths"), joined("shingles"), n),
                        joined("n_words"), joined("nonwords"))
