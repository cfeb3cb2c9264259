"""Figures for rewrite detection: a similarity heatmap and the evidence of a pair.

Both follow the house pattern ``plot_x(data, *, ax=None, **kw) -> Axes``:
they draw on the given Axes or a new one and never show or save.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["plot_similarity", "plot_rewrite_evidence", "plot_direction_votes", "plot_families",
           "EVIDENCE_BARS"]

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


def _label(text: object, limit: int = 28) -> str:
    """A document id as a figure label: shortened, and ``$`` escaped (matplotlib reads
    ``$...$`` as mathematics, and corpus text is data, not markup)."""
    s = str(text)
    s = s if len(s) <= limit else s[:limit - 1] + "…"
    return s.replace("$", r"\$")


def plot_direction_votes(pair: pd.Series, *, ax=None, **kw):
    """Which evidence pointed at which side of a pair, and how strongly.

    Parameters
    ----------
    pair : pandas.Series
        A row of :func:`corpus_tools.find_rewrites`.
    ax : matplotlib.axes.Axes, optional
    **kw
        Passed to ``ax.barh``.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per non-zero vote (:func:`corpus_tools.rewrites.panel.vote_table`):
        to the right when it points at ``doc_b``, to the left for ``doc_a``;
        length in logit units. The title gives the side named (or
        "undetermined") and the confidence.
    """
    import matplotlib.pyplot as plt

    from .panel import vote_table

    votes = vote_table(pair)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, max(1.6, 0.32 * len(votes) + 1.0)))
    if votes.empty:
        ax.text(0.5, 0.5, "no direction evidence (the pair was not judged on its alignment)",
                ha="center", va="center", transform=ax.transAxes, fontsize=9)
        ax.set_axis_off()
        return ax
    y = np.arange(len(votes))
    colors = ["#c0392b" if v > 0 else "#2c7fb8" for v in votes["vote"]]
    ax.barh(y, votes["vote"], color=colors, **kw)
    ax.set_yticks(y, [_label(e, 40) for e in votes["evidence"]], fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    lim = max(1.0, float(votes["strength"].max()) * 1.15)
    ax.set_xlim(-lim, lim)
    ax.set_xlabel(f"← points at {_label(pair['doc_a'])} as the rewrite      "
                  f"points at {_label(pair['doc_b'])} →", fontsize=8)
    side = pair.get("rewritten") or "undetermined"
    ax.set_title(f"Direction evidence: rewritten side {_label(side)} "
                 f"(confidence {float(pair.get('confidence', np.nan)):.2f})", fontsize=9)
    return ax


def plot_families(pairs: pd.DataFrame, *, ax=None, max_families: int = 12, **kw):
    """Each family of copies and rewrites as a small star: its original in the middle.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The output of :func:`corpus_tools.find_rewrites`.
    ax : matplotlib.axes.Axes, optional
    max_families : int, default 12
        Draw the largest families only (most rewrites first); the title says
        how many were left out.
    **kw
        Passed to ``ax.scatter``.

    Returns
    -------
    matplotlib.axes.Axes
        Members on a circle around the original; grey lines are copies, red
        arrows go from an original to its rewrite, dashed red lines are
        rewrites whose side is undetermined. Each member is joined to the
        original by their pair, or, without one, by its first pair with
        another member (not every pair of a large family is drawn). Members
        beyond 24 per family are counted, not drawn.
    """
    import matplotlib.pyplot as plt

    from .families import family_table
    from .panel import family_overview

    fam = family_table(pairs)
    overview = family_overview(pairs).head(max_families)
    n = len(overview)
    cols = min(_FAMILY_COLUMNS, max(1, n))
    rows = max(1, -(-n // cols))
    if ax is None:
        _, ax = plt.subplots(figsize=(0.87 * _FAMILY_STEP * cols + 0.6,
                                      0.87 * _FAMILY_STEP * rows + 0.4))
    if not n:
        ax.text(0.5, 0.5, "no copies or rewrites: no families", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    linked = pairs[pairs["family"].notna()]
    for k, (fid, row) in enumerate(overview.iterrows()):
        _draw_family(ax, fam, linked, fid, row,
                     (_FAMILY_STEP * (k % cols), -_FAMILY_STEP * (k // cols)), **kw)
    ax.set_xlim(-_FAMILY_STEP / 2, _FAMILY_STEP * (cols - 0.5))
    ax.set_ylim(-_FAMILY_STEP * (rows - 1) - 2.2, 1.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    total = int(pairs["family"].nunique()) if "family" in pairs else n
    ax.set_title("Families of copies and rewrites" + (
        f" (the {n} largest of {total})" if total > n else ""), fontsize=10)
    return ax


_FAMILY_COLUMNS = 3
_FAMILY_STEP = 3.6
"""Distance between family centres (data units; a member sits 1 unit from its original):
room for a member's label on either side without reaching the next family's."""

_ROLE_COLOURS = {"original": "#2c3e50", "copy": "#bbbbbb", "rewrite": "#c0392b",
                 "rewrite or original": "#e67e22"}


def _draw_family(ax, fam: pd.DataFrame, linked: pd.DataFrame, fid, row, centre, **kw) -> None:
    """One family of :func:`plot_families` as a star around ``centre``."""
    cx, cy = centre
    members = [d for d in fam.index[fam["family"] == fid] if d != row["original"]][:24]
    pos = {row["original"]: (cx, cy)}
    angles = {}
    for m, d in enumerate(members):  # the first member on top, the others round the circle
        angles[d] = math.pi / 2 - 2 * math.pi * m / max(1, len(members))
        pos[d] = (cx + math.cos(angles[d]), cy + math.sin(angles[d]))
    own = linked[(linked["family"] == fid) & linked["doc_a"].isin(pos) & linked["doc_b"].isin(pos)]
    for r in _star_edges(own, row["original"]):
        (xa, ya), (xb, yb) = pos[r.doc_a], pos[r.doc_b]
        if r.relation == "copy":
            ax.plot([xa, xb], [ya, yb], color="#999999", linewidth=0.8, zorder=1)
        elif r.rewritten:
            ax.annotate("", xy=pos[r.rewritten], xytext=pos[r.original], zorder=2,
                        arrowprops={"arrowstyle": "->", "color": "#c0392b", "lw": 1.2})
        else:
            ax.plot([xa, xb], [ya, yb], color="#c0392b", linestyle="--", linewidth=1.0, zorder=1)
    roles = fam.loc[list(pos), "role"]
    ax.scatter([p[0] for p in pos.values()], [p[1] for p in pos.values()],
               c=[_ROLE_COLOURS[roles[d]] for d in pos],
               s=[90 if d == row["original"] else 40 for d in pos], zorder=3, **kw)
    if len(members) <= 6:  # small families: every document named, outside the star
        ax.text(cx + 0.12, cy - 0.1, _label(row["original"], 16), ha="left", va="top",
                fontsize=6, zorder=4)
        for d in members:
            x, y = pos[d]
            dx, dy = math.cos(angles[d]), math.sin(angles[d])
            ax.text(x + 0.14 * dx, y + 0.14 * dy, _label(d, 16), fontsize=6, zorder=4,
                    ha="left" if dx > 0.3 else "right" if dx < -0.3 else "center",
                    va="bottom" if dy > 0.5 else "top" if dy < -0.5 else "center")
    hidden = row["n_documents"] - 1 - len(members)
    ax.text(cx, cy - 1.5, f"family {fid}: {_label(row['original'], 22)}\n"
            f"{_count(row['n_copies'], 'copy pair')}, "
            f"{_count(row['n_rewrites'], 'rewrite pair')}"
            + (f" (+{hidden} not drawn)" if hidden > 0 else ""), ha="center", va="top", fontsize=7)


def _star_edges(own: pd.DataFrame, original: str) -> list:
    """The pairs to draw: each member's pair with the original, and for a member without
    one, its first pair (a family of 20 copies has 190 pairs; the star shows 19 lines)."""
    edges, placed = [], {original}
    rest = []
    for r in own.itertuples(index=False):
        if original in (r.doc_a, r.doc_b):
            edges.append(r)
            placed.update((r.doc_a, r.doc_b))
        else:
            rest.append(r)
    for r in rest:
        if r.doc_a not in placed or r.doc_b not in placed:
            edges.append(r)
            placed.update((r.doc_a, r.doc_b))
    return edges


def _count(n, one: str, many: str | None = None) -> str:
    return f"{int(n):,} {one if int(n) == 1 else (many or one + 's')}"
