"""How does a long table become readable? Sortable, searchable, paged HTML tables.

:func:`interactive_table` renders a DataFrame as a plain HTML ``<table>``
(every cell, header and caption escaped: corpus text is untrusted) followed
by a small script, embedded in the output, that lets a reader click a header
to sort, type in a box to filter rows, and page through long tables. Nothing
is fetched from the network, the table needs no other file, and without
JavaScript it is still a complete, readable table. It displays the same way
in JupyterLab and in the static report pages.

:func:`details` wraps outputs in a collapsed ``<details>`` section, for the
parts of a page a reader opens on demand.

Why not a table library? Embedding DataTables offline (e.g. with ``itables``)
puts about 1 MB of encoded script in every page and links to the library's
web site from every table; the one job here (sort, filter, page rows that
are already in the page) takes a few dozen lines.
"""

from __future__ import annotations

import math
import numbers
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..markup import escape_html

__all__ = ["InteractiveTable", "interactive_table", "details", "HTMLBlock", "TABLE_SCRIPT"]

# The enhancement script. It only reads and reorders the rows already in the
# page (their text is set by the browser from escaped HTML); it never builds
# HTML from cell text.
TABLE_SCRIPT = r"""
(function () {
  if (window.ctTable) return;
  function key(cell) {
    if (cell === undefined) return [2, ""];
    var v = cell.getAttribute("data-v");
    if (v !== null) { var x = parseFloat(v); return isNaN(x) ? [2, ""] : [0, x]; }
    return [1, cell.textContent.trim().toLowerCase()];
  }
  function compare(a, b) {
    if (a[0] !== b[0]) return a[0] - b[0];
    if (a[0] === 0) return a[1] - b[1];
    return a[1].localeCompare(b[1], undefined, {numeric: true});
  }
  window.ctTable = function (id) {
    var root = document.getElementById(id);
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var table = root.querySelector("table"), body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows), shown = rows;
    var size = parseInt(root.getAttribute("data-page-size"), 10) || 10, page = 0;
    var heads = Array.prototype.slice.call(table.tHead.rows[table.tHead.rows.length - 1].cells);
    var bar = root.querySelector(".ct-bar"), info = root.querySelector(".ct-info");
    var search = root.querySelector("input"), pick = root.querySelector("select");
    var prev = root.querySelector(".ct-prev"), next = root.querySelector(".ct-next");
    var paged = rows.length > size;
    function draw() {
      var pages = Math.max(1, Math.ceil(shown.length / size));
      page = Math.min(page, pages - 1);
      var first = page * size, part = shown.slice(first, first + size);
      body.replaceChildren.apply(body, part);
      var text = shown.length ? "Rows " + (first + 1).toLocaleString() + "\u2013" +
        (first + part.length).toLocaleString() + " of " + shown.length.toLocaleString() : "No rows";
      if (shown.length < rows.length) text += " (filtered from " + rows.length.toLocaleString() + ")";
      info.textContent = text;
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    function filter() {
      var q = search.value.trim().toLowerCase();
      shown = q ? rows.filter(function (r) { return r.textContent.toLowerCase().indexOf(q) >= 0; }) : rows;
      page = 0;
      draw();
    }
    heads.forEach(function (th, i) {
      th.tabIndex = 0;
      th.classList.add("ct-sortable");
      th.title = "Sort by this column";
      function sort() {
        var down = th.getAttribute("aria-sort") === "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var sign = down ? -1 : 1;
        var keyed = rows.map(function (r, k) { return [key(r.cells[i]), k, r]; });
        keyed.sort(function (a, b) {
          var c = a[0][0] === 2 || b[0][0] === 2 ? compare(a[0], b[0]) : sign * compare(a[0], b[0]);
          return c || a[1] - b[1];
        });
        rows = keyed.map(function (x) { return x[2]; });
        filter();
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
    if (paged) {
      bar.hidden = false;
      search.addEventListener("input", filter);
      pick.addEventListener("change", function () { size = parseInt(pick.value, 10) || rows.length; page = 0; draw(); });
      prev.addEventListener("click", function () { page -= 1; draw(); });
      next.addEventListener("click", function () { page += 1; draw(); });
      draw();
    }
  };
})();
"""

_STYLE = """
.ct-table {margin: 0.6em 0 1.2em 0; max-width: 100%;}
.ct-table .ct-scroll {overflow-x: auto; max-width: 100%;}
.ct-table table.ct-grid {border-collapse: collapse; table-layout: auto; margin: 0; font-size: 0.85rem;
  width: auto; max-width: none;}
.ct-table table.ct-grid caption {caption-side: top; text-align: left; font-weight: 600;
  padding: 0 0 0.3em 0;}
.ct-table table.ct-grid th, .ct-table table.ct-grid td {padding: 0.25em 0.6em; text-align: left;
  vertical-align: top; white-space: normal; max-width: 40em; border: none;
  border-bottom: 1px solid #e3e3e3;}
.ct-table table.ct-grid th {background: #f4f4f4; vertical-align: bottom;}
.ct-table table.ct-grid td.ct-key {white-space: nowrap;}
.ct-table table.ct-grid .ct-num {text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap;}
.ct-table table.ct-grid th.ct-sortable {cursor: pointer;}
.ct-table table.ct-grid th[aria-sort=ascending]::after {content: " \\25B2"; font-size: 0.7em;}
.ct-table table.ct-grid th[aria-sort=descending]::after {content: " \\25BC"; font-size: 0.7em;}
.ct-table .ct-bar {display: flex; gap: 0.8em; align-items: center; flex-wrap: wrap;
  font-size: 0.85rem; margin: 0.3em 0;}
.ct-table .ct-bar[hidden] {display: none;}
.ct-table .ct-info {color: #555;}
.ct-table .ct-note {color: #555; font-size: 0.8rem; margin: 0.2em 0;}
details.ct-details {margin: 0.6em 0 1em 0;}
details.ct-details > summary {cursor: pointer; font-weight: 600; color: #1a4e8a;}
"""


@dataclass(frozen=True)
class HTMLBlock:
    """HTML built by this module (already escaped); displays in JupyterLab and nbconvert."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


@dataclass(frozen=True)
class InteractiveTable:
    """A table ready to display; see :func:`interactive_table` for the fields."""

    frame: pd.DataFrame = field(repr=False)
    caption: str = ""
    page_size: int = 10
    formats: Mapping[str, str] = field(default_factory=dict)
    index: bool = True
    note: str = ""

    def to_html(self, *, table_id: str | None = None) -> str:
        """The table's HTML: style, controls, the escaped ``<table>`` and its script."""
        table_id = table_id or f"ct-table-{uuid.uuid4().hex[:12]}"
        frame = self.frame
        names = [*([_index_name(frame)] if self.index else []), *map(str, frame.columns)]
        numeric = [*([_is_numeric(frame.index)] if self.index else []),
                   *(_is_numeric(frame.iloc[:, k]) for k in range(frame.shape[1]))]
        head = "".join(f'<th scope="col" data-column="{escape_html(name)}"{_num_class(n)}>'
                       f"{_breakable(name)}</th>" for name, n in zip(names, numeric))
        columns = [*([frame.index] if self.index else []),
                   *(frame.iloc[:, k] for k in range(frame.shape[1]))]
        fmts = [self.formats.get(name) for name in names]
        cells = [[_cell(v, fmt, n) for v in col] for col, fmt, n in zip(columns, fmts, numeric)]
        if self.index and cells and not numeric[0]:  # ids: kept on one line
            cells[0] = [f'<td class="ct-key">{escape_html(_text(v))}</td>' for v in frame.index]
        body = "".join("<tr>" + "".join(row) + "</tr>" for row in zip(*cells)) if cells else ""
        caption = f"<caption>{escape_html(self.caption)}</caption>" if self.caption else ""
        note = f'<p class="ct-note">{escape_html(self.note)}</p>' if self.note else ""
        sizes = "".join(f'<option value="{n}"{" selected" if n == self.page_size else ""}>{n}</option>'
                        for n in sorted({10, 25, 100, self.page_size}))
        bar = ('<div class="ct-bar" hidden><label>Search <input type="search" '
               f'aria-controls="{table_id}"></label><label>Rows per page <select>{sizes}'
               '<option value="0">all</option></select></label><button type="button" '
               'class="ct-prev">Previous</button><button type="button" class="ct-next">Next'
               '</button><span class="ct-info"></span></div>')
        return (f"<style>{_STYLE}</style>"
                f'<div class="ct-table" id="{table_id}" data-page-size="{int(self.page_size)}">'
                f'{bar}<div class="ct-scroll"><table class="ct-grid">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></div>{note}</div>"
                f'<script>{TABLE_SCRIPT}window.ctTable("{table_id}");</script>')

    def _repr_html_(self) -> str:
        return self.to_html()


def interactive_table(frame: pd.DataFrame | pd.Series, *, caption: str = "",
                      page_size: int = 10, formats: Mapping[str, str] | None = None,
                      precision: int = 2, index: bool = True, note: str = "") -> InteractiveTable:
    """A DataFrame as a sortable, searchable, paged HTML table.

    Parameters
    ----------
    frame : pandas.DataFrame or pandas.Series
        The rows to show, all of them: nothing is cut. Not modified.
    caption : str, default ""
        Shown above the table (escaped).
    page_size : int, default 10
        Rows per page; a table with more rows gets a search box and page
        buttons, a shorter one shows whole (both sort on a header click).
    formats : mapping of str to str, optional
        Column name (or the index name) to a format spec such as ``"{:.1f}"``
        or ``"{:,}"``. Sorting uses the unformatted number.
    precision : int, default 2
        Decimals for float columns without a format.
    index : bool, default True
        Show the index as the first column.
    note : str, default ""
        A line of text below the table (escaped).

    Returns
    -------
    InteractiveTable
        Displays itself (``_repr_html_``); ``.to_html()`` gives the string.

    Notes
    -----
    Missing values show as "–" and sort last in both directions. Numbers
    sort as numbers, text in natural order ("doc2" before "doc10").
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    fmts = dict(formats or {})
    for name in frame.columns:
        if str(name) not in fmts and pd.api.types.is_float_dtype(frame[name]):
            fmts[str(name)] = f"{{:.{precision}f}}"
    return InteractiveTable(frame, caption, page_size, fmts, index, note)


def details(summary: str, *parts: object, open: bool = False) -> HTMLBlock:
    """A collapsed section: ``summary`` (escaped text) opens ``parts``.

    Parameters
    ----------
    summary : str
        The line a reader clicks.
    *parts
        Objects with ``_repr_html_`` (tables, panels) or :class:`HTMLBlock`;
        a plain ``str`` is escaped and shown as a paragraph.
    open : bool, default False
        Start opened.
    """
    inner = []
    for part in parts:
        if isinstance(part, str):
            inner.append(f"<p>{escape_html(part)}</p>")
        elif hasattr(part, "_repr_html_"):
            inner.append(part._repr_html_())
        else:
            raise TypeError(f"details(): cannot show {type(part).__name__}; pass a table, "
                            "an HTMLBlock or a string")
    flag = " open" if open else ""
    return HTMLBlock(f'<style>{_STYLE}</style><details class="ct-details"{flag}><summary>'
                     f"{escape_html(summary)}</summary>{''.join(inner)}</details>")


def _index_name(frame: pd.DataFrame) -> str:
    names = [n for n in frame.index.names if n is not None]
    return " / ".join(map(str, names)) if names else ""


def _is_numeric(values) -> bool:
    dtype = values.dtype
    return (pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def _num_class(numeric: bool) -> str:
    return ' class="ct-num"' if numeric else ""


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _cell(value, fmt: str | None, numeric: bool) -> str:
    if _missing(value):
        return f'<td{_num_class(numeric)} data-v="">–</td>' if numeric else "<td>–</td>"
    if numeric and isinstance(value, (numbers.Number, np.number)):
        text = fmt.format(value) if fmt else (f"{value:,}" if isinstance(value, (int, np.integer))
                                              else str(value))
        return f'<td class="ct-num" data-v="{float(value)!r}">{escape_html(text)}</td>'
    text = fmt.format(value) if fmt else _text(value)
    return f"<td>{escape_html(text)}</td>"


def _breakable(text: str) -> str:
    """Escaped text that may wrap after an underscore (long column names)."""
    return escape_html(text).replace("_", "_<wbr>")


def _text(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(map(str, value))
    return str(value)
