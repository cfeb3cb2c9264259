"""How do two aligned documents differ? A side-by-side HTML view.

:func:`render_alignment` turns an :class:`corpus_tools.rewrites.align.Alignment` into
plain HTML with a scoped ``<style>`` block (no scripts, no external files), so
it displays inline in JupyterLab and survives nbconvert's static HTML
export. Every piece of document text is HTML-escaped.

Colours: synonym swaps yellow, lost inflections orange, typos red,
inserted/deleted words green/grey, reordered words blue, changed or
unquoted quotes boxed; sentences without a counterpart are greyed and
labelled.
"""

from __future__ import annotations

import html

__all__ = ["render_alignment", "LABEL_CLASSES"]

LABEL_CLASSES = {
    "synonym swap": "sw", "lost inflection": "li", "inflection change": "ic", "typo": "ty",
    "changed number": "nu", "inserted": "in", "deleted": "de", "reordered": "ro",
}

_STYLE = """
<style>
.ct-sbs {font-family: Georgia, serif; font-size: 13px; border-collapse: collapse; width: 100%;}
.ct-sbs th {font-family: sans-serif; text-align: left !important; background: #f0f0f0;
  padding: 4px 6px;}
.ct-sbs td {vertical-align: top; padding: 4px 6px; border-top: 1px solid #ddd; width: 46%;
  text-align: left !important; white-space: normal;}
.ct-sbs td.ct-sim {width: 8%; font-family: sans-serif; font-size: 11px; color: #555;
  text-align: center !important;}
.ct-sbs tr.ct-only td.ct-txt {color: #888; background: #fafafa;}
.ct-sbs .ct-tag {font-family: sans-serif; font-size: 10px; color: #999;}
.ct-sbs mark, .ct-legend mark {padding: 0 1px; border-radius: 2px; color: inherit;}
.ct-sbs mark.sw, .ct-legend mark.sw {background: #fff1a8;}
.ct-sbs mark.li, .ct-legend mark.li {background: #ffc98a;}
.ct-sbs mark.ty, .ct-legend mark.ty {background: #ff9c9c;}
.ct-sbs mark.ic, .ct-legend mark.ic {background: #ffe0c0;}
.ct-sbs mark.nu, .ct-legend mark.nu {background: #d7b8ff;}
.ct-sbs mark.in, .ct-legend mark.in {background: #c8f2c8;}
.ct-sbs mark.de, .ct-legend mark.de {background: #e4e4e4; text-decoration: line-through;}
.ct-sbs mark.ro, .ct-legend mark.ro {background: #bcdcff;}
.ct-sbs span.ct-q {border: 2px solid #c0392b; border-radius: 3px; padding: 0 2px;
  box-decoration-break: clone; -webkit-box-decoration-break: clone;}
.ct-legend {font-family: sans-serif; font-size: 11px; margin: 4px 0;}
.ct-legend mark {padding: 0 3px;}
</style>
"""


def _segments(text: str, lo: int, hi: int, marks: list[tuple[int, int, str]],
              quotes: list[tuple[int, int]]) -> str:
    """``text[lo:hi]`` as HTML with ``marks`` (start, end, class) and quote boxes."""
    cuts = {lo, hi}
    for s, e, _ in marks:
        if lo <= s < hi:
            cuts.update((s, min(e, hi)))
    for s, e in quotes:
        if s < hi and e > lo:
            cuts.update((max(s, lo), min(e, hi)))
    points = sorted(cuts)
    out = []
    in_quote = False
    for s, e in zip(points, points[1:]):
        if s >= e:
            continue
        piece = html.escape(text[s:e])
        cls = next((c for ms, me, c in marks if ms <= s and e <= me), None)
        if cls:
            piece = f'<mark class="{cls}">{piece}</mark>'
        quoted = any(qs <= s and e <= qe for qs, qe in quotes)
        if quoted != in_quote:  # one box around a whole changed quote, its marks inside
            out.append('<span class="ct-q">' if quoted else "</span>")
            in_quote = quoted
        out.append(piece)
    if in_quote:
        out.append("</span>")
    return "".join(out)


def _row(al, r, marks_a, marks_b, q_a, q_b) -> str:
    """One row of the side-by-side table: an aligned group or a sentence without counterpart."""
    if r.kind == "only a":
        left = _segments(al.text_a, r.a_start, r.a_end, [], [])
        return (f'<tr class="ct-only"><td class="ct-txt">{left}</td>'
                f'<td class="ct-sim"><span class="ct-tag">only in A</span></td>'
                f'<td class="ct-txt"></td></tr>')
    if r.kind == "only b":
        right = _segments(al.text_b, r.b_start, r.b_end, [], [])
        return (f'<tr class="ct-only"><td class="ct-txt"></td>'
                f'<td class="ct-sim"><span class="ct-tag">only in B</span></td>'
                f'<td class="ct-txt">{right}</td></tr>')
    left = _segments(al.text_a, r.a_start, r.a_end, marks_a, q_a)
    right = _segments(al.text_b, r.b_start, r.b_end, marks_b, q_b)
    tag = "identical" if r.identical else f"{r.similarity:.2f}"
    if r.kind != "1-1":
        tag += f"<br>{html.escape(r.kind)}"
    return (f'<tr><td class="ct-txt">{left}</td><td class="ct-sim">{tag}</td>'
            f'<td class="ct-txt">{right}</td></tr>')


def render_alignment(alignment, *, max_rows: int | None = 400) -> str:
    """HTML side-by-side view of an :class:`~corpus_tools.rewrites.align.Alignment`.

    Parameters
    ----------
    alignment : Alignment
    max_rows : int or None, default 400
        Show at most this many rows (a note says how many were left out).

    Returns
    -------
    str
        A self-contained HTML fragment (a ``<style>`` block, a legend and a
        table). Empty documents give a table with a single explanatory row.
    """
    al = alignment
    marks_a: list[tuple[int, int, str]] = []
    marks_b: list[tuple[int, int, str]] = []
    for r in al.edits.itertuples(index=False):
        cls = LABEL_CLASSES.get(r.label)
        if cls is None:
            continue
        if r.a_start >= 0:
            marks_a.append((int(r.a_start), int(r.a_end), cls))
        if r.b_start >= 0:
            marks_b.append((int(r.b_start), int(r.b_end), cls))
    q_a: list[tuple[int, int]] = []
    q_b: list[tuple[int, int]] = []
    for r in al.quotes.itertuples(index=False):
        if not r.changed:
            continue
        if r.quoted_in in ("a", "both") and r.a_start >= 0:
            q_a.append((int(r.a_start), int(r.a_end)))
        if r.quoted_in in ("b", "both") and r.b_start >= 0:
            q_b.append((int(r.b_start), int(r.b_end)))
    counts = al.edit_counts()
    summary = ", ".join(f"{n} {label}" for label, n in counts.items()
                        if n and label != "identical")
    legend = " ".join(f'<mark class="{c}">{html.escape(lbl)}</mark>'
                      for lbl, c in LABEL_CLASSES.items())
    sents = al.sentences
    shown = sents if max_rows is None else sents.head(max_rows)
    rows = [_row(al, r, marks_a, marks_b, q_a, q_b) for r in shown.itertuples(index=False)]
    if not rows:
        rows.append('<tr><td class="ct-txt" colspan="3">(no sentences: one or both documents '
                    'are empty)</td></tr>')
    more = ""
    if max_rows is not None and len(sents) > max_rows:
        more = (f'<p class="ct-legend">{len(sents) - max_rows} more rows not shown '
                f'(max_rows={max_rows}).</p>')
    head = (f'<div class="ct-legend"><b>A</b> = {html.escape(str(al.doc_a))}, '
            f'<b>B</b> = {html.escape(str(al.doc_b))}. {html.escape(summary or "no word edits")}'
            f'. Changed quotes are boxed.<br>{legend}</div>')
    # the column widths are set on the table itself: page styles (nbconvert's, JupyterLab's)
    # must not spread the three columns evenly
    cols = ('<colgroup><col style="width:46%"><col style="width:8%"><col style="width:46%">'
            '</colgroup>')
    return (_STYLE + head + '<table class="ct-sbs" style="table-layout:fixed;width:100%">'
            + cols + '<tr><th>A: ' + html.escape(str(al.doc_a))
            + '</th><th>similarity</th><th>B: ' + html.escape(str(al.doc_b)) + '</th></tr>'
            + "".join(rows) + "</table>" + more)
