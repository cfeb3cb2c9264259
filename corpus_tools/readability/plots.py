"""Figures for readability: formulas by document, sentence distributions, rewrite shifts.

Each follows ``plot_x(data, *, ax=None, **kw) -> Axes`` and never shows or saves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from .formulas import GRADE_FORMULAS

__all__ = ["plot_readability", "plot_sentence_distribution", "plot_readability_shift"]


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def _horizontal() -> dict:
    import matplotlib

    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    return {"orientation": "horizontal"} if (major, minor) >= (3, 10) else {"vert": False}


def plot_readability(table: pd.DataFrame, *, ax=None, formulas: Sequence[str] = GRADE_FORMULAS,
                     max_documents: int = 30, **kw):
    """Compare documents on the grade-level formulas.

    Up to ``max_documents`` documents: one group of horizontal bars per
    document, one bar per formula. More documents: one box per formula
    showing the spread over the corpus.

    Parameters
    ----------
    table : pandas.DataFrame
        A frame from :func:`readability`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    formulas : sequence of str, default :data:`GRADE_FORMULAS`
        Columns to show (grade formulas share one scale: US school grade).
    max_documents : int, default 30
        Above this, draw boxes instead of bars.
    **kw
        Passed to ``Axes.barh`` or ``Axes.boxplot``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    missing = [f for f in formulas if f not in table.columns]
    if missing:
        raise KeyError(f"plot_readability: no column {', '.join(map(repr, missing))} in the "
                       f"readability table")
    ax = _axes(ax)
    data = table[list(formulas)]
    if len(data) <= max_documents:
        height = 0.8 / max(len(formulas), 1)
        y = np.arange(len(data))
        for i, f in enumerate(formulas):
            ax.barh(y + i * height - 0.4 + height / 2, data[f].to_numpy(dtype=float), height,
                    label=f, **kw)
        ax.set_yticks(y, [str(d) for d in data.index])
        ax.set_ylim(len(data) - 0.5, -0.5)  # first document on top
        ax.set_xlabel("US school grade (higher = harder)")
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    else:
        values = [data[f].dropna().to_numpy(dtype=float) for f in formulas]
        ax.boxplot(values, **_horizontal(), **kw)
        ax.set_yticks(np.arange(1, len(formulas) + 1), list(formulas))
        ax.set_xlabel(f"US school grade over {len(data)} documents (higher = harder)")
    ax.set_title("Readability by formula")
    return ax


_SENTENCE_LABELS = {"n_words": "words per sentence", "n_syllables": "syllables per sentence",
                    "flesch_kincaid_grade": "Flesch-Kincaid grade of each sentence"}
_SENTENCE_TITLES = {"n_words": "Sentence length", "n_syllables": "Syllables per sentence",
                    "flesch_kincaid_grade": "Sentence grade"}


def plot_sentence_distribution(
    sentences: pd.DataFrame,
    *,
    ax=None,
    measure: Literal["n_words", "n_syllables", "flesch_kincaid_grade"] = "n_words",
    max_documents: int = 30,
    **kw,
):
    """Distribution of sentence length (or grade) per document, as box plots.

    Parameters
    ----------
    sentences : pandas.DataFrame
        A frame from :func:`sentence_readability`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    measure : {"n_words", "n_syllables", "flesch_kincaid_grade"}, default "n_words"
        What to show per sentence.
    max_documents : int, default 30
        Show only the first this-many documents (in ``doc_id`` order) and say
        so in the title.
    **kw
        Passed to ``Axes.boxplot``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if measure not in _SENTENCE_LABELS:
        raise ValueError(f"plot_sentence_distribution: measure must be one of "
                         f"{', '.join(_SENTENCE_LABELS)}, got {measure!r}")
    ax = _axes(ax)
    groups = sentences.dropna(subset=[measure]).groupby("doc_id", sort=False)[measure]
    names = list(groups.groups)[:max_documents]
    if names:
        ax.boxplot([groups.get_group(d).to_numpy(dtype=float) for d in names],
                   **_horizontal(), **kw)
        ax.set_yticks(np.arange(1, len(names) + 1), [str(d) for d in names])
        ax.set_ylim(len(names) + 0.5, 0.5)  # first document on top
    ax.set_xlabel(_SENTENCE_LABELS[measure])
    total = sentences["doc_id"].nunique()
    ax.set_title(_SENTENCE_TITLES[measure] + (f" (first {len(names)} of {total} documents)"
                                              if total > len(names) else ""))
    return ax


def plot_readability_shift(shift: pd.DataFrame, *, ax=None,
                           measures: Sequence[str] = GRADE_FORMULAS, max_pairs: int = 10,
                           **kw):
    """Bars of the grade shift from original to rewrite, per formula and pair.

    Parameters
    ----------
    shift : pandas.DataFrame
        A frame from :func:`compare_readability`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    measures : sequence of str, default :data:`GRADE_FORMULAS`
        Which measures to draw (those present in ``shift``); the default keeps
        the grade formulas, which share one unit (school grades), so a bar to
        the right means the rewrite is harder.
    max_pairs : int, default 10
        Draw the first this-many pairs only (the title says so).
    **kw
        Passed to ``Axes.barh``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    shift = shift[shift["measure"].isin(list(measures))]
    all_pairs = shift[["original", "rewritten"]].drop_duplicates()
    pairs = all_pairs.head(max_pairs)
    measures = [m for m in measures if m in set(shift["measure"])]
    height = 0.8 / max(len(pairs), 1)
    y = np.arange(len(measures))
    for i, (original, rewritten) in enumerate(pairs.itertuples(index=False)):
        part = shift[(shift["original"] == original) & (shift["rewritten"] == rewritten)]
        values = part.set_index("measure")["shift"].reindex(measures).to_numpy(dtype=float)
        ax.barh(y + i * height - 0.4 + height / 2, values, height,
                label=f"{rewritten} vs {original}", **kw)
    ax.set_yticks(y, measures)
    ax.set_ylim(len(measures) - 0.5, -0.5)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("rewrite minus original (grades; > 0: the rewrite is harder)")
    ax.set_title("Readability shift of rewrites" + (
        f" (first {len(pairs)} of {len(all_pairs)} pairs)" if len(all_pairs) > len(pairs) else ""))
    if len(pairs):
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax
