"""Figures for grammar findings: rates per document by category."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .rules import CATEGORIES

__all__ = ["plot_grammar_errors"]


def plot_grammar_errors(summary: pd.DataFrame, *, ax=None, top: int = 30, **kw):
    """Stacked horizontal bars: findings per 1,000 words by category, per document.

    Parameters
    ----------
    summary : pandas.DataFrame
        Output of :func:`grammar_summary`.
    ax : matplotlib.axes.Axes, optional
        Draw here; a new figure is made otherwise.
    top : int, default 30
        Show the ``top`` documents with the highest rate (all when fewer).
    **kw
        Passed to :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        n = min(len(summary), top)
        _, ax = plt.subplots(figsize=(8, max(2.0, 0.35 * n + 1.2)))
    data = summary.sort_values("findings_per_1000_words", ascending=False, na_position="last")
    data = data.head(top).iloc[::-1]
    left = np.zeros(len(data))
    labels = [str(i) for i in data.index]
    colors = plt.get_cmap("tab10")
    for k, cat in enumerate(CATEGORIES):  # one fixed colour per category, in every corpus
        vals = data[f"{cat}_per_1000_words"].fillna(0.0).to_numpy()
        if vals.any():
            ax.barh(labels, vals, left=left, label=cat.replace("_", " "),
                    **{"color": colors(k), **kw})
            left += vals
    if not left.any():
        ax.barh(labels, left, **kw)
        ax.text(0.5, 0.5, "no findings", transform=ax.transAxes, ha="center", va="center")
    else:
        ax.legend(loc="lower right", fontsize="small")
    ax.set_xlabel("findings per 1,000 words")
    shown = f" (top {len(data)} of {len(summary)})" if len(summary) > len(data) else ""
    ax.set_title(f"Grammar and spelling findings per document{shown}")
    return ax
