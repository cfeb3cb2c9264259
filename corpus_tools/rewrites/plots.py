"""Figures for rewrite detection: a similarity heatmap and the evidence of a pair.

Both follow the house pattern ``plot_x(data, *, ax=None, **kw) -> Axes``:
they draw on the given Axes or a new one and never show or save.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["plot_similarity", "plot_rewrite_evidence", "EVIDENCE_BARS"]

#: (column, label) of the 0-1 evidence shown by :func:`plot_rewrite_evidence`.
EVIDENCE_BARS = (
    ("immutable_overlap", "names/numbers/rare words shared"),
    ("content_overlap", "content words shared"),
    ("shingle_overlap", "4-word sequences shared"),
    ("coverage", "shorter text aligned"),
    ("aligned_similarity", "mean aligned-sentence similarity"),
    ("identical_sentences", "aligned sentences verbatim"),
    ("touched_sentences", "aligned sentences with word swaps"),
    ("swap_share", "one-for-one swaps among changes"),
)


def plot_similarity(matrix: pd.DataFrame, *, ax=None, cmap: str = "viridis",
                    annotate: bool | None = None, **kw):
    """Heatmap of a document x document similarity matrix.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square, from :func:`corpus_tools.rewrites.similarity_matrix` (0-1).
    ax : matplotlib.axes.Axes, optional
    cmap : str, default "viridis"
    annotate : bool, optional
        Write the values in the cells; default when at most 12 documents.
    **kw
        Passed to ``ax.imshow``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        n = max(1, len(matrix))
        size = min(12.0, 2.5 + 0.35 * n)
        _, ax = plt.subplots(figsize=(size, size * 0.85))
    values = matrix.to_numpy(dtype=float) if len(matrix) else np.zeros((0, 0))
    im = ax.imshow(np.ma.masked_invalid(values) if values.size else np.zeros((1, 1)),
                   vmin=0, vmax=1, cmap=cmap, **kw)
    labels = [str(x) for x in matrix.index]
    short = [x if len(x) <= 24 else x[:21] + "..." for x in labels]
    ax.set_xticks(range(len(labels)), short, rotation=90, fontsize=8)
    ax.set_yticks(range(len(labels)), short, fontsize=8)
    if annotate is None:
        annotate = len(labels) <= 12
    if annotate:
        for i in range(len(labels)):
            for j in range(len(labels)):
                v = values[i, j]
                if not math.isnan(v):
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=8,
                            color="white" if v < 0.6 else "black")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label="share in common (0-1)")
    if not labels:
        ax.set_title("no documents")
    return ax


def plot_rewrite_evidence(pair: pd.Series, *, ax=None, color: str = "#4c72b0", **kw):
    """Horizontal bars of the 0-1 evidence behind one row of :func:`find_rewrites`.

    Parameters
    ----------
    pair : pandas.Series
        One row of the :func:`corpus_tools.rewrites.find_rewrites` frame.
    ax : matplotlib.axes.Axes, optional
    color : str
    **kw
        Passed to ``ax.barh``.

    Returns
    -------
    matplotlib.axes.Axes
        Missing evidence (NaN, e.g. a pair that was not aligned) is drawn as
        an empty bar labelled "n/a". The title gives the relation, the
        rewritten side and the swap counts.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.6))
    labels = [lbl for _, lbl in EVIDENCE_BARS]
    vals = [pair.get(col, np.nan) for col, _ in EVIDENCE_BARS]
    vals = [float(v) if v is not None and not pd.isna(v) else math.nan for v in vals]
    y = np.arange(len(labels))
    ax.barh(y, [0 if math.isnan(v) else v for v in vals], color=color, **kw)
    for k, v in enumerate(vals):
        ax.text(0.01 if math.isnan(v) else min(v, 0.9) + 0.01, k,
                "n/a" if math.isnan(v) else f"{v:.0%}", va="center", fontsize=8)
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share (0-1)")
    rel = pair.get("relation", "")
    title = f"{pair.get('doc_a', '')} vs {pair.get('doc_b', '')}: {rel}"
    if rel == "rewrite" and pair.get("rewritten"):
        title += f" (rewritten: {pair['rewritten']})"
    ax.set_title(title, fontsize=9)
    n = pair.get("n_swaps", np.nan)
    if not pd.isna(n):
        ax.text(1.0, -0.18, f"{int(n)} swaps, {int(pair.get('n_lost_inflections', 0))} lost "
                f"inflections, {int(pair.get('n_typos', 0))} typos, "
                f"{int(pair.get('quotes_changed', 0))} quotes changed",
                transform=ax.transAxes, ha="right", fontsize=8)
    return ax
