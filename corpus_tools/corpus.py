"""What is in the corpus? Loading documents into a DataFrame.

:func:`load_corpus` reads a folder of text files, a single text file, or a
table (CSV, TSV, JSON Lines, Parquet) into one DataFrame with one row per
document. Problems with individual inputs never stop the load: each input
ends up either in the result (possibly flagged) or in the *problems* table
with the reason it was skipped. :func:`problems` returns that table.
"""

from __future__ import annotations

import math
import os
import re
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
import pandas as pd

from .segment import count_words, sentence_spans

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "load_corpus",
    "problems",
    "corpus_from_texts",
    "check_corpus",
    "CORPUS_COLUMNS",
    "PROBLEM_COLUMNS",
]

CORPUS_COLUMNS = ["title", "text", "path", "n_chars", "n_words", "n_sentences",
                  "encoding", "flags"]
PROBLEM_COLUMNS = ["source", "doc_id", "problem", "action", "detail"]

TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
                  ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
TEXT_COLUMN_GUESSES = ("text", "content", "body", "article", "document", "full_text",
                       "story")
ID_COLUMN_GUESSES = ("doc_id", "id", "docid", "document_id", "article_id", "filename",
                     "file", "name", "key")
_MAX_TITLE_CHARS = 200


class CorpusError(ValueError):
    """A corpus cannot be loaded; the message names the path or column."""


class CorpusWarning(UserWarning):
    """Some inputs were skipped or flagged while loading a corpus."""


@dataclass(frozen=True)
class _Doc:
    doc_id: str
    text: str
    path: str
    encoding: str
    flags: tuple[str, ...] = ()


def load_corpus(
    source: str | Path,
    *,
    pattern: str = "*.txt",
    recursive: bool = False,
    text_column: str | None = None,
    id_column: str | None = None,
    encoding: str = "utf-8",
    fallback_encoding: str | None = "cp1252",
    strict: bool = False,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Load a corpus into a DataFrame, one row per document.

    Parameters
    ----------
    source : str or Path
        A folder of text files, a single text file, or a table file
        (``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, ``.parquet``).
    pattern : str, default ``"*.txt"``
        Glob pattern for the files of a folder.
    recursive : bool, default False
        Also look in sub-folders. Documents found there get the relative path
        without suffix as ``doc_id`` (``"business/001"``), so equal file names
        in different folders stay distinct.
    text_column, id_column : str, optional
        For tables: the column with the text and the column with document
        ids. When omitted, the text column is guessed from common names
        (``text``, ``content``, ``body``, ...) or, failing that, is the only
        column of strings; the id column from ``doc_id``, ``id``, ... or, when
        none exists, the row number.
    encoding : str, default ``"utf-8"``
        Encoding of text files. A UTF-8 byte-order mark is removed; a UTF-16
        byte-order mark switches to UTF-16.
    fallback_encoding : str or None, default ``"cp1252"``
        Tried when a file is not valid in ``encoding`` (legacy Windows
        single-byte files). The document is loaded, its ``encoding`` column
        says which was used and its ``flags`` contain ``"fallback_encoding"``.
        ``None`` skips such files instead.
    strict : bool, default False
        Raise :class:`CorpusError` on the first problem instead of flagging or
        skipping.
    n_jobs : int or None, default None
        Processes used to count words and sentences of large corpora (over
        two million characters); ``None`` uses every core, ``1`` stays in
        this process.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (str), sorted. Columns: ``title`` (the first line
        when it is followed by a blank line, is at most 200 characters and
        does not end with a period; else ``""``), ``text`` (the document as
        read, with ``\\r\\n`` and ``\\r`` newlines normalised to ``\\n``; all
        offsets reported by corpus-tools index into this string), ``path``,
        ``n_chars``, ``n_words``, ``n_sentences`` (counted with
        :mod:`corpus_tools.segment`), ``encoding`` and ``flags`` (a
        ``;``-separated list: ``empty``, ``fallback_encoding``,
        ``duplicate_id``, ``missing_id``; ``""`` when clean). Skipped inputs are
        listed by :func:`problems` and named in one :class:`CorpusWarning`.

    Raises
    ------
    CorpusError
        The source does not exist, a folder has no file matching ``pattern``,
        a table has no usable text column, or any problem when ``strict``.

    Notes
    -----
    Problems and what happens to the input:

    ============================  ==========================================
    empty or blank file / cell    loaded, flag ``empty``
    not valid UTF-8               loaded via ``fallback_encoding``, flagged;
                                  skipped when that fails too or is ``None``
    binary file (NUL bytes)       skipped
    unreadable file               skipped (the OS error is the detail)
    duplicate ``doc_id``          loaded as ``id#2``, ``id#3``..., flagged
    missing text in a table row   skipped
    missing id in a table row     loaded as ``row<N>``, flag ``missing_id``
    ============================  ==========================================

    Examples
    --------
    >>> corpus = load_corpus("data")                      # doctest: +SKIP
    >>> corpus[["title", "n_words", "n_sentences"]]       # doctest: +SKIP
    """
    src = Path(source)
    if not src.exists():
        raise CorpusError(f"{src}: no such file or folder (looked for a folder of "
                          f"'{pattern}' files, a text file or a table file)")
    issues: list[dict] = []
    if src.is_dir():
        docs = _read_folder(src, pattern=pattern, recursive=recursive, encoding=encoding,
                            fallback=fallback_encoding, issues=issues)
    elif src.suffix.lower() in TABLE_SUFFIXES:
        docs = _read_table(src, text_column=text_column, id_column=id_column,
                           issues=issues)
    else:
        docs = []
        doc = _read_text_file(src, src.stem, encoding=encoding, fallback=fallback_encoding,
                              issues=issues)
        if doc is not None:
            docs.append(doc)
    docs = _dedupe_ids(docs, issues)
    for d in docs:
        if not d.text.strip():
            issues.append(_issue(d.path, d.doc_id, "empty document", "loaded",
                                 "flagged 'empty'; analyses give NaN or no rows for it"))
    if strict and issues:
        first = issues[0]
        raise CorpusError(f"{first['source']}: {first['problem']} ({first['detail']}); "
                          f"strict=True turns every problem into an error")
    frame = _frame(docs, n_jobs)
    frame.attrs["source"] = str(src)
    frame.attrs["problems"] = issues
    skipped = [i for i in issues if i["action"] == "skipped"]
    if skipped:
        names = ", ".join(f"{i['source']} ({i['problem']})" for i in skipped[:10])
        more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        warnings.warn(f"skipped {len(skipped)} input(s) of {src}: {names}{more}; "
                      f"see corpus_tools.problems(corpus)", CorpusWarning, stacklevel=2)
    return frame


def corpus_from_texts(texts: dict[str, str] | pd.Series, *, source: str = "<memory>"
                      ) -> pd.DataFrame:
    """Build a corpus frame from in-memory texts (``{doc_id: text}``).

    The result has the same columns as :func:`load_corpus`; ``path`` is
    ``source``. Useful in tests and notebooks.
    """
    items = texts.items()
    docs = [_Doc(str(k), _normalise_newlines(str(v)), source, "str") for k, v in items]
    issues: list[dict] = []
    docs = _dedupe_ids(docs, issues)
    frame = _frame(docs)
    frame.attrs["source"] = source
    frame.attrs["problems"] = issues
    return frame


def problems(corpus: pd.DataFrame) -> pd.DataFrame:
    """The inputs that were skipped or flagged when ``corpus`` was loaded.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A frame returned by :func:`load_corpus`.

    Returns
    -------
    pandas.DataFrame
        Columns ``source`` (file, or ``file:row N`` for tables), ``doc_id``
        (``""`` when none was assigned), ``problem``, ``action``
        (``"skipped"`` or ``"loaded"``) and ``detail``. Empty when every input
        loaded cleanly.
    """
    return pd.DataFrame(corpus.attrs.get("problems", []), columns=PROBLEM_COLUMNS)


# --- reading ----------------------------------------------------------------

def _issue(source, doc_id, problem, action, detail) -> dict:
    return {"source": str(source), "doc_id": doc_id or "", "problem": problem,
            "action": action, "detail": detail}


def _read_folder(folder: Path, *, pattern, recursive, encoding, fallback, issues):
    paths = sorted(folder.rglob(pattern) if recursive else folder.glob(pattern))
    files = [p for p in paths if not p.is_dir()]
    for p in paths:
        if p.is_dir():
            issues.append(_issue(p, "", "is a folder", "skipped",
                                 f"matches '{pattern}' but is a folder"))
    if not files:
        where = "in or below" if recursive else "in"
        hint = "" if recursive else " (recursive=True, --recursive, also searches sub-folders)"
        raise CorpusError(f"{folder}: no files matching '{pattern}' {where} this folder{hint}")
    docs = []
    for p in files:
        rel = p.relative_to(folder).with_suffix("")
        doc_id = rel.as_posix()
        doc = _read_text_file(p, doc_id, encoding=encoding, fallback=fallback, issues=issues)
        if doc is not None:
            docs.append(doc)
    return docs


def _read_text_file(path: Path, doc_id: str, *, encoding, fallback, issues):
    try:
        raw = path.read_bytes()
    except OSError as exc:
        issues.append(_issue(path, doc_id, "unreadable file", "skipped",
                             exc.strerror or str(exc)))
        return None
    text, used, flags, why = _decode(raw, encoding=encoding, fallback=fallback)
    if text is None:
        issues.append(_issue(path, doc_id, why[0], "skipped", why[1]))
        return None
    if "fallback_encoding" in flags:
        issues.append(_issue(path, doc_id, f"not valid {encoding}", "loaded",
                             f"decoded as {used}; flagged 'fallback_encoding'"))
    return _Doc(doc_id, text, str(path), used, flags)


def _decode(raw: bytes, *, encoding, fallback):
    """Return (text, encoding used, flags, (problem, detail) if undecodable)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, encoding = raw[3:], "utf-8-sig"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in raw[:8192]:
        return None, None, (), ("binary file", "contains NUL bytes; not a text file")
    try:
        text = raw.decode("utf-8" if encoding == "utf-8-sig" else encoding)
        flags: tuple[str, ...] = ()
        used = encoding
    except UnicodeDecodeError as exc:
        detail = f"invalid {encoding} byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        if fallback is None:
            return None, None, (), (f"not valid {encoding}", detail + "; no fallback_encoding")
        try:
            text = raw.decode(fallback)
        except UnicodeDecodeError as exc2:
            return None, None, (), ("cannot be decoded",
                                    f"{detail}; also invalid {fallback} (byte "
                                    f"0x{raw[exc2.start]:02x} at offset {exc2.start})")
        flags, used = ("fallback_encoding",), fallback
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text):
        return None, None, (), ("binary file", "mostly control characters; not a text file")
    return _normalise_newlines(text), used, flags, None


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return bool(sample) and len(_CONTROL_RE.findall(sample)) / len(sample) > 0.05


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _read_table(path: Path, *, text_column, id_column, issues):
    kind = TABLE_SUFFIXES[path.suffix.lower()]
    try:
        if kind in ("csv", "tsv"):
            table = pd.read_csv(path, sep="," if kind == "csv" else "\t", dtype=str,
                                keep_default_na=False, na_values=[], encoding="utf-8-sig")
        elif kind == "jsonl":
            table = pd.read_json(path, lines=True, dtype=False)
        else:
            table = pd.read_parquet(path)
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise CorpusError(f"{path}: cannot read as {kind.upper()}: {exc}") from exc
    columns = [str(c) for c in table.columns]
    table.columns = columns
    text_col = _pick_text_column(path, table, text_column)
    id_col = _pick_id_column(path, table, id_column, text_col)
    docs = []
    for row_no, (text, raw_id) in enumerate(zip(table[text_col].tolist(),
                                                table[id_col].tolist() if id_col else
                                                [None] * len(table)), start=1):
        where = f"{path}:row {row_no}"
        flags: tuple[str, ...] = ()
        if id_col is None:
            doc_id = f"row{row_no:0{len(str(len(table)))}d}"
        elif _missing(raw_id):
            doc_id = f"row{row_no}"
            flags = ("missing_id",)
            issues.append(_issue(where, doc_id, f"missing id in column '{id_col}'",
                                 "loaded", f"given doc_id '{doc_id}'"))
        else:
            doc_id = _id_str(raw_id)
        if _missing(text):
            issues.append(_issue(where, doc_id, f"missing text in column '{text_col}'",
                                 "skipped", "the cell is empty/null"))
            continue
        if not isinstance(text, str):
            text = str(text)
        docs.append(_Doc(doc_id, _normalise_newlines(text), where, "table", flags))
    return docs


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NA or value is pd.NaT


def _id_str(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _pick_text_column(path, table, text_column):
    columns = list(table.columns)
    if text_column is not None:
        if text_column not in columns:
            raise CorpusError(f"{path}: no column '{text_column}' (columns: "
                              f"{', '.join(columns)})")
        return text_column
    lower = {c.lower(): c for c in columns}
    for guess in TEXT_COLUMN_GUESSES:
        if guess in lower:
            return lower[guess]
    stringy = [c for c in columns if table[c].map(lambda v: isinstance(v, str)).mean() > 0.5
               and c.lower() not in ID_COLUMN_GUESSES]
    if len(stringy) == 1:
        return stringy[0]
    raise CorpusError(f"{path}: cannot tell which column holds the text (columns: "
                      f"{', '.join(columns) or 'none'}); pass text_column= (--text-column)")


def _pick_id_column(path, table, id_column, text_col):
    if id_column is not None:
        if id_column not in table.columns:
            raise CorpusError(f"{path}: no id column '{id_column}' (columns: "
                              f"{', '.join(table.columns)})")
        return id_column
    lower = {c.lower(): c for c in table.columns if c != text_col}
    for guess in ID_COLUMN_GUESSES:
        if guess in lower:
            return lower[guess]
    return None


def _dedupe_ids(docs: list[_Doc], issues: list[dict]) -> list[_Doc]:
    seen: dict[str, int] = {}
    taken = {d.doc_id for d in docs}
    out = []
    for d in docs:
        if d.doc_id not in seen:
            seen[d.doc_id] = 1
            out.append(d)
            continue
        n = seen[d.doc_id]
        new = d.doc_id
        while new in taken:
            n += 1
            new = f"{d.doc_id}#{n}"
        seen[d.doc_id] = n
        taken.add(new)
        issues.append(_issue(d.path, new, f"duplicate doc_id '{d.doc_id}'", "loaded",
                             f"renamed to '{new}'; flagged 'duplicate_id'"))
        out.append(_Doc(new, d.text, d.path, d.encoding, d.flags + ("duplicate_id",)))
    return out


def _title(text: str) -> str:
    head, sep, rest = text.partition("\n")
    head = head.strip()
    if not sep or not head or len(head) > _MAX_TITLE_CHARS or head.endswith("."):
        return ""
    nxt, _, _ = rest.partition("\n")
    return head if not nxt.strip() and rest.strip() else ""


_PARALLEL_MIN_CHARS = 2_000_000


def _count(texts: list[str]) -> list[tuple[int, int]]:
    return [(count_words(t), len(sentence_spans(t))) for t in texts]


def _count_all(texts: list[str], n_jobs: int | None) -> list[tuple[int, int]]:
    """Word and sentence counts, on several processes for large corpora."""
    jobs = (os.cpu_count() or 1) if n_jobs is None else n_jobs
    if jobs <= 1 or len(texts) < 2 * jobs or sum(map(len, texts)) < _PARALLEL_MIN_CHARS:
        return _count(texts)
    size = -(-len(texts) // (jobs * 4))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return [c for part in pool.map(_count, chunks) for c in part]
    except (OSError, RuntimeError):  # no process support here: count serially
        return _count(texts)


def _frame(docs: list[_Doc], n_jobs: int | None = 1) -> pd.DataFrame:
    counts = _count_all([d.text for d in docs], n_jobs)
    rows = []
    for d, (n_words, n_sentences) in zip(docs, counts):
        flags = d.flags + (("empty",) if not d.text.strip() else ())
        rows.append({
            "doc_id": d.doc_id, "title": _title(d.text), "text": d.text, "path": d.path,
            "n_chars": len(d.text), "n_words": n_words, "n_sentences": n_sentences,
            "encoding": d.encoding, "flags": ";".join(flags),
        })
    frame = pd.DataFrame(rows, columns=["doc_id", *CORPUS_COLUMNS])
    frame = frame.astype({"n_chars": "int64", "n_words": "int64", "n_sentences": "int64"})
    frame = frame.set_index("doc_id").sort_index(kind="stable")
    return frame


def check_corpus(corpus: pd.DataFrame, *, caller: str = "this function") -> None:
    """Raise :class:`CorpusError` unless ``corpus`` looks like a corpus frame.

    Analyses call this first so that a wrong argument gets a message that
    names the missing column instead of a ``KeyError`` deep inside.
    """
    if not isinstance(corpus, pd.DataFrame):
        raise CorpusError(f"{caller} expects a corpus DataFrame from load_corpus(), "
                          f"got {type(corpus).__name__}")
    if "text" not in corpus.columns:
        raise CorpusError(f"{caller}: the corpus has no 'text' column (columns: "
                          f"{', '.join(map(str, corpus.columns))}); load it with "
                          f"corpus_tools.load_corpus()")

