"""Findings in their context, as HTML: the flagged span marked, every corpus text escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

__all__ = ["highlight_findings"]


def highlight_findings(findings: pd.DataFrame, *, max_rows: int = 50,
                       columns: Iterable[str] = ("doc_id", "category", "rule_id", "suggestion",
                                                 "message")) -> str:
    """An HTML table of findings with the flagged span highlighted in its context.

    Parameters
    ----------
    findings : pandas.DataFrame
        Output of :func:`grammar_errors` (needs ``context`` and ``span``).
    max_rows : int, default 50
        At most this many rows (the first ones).
    columns : iterable of str
        Other columns to show beside the context.

    Returns
    -------
    str
        HTML (all text escaped); display it with ``IPython.display.HTML``.
    """
    columns = list(columns)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["context", *columns])
    body = []
    for row in findings.head(max_rows).itertuples(index=False):
        r = row._asdict()
        ctx, span = r["context"], r["span"]
        i = _span_pos(ctx, span, int(r["start"]))
        marked = (html.escape(ctx[:i]) + '<mark style="background:#ffd54f">'
                  + html.escape(span) + "</mark>" + html.escape(ctx[i + len(span):]))
        cells = "".join(f"<td>{html.escape(_cell(r[c]))}</td>" for c in columns)
        body.append(f"<tr><td style='text-align:left'>{marked}</td>{cells}</tr>")
    return ("<table class='grammar-findings'><thead><tr>" + head + "</tr></thead><tbody>"
            + "".join(body) + "</tbody></table>")


def _cell(value) -> str:
    try:
        missing = bool(pd.isna(value))
    except (TypeError, ValueError):
        missing = False
    return "" if missing or value is None else str(value)


def _span_pos(ctx: str, span: str, start: int) -> int:
    """Where ``span`` sits in a ``context`` built by :func:`grammar_errors`."""
    span = span.replace("\n", " ")
    lead = ctx.startswith("…")
    trail = ctx.endswith("…")
    if not lead:
        k = start
    elif trail:  # cut on both sides: the windows are equal
        k = 1 + (len(ctx) - 2 - len(span)) // 2
    else:  # cut on the left only: the left window is the longer one
        k = next((k for k in range(len(ctx) - len(span), 0, -1)
                  if ctx[k:k + len(span)] == span and k - 1 >= len(ctx) - k - len(span)), 1)
        return k
    return k if ctx[k:k + len(span)] == span else max(ctx.find(span), 0)
