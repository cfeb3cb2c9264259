"""Loading a corpus: :func:`load_corpus`, :func:`corpus_from_texts`, :func:`check_corpus`.

This module puts the steps together: find the inputs (:mod:`.files`), read
each as text, a web page or a table (:mod:`.decode`, :mod:`.web`,
:mod:`.tables`), give duplicate ids a suffix, detect languages
(:mod:`.language`), count words and sentences with :mod:`corpus_tools.segment`
and build the frame. Every step records what it skipped or changed in one
:class:`~.problems.ProblemLog`.
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from pathlib import Path

import pandas as pd

from ..segment import count_words, sentence_spans
from ..workers import process_pool, worker_count
from .decode import decode_bytes, looks_like_html_page, text_document
from .document import Doc, guess_title
from .files import Entry, document_kind, find_inputs, read_regular_file, shown
from .language import detect_language as _detect_language
from .options import TABLE_SUFFIXES, LoadOptions
from .problems import (CorpusError, CorpusWarning, ProblemLog, ProblemTable,
                       raise_if_strict, skipped_summary)
from .tables import read_table
from .web import read_html, read_warc

__all__ = ["load_corpus", "corpus_from_texts", "check_corpus", "CORPUS_COLUMNS",
           "PARALLEL_MIN_CHARS", "doc_id_of", "read_entry", "dedupe_ids", "with_languages",
           "corpus_frame"]

CORPUS_COLUMNS = ["title", "text", "path", "n_chars", "n_words", "n_sentences",
                  "encoding", "language", "flags"]
"""The columns of every corpus frame, in order (index: ``doc_id``); a table's
other columns, and a web page's ``url`` and ``date``, follow them."""

PARALLEL_MIN_CHARS = 2_000_000
"""Corpora smaller than this are counted in one process (starting workers costs more)."""


def load_corpus(
    source: str | Path,
    *,
    pattern: str | None = None,
    recursive: bool = False,
    text_column: str | None = None,
    id_column: str | None = None,
    title_column: str | None = None,
    encoding: str = "utf-8",
    fallback_encoding: str | None = "cp1252",
    max_bytes: int | None = None,
    fix_text: bool = True,
    detect_language: bool = True,
    strict: bool = False,
    n_jobs: int | None = None,
) -> pd.DataFrame:
    """Load a corpus into a DataFrame, one row per document.

    Parameters
    ----------
    source : str or Path
        A folder of documents, a single document, or a table file
        (``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``, ``.parquet``).
        Documents are text files (``.txt``, ``.text``), web pages (``.html``,
        ``.htm``, ``.xhtml``) and WARC archives (``.warc``, ``.warc.gz``).
    pattern : str, optional
        Glob for the files of a folder, matched case-insensitively with the
        file name (``"*.txt"`` matches ``UPPER.TXT``). Default: every
        document type above; other files are listed as skipped. Files that
        do not match an explicit pattern are not inputs and are not listed.
    recursive : bool, default False
        Also read sub-folders. Documents found there get the relative path
        without suffix as ``doc_id`` (``"business/001"``), so equal file names
        in different folders stay distinct. Without it, each sub-folder that
        holds matching files is listed in the problems table.
    text_column, id_column, title_column : str, optional
        For tables: the columns with the text, the document ids and the
        titles. When omitted, the text column is guessed from common names
        (``text``, ``content``, ``body``, ...) or, failing that, is the only
        column of strings; the id column is the first of ``doc_id``, ``id``,
        ... and ``url``, ``link``, ... whose values are unique (else the first
        id-like column, its repeats renamed; else the row number); the title
        column is ``title``, ``headline`` or ``heading``. Every other column
        is kept.
    encoding : str, default ``"utf-8"``
        Encoding of text files. A UTF-8 byte-order mark is removed; a UTF-16
        byte-order mark switches to UTF-16. An unknown name raises
        :class:`CorpusError` at once.
    fallback_encoding : str or None, default ``"cp1252"``
        Decodes the bytes of a file that are not valid in ``encoding``
        (legacy Windows files, files that mix UTF-8 and Windows-1252). The
        document is loaded, its ``encoding`` column says what was used and
        its ``flags`` contain ``"fallback_encoding"``. ``None`` skips such
        files instead.
    max_bytes : int, optional
        Largest file, table or WARC record read (default 512 MiB, see
        :data:`~corpus_tools.corpus.options.DEFAULT_MAX_BYTES`). A larger
        one is skipped and listed, never truncated.
    fix_text : bool, default True
        Repair text (see :func:`~corpus_tools.corpus.decode.repair_text`):
        remove HTML tags from plain text, decode HTML entities, fix mojibake
        and control characters. Each change is flagged and listed; the
        stored ``text`` is the repaired text.
    detect_language : bool, default True
        Fill the ``language`` column (see
        :func:`~corpus_tools.corpus.language.detect_language`) and flag
        non-English documents. ``False`` leaves it ``""``.
    strict : bool, default False
        Raise :class:`CorpusError` on the first problem instead of flagging or
        skipping (notes about HTML extraction and language are not errors).
    n_jobs : int or None, default None
        Processes used to count words and sentences of large corpora (over
        two million characters); ``None`` uses every core, ``1`` stays in
        this process.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (str), sorted. Columns :data:`CORPUS_COLUMNS`:
        ``title`` (a table's title column or a page's title; else the first
        line when it is followed by a blank line, is at most 200 characters
        and does not end with a period; else ``""``), ``text`` (the document
        as read and repaired, with ``\\r\\n`` and ``\\r`` newlines normalised
        to ``\\n``; all offsets reported by corpus-tools index into this
        string), ``path`` (file, ``file:line N``, ``file:row N`` or
        ``file:record N``), ``n_chars``, ``n_words``, ``n_sentences``
        (counted with :mod:`corpus_tools.segment`), ``encoding``,
        ``language`` (ISO 639-1 code, ``""`` when undetermined) and
        ``flags`` (a ``;``-separated list, ``""`` when clean; see Notes).
        Then the other columns of a table, and ``url`` and ``date`` for web
        pages. Inputs that were skipped or changed are listed by
        :func:`~corpus_tools.corpus.problems.problems`; skipped ones are
        named in one :class:`CorpusWarning`.

    Raises
    ------
    CorpusError
        The source does not exist, a folder has no file to read, a table
        has no usable text column, an option is invalid, or any problem when
        ``strict``.

    Notes
    -----
    What happens to each kind of input (the flag is in ``flags``; every row
    here has a line in the problems table):

    ==============================  ============================================
    empty or blank file / cell      loaded, flag ``empty``
    not valid UTF-8                 loaded via ``fallback_encoding``, flag
                                    ``fallback_encoding``; skipped when that
                                    fails too or is ``None``
    HTML entities, HTML tags in     repaired, flags ``entities_decoded``,
    plain text, mojibake, control   ``markup_removed``, ``mojibake_fixed``,
    characters                      ``text_fixed``
    web page (file or WARC record)  article text extracted, flag
                                    ``html_extracted``; skipped when there is
                                    no article text
    not English                     loaded, flag ``non_english``
    file name not valid UTF-8       loaded, flag ``file_name_not_utf8``
    binary file (NUL bytes)         skipped
    not a regular file (FIFO,       skipped, never opened for reading
    device), unreadable file
    larger than ``max_bytes``       skipped
    other file types in a folder    skipped (with the default ``pattern``)
    sub-folder (not ``recursive``)  listed with the number of files in it
    duplicate ``doc_id``            loaded as ``id#2``, ``id#3``..., flag
                                    ``duplicate_id``
    table row with a bad line       skipped, the line number is the source
    (fields, JSON, open quote)
    missing text in a table row     skipped
    text cell that is not a string  bytes decoded (flag ``decoded_bytes``);
                                    anything else skipped
    missing id in a table row       loaded as ``row<N>``, flag ``missing_id``
    table without rows              skipped
    ==============================  ============================================

    Examples
    --------
    >>> corpus = load_corpus("data")                      # doctest: +SKIP
    >>> corpus[["title", "n_words", "n_sentences"]]       # doctest: +SKIP
    """
    options = LoadOptions(
        pattern=pattern, recursive=recursive, text_column=text_column, id_column=id_column,
        title_column=title_column, encoding=encoding, fallback_encoding=fallback_encoding,
        fix_text=fix_text, detect_language=detect_language, strict=strict, n_jobs=n_jobs,
        **({} if max_bytes is None else {"max_bytes": max_bytes}))
    src = Path(source)
    if not os.path.lexists(src) or not src.exists():
        raise CorpusError(f"{shown(str(src))}: no such file or folder (looked for a folder of "
                          f"documents, a document or a table file)")
    log = ProblemLog()
    if src.is_dir():
        docs = []
        for entry in find_inputs(src, pattern=options.pattern, recursive=options.recursive,
                                 log=log):
            docs.extend(read_entry(entry, options, log))
    else:
        name = shown(src.name)
        entry = Entry(os.fspath(src), name, shown(os.fspath(src)), name == src.name)
        if name.lower().endswith(tuple(TABLE_SUFFIXES)):
            docs = read_table(entry.path, entry.where, options, log)
        else:
            docs = read_entry(entry, options, log, single=True)
    docs = dedupe_ids(docs, log)
    docs = with_languages(docs, options, log)
    for d in docs:
        if not d.text.strip():
            log.loaded(d.path, d.doc_id, "empty document",
                       "flagged 'empty'; analyses give NaN or no rows for it")
    raise_if_strict(log.items, strict=options.strict)
    frame = corpus_frame(docs, options.n_jobs)
    frame.attrs["source"] = shown(str(src))
    frame.attrs["problems"] = ProblemTable(log.items)
    message = skipped_summary(log.items, shown(str(src)), hint="corpus_tools.problems(corpus)")
    if message:
        warnings.warn(message, CorpusWarning, stacklevel=2)
    return frame


def doc_id_of(rel: str) -> str:
    """``business/001.txt`` -> ``business/001`` (``.warc.gz`` loses both suffixes)."""
    low = rel.lower()
    for suffix in (".warc.gz",):
        if low.endswith(suffix):
            return rel[: -len(suffix)]
    head, _, last = rel.rpartition("/")
    stem = last.rsplit(".", 1)[0] if "." in last.lstrip(".") else last
    return f"{head}/{stem}" if head else stem


def read_entry(entry: Entry, options: LoadOptions, log: ProblemLog, *,
                single: bool = False) -> list[Doc]:
    """The document(s) of one file of a folder (or the single file given)."""
    doc_id = doc_id_of(entry.rel)
    flags: tuple[str, ...] = ()
    if not entry.name_ok:
        flags = ("file_name_not_utf8",)
        log.loaded(entry.where, doc_id, "file name not valid UTF-8",
                   f"its bytes that are not UTF-8 are shown as \\xNN escapes in the doc_id "
                   f"'{doc_id}' and the path; flagged 'file_name_not_utf8'")
    kind = document_kind(entry.rel)
    if kind == "warc":
        docs = read_warc(entry.path, doc_id=doc_id, where=entry.where, options=options, log=log)
        return [dataclasses.replace(d, flags=flags + d.flags) for d in docs]
    read = read_regular_file(entry.path, options.max_bytes)
    if read.data is None:
        log.skipped(entry.where, read.problem, read.detail, doc_id=doc_id)
        return []
    if kind == "text":
        decoded = decode_bytes(read.data, encoding=options.encoding,
                               fallback=options.fallback_encoding)
        if decoded.text is None:
            log.skipped(entry.where, decoded.problem, decoded.detail, doc_id=doc_id)
            return []
        if not (options.fix_text and looks_like_html_page(decoded.text)):
            return [text_document(decoded, doc_id=doc_id, where=entry.where, options=options,
                                  log=log, flags=flags)]
    doc = read_html(read.data, doc_id=doc_id, where=entry.where, options=options, log=log)
    return [] if doc is None else [dataclasses.replace(doc, flags=flags + doc.flags)]


def dedupe_ids(docs: list[Doc], log: ProblemLog) -> list[Doc]:
    """``docs`` with repeated ids renamed ``id#2``, ``id#3``... (flagged and logged), in order."""
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
        log.loaded(d.path, new, f"duplicate doc_id '{d.doc_id}'",
                   f"renamed to '{new}'; flagged 'duplicate_id'")
        out.append(dataclasses.replace(d, doc_id=new, flags=d.flags + ("duplicate_id",)))
    return out


def with_languages(docs: list[Doc], options: LoadOptions, log: ProblemLog) -> list[Doc]:
    """Each document with its language as metadata; non-English ones flagged and listed."""
    if not options.detect_language:
        return docs
    out = []
    for d in docs:
        lang = _detect_language(d.text)
        if lang.code not in ("", "en"):
            log.loaded(d.path, d.doc_id, "non-English document",
                       f"language '{lang.code}' ({lang.how}); flagged 'non_english': "
                       f"readability, grammar and word lists are for English")
            d = dataclasses.replace(d, flags=d.flags + ("non_english",))
        out.append(dataclasses.replace(d, language=lang.code))
    return out


def corpus_from_texts(texts: dict[str, str] | pd.Series, *, source: str = "<memory>",
                      detect_language: bool = True) -> pd.DataFrame:
    """Build a corpus frame from in-memory texts (``{doc_id: text}``).

    The result has the same columns as :func:`load_corpus`; ``path`` is
    ``source``. The texts are kept as given (newlines normalised, nothing
    repaired). Useful in tests and notebooks.
    """
    docs = [Doc(str(k), str(v).replace("\r\n", "\n").replace("\r", "\n"), source, "str")
            for k, v in texts.items()]
    log = ProblemLog()
    docs = dedupe_ids(docs, log)
    docs = with_languages(docs, LoadOptions(detect_language=detect_language), log)
    frame = corpus_frame(docs)
    frame.attrs["source"] = source
    frame.attrs["problems"] = ProblemTable(log.items)
    return frame


def _count(texts: list[str]) -> list[tuple[int, int]]:
    return [(count_words(t), len(sentence_spans(t))) for t in texts]


def _count_all(texts: list[str], n_jobs: int | None) -> list[tuple[int, int]]:
    """Word and sentence counts, on several processes for large corpora."""
    jobs = worker_count(n_jobs)
    if jobs <= 1 or len(texts) < 2 * jobs or sum(map(len, texts)) < PARALLEL_MIN_CHARS:
        return _count(texts)
    size = -(-len(texts) // (jobs * 4))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    try:
        with process_pool(jobs) as pool:
            return [c for part in pool.map(_count, chunks) for c in part]
    except (OSError, RuntimeError):  # no process support here: count serially
        return _count(texts)


def count_texts(texts: list[str]) -> list[tuple[int, int]]:
    """Each text's ``(words, sentences)``, as :func:`corpus_frame` counts them."""
    return _count(texts)


def corpus_frame(docs: list[Doc], n_jobs: int | None = 1, *,
                 counts: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """The corpus frame of ``docs`` (counted, titled, indexed by ``doc_id`` and sorted).

    ``counts`` are the documents' ``(words, sentences)`` when already
    counted by :func:`count_texts` (the Dask loader counts once, when it
    surveys the inputs, not each time a partition is read).
    """
    if counts is None:
        counts = _count_all([d.text for d in docs], n_jobs)
    elif len(counts) != len(docs):
        raise ValueError(f"corpus_frame: {len(counts)} counts for {len(docs)} documents")
    meta_names: dict[str, None] = {}
    for d in docs:
        for name, _ in d.meta:
            meta_names.setdefault(name, None)
    rows = []
    for d, (n_words, n_sentences) in zip(docs, counts):
        flags = d.flags + (("empty",) if not d.text.strip() else ())
        meta = dict(d.meta)
        row = {
            "doc_id": d.doc_id, "title": guess_title(d.text) if d.title is None else d.title,
            "text": d.text, "path": d.path, "n_chars": len(d.text), "n_words": n_words,
            "n_sentences": n_sentences, "encoding": d.encoding,
            "language": d.language, "flags": ";".join(flags),
        }
        for name in meta_names:
            row[name] = meta.get(name)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["doc_id", *CORPUS_COLUMNS, *meta_names])
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
