"""Which files are the inputs, and how are they read safely?

:func:`find_inputs` walks a folder without recursion (a tree thousands of
folders deep is fine), matches names case-insensitively, never follows a
folder link twice, and lists in the problems table what it leaves out:
sub-folders it was not asked to search, other files, unreadable folders.
:func:`read_regular_file` reads only regular files (a FIFO or a link to
``/dev/zero`` is skipped, never read) and never more than ``max_bytes``.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from .options import DOCUMENT_SUFFIXES, TABLE_SUFFIXES
from .problems import CorpusError, ProblemLog

__all__ = ["Entry", "Read", "find_inputs", "read_regular_file", "open_regular_file",
           "read_bounded", "shown", "document_kind"]


class Entry(NamedTuple):
    """A file to read: ``path`` for the OS, ``rel`` (relative, ``/``-separated) and
    ``where`` (full) for people; ``name_ok`` is False when the name is not UTF-8."""

    path: str
    rel: str
    where: str
    name_ok: bool


class Read(NamedTuple):
    """A file's bytes, or the reason it was not read (``data`` is ``None``)."""

    data: bytes | None
    problem: str = ""
    detail: str = ""


def shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 appear as ``\\xNN`` escapes.

    On POSIX, Python gives such bytes as lone surrogates, which no table,
    terminal or HTML page can hold.
    """
    if name.isascii():
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def document_kind(name: str) -> str | None:
    """``"text"``, ``"html"`` or ``"warc"`` for a document file name, else ``None``."""
    low = name.lower()
    if low.endswith((".warc", ".warc.gz")):
        return "warc"
    if low.endswith((".html", ".htm", ".xhtml")):
        return "html"
    return "text"


def _matcher(pattern: str | None):
    if pattern is None:
        return lambda name, rel: name.lower().endswith(DOCUMENT_SUFFIXES)
    regex = re.compile(fnmatch.translate(pattern), re.IGNORECASE)
    if "/" in pattern:
        return lambda name, rel: regex.match(rel) is not None
    return lambda name, rel: regex.match(name) is not None


def _describe(pattern: str | None) -> str:
    if pattern is None:
        return "of a document type (" + ", ".join(DOCUMENT_SUFFIXES) + ")"
    return f"matching '{pattern}'"


def _scan(path: str):
    with os.scandir(path) as it:
        return list(it)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows links: a link to a folder is a folder
    except OSError:
        return False


COUNT_BUDGET = 100_000
"""Entries looked at, over all sub-folders, to count the documents a load
without ``recursive`` leaves in them (a home folder can hold millions)."""


def _count_matches(folder: str, rel: str, matches, seen: set, budget: list[int]) -> tuple[int, bool]:
    """Matching files in and below ``folder``, and whether the count is complete.

    Unreadable parts count as none; ``budget`` (one shared counter) bounds
    the entries looked at.
    """
    n, stack = 0, [(folder, rel)]
    while stack:
        path, prefix = stack.pop()
        try:
            entries = _scan(path)
        except OSError:
            continue
        budget[0] -= len(entries)
        for e in entries:
            r = f"{prefix}/{shown(e.name)}"
            if _is_dir(e):
                key = _key(e.path)
                if key is not None and key not in seen:
                    seen.add(key)
                    stack.append((e.path, r))
            elif matches(e.name, r):
                n += 1
        if budget[0] < 0:
            return n, False
    return n, True


def _key(path: str):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def find_inputs(folder: Path, *, pattern: str | None, recursive: bool,
                log: ProblemLog) -> list[Entry]:
    """The files of ``folder`` to read, sorted by relative path.

    Lists in ``log``: with the default pattern, every other file (tables
    too: a table is loaded on its own); folders that match the pattern;
    without ``recursive``, each sub-folder holding matching files; folders
    that cannot be read; a folder reached twice through links.

    Raises
    ------
    CorpusError
        Nothing in ``folder`` (or below it, when ``recursive``) matches; the
        message says what was looked for and what was found instead.
    """
    matches = _matcher(pattern)
    root = os.fspath(folder)
    seen = {_key(root)}
    files: list[Entry] = []
    n_other = 0
    other_examples: list[str] = []
    in_subfolders = 0
    budget = [COUNT_BUDGET]
    stack = [(root, "")]
    while stack:
        path, prefix = stack.pop()
        try:
            entries = _scan(path)
        except OSError as exc:
            log.skipped(shown(path), "unreadable folder", exc.strerror or str(exc))
            continue
        for e in entries:
            name = shown(e.name)
            rel = f"{prefix}/{name}" if prefix else name
            where = shown(e.path)
            if _is_dir(e):
                key = _key(e.path)
                if recursive:
                    if key in seen:
                        log.skipped(where, "folder reached twice",
                                    "a link leads back to a folder already read; not read again")
                    else:
                        seen.add(key)
                        stack.append((e.path, rel))
                    continue
                below, complete = _count_matches(e.path, rel, matches, {key, *seen}, budget)
                in_subfolders += below
                holds = ""
                if below or not complete:
                    holds = (f"holds {'' if complete else 'at least '}{below} file(s) "
                             f"{_describe(pattern)}"
                             f"{'' if complete else ' (too many entries to count them all)'}: "
                             f"recursive=True (--recursive) loads them")
                if matches(e.name, rel):
                    named = f"matches '{pattern}'" if pattern else "has a document's name"
                    log.skipped(where, "is a folder", f"{named} but is a folder"
                                + (f"; it {holds}" if holds else ""))
                elif holds:
                    log.skipped(where, "sub-folder not read", f"it {holds}")
                continue
            if matches(e.name, rel):
                files.append(Entry(e.path, rel, where, name == e.name))
            elif pattern is None:
                n_other += 1
                if len(other_examples) < 3:
                    other_examples.append(name)
                suffix = Path(name).suffix.lower()
                if suffix in TABLE_SUFFIXES:
                    log.skipped(where, "table in a folder",
                                "a table is loaded on its own: pass this file as the source")
                else:
                    log.skipped(where, "not a document file",
                                f"type '{suffix or name}' is not read; pattern= (--pattern) "
                                f"selects files by name")
    if not files:
        where = "in or below this folder" if recursive else "in this folder"
        hint = ""
        if not recursive and in_subfolders:
            hint = (f"; {in_subfolders} are in sub-folders, which are read only with "
                    f"recursive=True (--recursive)")
        elif not recursive:
            hint = "; its sub-folders hold none either"
        if n_other:
            hint += (f"; it holds {n_other} other file(s) ({', '.join(other_examples)}"
                     f"{', ...' if n_other > len(other_examples) else ''})")
        raise CorpusError(f"{shown(root)}: no files {_describe(pattern)} {where}{hint}")
    files.sort(key=lambda f: f.rel)
    return files


def open_regular_file(path: str, max_bytes: int):
    """Open ``path`` for reading if it is a regular file of at most ``max_bytes``.

    Returns ``(file, None)`` or ``(None, Read(None, problem, detail))``. The
    file is opened without blocking and checked after opening, so a FIFO
    (which would block forever) or a device (``/dev/zero`` never ends) is
    never read, even if it replaced a regular file meanwhile.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, Read(None, "unreadable file", exc.strerror or str(exc))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else
                    "a character device" if stat.S_ISCHR(st.st_mode) else
                    "a block device" if stat.S_ISBLK(st.st_mode) else
                    "a socket" if stat.S_ISSOCK(st.st_mode) else "not a file")
            os.close(fd)
            return None, Read(None, "not a regular file",
                              f"is {kind}; only regular files are read")
        if st.st_size > max_bytes:
            os.close(fd)
            return None, Read(None, "file too large", _too_large(st.st_size, max_bytes))
        return os.fdopen(fd, "rb"), None
    except OSError as exc:
        os.close(fd)
        return None, Read(None, "unreadable file", exc.strerror or str(exc))


def _too_large(size: int, max_bytes: int) -> str:
    return (f"{size:,} bytes, more than max_bytes={max_bytes:,}; pass a larger max_bytes= "
            f"(--max-bytes) to load it")


def read_bounded(stream, max_bytes: int, expected: int = 0) -> bytes | None:
    """At most ``max_bytes`` from ``stream``; ``None`` when there is more.

    ``expected`` (the size the file reports) is read in one call; the rest,
    if the file grew or reports no size, in 1 MiB pieces. Never
    ``read(max_bytes)``: Python allocates the whole buffer of such a call up
    front, 512 MiB for every small file.
    """
    first = b""
    if expected:
        first = stream.read(min(expected, max_bytes) + 1)
        if len(first) > max_bytes:
            return None
        if len(first) <= expected:  # the end of the file
            return first
    parts, total = [first], len(first)
    while total <= max_bytes:
        chunk = stream.read(min(2**20, max_bytes + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
    return None


def read_regular_file(path: str, max_bytes: int) -> Read:
    """The bytes of ``path`` (see :func:`open_regular_file`), never more than ``max_bytes``."""
    f, problem = open_regular_file(path, max_bytes)
    if f is None:
        return problem
    try:
        with f:
            data = read_bounded(f, max_bytes, os.fstat(f.fileno()).st_size)
    except OSError as exc:
        return Read(None, "unreadable file", exc.strerror or str(exc))
    if data is None:  # it grew since it was opened
        return Read(None, "file too large", f"more than max_bytes={max_bytes:,} bytes; pass a "
                                            f"larger max_bytes= (--max-bytes) to load it")
    return Read(data)
