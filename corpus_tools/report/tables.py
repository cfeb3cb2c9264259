"""How does a long table become readable? Sortable, searchable, paged HTML tables.

:func:`interactive_table` renders a DataFrame as an HTML table a reader can
sort (click a header), filter (type in a box) and page through. Every row is
in the page: the rows travel as JSON in a ``<script type="application/json">``
element and a small script, embedded in the output, draws the current page
with ``textContent``, so corpus text is never parsed as HTML; the header,
the caption and the first page are also written as escaped HTML, which is
what a reader sees without JavaScript. Nothing is fetched from the network
and the table needs no other file. It displays the same way in JupyterLab and
in the static report pages.

:func:`details` wraps outputs in a collapsed ``<details>`` section, for the
parts of a page a reader opens on demand.

Why not a table library? Embedding DataTables offline (e.g. with ``itables``)
puts about 1 MB of encoded script in every page and links to the library's
web site from every table; the one job here (sort, filter and page rows
that are already in the page) takes a few dozen lines. Why JSON rather than
one ``<tr>`` per row? A 2,000-row table of 30 columns is 60,000 elements,
which nbconvert's HTML post-processing (BeautifulSoup) takes seconds to
parse, and the browser to lay out; as JSON it is one element and a third
of the size.
"""

from __future__ import annotations

import json
import math
import numbers
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..markup import escape_html

__all__ = ["InteractiveTable", "interactive_table", "details", "HTMLBlock", "TABLE_SCRIPT",
           "table_rows"]

MISSING = "–"

# The script. Rows come from the JSON element as arrays of cells: a text cell is
# a string (null when missing), a number cell is [shown text, value] (value null
# when missing). Cell text is set with textContent, never parsed as HTML.
TABLE_SCRIPT = r"""
(function () {
  if (window.ctTable) return;
  function shown(c) { return Array.isArray(c) ? c[0] : (c === null ? "\u2013" : c); }
  function key(c) {
    if (Array.isArray(c)) return c[1] === null ? [2, 0] : [0, c[1]];
    return c === null ? [2, 0] : [1, c.toLowerCase()];
  }
  function compare(a, b) {
    if (a[0] !== b[0]) return a[0] - b[0];
    if (a[0] === 0) return a[1] - b[1];
    if (a[0] === 2) return 0;
    return a[1].localeCompare(b[1], undefined, {numeric: true});
  }
  window.ctTable = function (id) {
    var root = document.getElementById(id);
    if (!root || root.getAttribute("data-ready")) return;
    var data = JSON.parse(root.querySelector("script.ct-data").textContent);
    var table = root.querySelector("table"), body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var rows = data.rows, shown_rows = rows, texts = null;
    var size = parseInt(root.getAttribute("data-page-size"), 10) || 10, page = 0;
    var info = root.querySelector(".ct-info"), search = root.querySelector("input");
    var pick = root.querySelector("select");
    var prev = root.querySelector(".ct-prev"), next = root.querySelector(".ct-next");
    function draw() {
      var pages = Math.max(1, Math.ceil(shown_rows.length / size));
      page = Math.max(0, Math.min(page, pages - 1));
      var first = page * size, part = shown_rows.slice(first, first + size);
      var trs = part.map(function (r) {
        var tr = document.createElement("tr");
        r.forEach(function (c, k) {
          var td = document.createElement("td");
          td.textContent = shown(c);
          if (data.numeric[k]) td.className = "ct-num";
          else if (data.right[k]) td.className = "ct-right";
          else if (k === 0 && data.key) td.className = "ct-key";
          tr.appendChild(td);
        });
        return tr;
      });
      body.replaceChildren.apply(body, trs);
      var text = shown_rows.length ? "Rows " + (first + 1).toLocaleString("en") + "\u2013" +
        (first + part.length).toLocaleString("en") + " of " + shown_rows.length.toLocaleString("en")
        : "No rows";
      if (shown_rows.length < rows.length)
        text += " (filtered from " + rows.length.toLocaleString("en") + ")";
      info.textContent = text;
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    function filter() {
      var q = search.value.trim().toLowerCase();
      if (q && texts === null)
        texts = rows.map(function (r) { return r.map(shown).join(" ").toLowerCase(); });
      shown_rows = q ? rows.filter(function (r, k) { return texts[k].indexOf(q) >= 0; }) : rows;
      page = 0;
      draw();
    }
    heads.forEach(function (th, i) {
      th.tabIndex = 0;
      th.classList.add("ct-sortable");
      th.title = "Sort by this column";
      function sort() {
        var up = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var keyed = rows.map(function (r, k) { return [key(r[i]), k, r]; });
        keyed.sort(function (a, b) {
          var missing = a[0][0] === 2 || b[0][0] === 2;
          var c = missing || up ? compare(a[0], b[0]) : compare(b[0], a[0]);
          return c || a[1] - b[1];
        });
        rows = keyed.map(function (x) { return x[2]; });
        texts = null;
        filter();
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
    if (rows.length > size) {
      root.querySelector(".ct-bar").hidden = false;
      root.querySelector(".ct-static").hidden = true;
    }
    search.addEventListener("input", filter);
    pick.addEventListener("change", function () {
      size = parseInt(pick.value, 10) || rows.length; page = 0; draw();
    });
    prev.addEventListener("click", function () { page -= 1; draw(); });
    next.addEventListener("click", function () { page += 1; draw(); });
    draw();
    root.setAttribute("data-ready", "1");
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
.ct-table table.ct-grid td.ct-right {text-align: right;}
.ct-table table.ct-grid .ct-num {text-align: right; font-variant-numeric: tabular-nums;
  white-space: nowrap;}
.ct-table table.ct-grid th.ct-sortable {cursor: pointer;}
.ct-table table.ct-grid th[aria-sort=ascending]::after {content: " \\25B2"; font-size: 0.7em;}
.ct-table table.ct-grid th[aria-sort=descending]::after {content: " \\25BC"; font-size: 0.7em;}
.ct-table .ct-bar {display: flex; gap: 0.8em; align-items: center; flex-wrap: wrap;
  font-size: 0.85rem; margin: 0.3em 0;}
.ct-table .ct-bar[hidden], .ct-table .ct-static[hidden] {display: none;}
.ct-table .ct-info {color: #555;}
.ct-table .ct-note {color: #555; font-size: 0.8rem; margin: 0.2em 0;}
details.ct-details {margin: 0.6em 0 1em 0;}
details.ct-details > summary {cursor: pointer; font-weight: 600; color: #1a4e8a;}
"""


@dataclass(frozen=True)
class HTMLBlock:
    """HTML built by this module (already escaped); displays in JupyterLab and nbconvert."""

    html: str = field(repr=False)  # the text form stays short: no copy of the page

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
    align_right: tuple[str, ...] = ()

    def columns(self) -> list[str]:
        """Header names, the index's first when it is shown."""
        frame = self.frame
        return [*([_index_name(frame)] if self.index else []), *map(str, frame.columns)]

    def numeric(self) -> list[bool]:
        """Which columns hold numbers (right-aligned, sorted by value)."""
        frame = self.frame
        return [*([_is_numeric(frame.index)] if self.index else []),
                *(_is_numeric(frame.iloc[:, k]) for k in range(frame.shape[1]))]

    def to_html(self, *, table_id: str | None = None) -> str:
        """The table's HTML: style, controls, header, first page, rows as JSON, script."""
        table_id = table_id or f"ct-table-{uuid.uuid4().hex[:12]}"
        names, numeric = self.columns(), self.numeric()
        rows = table_rows(self)
        key = self.index and bool(numeric) and not numeric[0]
        head = "".join(f'<th scope="col" data-column="{escape_html(name)}"{_num_class(n)}>'
                       f"{_breakable(name)}</th>" for name, n in zip(names, numeric))
        right = [name in self.align_right for name in names]
        first = "".join("<tr>" + "".join(_static_cell(c, n, r, key and k == 0)
                                          for k, (c, n, r) in enumerate(zip(row, numeric, right)))
                        + "</tr>" for row in rows[:self.page_size])
        caption = f"<caption>{escape_html(self.caption)}</caption>" if self.caption else ""
        note = f'<p class="ct-note">{escape_html(self.note)}</p>' if self.note else ""
        more = (f'<p class="ct-note ct-static">First {min(self.page_size, len(rows)):,} of '
                f"{len(rows):,} rows; sorting, searching and the other rows need JavaScript.</p>"
                if len(rows) > self.page_size else "")
        sizes = "".join(f'<option value="{n}"{" selected" if n == self.page_size else ""}>{n}</option>'
                        for n in sorted({10, 25, 100, self.page_size}))
        bar = ('<div class="ct-bar" hidden><label>Search <input type="search" '
               f'aria-controls="{table_id}"></label><label>Rows per page <select>{sizes}'
               '<option value="0">all</option></select></label><button type="button" '
               'class="ct-prev">Previous</button><button type="button" class="ct-next">Next'
               '</button><span class="ct-info"></span></div>')
        data = _json_for_script({"rows": rows, "numeric": numeric, "right": right, "key": key})
        return (f"<style>{_STYLE}</style>"
                f'<div class="ct-table" id="{table_id}" data-page-size="{int(self.page_size)}">'
                f'{bar}<div class="ct-scroll"><table class="ct-grid">{caption}<thead><tr>{head}'
                f"</tr></thead><tbody>{first}</tbody></table></div>{more}{note}"
                f'<script type="application/json" class="ct-data">{data}</script></div>'
                f'<script>{TABLE_SCRIPT}window.ctTable("{table_id}");</script>')

    def _repr_html_(self) -> str:
        return self.to_html()


def interactive_table(frame: pd.DataFrame | pd.Series, *, caption: str = "",
                      page_size: int = 10, formats: Mapping[str, str] | None = None,
                      precision: int = 2, index: bool = True, note: str = "",
                      align_right: tuple[str, ...] | list[str] = ()) -> InteractiveTable:
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
    align_right : sequence of str, default ()
        Text columns to align right (numbers always are), e.g. the left
        context of a concordance.

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
    return InteractiveTable(frame, caption, page_size, fmts, index, note, tuple(align_right))


def table_rows(table: InteractiveTable) -> list[list]:
    """The rows of ``table`` as its script receives them.

    A text cell is its text (``None`` when missing); a number cell is
    ``[shown text, value]`` (value ``None`` when missing, shown text "–").
    """
    frame = table.frame
    columns = [*([frame.index] if table.index else []),
               *(frame.iloc[:, k] for k in range(frame.shape[1]))]
    fmts = [table.formats.get(name) for name in table.columns()]
    cells = [[_cell(v, fmt, n) for v in col]
             for col, fmt, n in zip(columns, fmts, table.numeric())]
    return [list(row) for row in zip(*cells)] if cells else []


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


def _json_for_script(value) -> str:
    """JSON that cannot end the ``<script>`` element it sits in (nor open a comment)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _index_name(frame: pd.DataFrame) -> str:
    names = [n for n in frame.index.names if n is not None]
    return " / ".join(map(str, names)) if names else ""


def _is_numeric(values) -> bool:
    dtype = values.dtype
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _num_class(numeric: bool) -> str:
    return ' class="ct-num"' if numeric else ""


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and math.isnan(value)


def _cell(value, fmt: str | None, numeric: bool):
    if _missing(value):
        return [MISSING, None] if numeric else None
    if numeric and isinstance(value, (numbers.Number, np.number)):
        if isinstance(value, (int, np.integer)):
            number = int(value)
            text = fmt.format(value) if fmt else f"{number:,}"
        else:
            number = float(value)
            text = fmt.format(value) if fmt else str(value)
            if math.isinf(number):
                number = None  # JSON has no infinity: sorts with the missing values
        return [text, number]
    return fmt.format(value) if fmt else _text(value)


def _static_cell(cell, numeric: bool, right: bool, key: bool) -> str:
    text = cell[0] if isinstance(cell, list) else (MISSING if cell is None else cell)
    cls = (' class="ct-num"' if numeric else ' class="ct-right"' if right
           else ' class="ct-key"' if key else "")
    return f"<td{cls}>{escape_html(text)}</td>"


def _breakable(text: str) -> str:
    """Escaped text that may wrap after an underscore (long column names)."""
    return escape_html(text).replace("_", "_<wbr>")


def _text(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(map(str, value))
    return str(value)
