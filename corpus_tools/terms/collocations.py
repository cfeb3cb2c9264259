"""Which pairs of words belong together? Bigram collocations.

Scores adjacent word pairs inside clauses with the association measures of
NLTK's ``BigramAssocMeasures`` (Manning & Schütze 1999, ch. 5). The pairs and
words are the bigrams and unigrams of :mod:`corpus_tools.terms.counts`
(counted once, by :func:`~corpus_tools.terms.counts.count_terms_corpus`: same
tokenizer, never across a sentence boundary or clause punctuation), pooled over
the corpus into the four counts NLTK uses:

* ``count`` (n_ii) - occurrences of the pair ``word_1 word_2``;
* ``count_1`` (n_ix), ``count_2`` (n_xi) - occurrences of each word
  anywhere in the corpus;
* ``n_words`` (n_xx) - words in the corpus.

Stop-word filtering removes *pairs* that contain a stop word; word counts and
``n_words`` still include every word (as NLTK's ``apply_word_filter``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from ..corpus import check_corpus
from .counts import NOT_SET, NotSet, TermOptions, count_terms_corpus, resolve_term_options

__all__ = ["collocations", "COLLOCATION_MEASURES"]

COLLOCATION_MEASURES = ("log_likelihood", "pmi", "t_score")
COLLOCATION_COLUMNS = ["term", "word_1", "word_2", "count", "count_1", "count_2", "n_words",
                       "log_likelihood", "pmi", "t_score"]


def _log_likelihood(n_ii, n_ix, n_xi, n_xx):
    """Dunning's G2 over the full 2x2 table of the pair (>= 0)."""
    obs = [n_ii, n_ix - n_ii, n_xi - n_ii, n_xx - n_ix - n_xi + n_ii]
    row = [n_ix, n_ix, n_xx - n_ix, n_xx - n_ix]
    col = [n_xi, n_xx - n_xi, n_xi, n_xx - n_xi]
    g2 = np.zeros(len(n_ii))
    with np.errstate(divide="ignore", invalid="ignore"):
        for o, r, c in zip(obs, row, col):
            e = r * c / n_xx
            g2 += np.where(o > 0, o * np.log(o / e), 0.0)
    return 2.0 * g2


def collocations(
    corpus: pd.DataFrame,
    *,
    measure: Literal["log_likelihood", "pmi", "t_score"] = "log_likelihood",
    top: int | None = None,
    options: TermOptions | None = None,
    ngram: int | NotSet = NOT_SET,
    lowercase: bool | NotSet = NOT_SET,
    stopwords: str | Iterable[str] | None | NotSet = NOT_SET,
    min_count: int | NotSet = NOT_SET,
    progress: bool = False,
) -> pd.DataFrame:
    """Bigram collocations of the corpus, scored by PMI, log-likelihood and t-score.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified. All documents are pooled.
    measure : {"log_likelihood", "pmi", "t_score"}, default "log_likelihood"
        Sort order (every measure is reported).
    top : int, optional
        Keep the first ``top`` rows.
    options : TermOptions, optional
        How words and pairs are made; default
        ``TermOptions(ngram=2, min_count=3)`` (English stop words left out, as
        in every term function: pairs of function words, "of the", would
        otherwise lead every measure but PMI). PMI rewards rare pairs (a pair
        of two hapaxes gets the maximum PMI), hence pairs seen at least 3
        times. ``stopwords`` leaves out the
        *pairs* containing a stop word; ``min_count`` keeps pairs seen at least
        that often; ``ngram`` must be 2 (collocations are pairs).
    ngram, lowercase, stopwords, min_count : optional
        Override the field of the same name of ``options`` (:class:`TermOptions`).
    progress : bool, default False
        Show a progress bar on stderr.

    Returns
    -------
    pandas.DataFrame
        Columns ``term`` (``"word_1 word_2"``), ``word_1``, ``word_2``,
        ``count``, ``count_1``, ``count_2``, ``n_words`` and the scores:

        * ``log_likelihood`` - Dunning's (1993) G2 on the 2x2 table;
          ``[0, inf)``, higher = stronger evidence of association;
        * ``pmi`` - pointwise mutual information
          ``log2(count * n_words / (count_1 * count_2))`` (Church & Hanks
          1990); higher = more exclusive pairing, 0 = independence;
        * ``t_score`` - ``(count - count_1 * count_2 / n_words) / sqrt(count)``;
          higher = more confidently associated; favours frequent pairs.

        Sorted by ``measure`` descending. No rows for a corpus without
        bigrams (empty or one-word documents).

    Raises
    ------
    ValueError
        Unknown ``measure``, ``ngram`` other than 2, or invalid options.

    References
    ----------
    Manning, C. and Schütze, H. (1999). Foundations of Statistical Natural
    Language Processing, chapter 5 "Collocations". MIT Press.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> c = corpus_from_texts({"a": "Prime minister Blair spoke. The prime minister left."})
    >>> table = collocations(c, min_count=2)
    >>> table[["term", "count", "count_1", "count_2", "n_words"]].values.tolist()
    [['prime minister', 2, 2, 2, 8]]
    """
    check_corpus(corpus, caller="collocations")
    if measure not in COLLOCATION_MEASURES:
        raise ValueError(f"measure={measure!r}: expected one of "
                         f"{', '.join(COLLOCATION_MEASURES)}")
    opts = resolve_term_options(options, TermOptions(ngram=2, min_count=3),
                                caller="collocations", ngram=ngram, lowercase=lowercase,
                                stopwords=stopwords, min_count=min_count)
    if opts.ngram != 2:
        raise ValueError(f"collocations: ngram={opts.ngram!r}, but collocations are pairs of "
                         f"words (ngram=2)")
    # One count of words and pairs. Stop words and min_count drop exactly what the
    # table leaves out: a pair is kept only if both its words are, and a word of a
    # pair seen min_count times is itself seen at least min_count times.
    counts = count_terms_corpus(corpus, TermOptions(
        ngram=(1, 2), lowercase=opts.lowercase, stopwords=opts.stopwords,
        min_count=opts.min_count), progress=progress, caller="collocations")
    totals = np.asarray(counts.matrix.sum(axis=0)).ravel()
    terms = pd.Index(counts.terms, dtype="str")
    is_pair = np.asarray(terms.str.contains(" ", regex=False), dtype=bool)
    word_count = dict(zip(terms[~is_pair], totals[~is_pair].tolist()))
    pairs = terms[is_pair]
    split = pairs.str.split(" ", n=1, regex=False)
    w1 = [p[0] for p in split]
    w2 = [p[1] for p in split]
    n_xx = float(counts.n_words.sum())
    n_ii = totals[is_pair].astype(float)
    n_ix = np.array([word_count[w] for w in w1], dtype=float)
    n_xi = np.array([word_count[w] for w in w2], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log2(n_ii * n_xx / (n_ix * n_xi))
        t_score = (n_ii - n_ix * n_xi / n_xx) / np.sqrt(n_ii)
    frame = pd.DataFrame({
        "term": pd.array(pairs, dtype="str"),
        "word_1": pd.array(w1, dtype="str"),
        "word_2": pd.array(w2, dtype="str"),
        "count": n_ii.astype(np.int64),
        "count_1": n_ix.astype(np.int64),
        "count_2": n_xi.astype(np.int64),
        "n_words": np.full(len(pairs), int(n_xx), dtype=np.int64),
        "log_likelihood": _log_likelihood(n_ii, n_ix, n_xi, n_xx) if len(pairs) else np.zeros(0),
        "pmi": pmi,
        "t_score": t_score,
    }, columns=COLLOCATION_COLUMNS)
    frame = frame.sort_values([measure, "count", "term"], ascending=[False, False, True],
                              kind="stable").reset_index(drop=True)
    return frame.head(top) if top is not None else frame
