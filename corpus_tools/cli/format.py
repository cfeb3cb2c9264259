"""How a table prints for people: ``--format table`` fitted to the terminal, and ``--columns``.

:func:`render_table` writes a frame as aligned text no wider than the
terminal: numbers rounded per column (integer columns as they are, float
columns to 1-3 decimals by their size, a tiny p-value in scientific
notation), text cut to a width with "…", the key columns first; the columns
that do not fit are named below the table instead of wrapping it. Columns
naming documents or files (:data:`ID_COLUMNS`) are never cut. An empty value
prints as :data:`MISSING` (``-``) in every table, whether it is missing
(``NaN``, ``None``, ``<NA>``) or empty text (``""``: no suggestion, no
original). The width is the terminal's (``COLUMNS`` when set, as
:func:`shutil.get_terminal_size` reads it; 100 when the output is not a
terminal).

:func:`select_columns` applies ``--columns`` (every format) and puts the
key columns first.
"""

from __future__ import annotations

import argparse
import math
import shutil
import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["FALLBACK_WIDTH", "MISSING", "ID_COLUMNS", "PATH_COLUMNS", "terminal_width", "add_columns_argument",
           "select_columns", "format_column", "render_table", "wrap_note"]

FALLBACK_WIDTH = 100
"""Characters per line when the output is not a terminal and ``COLUMNS`` is not set."""
MISSING = "-"
"""How an empty value (missing, or empty text) prints in a table."""
_MIN_TEXT = 12  # a text column is never cut below this many characters to fit the width
ID_COLUMNS = ("doc_id", "doc_a", "doc_b", "original", "rewritten", "family_original", "target")
"""Columns that name documents: never cut, so an id can be copied from the table."""
PATH_COLUMNS = ("source", "path")
"""Columns holding file paths: when cut, cut at the start ("…/news/bin.txt"), keeping the
file name."""
_GAP = "  "


def terminal_width() -> int:
    """The terminal's width in characters (``COLUMNS`` first; :data:`FALLBACK_WIDTH` if none)."""
    return max(20, shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns)


def wrap_note(text: str, *, width: int | None = None) -> str:
    """A line of prose below a table, wrapped to ``width`` (default :func:`terminal_width`).

    Words are never split, so a document id longer than the width stays whole
    on a line of its own.

    >>> print(wrap_note("3 documents: 1 rewrite shown; 187 copies not shown", width=30))
    3 documents: 1 rewrite shown;
    187 copies not shown
    """
    width = terminal_width() if width is None else width
    return textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=False)


def _column_list(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not names:
        raise argparse.ArgumentTypeError(f"{value!r}: expected column names, e.g. doc_id,term")
    return names


def add_columns_argument(parser: argparse.ArgumentParser) -> None:
    """``--columns A,B,...``: which columns to print, in that order (every format)."""
    parser.add_argument("--columns", type=_column_list, metavar="A,B,...",
                        help="print only these columns, in this order (any format; the table "
                             "format shows the key columns first and names those that do not "
                             "fit the terminal)")


def select_columns(frame: pd.DataFrame, columns: Sequence[str] | None = None, *,
                   first: Sequence[str] = ()) -> pd.DataFrame:
    """The columns of ``frame`` to print: ``columns`` if given, else ``first`` then the rest.

    Parameters
    ----------
    frame : pandas.DataFrame
        Not modified.
    columns : sequence of str, optional
        ``--columns``: exactly these, in this order. The index name (``doc_id``
        of a per-document table) may be named too: the index always prints.
    first : sequence of str
        Key columns to put first when ``columns`` is not given (those the
        frame lacks are skipped).

    Raises
    ------
    ValueError
        A name of ``columns`` is not a column; the message lists the columns.
    """
    if columns:
        index_names = {n for n in frame.index.names if n is not None}
        unknown = [c for c in columns if c not in frame.columns and c not in index_names]
        if unknown:
            raise ValueError(f"--columns: no column {', '.join(map(repr, unknown))}; the "
                             f"columns are {', '.join(map(str, frame.columns))}")
        return frame[[c for c in columns if c in frame.columns]]
    ordered = [c for c in first if c in frame.columns]
    return frame[ordered + [c for c in frame.columns if c not in set(ordered)]]


def _float_cells(values: np.ndarray) -> list[str]:
    # A float column is a measure (counts are integer columns): 1-3 decimals by its size,
    # so 1.0 prints as 1.00, never as if it were a count.
    finite = values[np.isfinite(values)]
    top = np.abs(finite).max() if finite.size else 0.0
    decimals = 1 if top >= 100 else 2 if top >= 1 else 3
    smallest = 0.5 * 10.0 ** -decimals
    cells = []
    for v in values.tolist():
        if math.isnan(v):
            cells.append(MISSING)
        elif math.isinf(v):
            cells.append("inf" if v > 0 else "-inf")
        elif v != 0 and abs(v) < smallest:
            cells.append(f"{v:.1e}")  # a tiny p-value is not 0.000
        else:
            cells.append(f"{v:.{decimals}f}")
    return cells


def format_column(series: pd.Series) -> tuple[list[str], bool]:
    """The cells of one column as text, and whether they are numbers (right-aligned).

    Integers print as they are, floats rounded by :func:`render_table`'s rule,
    booleans as ``True``/``False``, text with line breaks as spaces; a missing
    value and empty text are :data:`MISSING`.

    Examples
    --------
    >>> format_column(pd.Series([59, 21]))
    (['59', '21'], True)
    >>> format_column(pd.Series([1.0, 0.5, float("nan")]))
    (['1.00', '0.50', '-'], True)
    >>> format_column(pd.Series([0.123456, 0.5, 2e-9]))
    (['0.123', '0.500', '2.0e-09'], True)
    >>> format_column(pd.Series(["is", "", None]))
    (['is', '-', '-'], False)
    """
    missing = series.isna().to_numpy()
    if pd.api.types.is_bool_dtype(series.dtype):
        return [MISSING if m else str(bool(v)) for v, m in zip(series.tolist(), missing)], False
    if pd.api.types.is_integer_dtype(series.dtype):
        return [MISSING if m else str(int(v)) for v, m in zip(series.tolist(), missing)], True
    if pd.api.types.is_float_dtype(series.dtype):
        return _float_cells(series.to_numpy(dtype=float, na_value=np.nan)), True
    return [MISSING if m or v == "" else " ".join(str(v).split())
            if "\n" in str(v) or "\t" in str(v) else str(v)
            for v, m in zip(series.tolist(), missing)], False


def _cut(cell: str, width: int, *, keep_end: bool = False) -> str:
    if len(cell) <= width:
        return cell
    if keep_end:
        return "…" + cell[len(cell) - max(width - 1, 0):]
    return cell[:max(width - 1, 0)] + "…"


def render_table(frame: pd.DataFrame, *, index: bool = True, width: int | None = None,
                 max_colwidth: int = 40, whole: Sequence[str] = ID_COLUMNS) -> str:
    """``frame`` as aligned text at most ``width`` characters wide.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows to print, columns in the order to show them (see
        :func:`select_columns`). Not modified.
    index : bool, default True
        Print the index as the first column (headed by its name, e.g. ``doc_id``).
    width : int, optional
        Line width; default :func:`terminal_width`.
    max_colwidth : int, default 40
        Longest text cell; longer ones end in "…".
    whole : sequence of str, default :data:`ID_COLUMNS`
        Columns never cut (identifiers); nor is the index. Paths
        (:data:`PATH_COLUMNS`) are cut at their start.

    Returns
    -------
    str
        The table, ending in a newline; ``"(no rows)\\n"`` for an empty frame.

    Notes
    -----
    Columns print in order, each as wide as its longest cell, while they fit
    ``width``; the first that does not fit is cut to the space left when it
    is text (12 characters at least) and the rest are left out, named in a
    line below the table. The index and the first column always print.
    """
    if frame.empty:
        return "(no rows)\n"
    width = terminal_width() if width is None else width
    columns: list[tuple[str, list[str], bool, bool]] = []  # header, cells, numeric, cuttable
    if index:
        for level, name in enumerate(frame.index.names):
            cells, numeric = format_column(pd.Series(frame.index.get_level_values(level)))
            columns.append(("" if name is None else str(name), cells, numeric, False))
    for name in frame.columns:
        cells, numeric = format_column(frame[name])
        columns.append((str(name), cells, numeric, not numeric and name not in whole))
    natural = [max(len(h), *(len(c) for c in cells)) for h, cells, _, _ in columns]
    natural = [min(w, max(max_colwidth, len(h))) if cut else w
               for w, (h, _, _, cut) in zip(natural, columns)]
    n_fixed = (frame.index.nlevels if index else 0) + 1  # always shown
    widths: list[int] = []
    used = -len(_GAP)
    for i, (header, _, _, cut) in enumerate(columns):
        room = width - used - len(_GAP)
        if natural[i] <= room:
            widths.append(natural[i])
        elif i < n_fixed:  # always shown: cut to the room left if text, whole otherwise
            widths.append(max(room, _MIN_TEXT, len(header)) if cut else natural[i])
        elif cut and room >= max(_MIN_TEXT, len(header)):
            widths.append(room)  # the first text column that does not fit takes what is left
            break
        else:
            break
        used += len(_GAP) + widths[-1]
    keep = len(widths)
    shown = columns[:keep]
    lines = [_GAP.join(h.rjust(w) if numeric else h.ljust(w)
                       for (h, _, numeric, _), w in zip(shown, widths)).rstrip()]
    for row in range(len(frame)):
        lines.append(_GAP.join(
            cells[row].rjust(w) if numeric
            else _cut(cells[row], w, keep_end=h in PATH_COLUMNS).ljust(w)
            for (h, cells, numeric, _), w in zip(shown, widths)).rstrip())
    if keep < len(columns):
        hidden = [h for h, _, _, _ in columns[keep:]]
        names = ", ".join(hidden[:8]) + (", ..." if len(hidden) > 8 else "")
        lines.append(wrap_note(f"({len(hidden)} more column{'s' if len(hidden) > 1 else ''} "
                               f"not shown in {width} characters: {names}; --columns chooses, "
                               f"--format csv prints all)", width=width))
    return "\n".join(lines) + "\n"
