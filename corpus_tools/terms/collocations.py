"""Which pairs of words belong together? Bigram collocations.

Counts adjacent word pairs inside sentences (the bigrams of
:mod:`corpus_tools.terms`: same tokenizer, never across a sentence boundary)
and scores each pair with the association measures of NLTK's
``BigramAssocMeasures`` (Manning & Schütze 1999, ch. 5), computed from the
same four counts NLTK uses:

* ``count`` (n_ii) - occurrences of the pair ``word_1 word_2``;
* ``count_1`` (n_ix), ``count_2`` (n_xi) - occurrences of each word
  anywhere in the corpus;
* ``n_words`` (n_xx) - words in the corpus.

Stop-word filtering removes *pairs* that contain a stop word; word counts and
``n_words`` still include every word (as NLTK's ``apply_word_filter``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from ..corpus import check_corpus
from ..progress import progress as _progress
from ..stopwords import resolve_stopwords
from .counts import doc_words

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
    min_count: int = 3,
    lowercase: bool = True,
    stopwords: str | Iterable[str] | None = "english",
    top: int | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Bigram collocations of the corpus, scored by PMI, log-likelihood and t-score.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame; not modified. All documents are pooled.
    measure : {"log_likelihood", "pmi", "t_score"}, default "log_likelihood"
        Sort order (every measure is reported).
    min_count : int, default 3
        Keep pairs seen at least this often; PMI in particular rewards
        rare pairs (a pair of two hapaxes gets the maximum PMI).
    lowercase : bool, default True
        Case-fold words (:func:`corpus_tools.segment.normalize`).
    stopwords : "english", iterable of str, or None, default "english"
        Leave out pairs containing one of these words.
    top : int, optional
        Keep the first ``top`` rows.
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

    References
    ----------
    Manning, C. and Schütze, H. (1999). Foundations of Statistical Natural
    Language Processing, chapter 5 "Collocations". MIT Press.
    """
    check_corpus(corpus, caller="collocations")
    if measure not in COLLOCATION_MEASURES:
        raise ValueError(f"measure={measure!r}: expected one of "
                         f"{', '.join(COLLOCATION_MEASURES)}")
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count={min_count!r}: expected an int >= 1")
    stop = resolve_stopwords(stopwords)
    words: Counter = Counter()
    pairs: Counter = Counter()
    texts = [t if isinstance(t, str) else "" for t in corpus["text"].tolist()]
    for text in _progress(texts, enabled=progress, total=len(texts), desc="collocations"):
        for ws in doc_words(text, lowercase=lowercase):
            words.update(ws)
            pairs.update(zip(ws, ws[1:]))
    n_xx = float(sum(words.values()))
    lower = lowercase
    rows = [(w1, w2, n) for (w1, w2), n in pairs.items() if n >= min_count
            and not (stop and ((w1 if lower else w1.lower().replace("’", "'")) in stop
                               or (w2 if lower else w2.lower().replace("’", "'")) in stop))]
    w1 = [r[0] for r in rows]
    w2 = [r[1] for r in rows]
    n_ii = np.array([r[2] for r in rows], dtype=float)
    n_ix = np.array([words[w] for w in w1], dtype=float)
    n_xi = np.array([words[w] for w in w2], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log2(n_ii * n_xx / (n_ix * n_xi))
        t_score = (n_ii - n_ix * n_xi / n_xx) / np.sqrt(n_ii)
    frame = pd.DataFrame({
        "term": pd.array([f"{a} {b}" for a, b in zip(w1, w2)], dtype="str"),
        "word_1": pd.array(w1, dtype="str"),
        "word_2": pd.array(w2, dtype="str"),
        "count": n_ii.astype(np.int64),
        "count_1": n_ix.astype(np.int64),
        "count_2": n_xi.astype(np.int64),
        "n_words": np.full(len(rows), int(n_xx), dtype=np.int64),
        "log_likelihood": _log_likelihood(n_ii, n_ix, n_xi, n_xx) if rows else np.zeros(0),
        "pmi": pmi,
        "t_score": t_score,
    }, columns=COLLOCATION_COLUMNS)
    frame = frame.sort_values([measure, "count", "term"], ascending=[False, False, True],
                              kind="stable").reset_index(drop=True)
    return frame.head(top) if top is not None else frame
