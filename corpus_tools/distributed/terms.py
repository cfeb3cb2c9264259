"""Term counts on a Dask corpus: frequencies with corpus-wide document frequencies, top terms, keyness.

Document frequencies, idf and ``min_count`` are corpus-wide: each partition's
terms are counted (:func:`~corpus_tools.terms.counts.count_terms_corpus`),
their document frequencies and totals summed over the partitions by term hash
(a tree of additions, on the workers; :class:`TermStats`), and each
partition's table is then made by
:func:`~corpus_tools.terms.counts.tidy_counts` with the corpus's numbers.
Counting runs twice (for the sums, then for the tables), so no worker keeps
the counts of the corpus. Keyness needs one pass: the frequencies of the
target and the reference are sums too.
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import numpy as np
import pandas as pd

from .analyses import check_dask_corpus, conform, sample_meta, tree_reduce
from .cluster import compute, pandas_dtypes, share
from .store import digests64

__all__ = ["term_frequencies", "top_terms", "keyness", "TermStats"]


class TermStats(NamedTuple):
    """Corpus-wide numbers of every term, by term hash: documents using it, total count; documents.

    ``hashes`` are the terms' :func:`~corpus_tools.distributed.store.digest64`,
    sorted; ``df`` and ``total`` are aligned with them. Twenty bytes a term
    (a table indexed by the terms' strings took about ten times that), so
    the vocabulary of millions of documents, which every partition's table
    needs, is small enough to send to every worker.
    """

    hashes: np.ndarray
    df: np.ndarray
    total: np.ndarray
    n_docs: int

    def lookup(self, terms) -> tuple[np.ndarray, np.ndarray]:
        """``(df, total)`` of ``terms`` (each must be in the corpus's vocabulary)."""
        h = digests64(terms)
        at = np.searchsorted(self.hashes, h)
        if len(h) and (at.max() >= len(self.hashes) or (self.hashes[at] != h).any()):
            raise ValueError("term statistics: a term of this partition is not in the corpus's "
                             "vocabulary (the corpus changed between two passes)")
        return self.df[at], self.total[at]


def _stats(part: pd.DataFrame, opts) -> TermStats:
    """Task: the document frequencies and totals of a partition's terms."""
    from ..terms.counts import count_terms_corpus

    counts = count_terms_corpus(part, opts)
    m = counts.matrix
    df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.int64)
    total = np.asarray(m.sum(axis=0)).ravel().astype(np.int64)
    return _merged([digests64(counts.terms)], [df], [total], m.shape[0])


def _merged(hashes: list[np.ndarray], dfs: list[np.ndarray], totals: list[np.ndarray],
            n_docs: int) -> TermStats:
    h = np.concatenate(hashes) if hashes else np.zeros(0, np.uint64)
    uniq, inverse = np.unique(h, return_inverse=True)
    df, total = np.zeros(len(uniq), np.int64), np.zeros(len(uniq), np.int64)
    if len(h):
        np.add.at(df, inverse, np.concatenate(dfs))
        np.add.at(total, inverse, np.concatenate(totals))
    return TermStats(uniq, df, total, n_docs)


def _add_stats(*stats: TermStats) -> TermStats:
    return _merged([s.hashes for s in stats], [s.df for s in stats], [s.total for s in stats],
                   sum(s.n_docs for s in stats))


def _corpus_stats(corpus, opts, progress: bool) -> TermStats:
    import dask

    parts = [dask.delayed(_stats)(p, opts) for p in corpus[["text"]].to_delayed()]
    (stats,) = compute(tree_reduce(_add_stats, parts), progress=progress, desc="terms")
    return stats


def _tidy_part(part: pd.DataFrame, opts, stats: TermStats, min_count: int,
               meta: pd.DataFrame) -> pd.DataFrame:
    """Task: a partition's :func:`term_frequencies` rows with the corpus's document frequencies."""
    from ..terms.counts import TermCounts, count_terms_corpus, idf_of, tidy_counts

    counts = count_terms_corpus(part, opts)
    df, total = stats.lookup(counts.terms)
    keep = total >= min_count
    if not keep.all():
        counts = TermCounts(counts.doc_ids, counts.n_words, counts.terms[keep],
                            counts.matrix[:, np.flatnonzero(keep)].tocsr())
        df = df[keep]
    frame = tidy_counts(counts, idf_of(df, stats.n_docs), df)
    frame.attrs.clear()
    return conform(frame, meta)


def _options(options, default, caller: str, **overrides):
    from ..terms.counts import resolve_term_options

    return resolve_term_options(options, default, caller=caller, **overrides)


@pandas_dtypes
def term_frequencies(corpus, *, options=None, progress: bool = False, **overrides):
    """:func:`corpus_tools.term_frequencies` on a Dask corpus: the same rows, per partition.

    The corpus-wide numbers are computed now; the table is lazy. Unlike the
    pandas table it has no ``attrs["n_words"]`` (the readability and corpus
    frames carry each document's word count).
    """
    from ..terms.counts import TermOptions, term_frequencies as pandas_tf

    check_dask_corpus(corpus, "term_frequencies")
    opts = _options(options, TermOptions(), "term_frequencies", **overrides)
    return _frequencies(corpus, opts, progress, pandas_tf)


def _frequencies(corpus, opts, progress, pandas_tf):
    counting = dataclasses.replace(opts, min_count=1)
    stats = _corpus_stats(corpus, counting, progress)

    meta = sample_meta(pandas_tf, options=opts)
    meta.attrs.clear()
    shared = share(stats)
    return corpus[["text"]].map_partitions(_tidy_part, counting, shared, opts.min_count, meta,
                                           meta=meta, align_dataframes=False)


def _top_part(tf: pd.DataFrame, part_ids: pd.DataFrame, n: int, by: str,
              meta: pd.DataFrame) -> pd.DataFrame:
    from ..terms.counts import rank_top_terms

    return conform(rank_top_terms(tf, part_ids.index, n=n, by=by), meta)


@pandas_dtypes
def top_terms(corpus, *, n: int = 10, by: str = "count", options=None, progress: bool = False,
              **overrides):
    """:func:`corpus_tools.top_terms` on a Dask corpus (per partition, corpus-wide idf)."""
    import dask.dataframe as dd

    from ..terms.counts import TermOptions, term_frequencies as pandas_tf, top_terms as pandas_top

    check_dask_corpus(corpus, "top_terms")
    if by not in ("count", "tf_idf", "per_1000"):
        raise ValueError(f"by={by!r}: expected 'count', 'tf_idf' or 'per_1000'")
    if n < 1:
        raise ValueError(f"n={n!r}: expected a positive number of terms")
    opts = _options(options, TermOptions(stopwords="english"), "top_terms", **overrides)
    tf = _frequencies(corpus, opts, progress, pandas_tf)
    meta = sample_meta(pandas_top, n=n, by=by, options=opts)
    meta.attrs.clear()
    ids = corpus[["text"]].map_partitions(lambda p: p.iloc[:, :0], meta=corpus._meta.iloc[:, :0])
    return dd.map_partitions(_top_part, tf, ids, n, by, meta, meta=meta, align_dataframes=False)


class KeyCounts(NamedTuple):
    """A partition's share of keyness: target and reference frequencies, sizes, ids seen."""

    a: pd.Series
    b: pd.Series
    c: int
    d: int
    seen: frozenset


def _key_counts(part: pd.DataFrame, target: frozenset, reference: frozenset | None,
                opts) -> KeyCounts:
    """Task: term frequencies of the partition's target and reference documents."""
    from ..terms.counts import count_terms_corpus

    ids = [str(i) for i in part.index]
    in_t = np.array([i in target for i in ids], dtype=bool)
    in_r = (~in_t if reference is None else np.array([i in reference for i in ids], dtype=bool))
    out = []
    for mask in (in_t, in_r):
        counts = count_terms_corpus(part[["text"]][mask], opts, caller="keyness")
        out.append((pd.Series(np.asarray(counts.matrix.sum(axis=0)).ravel(),
                              index=pd.Index(counts.terms, dtype="str"), dtype="int64"),
                    int(counts.n_words.sum())))
    seen = frozenset(i for i, t, r in zip(ids, in_t, in_r) if t or r)
    return KeyCounts(out[0][0], out[1][0], out[0][1], out[1][1], seen)


def _add_keys(*parts: KeyCounts) -> KeyCounts:
    empty = pd.Series([], index=pd.Index([], dtype="str"), dtype="int64")
    if not parts:
        return KeyCounts(empty, empty, 0, 0, frozenset())

    def add(series):
        return pd.concat(series).groupby(level=0, sort=False).sum() if series else empty

    return KeyCounts(add([p.a for p in parts]), add([p.b for p in parts]),
                     sum(p.c for p in parts), sum(p.d for p in parts),
                     frozenset().union(*(p.seen for p in parts)))


@pandas_dtypes
def keyness(corpus, target, *, reference=None, measure="log_likelihood", options=None,
            progress: bool = False, **overrides):
    """:func:`corpus_tools.keyness` on a Dask corpus; returns the (small) pandas table.

    ``reference`` is ``None`` (the rest of the corpus), a list of doc ids,
    or another corpus (pandas or Dask).
    """
    import dask

    from ..terms.counts import TermOptions, UnknownDocumentError
    from ..terms.keyness import check_sizes, keyness_frame, resolve_measure

    check_dask_corpus(corpus, "keyness")
    chosen = resolve_measure(measure)
    opts = _options(options, TermOptions(), "keyness", **overrides)
    counting = dataclasses.replace(opts, min_count=1)
    target_ids = [target] if isinstance(target, str) else list(dict.fromkeys(map(str, target)))
    if not target_ids:
        raise ValueError("target: no documents given")
    parts = corpus[["text"]].to_delayed()
    ref_label = "rest of corpus"
    if reference is None or not hasattr(reference, "columns"):
        ref_ids = None if reference is None else list(dict.fromkeys(map(str, reference)))
        if ref_ids is not None:
            if not ref_ids:
                raise ValueError("reference: no documents given")
            overlap = set(ref_ids) & set(target_ids)
            if overlap:
                raise ValueError(f"reference: doc_id(s) {', '.join(sorted(overlap)[:5])} are "
                                 f"also in the target")
            ref_label = ", ".join(ref_ids[:5])
        wanted = frozenset(target_ids) | frozenset(ref_ids or ())
        tasks = [dask.delayed(_key_counts)(p, frozenset(target_ids),
                                           None if ref_ids is None else frozenset(ref_ids),
                                           counting) for p in parts]
    else:  # another corpus: its documents are the reference
        ref_label = str(reference.attrs.get("source", "reference corpus")
                        if hasattr(reference, "attrs") else "reference corpus")
        wanted = frozenset(target_ids)
        ref_parts = (reference[["text"]].to_delayed() if hasattr(type(reference), "__dask_graph__")
                     else [reference[["text"]]])
        tasks = [dask.delayed(_key_counts)(p, frozenset(target_ids), frozenset(), counting)
                 for p in parts]
        tasks += [dask.delayed(_key_counts)(p, frozenset(), None, counting) for p in ref_parts]
    (total,) = compute(tree_reduce(_add_keys, tasks), progress=progress, desc="keyness")
    missing = [d for d in sorted(wanted) if d not in total.seen]
    if hasattr(reference, "columns"):
        missing = [d for d in target_ids if d not in total.seen]
    if missing:
        raise UnknownDocumentError(f"target: no doc_id {', '.join(map(repr, missing[:5]))} "
                                   f"in the corpus")
    terms = total.a.index.union(total.b.index).sort_values()
    a = total.a.reindex(terms, fill_value=0).to_numpy(dtype=float)
    b = total.b.reindex(terms, fill_value=0).to_numpy(dtype=float)
    keep = a + b >= opts.min_count
    check_sizes(float(total.c), float(total.d), target_ids, ref_label)
    frame = keyness_frame(np.asarray(terms[keep], dtype=object), a[keep], b[keep],
                          float(total.c), float(total.d), chosen)
    frame.attrs.update(target=target_ids, reference=ref_label, measure=chosen.name)
    return frame
