"""What does the corpus look like? Sizes, sentence lengths and their figures.

The tables here are computed from the corpus frame and
:mod:`corpus_tools.segment`, so their counts equal the ``n_words`` and
``n_sentences`` columns of :func:`corpus_tools.load_corpus`.
"""

from __future__ import annotations

import pandas as pd

from ..corpus import check_corpus
from ..segment import WORD_KINDS, sentence_tokens

__all__ = ["corpus_summary", "sentence_lengths"]


def corpus_summary(corpus: pd.DataFrame, *, lengths: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per document: size, sentence-length statistics and flags.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A frame from :func:`corpus_tools.load_corpus`.
    lengths : pandas.DataFrame, optional
        :func:`sentence_lengths` of ``corpus`` when already computed (saves
        segmenting the corpus a second time).

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``; columns ``title``, ``n_chars``, ``n_words``,
        ``n_sentences``, ``mean_sentence_words`` (NaN for a document with no
        sentence), ``max_sentence_words`` (0 when there is none), ``flags``.
    """
    check_corpus(corpus, caller="corpus_summary")
    if lengths is None:
        lengths = sentence_lengths(corpus)
    stats = lengths.groupby("doc_id")["n_words"].agg(["mean", "max"])
    out = corpus[["title", "n_chars", "n_words", "n_sentences"]].copy()
    out["mean_sentence_words"] = stats["mean"].reindex(out.index)
    out["max_sentence_words"] = stats["max"].reindex(out.index).fillna(0).astype("int64")
    out["flags"] = corpus["flags"] if "flags" in corpus.columns else ""
    return out.astype({"title": "str", "flags": "str"})


def sentence_lengths(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: where it is and how many words it has.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A frame from :func:`corpus_tools.load_corpus`.

    Returns
    -------
    pandas.DataFrame
        Default integer index (one row per sentence); columns ``doc_id``
        (str), ``sentence`` (0-based number of the sentence in its document,
        as in :func:`corpus_tools.sentence_readability`), ``start``, ``end``
        (offsets into the document's ``text``) and ``n_words`` (int64).
        Empty documents contribute no rows. The ``n_words`` of a document's
        sentences add up to its ``n_words``.
    """
    check_corpus(corpus, caller="sentence_lengths")
    rows = []
    for doc_id, text in corpus["text"].items():
        for i, (span, toks) in enumerate(sentence_tokens(text)):
            n = sum(1 for t in toks if t.kind in WORD_KINDS)
            rows.append((doc_id, i, span.start, span.end, n))
    frame = pd.DataFrame(rows, columns=["doc_id", "sentence", "start", "end", "n_words"])
    return frame.astype({"doc_id": "str", "sentence": "int64", "start": "int64",
                         "end": "int64", "n_words": "int64"})
