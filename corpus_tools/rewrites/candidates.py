"""Which pairs of documents are worth comparing? A linear-ish candidate-pair index.

Comparing every pair of documents is quadratic. A rewrite, a copy and an
independent report of the same event all keep the *immutables* of the story
(numbers, names, rare words; see :mod:`corpus_tools.rewrites.features`), so
candidate pairs come from an inverted index over those features: a sparse
document x feature matrix with idf weights, multiplied by its transpose in
row blocks, keeping for each document its ``top_k`` most similar others
above ``min_score``. Features found in more than ``max_df`` documents are
dropped (they name a topic, not a story), so each posting list is bounded
and the cost grows about linearly with the number of documents.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from ..similarity import blocked_products, row_normalize
from .options import RewriteOptions
from .sketch import CorpusSketch, pair_overlap

__all__ = ["candidate_pairs", "screen_candidates", "screen_pairs", "SCREEN_COLUMNS",
           "index_weights", "select_partners", "candidate_frame", "content_indexed",
           "new_candidates", "merge_candidates", "shared_immutables"]


def _memberships(features) -> tuple[np.ndarray, np.ndarray, int, int]:
    """(document of each membership, feature code of each, documents, distinct features)."""
    from scipy import sparse

    if sparse.issparse(features):
        m = sparse.csr_matrix(features)
        rows = np.repeat(np.arange(m.shape[0], dtype=np.int64), np.diff(m.indptr))
        codes, vocab = pd.factorize(m.indices)
        return rows, codes.astype(np.int64), m.shape[0], len(vocab)
    n = len(features)
    lengths = np.fromiter(map(len, features), dtype=np.int64, count=n)
    flat = np.fromiter(itertools.chain.from_iterable(features), dtype=object,
                       count=int(lengths.sum()))
    codes, vocab = pd.factorize(flat)
    return np.repeat(np.arange(n, dtype=np.int64), lengths), codes.astype(np.int64), n, len(vocab)


def candidate_pairs(features, *, top_k: int = 20,
                    min_score: float = 0.1, max_df: int | float = 0.005,
                    min_df_cap: int = 50, block: int = 2000) -> pd.DataFrame:
    """Pairs of documents that share enough rare features to be compared.

    Parameters
    ----------
    features : sequence of frozenset of str, or scipy.sparse matrix
        One feature set per document (e.g. ``DocFeatures.immutables``), or a
        document x feature matrix whose non-zero cells are the memberships
        (e.g. the content-word hashes of the corpus sketch).
    top_k : int, default 20
        Keep at most this many partners per document (each pair is kept when
        either side ranks it in its top ``top_k``).
    min_score : float, default 0.1
        Minimum cosine similarity of the idf-weighted feature vectors.
    max_df : int or float, default 0.005
        Drop features found in more documents than this (a float is a share
        of the corpus), but never below ``min_df_cap`` documents: 250
        documents at 50,000. A rewrite or copy shares dozens of rarer
        features, so this mostly prunes topic-level "related" pairs and
        bounds the cost (with 0.02 this stage took 22 s of 219 s at 50,000
        BBC-like documents, and listed 338k related pairs instead of 209k).
    min_df_cap : int, default 50
        Lower bound of the document-frequency cap, for small corpora.
    block : int, default 2000
        Rows multiplied at once (bounds peak memory).

    Returns
    -------
    pandas.DataFrame
        Columns ``i``, ``j`` (positions, ``i < j``), ``score`` (cosine, 0-1,
        higher = more shared rare features) and ``n_shared`` (number of
        shared features after the cap). Empty when fewer than two documents
        have features.
    """
    from scipy import sparse

    empty = pd.DataFrame({"i": np.array([], dtype=np.int64), "j": np.array([], dtype=np.int64),
                          "score": np.array([], dtype=float),
                          "n_shared": np.array([], dtype=np.int64)})
    rows_a, cols_a, n, n_vocab = _memberships(features)
    if n < 2 or not len(cols_a):
        return empty
    df = np.bincount(cols_a, minlength=n_vocab)
    kept, idf = index_weights(df, n, max_df=max_df, min_df_cap=min_df_cap)
    keep = kept[cols_a]
    rows_a, cols_a = rows_a[keep], cols_a[keep]
    if len(cols_a) == 0:
        return empty
    vals = idf[cols_a]
    x = sparse.csr_matrix((vals, (rows_a, cols_a)), shape=(n, n_vocab))
    xn, _ = row_normalize(x)
    # One product gives both numbers: with left = [xn | 2 xb] and right =
    # [xn | 2 xb]^T, each entry is cosine + 4 * shared features, and the
    # cosine (0-1) and the integer count separate exactly.
    xb = (x > 0).astype(np.float64)
    left = sparse.hstack([xn, 2.0 * xb], format="csr")
    right = left.T.tocsr()
    del x, xn, xb, vals, rows_a, cols_a
    found = [select_partners(lo, both, min_score=min_score, top_k=top_k)
             for lo, hi, both in blocked_products(left, right, block=block)]
    return candidate_frame(found)


def index_weights(df: np.ndarray, n: int, *, max_df: int | float, min_df_cap: int
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Which features enter the index (found in 2 to the capped number of documents), and their idf.

    Step of :func:`candidate_pairs` (see ``max_df`` and ``min_df_cap`` there);
    ``df`` is each feature's document frequency over ``n`` documents.
    """
    cap = df_cap(n, max_df=max_df, min_df_cap=min_df_cap)
    return (df <= cap) & (df >= 2), np.log((n + 1) / (df + 1)) + 1.0


def df_cap(n: int, *, max_df: int | float, min_df_cap: int) -> int:
    """The most documents a feature may be found in and still enter the index of ``n`` documents."""
    return max(min_df_cap, int(max_df * n) if isinstance(max_df, float) else int(max_df))


def select_partners(lo: int, both, *, min_score: float, top_k: int) -> pd.DataFrame:
    """Each document's ``top_k`` partners above ``min_score`` in one block of the index product.

    Step of :func:`candidate_pairs`: ``both`` holds rows ``lo, lo + 1, ...``
    of ``[xn | 2 xb] @ [xn | 2 xb]^T`` (cosine + 4 x shared features).
    Returns columns ``i < j``, ``score``, ``n_shared``, best partner first
    per document.
    """
    me = lo + np.repeat(np.arange(both.shape[0], dtype=np.int64), np.diff(both.indptr))
    js = both.indices.astype(np.int64)
    ns = np.floor(both.data / 4.0 + 1e-9)
    ss = both.data - 4.0 * ns
    ok = (js != me) & (ss >= min_score)
    me, js, ss, ns = me[ok], js[ok], ss[ok], ns[ok]
    # each document's top_k partners: best score first, then lower position
    order = np.lexsort((js, -ss, me))
    me, js, ss, ns = me[order], js[order], ss[order], ns[order]
    first = np.r_[True, me[1:] != me[:-1]]
    starts = np.flatnonzero(first)
    rank = np.arange(len(me)) - np.repeat(starts, np.diff(np.r_[starts, len(me)]))
    top = rank < top_k
    return pd.DataFrame({"i": np.minimum(me[top], js[top]), "j": np.maximum(me[top], js[top]),
                         "score": ss[top], "n_shared": ns[top].astype(np.int64)})


def candidate_frame(blocks: list[pd.DataFrame]) -> pd.DataFrame:
    """The candidate pairs of :func:`select_partners`' blocks, in block order: one row per pair
    (the first block's score where two hold it), sorted by ``i``, ``j``."""
    def cat(name, dtype):
        return np.concatenate([b[name].to_numpy() for b in blocks] or [np.zeros(0)]).astype(dtype)

    frame = pd.DataFrame({"i": cat("i", np.int64), "j": cat("j", np.int64),
                          "score": np.minimum(cat("score", float), 1.0),
                          "n_shared": cat("n_shared", np.int64)})
    return frame.drop_duplicates(["i", "j"]).sort_values(["i", "j"]).reset_index(drop=True)


SCREEN_COLUMNS = ["i", "j", "doc_a", "doc_b", "candidate_score", "n_shared_immutables",
                  "immutable_overlap", "shingle_overlap", "content_overlap", "n_words_a",
                  "n_words_b", "align", "related"]


def screen_candidates(sketch: CorpusSketch, ids: list[str], options: RewriteOptions, *,
                      indexed: np.ndarray | None = None) -> pd.DataFrame:
    """Candidate pairs with what their sketches share, and which of them to align.

    Parameters
    ----------
    sketch : CorpusSketch
        The corpus sketch (:func:`corpus_tools.rewrites.sketch.sketch_corpus`).
    ids : list of str
        The doc ids, in sketch order.
    options : RewriteOptions
        ``top_k``, ``min_candidate_score``, ``candidate_max_df``,
        ``candidate_min_df_cap`` (the index) and the ``align_*`` and
        ``related_*`` thresholds (the screen).
    indexed : numpy.ndarray of bool, optional
        Which documents enter the index (default all): the representatives
        of groups of near-duplicates (:mod:`corpus_tools.rewrites.duplicates`),
        so that a story copied a hundred times counts once in the document
        frequencies.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCREEN_COLUMNS` (see :func:`screen_pairs`).
    """
    opt = options
    indexed = np.ones(len(ids), dtype=bool) if indexed is None else np.asarray(indexed)
    features = [f if keep else frozenset() for f, keep in zip(sketch.immutables, indexed)]
    index = dict(top_k=opt.top_k, min_score=opt.min_candidate_score,
                 max_df=opt.candidate_max_df, min_df_cap=opt.candidate_min_df_cap)
    cands = candidate_pairs(features, **index)
    few = content_indexed(indexed, np.fromiter(map(len, sketch.immutables), dtype=np.int64,
                                               count=len(ids)), opt)
    if few.sum() >= 2:
        # documents with few names, numbers or rare words are also indexed by content words
        content = sketch.content.copy()
        content.data = content.data * np.repeat(few, np.diff(content.indptr))
        content.eliminate_zeros()
        more = new_candidates(cands, candidate_pairs(content, **index))
        # the pairs found by content words only: count the immutables they share
        more = more.assign(n_shared=shared_immutables(sketch.immutables, more["i"].to_numpy(),
                                                      more["j"].to_numpy()))
        cands = merge_candidates(cands, more)
    return screen_pairs(sketch, ids, cands["i"].to_numpy(), cands["j"].to_numpy(),
                        cands["score"].to_numpy(dtype=float), cands["n_shared"].to_numpy(),
                        opt)


def content_indexed(indexed: np.ndarray, n_immutables: np.ndarray, opt: RewriteOptions
                    ) -> np.ndarray:
    """Step of :func:`screen_candidates`: the indexed documents also indexed by content words
    (fewer than ``opt.content_index_max_immutables`` immutables)."""
    return np.asarray(indexed) & (np.asarray(n_immutables) < opt.content_index_max_immutables)


def new_candidates(cands: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    """Step of :func:`screen_candidates`: the pairs of a second index that the first
    (``cands``) did not find."""
    known = pd.MultiIndex.from_arrays([cands["i"], cands["j"]])
    return more[~pd.MultiIndex.from_arrays([more["i"], more["j"]]).isin(known)]


def merge_candidates(cands: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    """Step of :func:`screen_candidates`: the pairs of the first index (with its score and
    count) and the new pairs of the second (:func:`new_candidates`), sorted by ``i``, ``j``."""
    return (pd.concat([cands, more], ignore_index=True)
            .sort_values(["i", "j"]).reset_index(drop=True))


def shared_immutables(immutables, ci: np.ndarray, cj: np.ndarray) -> np.ndarray:
    """The number of immutables each pair ``(ci[k], cj[k])`` shares."""
    return np.fromiter((len(immutables[i] & immutables[j])
                        for i, j in zip(np.asarray(ci).tolist(), np.asarray(cj).tolist())),
                       dtype=np.int64, count=len(ci))


def screen_pairs(sketch: CorpusSketch, ids: list[str], ci: np.ndarray, cj: np.ndarray,
                 score: np.ndarray, n_shared: np.ndarray, opt: RewriteOptions) -> pd.DataFrame:
    """What the sketches of pairs ``(ci[k], cj[k])`` share, and which pairs to align.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCREEN_COLUMNS`: positions ``i < j``, the pair's ids,
        ``candidate_score``, ``n_shared_immutables``, the shares of the
        smaller immutable, shingle and content-word sets in common, the
        documents' word counts, ``align`` (worth aligning sentence by
        sentence: near-verbatim shingles, or enough content words with some
        shingles or most immutables, or, with few immutables to go by, fewer content words:
        ``align_min_content_few_immutables``) and ``related`` (not aligned but
        sharing enough immutables to be listed as ``related``).
    """
    ci, cj = np.asarray(ci, dtype=np.int64), np.asarray(cj, dtype=np.int64)
    n_imm = np.fromiter(map(len, sketch.immutables), dtype=np.int64, count=len(ids))
    imm = n_shared / np.maximum(1, np.minimum(n_imm[ci], n_imm[cj]))
    shing = pair_overlap(sketch.shingles, ci, cj)
    cont = pair_overlap(sketch.content, ci, cj)
    most_immutables = imm >= opt.align_min_immutable_overlap
    few = (n_imm[ci] < opt.content_index_max_immutables) & \
        (n_imm[cj] < opt.content_index_max_immutables)
    align = ((shing >= opt.copy_min_shingle_overlap)
             | ((cont >= opt.align_min_content_overlap)
                & ((shing >= opt.align_min_shingle_overlap) | most_immutables))
             | ((cont >= opt.align_min_content_with_immutables) & most_immutables)
             | ((cont >= opt.align_min_content_few_immutables) & few))
    ids_arr = np.asarray(ids, dtype=object)
    return pd.DataFrame({
        "i": ci, "j": cj, "doc_a": ids_arr[ci], "doc_b": ids_arr[cj],
        "candidate_score": np.asarray(score, dtype=float),
        "n_shared_immutables": np.asarray(n_shared, dtype=np.int64),
        "immutable_overlap": imm, "shingle_overlap": shing, "content_overlap": cont,
        "n_words_a": sketch.n_words[ci] if len(ci) else np.zeros(0, dtype=np.int64),
        "n_words_b": sketch.n_words[cj] if len(cj) else np.zeros(0, dtype=np.int64),
        "align": align,
        "related": ~align & (n_shared >= opt.related_min_shared)
                   & (imm >= opt.related_min_overlap)}, columns=SCREEN_COLUMNS)
