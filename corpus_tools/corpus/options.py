"""How is a corpus loaded? The options of :func:`~corpus_tools.corpus.load_corpus`, in one object."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .problems import CorpusError

__all__ = ["LoadOptions", "DEFAULT_MAX_BYTES", "DOCUMENT_SUFFIXES", "TABLE_SUFFIXES"]

DEFAULT_MAX_BYTES = 512 * 2**20
"""512 MiB: larger than any article or export we have seen, small enough that a
stray disk image or log cannot exhaust memory."""

DOCUMENT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".warc", ".warc.gz")
"""File types read from a folder when no ``pattern`` is given."""

TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
                  ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
"""Table files, read when given as the source (one document per row)."""


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """Options of :func:`~corpus_tools.corpus.load_corpus` (see its parameters).

    Attributes
    ----------
    pattern : str or None, default None
        Glob for the files of a folder, matched case-insensitively against
        the file name (``*.txt`` also matches ``UPPER.TXT``). ``None`` reads
        every type in :data:`DOCUMENT_SUFFIXES` and lists other files as
        skipped.
    recursive : bool, default False
        Also read sub-folders (without it, sub-folders holding matching
        files are listed in the problems table).
    text_column, id_column, title_column : str or None, default None
        Columns of a table; guessed when ``None``.
    encoding : str, default ``"utf-8"``
        Encoding of text files; checked here, so a misspelt name fails at
        once with a message naming it.
    fallback_encoding : str or None, default ``"cp1252"``
        Decodes the bytes of a text file that are not valid in
        ``encoding`` (legacy Windows files, and files that mix the two);
        ``None`` skips such files.
    max_bytes : int, default :data:`DEFAULT_MAX_BYTES`
        Largest file (or table cell, or WARC record) read; a larger one is
        skipped and listed, never truncated.
    fix_text : bool, default True
        Decode HTML entities, remove HTML tags from plain text, and repair
        mojibake and stray control characters with ``ftfy``; every change is
        flagged and listed.
    detect_language : bool, default True
        Fill the ``language`` column and flag non-English documents.
    strict : bool, default False
        Raise :class:`CorpusError` on the first problem.
    n_jobs : int or None, default None
        Processes used to count words and sentences of large corpora.
    """

    pattern: str | None = None
    recursive: bool = False
    text_column: str | None = None
    id_column: str | None = None
    title_column: str | None = None
    encoding: str = "utf-8"
    fallback_encoding: str | None = "cp1252"
    max_bytes: int = DEFAULT_MAX_BYTES
    fix_text: bool = True
    detect_language: bool = True
    strict: bool = False
    n_jobs: int | None = None

    def __post_init__(self) -> None:
        for name in ("encoding", "fallback_encoding"):
            value = getattr(self, name)
            if value is None and name == "fallback_encoding":
                continue
            try:
                codecs.lookup(value)
            except (LookupError, TypeError):
                flag = ", --encoding" if name == "encoding" else ""
                raise CorpusError(f"unknown encoding {value!r} ({name}={flag}); use a Python "
                                  f"codec name such as 'utf-8' or 'cp1252'") from None
        if not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise CorpusError(f"max_bytes must be a positive number of bytes, got {self.max_bytes!r}")
        if self.pattern is not None and not self.pattern.strip():
            raise CorpusError("pattern must not be empty (pattern=None reads every document type)")
