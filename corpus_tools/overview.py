"""What does the corpus look like? Sizes, sentence lengths and their figures.

The tables here are computed from the corpus frame and
:mod:`corpus_tools.segment`, so their counts equal the ``n_words`` and
``n_sentences`` columns of :func:`corpus_tools.load_corpus`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .corpus import check_corpus
from .segment import WORD_KINDS, sentence_tokens

__all__ = ["corpus_summary", "sentence_lengths", "plot_document_sizes",
           "plot_sentence_lengths"]


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
    return out


def sentence_lengths(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: where it is and how many words it has.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A frame from :func:`corpus_tools.load_corpus`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``sentence`` (0-based index within the
        document), ``start``, ``end`` (offsets into the document's ``text``)
        and ``n_words``. Empty documents contribute no rows. The ``n_words``
        of a document's sentences add up to its ``n_words``.
    """
    check_corpus(corpus, caller="sentence_lengths")
    rows = []
    for doc_id, text in corpus["text"].items():
        for i, (span, toks) in enumerate(sentence_tokens(text)):
            n = sum(1 for t in toks if t.kind in WORD_KINDS)
            rows.append((doc_id, i, span.start, span.end, n))
    frame = pd.DataFrame(rows, columns=["doc_id", "sentence", "start", "end", "n_words"])
    return frame.astype({"doc_id": "object", "sentence": "int64", "start": "int64",
                         "end": "int64", "n_words": "int64"})


def plot_document_sizes(corpus: pd.DataFrame, *, ax=None, max_docs: int = 40, **kwargs):
    """Horizontal bar chart of words per document (the largest ``max_docs``).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A frame from :func:`corpus_tools.load_corpus` (needs ``n_words``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    max_docs : int, default 40
        Show at most this many documents (the largest); the title says so.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, max(2.0, 0.28 * min(len(corpus), max_docs) + 1)))
    sizes = corpus["n_words"].sort_values(ascending=False).head(max_docs).iloc[::-1]
    ax.barh([str(i) for i in sizes.index], sizes.to_numpy(), color=kwargs.pop("color", "#4C72B0"),
            **kwargs)
    shown = "" if len(corpus) <= max_docs else f" (largest {max_docs} of {len(corpus)})"
    ax.set_title(f"Words per document{shown}")
    ax.set_xlabel("words")
    return ax


def plot_sentence_lengths(lengths: pd.DataFrame, *, ax=None, max_docs: int = 20, **kwargs):
    """Box plot of sentence length (words) per document.

    Parameters
    ----------
    lengths : pandas.DataFrame
        The result of :func:`sentence_lengths`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    max_docs : int, default 20
        With more documents, one histogram of all sentences is drawn instead.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.boxplot` or ``hist``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    if lengths.empty:
        ax.text(0.5, 0.5, "no sentences", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    docs = list(dict.fromkeys(lengths["doc_id"]))
    if len(docs) <= max_docs:
        docs = docs[::-1]  # first document at the top
        data = [lengths.loc[lengths["doc_id"] == d, "n_words"].to_numpy() for d in docs]
        ax.boxplot(data, vert=False, **kwargs)
        ax.set_yticks(np.arange(1, len(docs) + 1), [str(d) for d in docs])
        ax.set_title("Sentence length per document")
    else:
        ax.hist(lengths["n_words"], bins=kwargs.pop("bins", 40), color="#4C72B0", **kwargs)
        ax.set_ylabel("sentences")
        ax.set_title(f"Sentence length, all {len(docs)} documents")
    ax.set_xlabel("words per sentence")
    return ax
