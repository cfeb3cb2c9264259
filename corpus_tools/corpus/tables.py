"""Documents from a table: CSV, TSV, JSON Lines, Parquet; one row per document.

Rows are read one at a time, so a bad row (a field too many, a line that is
not JSON, a quote never closed) is listed with its line number and the good
rows still load. The text column is guessed from common names, a ``title``
column gives the titles, and every other column is kept as a column of the
corpus. Cells that are not text are decoded (bytes) or listed (lists,
numbers...), never turned into their Python ``repr``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import NamedTuple

from .decode import decode_bytes, normalise_newlines, repair_and_log
from .document import Doc
from .files import read_regular_file
from .options import TABLE_SUFFIXES, LoadOptions
from .problems import CorpusError, ProblemLog

__all__ = ["read_table", "TEXT_COLUMN_GUESSES", "ID_COLUMN_GUESSES", "URL_COLUMN_GUESSES",
           "TITLE_COLUMN_GUESSES", "RESERVED_COLUMNS"]

TEXT_COLUMN_GUESSES = ("text", "content", "body", "article", "document", "full_text", "story")
ID_COLUMN_GUESSES = ("doc_id", "id", "docid", "document_id", "article_id", "filename", "file",
                     "name", "key")
URL_COLUMN_GUESSES = ("url", "link", "permalink", "uri", "source_url")
TITLE_COLUMN_GUESSES = ("title", "headline", "heading")
METADATA_NAMES = frozenset({*TITLE_COLUMN_GUESSES, *URL_COLUMN_GUESSES, "date", "published",
                            "author", "byline", "section", "category", "source", "language"})
RESERVED_COLUMNS = frozenset({"doc_id", "title", "text", "path", "n_chars", "n_words",
                              "n_sentences", "encoding", "language", "flags"})
"""Columns the corpus defines; a table column of one of these names is kept as ``meta_<name>``."""


class Table(NamedTuple):
    """A table read row by row: its columns (name -> values) and, per row, where it is."""

    columns: dict[str, list]
    where: list[str]
    encoding: str
    fallback: bool


def _csv_field_limit(size: int):
    """A context that lets the csv module read cells as long as the file."""
    class _Limit:
        def __enter__(self):
            self.old = csv.field_size_limit()
            csv.field_size_limit(max(self.old, size + 1))

        def __exit__(self, *exc):
            csv.field_size_limit(self.old)

    return _Limit()


def _read_csv(text: str, *, where: str, delimiter: str, log: ProblemLog) -> tuple[list, list]:
    """Header and ``(line, fields)`` rows; bad rows go to ``log``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    prev_line = 0
    header: list[str] | None = None
    with _csv_field_limit(len(text)):
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                log.skipped(f"{where}:line {prev_line + 1}", "unreadable row", str(exc))
                prev_line = reader.line_num
                continue
            first, prev_line = prev_line + 1, reader.line_num
            if not fields:  # a blank line holds no row
                continue
            if header is None:
                header = fields
                continue
            records.append((first, prev_line, fields))
    if header is None:
        return [], []
    if records:  # a quote never closed swallows the rest of the file into one cell
        first, last, fields = records[-1]
        if last > first and _unclosed_quote(text, first):
            log.skipped(f"{where}:line {first}", "quote never closed",
                        f"a quote opened on line {first} is not closed, so lines {first}-{last} "
                        f"(the rest of the file) would be one cell; close the quote")
            records.pop()
    n = len(header)
    rows = []
    for first, _, fields in records:
        if len(fields) != n:
            sep = "comma" if delimiter == "," else "tab"
            log.skipped(f"{where}:line {first}", "wrong number of fields",
                        f"{len(fields)} fields, the header has {n}: an unquoted {sep} in a cell? "
                        f"quote the cells that contain one")
            continue
        rows.append((f"{where}:line {first}", fields))
    return header, rows


def _unclosed_quote(text: str, first_line: int) -> bool:
    """Whether the record starting on ``first_line`` runs to the end inside a quote."""
    pos = 0
    for _ in range(first_line - 1):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return False
    return text.count('"', pos) % 2 == 1


def _read_jsonl(text: str, *, where: str, log: ProblemLog) -> tuple[list, list]:
    header: dict[str, None] = {}
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            log.skipped(f"{where}:line {number}", "not valid JSON",
                        f"{exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            log.skipped(f"{where}:line {number}", "not a JSON object",
                        f"the line holds a {type(record).__name__}; each line must be an object "
                        f"such as {{\"id\": ..., \"text\": ...}}")
            continue
        for key in record:
            header.setdefault(str(key), None)
        rows.append((f"{where}:line {number}", {str(k): v for k, v in record.items()}))
    names = list(header)
    return names, [(w, [r.get(c) for c in names]) for w, r in rows]


def _read_parquet(raw: bytes, *, where: str) -> tuple[list, list]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(raw))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise CorpusError(f"{where}: cannot read as Parquet: {exc}") from exc
    names = [str(c) for c in table.column_names]
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    rows = [(f"{where}:row {i + 1}", [col[i] for col in columns]) for i in range(table.num_rows)]
    return names, rows


def _table(path: str, where: str, options: LoadOptions, log: ProblemLog) -> Table | None:
    kind = TABLE_SUFFIXES[_suffix(where)]
    read = read_regular_file(path, options.max_bytes)
    if read.data is None:
        log.skipped(where, read.problem, read.detail)
        return None
    if kind == "parquet":
        names, rows = _read_parquet(read.data, where=where)
        encoding, fallback = "utf-8", False
    else:
        decoded = decode_bytes(read.data, encoding=options.encoding,
                               fallback=options.fallback_encoding, nul_is_binary=False)
        if decoded.text is None:
            log.skipped(where, decoded.problem, decoded.detail)
            return None
        if decoded.fallback_detail:
            log.loaded(where, "", f"not valid {options.encoding}",
                       f"{decoded.fallback_detail}; every row is flagged 'fallback_encoding'")
        encoding, fallback = decoded.encoding, bool(decoded.fallback_detail)
        if kind == "jsonl":
            names, rows = _read_jsonl(decoded.text, where=where, log=log)
        else:
            names, rows = _read_csv(decoded.text, where=where, log=log,
                                    delimiter="," if kind == "csv" else "\t")
    names = _unique_names(names, where, log)
    if not names:
        log.skipped(where, "empty table", "no header and no rows")
        return None
    if not rows:
        log.skipped(where, "no rows", f"the table has a header ({', '.join(names)}) but no "
                                      f"data rows")
        return None
    columns = {name: [r[i] for _, r in rows] for i, name in enumerate(names)}
    return Table(columns, [w for w, _ in rows], encoding, fallback)


def _suffix(name: str) -> str:
    low = name.lower()
    return next(s for s in TABLE_SUFFIXES if low.endswith(s))


def _unique_names(names: list[str], where: str, log: ProblemLog) -> list[str]:
    out: list[str] = []
    for i, name in enumerate(names):
        new = name.strip() or f"column_{i + 1}"
        k = 1
        while new in out:
            k += 1
            new = f"{name.strip() or f'column_{i + 1}'}.{k}"
        if new != name:
            log.loaded(where, "", "column renamed",
                       f"column {i + 1} {name!r} is read as {new!r} (blank or repeated name)")
        out.append(new)
    return out


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return False


def _blank(value) -> bool:
    return _missing(value) or (isinstance(value, (str, bytes)) and not value.strip())


def _pick_text_column(where, columns, text_column):
    names = list(columns)
    if text_column is not None:
        if text_column not in columns:
            raise CorpusError(f"{where}: no column '{text_column}' (columns: {', '.join(names)})")
        return text_column
    lower = {c.lower(): c for c in names}
    for guess in TEXT_COLUMN_GUESSES:
        if guess in lower:
            return lower[guess]
    not_text = set(ID_COLUMN_GUESSES) | METADATA_NAMES
    stringy = [c for c in names if c.lower() not in not_text
               and sum(isinstance(v, (str, bytes)) for v in columns[c]) > len(columns[c]) / 2]
    if len(stringy) == 1:
        return stringy[0]
    raise CorpusError(f"{where}: cannot tell which column holds the text (columns: "
                      f"{', '.join(names) or 'none'}); pass text_column= (--text-column)")


def _unique(values: list) -> bool:
    seen = set()
    for v in values:
        if _blank(v) or not isinstance(v, (str, int)):
            return False
        key = _id_str(v)
        if key in seen:
            return False
        seen.add(key)
    return True


def _pick_id_column(where, columns, id_column, text_col):
    if id_column is not None:
        if id_column not in columns:
            raise CorpusError(f"{where}: no id column '{id_column}' (columns: "
                              f"{', '.join(columns)})")
        return id_column
    lower = {c.lower(): c for c in columns if c != text_col}
    ids = [lower[g] for g in ID_COLUMN_GUESSES if g in lower]
    urls = [lower[g] for g in URL_COLUMN_GUESSES if g in lower]
    for c in ids + urls:  # the first id-like column whose values are unique
        if _unique(columns[c]):
            return c
    return ids[0] if ids else None  # duplicates are renamed and flagged


def _pick_title_column(where, columns, title_column, taken):
    if title_column is not None:
        if title_column not in columns:
            raise CorpusError(f"{where}: no title column '{title_column}' (columns: "
                              f"{', '.join(columns)})")
        return title_column
    lower = {c.lower(): c for c in columns if c not in taken}
    return next((lower[g] for g in TITLE_COLUMN_GUESSES if g in lower), None)


def _id_str(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace").strip()
    return str(value).strip()


def _text_of(value, options: LoadOptions):
    """``(text, flag, problem)``: a cell as text, or why it is not text."""
    if isinstance(value, str):
        return value, "", None
    if isinstance(value, (bytes, bytearray, memoryview)):
        decoded = decode_bytes(bytes(value), encoding=options.encoding,
                               fallback=options.fallback_encoding)
        if decoded.text is None:
            return None, "", (decoded.problem, decoded.detail)
        return decoded.text, "decoded_bytes", None
    kind = type(value).__name__
    sample = repr(value)
    sample = sample if len(sample) <= 40 else sample[:37] + "..."
    return None, "", ("text is not a string",
                      f"the text cell holds a {kind} ({sample}); a document's text must be a "
                      f"string (or UTF-8 bytes)")


def read_table(path: str, where: str, options: LoadOptions, log: ProblemLog) -> list[Doc]:
    """The documents of one table file (see the module docstring).

    Raises
    ------
    CorpusError
        No column can be taken for the text, or a column named in
        ``options`` does not exist.
    """
    table = _table(path, where, options, log)
    if table is None:
        return []
    columns = table.columns
    text_col = _pick_text_column(where, columns, options.text_column)
    id_col = _pick_id_column(where, columns, options.id_column, text_col)
    title_col = _pick_title_column(where, columns, options.title_column, {text_col, id_col})
    meta_cols = [c for c in columns if c not in (text_col, id_col, title_col)]
    meta_names = {}
    for c in meta_cols:
        name = f"meta_{c}" if c in RESERVED_COLUMNS else c
        while name in RESERVED_COLUMNS or name in meta_names.values():
            name = f"meta_{name}"
        if name != c:
            log.loaded(where, "", "column renamed",
                       f"column '{c}' is kept as '{name}': the corpus defines '{c}'")
        meta_names[c] = name
    n_rows = len(table.where)
    width = len(str(n_rows))
    base_flags = ("fallback_encoding",) if table.fallback else ()
    docs = []
    for i in range(n_rows):
        where_row = table.where[i]
        flags = base_flags
        raw_id = columns[id_col][i] if id_col else None
        if id_col is None:
            doc_id = f"row{i + 1:0{width}d}"
        elif _blank(raw_id) or not isinstance(raw_id, (str, int, float, bytes)):
            doc_id = f"row{i + 1}"
            flags += ("missing_id",)
            log.loaded(where_row, doc_id, f"missing id in column '{id_col}'",
                       f"given doc_id '{doc_id}'; flagged 'missing_id'")
        else:
            doc_id = _id_str(raw_id)
        value = columns[text_col][i]
        if _missing(value):
            log.skipped(where_row, f"missing text in column '{text_col}'", "the cell is empty/null",
                        doc_id=doc_id)
            continue
        text, flag, problem = _text_of(value, options)
        if problem is not None:
            log.skipped(where_row, problem[0], problem[1], doc_id=doc_id)
            continue
        if flag:
            flags += (flag,)
            log.loaded(where_row, doc_id, "text cell holds bytes",
                       "decoded as text; flagged 'decoded_bytes'")
        title = None
        if title_col is not None:
            raw_title = columns[title_col][i]
            if isinstance(raw_title, str) and raw_title.strip():
                title = " ".join(raw_title.split())
            elif isinstance(raw_title, bytes) and raw_title.strip():
                title = " ".join(raw_title.decode("utf-8", "replace").split())
        meta = tuple((meta_names[c], columns[c][i]) for c in meta_cols)
        text = normalise_newlines(text)
        if options.fix_text:
            text, flags = repair_and_log(text, flags, log, where_row, doc_id)
        docs.append(Doc(doc_id, text, where_row, table.encoding, flags, title, meta))
    return docs

