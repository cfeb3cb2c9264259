"""Figures for the corpus overview: document sizes and sentence lengths."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["plot_document_sizes", "plot_sentence_lengths"]


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
