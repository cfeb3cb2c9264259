"""Figures for term analyses: top terms, two-document scatter, keyness bars, Zipf plot.

Every function draws on the ``ax`` it is given (or on a new figure's axes)
and returns the Axes; none calls ``show()`` or ``savefig()``. Inputs are the
frames returned by :mod:`corpus_tools.terms` and :mod:`corpus_tools.terms.keyness`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

__all__ = ["plot_top_terms", "plot_term_scatter", "plot_keyness", "plot_zipf"]

_OVER = "#1f77b4"
_UNDER = "#d62728"
_SHARED = "#7f7f7f"


def _axes(ax, figsize=(6, 4)):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=figsize)
    return ax


def _empty(ax, message: str):
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
            color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def plot_top_terms(top: pd.DataFrame, *, doc_id: str | None = None, column: str = "count",
                   ax=None, color: str = _OVER, **kw):
    """Horizontal bars of one document's top terms.

    Parameters
    ----------
    top : pandas.DataFrame
        Output of :func:`corpus_tools.terms.top_terms` (or any frame with
        ``doc_id``, ``term`` and ``column``).
    doc_id : str, optional
        The document to show; default the first in ``top``.
    column : str, default "count"
        The bar length.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.
    color : str
        Bar colour.
    **kw
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        With a note instead of bars when the document has no terms.
    """
    ax = _axes(ax)
    if top.empty:
        return _empty(ax, "no terms")
    doc_id = str(top["doc_id"].iloc[0]) if doc_id is None else str(doc_id)
    rows = top[top["doc_id"] == doc_id]
    ax.set_title(doc_id, fontsize="medium")
    if rows.empty:
        return _empty(ax, "no terms (empty document?)")
    # First row on top: keep the order of ``top`` (its rank) when there is one.
    rows = (rows.sort_values("rank", ascending=False, kind="stable") if "rank" in rows
            else rows.sort_values(column, ascending=True, kind="stable"))
    ax.barh(rows["term"].tolist(), rows[column].to_numpy(), color=color, **kw)
    ax.set_xlabel(column.replace("_", " "))
    ax.tick_params(axis="y", labelsize="small")
    return ax


def plot_term_scatter(comparison: pd.DataFrame, *, n_labels: int = 12, ax=None, **kw):
    """Log-log scatter of two documents' term frequencies (in the spirit of scattertext).

    Each point is a term at (count in ``a``, count in ``b``). Terms used in
    the same proportion by both documents lie on the dashed diagonal (scaled
    by the two document lengths); terms only one document uses sit on the
    "0" line of the other axis. The most frequent one-sided terms and the
    shared terms furthest from the diagonal are labelled: candidates for
    synonym swaps between an original and a rewrite. No two labels overlap:
    each takes the first free spot around its point, and a label with none
    is left out.

    Parameters
    ----------
    comparison : pandas.DataFrame
        Output of :func:`corpus_tools.terms.compare_terms`.
    n_labels : int, default 12
        How many points to label at most (fewer when labels would overlap).
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    **kw
        Passed to :meth:`~matplotlib.axes.Axes.scatter`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax, figsize=(6, 6))
    a = comparison.attrs.get("a", "document a")
    b = comparison.attrs.get("b", "document b")
    ax.set_xlabel(f"count in {a}")
    ax.set_ylabel(f"count in {b}")
    if comparison.empty:
        return _empty(ax, "no terms")
    ca = comparison["count_a"].to_numpy(dtype=float)
    cb = comparison["count_b"].to_numpy(dtype=float)
    zero = 0.5  # where a count of 0 is drawn on the log axis
    x = np.where(ca > 0, ca, zero)
    y = np.where(cb > 0, cb, zero)
    rng = np.random.default_rng(0)  # jitter so identical counts do not hide each other
    jx = x * np.exp(rng.uniform(-0.08, 0.08, len(x)))
    jy = y * np.exp(rng.uniform(-0.08, 0.08, len(y)))
    colours = comparison["side"].map({"shared": _SHARED, "only_a": _OVER,
                                      "only_b": _UNDER}).tolist()
    ax.scatter(jx, jy, s=kw.pop("s", 12), c=colours, alpha=kw.pop("alpha", 0.6),
               linewidths=0, **kw)
    ax.set_xscale("log")
    ax.set_yscale("log")
    top = max(x.max(), y.max()) * 1.5
    na = comparison.attrs.get("n_words_a") or ca.sum() or 1
    nb = comparison.attrs.get("n_words_b") or cb.sum() or 1
    line = np.array([zero * 0.8, top])
    ax.plot(line, line * nb / na, ls="--", lw=1, color="0.3", label="same relative frequency")
    ax.set_xlim(zero * 0.8, top)
    ax.set_ylim(zero * 0.8, top)
    for axis_set in (ax.set_xticks, ax.set_yticks):
        ticks = [zero] + [t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if t < top]
        axis_set(ticks, ["0"] + [str(t) for t in ticks[1:]])
    ax.minorticks_off()
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", ls="", color=c, label=l)
               for c, l in ((_SHARED, "both"), (_OVER, f"only {a}"), (_UNDER, f"only {b}"))]
    legend = ax.legend(handles=handles + [ax.lines[0]], fontsize="x-small", loc="upper left")
    # Label: the most frequent one-sided terms, and shared terms far off the diagonal.
    # Terms at the same point share one label ("army, troops, +3"), set beside the
    # markers as drawn (jittered), outside the box around that cluster of markers.
    ratio = np.abs(np.log((ca + 0.5) / na) - np.log((cb + 0.5) / nb))
    score = ratio * np.log1p(ca + cb)
    points = pd.DataFrame({"x": x, "y": y, "jx": jx, "jy": jy, "score": score,
                           "term": comparison["term"].astype(str).to_numpy()})
    points = points.sort_values(["score", "term"], ascending=[False, True], kind="stable")
    labels = []
    for _, group in list(points.groupby(["x", "y"], sort=False))[:3 * n_labels]:
        names = group["term"].tolist()
        text = ", ".join(names[:3]) + (f", +{len(names) - 3}" if len(names) > 3 else "")
        labels.append(_Label(text, group["jx"].min(), group["jy"].min(), group["jx"].max(),
                             group["jy"].max()))
    _place_labels(ax, labels, n_labels, avoid=[legend],
                  points=ax.transData.transform(np.column_stack([jx, jy])))
    return ax


class _Label(NamedTuple):
    """A label and the box (data coordinates) of the markers it names."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


_LABEL_PAD = 3.0
"""Points between a label and the markers it names (a marker's radius is about 2)."""
# Where a label may sit around its markers' box, tried in turn: (corner of the box as
# (x, y) fractions, offset direction, alignment). Right, left, above, below, then corners.
_LABEL_SPOTS = (((1, 0.5), (1, 0), "left", "center"), ((0, 0.5), (-1, 0), "right", "center"),
                ((0.5, 1), (0, 1), "center", "bottom"), ((0.5, 0), (0, -1), "center", "top"),
                ((1, 1), (1, 1), "left", "bottom"), ((1, 0), (1, -1), "left", "top"),
                ((0, 1), (-1, 1), "right", "bottom"), ((0, 0), (-1, -1), "right", "top"))


def _place_labels(ax, labels: list[_Label], n_labels: int, *, avoid=(), points=None) -> list:
    """Annotate up to ``n_labels`` of ``labels``, in order, where no label overlaps another.

    Each label tries the spots of :data:`_LABEL_SPOTS` around the box of its
    markers, :data:`_LABEL_PAD` points away; a spot is free when the label
    stays inside the axes and overlaps no label placed before it nor the
    artists of ``avoid`` (the legend). Of the free spots the label takes the
    first covering none of ``points`` (marker positions in display
    coordinates), else the one covering the fewest; a label with no free
    spot is left out. Sizes are measured on the figure as it is (its size and
    dpi), so a figure resized afterwards may need drawing again.
    """
    taken = [artist.get_window_extent() for artist in avoid]
    inside = ax.get_window_extent()
    points = np.zeros((0, 2)) if points is None else np.asarray(points)
    placed = []

    def annotate(label: _Label, spot):
        (fx, fy), (dx, dy), ha, va = spot
        # the box's corner in log space: the axes are logarithmic
        xy = (label.x0 ** (1 - fx) * label.x1 ** fx, label.y0 ** (1 - fy) * label.y1 ** fy)
        return ax.annotate(label.text, xy, fontsize="x-small", ha=ha, va=va,
                           xytext=(dx * _LABEL_PAD, dy * _LABEL_PAD),
                           textcoords="offset points")

    for label in labels:
        if len(placed) >= n_labels:
            break
        best = None
        for spot in _LABEL_SPOTS:
            text = annotate(label, spot)
            box = text.get_window_extent()
            text.remove()
            if not (inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0
                    and box.y1 <= inside.y1) or any(box.overlaps(t) for t in taken):
                continue
            covered = int(((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
                           & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1)).sum())
            if best is None or covered < best[0]:
                best = (covered, box, spot)
            if covered == 0:
                break
        if best is not None:
            taken.append(best[1])
            placed.append(annotate(label, best[2]))
    return placed


def plot_keyness(key: pd.DataFrame, *, n: int = 10, ax=None, **kw):
    """Bars of the ``n`` most over- and ``n`` most under-represented terms.

    Parameters
    ----------
    key : pandas.DataFrame
        Output of :func:`corpus_tools.terms.keyness.keyness` (uses ``term`` and
        the signed ``keyness`` column).
    n : int, default 10
        Terms per side.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    **kw
        Passed to :meth:`~matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        Over-represented terms (positive, blue) on top, under-represented
        (negative, red) below, in the order of ``key``; for log-likelihood,
        dotted lines at +-3.84 (p = 0.05). A note when no value could be
        computed.
    """
    ax = _axes(ax, figsize=(6, 5))
    valid = key.dropna(subset=["keyness"])
    pos = valid[valid["keyness"] > 0].head(n)
    neg = valid[valid["keyness"] < 0].tail(n)
    measure = key.attrs.get("measure", "keyness").replace("_", " ")
    ax.set_xlabel(f"{measure} (+ over-, - under-represented)")
    target = key.attrs.get("target")
    if target:
        ax.set_title(", ".join(map(str, target[:3])) + (" ..." if len(target) > 3 else ""),
                     fontsize="medium")
    # ``key`` is sorted by keyness, most over-represented first: keep that order
    # from top to bottom (barh draws its first bar at the bottom).
    rows = pd.concat([pos, neg]).iloc[::-1]
    if rows.empty:
        return _empty(ax, "no key terms")
    values = rows["keyness"].to_numpy()
    ax.barh(rows["term"].tolist(), values, color=np.where(values > 0, _OVER, _UNDER), **kw)
    ax.axvline(0, color="0.3", lw=0.8)
    if key.attrs.get("measure") == "log_likelihood":
        for x in (-3.84, 3.84):  # chi-squared critical value, 1 df, p = 0.05
            ax.axvline(x, color="0.5", lw=0.8, ls=":")
        ax.text(3.84, 1.0, " p = 0.05", transform=ax.get_xaxis_transform(), fontsize="x-small",
                va="bottom", color="0.4")
    ax.tick_params(axis="y", labelsize="small")
    return ax


def plot_zipf(tf: pd.DataFrame, *, ax=None, **kw):
    """Zipf rank-frequency plot of the corpus vocabulary (log-log).

    Parameters
    ----------
    tf : pandas.DataFrame
        Output of :func:`corpus_tools.terms.term_frequencies` (counts are
        summed over documents per term).
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    **kw
        Passed to :meth:`~matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The observed curve and the ideal Zipf line ``f(r) = f(1) / r``
        (Zipf 1949) for reference.
    """
    ax = _axes(ax)
    ax.set_xlabel("rank")
    ax.set_ylabel("frequency")
    if tf.empty:
        return _empty(ax, "no terms")
    freq = np.sort(tf.groupby("term", sort=False)["count"].sum().to_numpy())[::-1]
    rank = np.arange(1, len(freq) + 1)
    ax.loglog(rank, freq, marker=kw.pop("marker", "."), ls=kw.pop("ls", "-"),
              ms=kw.pop("ms", 3), label="observed", **kw)
    ax.loglog(rank, freq[0] / rank, ls="--", color="0.4", lw=1, label="Zipf: f(1) / rank")
    ax.legend(fontsize="small")
    return ax
