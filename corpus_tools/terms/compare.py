"""How do two documents' vocabularies differ, and which documents are most alike?

:func:`compare_terms` lists the terms two documents share and those only one
uses; :func:`similar_pairs` ranks pairs of documents by tf-idf cosine.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..similarity import blocked_products, row_normalize
from .counts import (NOT_SET, NotSet, TermOptions, count_terms_corpus, document_term_matrix,
                     known_doc_id, resolve_term_options)

__all__ = ["compare_terms", "summarize_comparison", "similar_pairs", "most_similar_pair",
           "COPY_SHARE"]


def compare_terms(
    corpus: pd.DataFrame,
    a: str,
    b: str,
    *,
    options: TermOptions | None = None,
    ngram: int | tuple[int, int] | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
) -> pd.DataFrame:
    """The terms two documents share and the terms only one of them uses.

    The raw material for spotting synonym swaps between an original and a
    rewrite: a spun article keeps the names and numbers (``shared``) and
    replaces common words, which then show up as ``only_a`` / ``only_b``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    a, b : str
        The two ``doc_id``\\ s.
    options : TermOptions, optional
        How terms are made; default ``TermOptions()`` (English stop words
        left out; ``stopwords=None`` keeps them, to see a rewrite's changed
        function words too).
    ngram, lowercase, stopwords, min_count : optional
        Override the field of the same name of ``options`` (:class:`TermOptions`).

    Returns
    -------
    pandas.DataFrame
        One row per term used by either document, columns ``term``,
        ``count_a``, ``count_b``, ``per_1000_a``, ``per_1000_b`` (NaN for an
        empty document), ``total`` (``count_a + count_b``) and ``side``:
        ``"shared"``, ``"only_a"`` or ``"only_b"``. Sorted shared terms first,
        then ``only_a`` then ``only_b``, each by ``total`` descending then
        term. ``attrs`` holds ``a``, ``b``, ``n_words_a``, ``n_words_b``.
        Two empty documents give no rows.

    Raises
    ------
    KeyError
        ``a`` or ``b`` is not a ``doc_id`` of the corpus.
    """
    a = known_doc_id(corpus, a, "a")
    b = known_doc_id(corpus, b, "b")
    pair = corpus.loc[[a] if a == b else [a, b], ["text"]]
    opts = resolve_term_options(options, TermOptions(), caller="compare_terms", ngram=ngram,
                                lowercase=lowercase, stopwords=stopwords, min_count=min_count)
    counts = count_terms_corpus(pair, opts, caller="compare_terms")
    m = counts.matrix.toarray()  # two rows only
    ca = m[0]
    cb = m[-1]
    na, nb = int(counts.n_words[0]), int(counts.n_words[-1])
    nan = float("nan")
    side = np.where((ca > 0) & (cb > 0), "shared", np.where(ca > 0, "only_a", "only_b"))
    frame = pd.DataFrame({
        "term": pd.array(counts.terms.astype(str) if len(counts.terms) else [], dtype="str"),
        "count_a": ca.astype(np.int64),
        "count_b": cb.astype(np.int64),
        "per_1000_a": ca * 1000.0 / na if na else np.full(len(ca), nan),
        "per_1000_b": cb * 1000.0 / nb if nb else np.full(len(cb), nan),
        "total": (ca + cb).astype(np.int64),
        "side": pd.array(side, dtype="str"),
    })
    rank = frame["side"].map({"shared": 0, "only_a": 1, "only_b": 2})
    frame = (frame.assign(_rank=rank)
             .sort_values(["_rank", "total", "term"], ascending=[True, False, True],
                          kind="stable")
             .drop(columns="_rank").reset_index(drop=True))
    frame.attrs.update(a=a, b=b, n_words_a=na, n_words_b=nb)
    return frame


def summarize_comparison(comparison: pd.DataFrame, *, n: int = 25) -> pd.DataFrame:
    """The words only one of two documents uses, as two readable lines.

    Parameters
    ----------
    comparison : pandas.DataFrame
        Output of :func:`compare_terms`.
    n : int, default 25
        Words listed per side, most frequent first.

    Returns
    -------
    pandas.DataFrame
        Two rows on a default integer index: ``side`` (``"only <a>"``,
        ``"only <b>"`` with the two doc ids), ``n_terms`` (how many words only
        that document uses) and ``terms`` (``"word (count)"``,
        comma-separated; ``""`` when none).
    """
    a = comparison.attrs.get("a", "a")
    b = comparison.attrs.get("b", "b")
    rows = []
    for side, doc in (("only_a", a), ("only_b", b)):
        part = comparison[comparison["side"] == side]
        terms = ", ".join(f"{t} ({c})" for t, c in zip(part["term"].head(n),
                                                       part["total"].head(n)))
        rows.append((f"only {doc}", len(part), terms))
    frame = pd.DataFrame(rows, columns=["side", "n_terms", "terms"])
    return frame.astype({"side": "str", "n_terms": "int64", "terms": "str"})


_SIMILARITY_CELLS = 2_000_000  # similarities held in memory at once by similar_pairs


COPY_SHARE = 0.1
"""A pair is a copy (for ``skip_copies``) when fewer than this share of the terms
either document uses are used by one of them only. On BBC News the 154 pairs of
copies and near-copies (the same story with a word or a sentence changed) are all
below 0.04, and the next most similar pair, two different reports, is at 0.15."""


def similar_pairs(
    corpus: pd.DataFrame,
    *,
    top: int | None = 10,
    skip_copies: bool = False,
    options: TermOptions | None = None,
    ngram: int | tuple[int, int] | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
) -> pd.DataFrame:
    """Pairs of documents ranked by the cosine similarity of their tf-idf vectors.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    top : int or None, default 10
        Keep the ``top`` most similar pairs (``None``: all pairs; for ``N``
        documents that is ``N * (N - 1) / 2`` rows).
    skip_copies : bool, default False
        Leave out copies: pairs where fewer than :data:`COPY_SHARE` (10%) of
        the terms either document uses are used by one of them only, so a
        comparison (:func:`compare_terms`) would show next to nothing on
        one side only; ``top`` then counts the other pairs. Costs a second
        sparse product.
    options : TermOptions, optional
        How terms are made; default ``TermOptions()``: English stop words are
        left out, since the function words every text shares would make every
        pair look alike (tf-idf only dampens them).
    ngram, lowercase, stopwords, min_count : optional
        Override the field of the same name of ``options`` (:class:`TermOptions`).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a``, ``doc_b`` (``doc_a`` before ``doc_b`` in corpus
        order), ``cosine`` (0 = no term in common .. 1 = same term
        proportions; higher = more similar), ``n_shared_terms`` (distinct
        terms both use) and ``n_terms_a``, ``n_terms_b``. Sorted by
        ``cosine`` descending. Pairs involving an empty document (no terms)
        have NaN cosine, are sorted last and a :class:`UserWarning` names
        them. Fewer than two documents give no rows.

    Notes
    -----
    Computed as ``X @ X.T`` on the L2-normalised sparse tf-idf matrix of
    :func:`document_term_matrix` (Salton & Buckley 1988, "Term-weighting
    approaches in automatic text retrieval"), in blocks of rows so that
    memory stays near two million similarities whatever ``N`` (time still
    grows with ``N * N``). Ties keep corpus order.
    """
    opts = resolve_term_options(options, TermOptions(),
                                caller="similar_pairs", ngram=ngram, lowercase=lowercase,
                                stopwords=stopwords, min_count=min_count)
    dtm = document_term_matrix(corpus, weight="tf_idf", options=opts)
    n = dtm.matrix.shape[0]
    cols = ["doc_a", "doc_b", "cosine", "n_shared_terms", "n_terms_a", "n_terms_b"]
    if n < 2:
        return pd.DataFrame({c: pd.Series(dtype="str" if c.startswith("doc") else
                                          "float64" if c == "cosine" else "int64")
                             for c in cols})
    xn, empty = row_normalize(dtm.matrix)
    xt = xn.T.tocsc()
    binary = (dtm.matrix > 0).astype(np.float64).tocsr()
    binary_t = binary.T.tocsc() if skip_copies else None
    n_terms = np.asarray(binary.sum(axis=1)).ravel()
    # Blocks of rows keep memory at block x N, not N x N; with ``top`` only the
    # best candidates of each block are kept.
    block = max(1, min(n, _SIMILARITY_CELLS // max(n, 1)))
    cols = np.arange(n)
    keep_i, keep_j, keep_c = [], [], []
    for lo, hi, product in blocked_products(xn, xt, block=block):
        sim = product.toarray()
        r, c = np.nonzero(cols[None, :] > np.arange(lo, hi)[:, None])
        cos = sim[r, c]
        i = r + lo
        cos = np.where(empty[i] | empty[c], -1.0, np.clip(cos, 0.0, 1.0))  # -1: sort last
        if skip_copies:
            shared = (binary[lo:hi] @ binary_t).toarray()[r, c]
            union = n_terms[i] + n_terms[c] - shared
            copy = (union > 0) & (union - shared < COPY_SHARE * union)
            i, c, cos = i[~copy], c[~copy], cos[~copy]
        if top is not None and len(cos) > top:
            # the best ``top``; among equal values the first in corpus order
            cut = np.partition(cos, len(cos) - top)[len(cos) - top]
            better = np.flatnonzero(cos > cut)
            best = np.concatenate([better, np.flatnonzero(cos == cut)[:top - len(better)]])
            i, c, cos = i[best], c[best], cos[best]
        keep_i.append(i)
        keep_j.append(c)
        keep_c.append(cos)
    i = np.concatenate(keep_i)
    j = np.concatenate(keep_j)
    cos = np.concatenate(keep_c)
    order = np.lexsort((j, i, -cos))
    if top is not None:
        order = order[:top]
    i, j, cos = i[order], j[order], cos[order]
    cos = np.where(cos < 0, np.nan, cos)
    shared = np.asarray(binary[i].multiply(binary[j]).sum(axis=1)).ravel()
    if empty.any():
        names = [d for d, e in zip(dtm.doc_ids, empty) if e]
        warnings.warn(f"similar_pairs: {len(names)} document(s) without terms get NaN "
                      f"similarity: {', '.join(names[:5])}", UserWarning, stacklevel=2)
    ids = np.asarray(dtm.doc_ids, dtype=object)
    frame = pd.DataFrame({
        "doc_a": pd.array(ids[i].astype(str), dtype="str"),
        "doc_b": pd.array(ids[j].astype(str), dtype="str"),
        "cosine": cos,
        "n_shared_terms": shared.astype(np.int64),
        "n_terms_a": n_terms[i].astype(np.int64),
        "n_terms_b": n_terms[j].astype(np.int64),
    })
    return frame


def most_similar_pair(
    corpus: pd.DataFrame,
    *,
    skip_copies: bool = True,
    options: TermOptions | None = None,
    ngram: int | tuple[int, int] | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
) -> pd.Series | None:
    """The two documents with the most similar vocabulary (tf-idf cosine), copies aside.

    The pair to compare side by side (:func:`compare_terms`,
    :func:`corpus_tools.terms.plots.plot_term_scatter`): by default copies
    (next to nothing on one side only, see ``skip_copies`` of
    :func:`similar_pairs`) are passed over for the most similar pair that
    differs.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified.
    skip_copies : bool, default True
        As in :func:`similar_pairs`; ``False`` may return a pair of copies.
    options, ngram, lowercase, stopwords, min_count
        As in :func:`similar_pairs` (default ``TermOptions()``).

    Returns
    -------
    pandas.Series or None
        The first row of :func:`similar_pairs` (``doc_a``, ``doc_b``,
        ``cosine``, ``n_shared_terms``, ...), or ``None`` when the corpus has
        fewer than two documents with words, or only copies.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        pairs = similar_pairs(corpus, top=1, skip_copies=skip_copies, options=options,
                              ngram=ngram, lowercase=lowercase, stopwords=stopwords,
                              min_count=min_count)
    if pairs.empty or math.isnan(pairs["cosine"].iloc[0]):
        return None
    return pairs.iloc[0]
