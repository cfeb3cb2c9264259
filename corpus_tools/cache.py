"""Has this analysis already been computed for this corpus? A result cache on disk.

A report runs several notebooks, and some of them show the same analysis (the
readability page compares the rewrite pairs that the rewrites page finds).
:class:`AnalysisCache` computes each analysis once per report: the first call
of ``cached(find_rewrites, corpus)`` runs it and stores the result in a
pickle file; every later call with the same corpus content, the same options
and the same corpus-tools code, in any process, reads that file instead.

The key of a result is made of

- the analysis function (module and qualified name);
- the corpus content: document ids, texts and titles (not the path it was
  loaded from, so the same texts loaded from another folder hit the same
  entry);
- the options, by value (frames and arrays by content);
- the corpus-tools version and a fingerprint of its source files, so a new
  version or an edited module never reads a stale result.

Warnings raised while the result was computed are stored with it and raised
again on every call, so a notebook shows the same notes cold or warm.

Two processes asking for the same missing result at once do not both compute
it: the second waits for the first (a lock file per key, on systems with
``fcntl``; elsewhere both compute and the last one to finish writes).

The files are pickles, which can run code when read: use a folder only this
user writes to (a report's own ``.cache``), never one that came from
elsewhere, and leave ``.cache`` out when sharing a report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

__all__ = ["AnalysisCache", "corpus_fingerprint", "code_fingerprint"]

R = TypeVar("R")

_SUFFIX = ".pkl"


@dataclasses.dataclass(frozen=True)
class _Entry:
    """What is stored per key: the result and the warnings its computation raised."""

    result: Any
    warnings: tuple[_Warning, ...]
    seconds: float


@dataclasses.dataclass(frozen=True)
class _Warning:
    """A warning as first raised: replayed from the same place, so the same filters apply."""

    category: type[Warning]
    message: str
    filename: str
    lineno: int
    module: str


@dataclasses.dataclass(frozen=True)
class AnalysisCache:
    """Compute each analysis once per corpus; call it like the analysis.

    Parameters
    ----------
    folder : str or Path or None
        Where results are stored (created on first write). ``None`` turns the
        cache off: every call computes (the notebooks' default when they run
        in JupyterLab rather than in a report).

    Examples
    --------
    >>> import tempfile
    >>> from corpus_tools import corpus_from_texts
    >>> from corpus_tools.overview import sentence_lengths
    >>> cached = AnalysisCache(tempfile.mkdtemp())
    >>> corpus = corpus_from_texts({"a": "One. Two words."})
    >>> cached(sentence_lengths, corpus)["n_words"].tolist()
    [1, 2]
    >>> cached.contains(sentence_lengths, corpus)
    True
    """

    folder: str | Path | None

    def __call__(self, analysis: Callable[..., R], subject: Any, /, **options: Any) -> R:
        """``analysis(subject, **options)``, computed at most once per key.

        Parameters
        ----------
        analysis : callable
            A module-level function of corpus-tools (or any importable
            function); its result must be picklable.
        subject : pandas.DataFrame
            The corpus (or another frame the analysis takes first).
        **options
            Keyword options passed to ``analysis``. They are part of the key
            by value: numbers, strings, tuples, dicts, frozen dataclasses,
            DataFrames and arrays. An option whose ``repr`` names a memory
            address (an arbitrary object) raises ``TypeError``: it has no
            stable key.

        Returns
        -------
        The analysis' result: the one computed now, or a fresh copy of the
        stored one (changing it never changes the cache).
        """
        if self.folder is None:
            return analysis(subject, **options)
        return _fetch(self.path(analysis, subject, **options), analysis, subject, options)

    def path(self, analysis: Callable, subject: Any, /, **options: Any) -> Path:
        """The file that holds (or will hold) ``analysis(subject, **options)``."""
        if self.folder is None:
            raise ValueError("AnalysisCache(None) stores nothing: it has no paths")
        name = f"{analysis.__module__}.{analysis.__qualname__}"
        key = hashlib.blake2b(digest_size=16)
        for part in (name, _version(), code_fingerprint(), corpus_fingerprint(subject),
                     _options_key(options, name)):
            key.update(part.encode("utf-8"))
            key.update(b"\0")
        return Path(self.folder) / f"{analysis.__qualname__}-{key.hexdigest()}{_SUFFIX}"

    def load_corpus(self, source: str | os.PathLike, /, **load_options: Any) -> pd.DataFrame:
        """:func:`corpus_tools.load_corpus` ``(source, **load_options)``, read once per report.

        The key is the source's resolved path, every file under it (name,
        size and modification time, as ``make`` judges), the options and the
        code, so an edited, added or removed file loads afresh. Its problems
        table and warnings come back with it.
        """
        from .corpus import load_corpus

        if self.folder is None or not os.path.exists(source):
            return load_corpus(source, **load_options)  # a missing source: its own error
        key = hashlib.blake2b(digest_size=16)
        for part in ("load_corpus", _version(), code_fingerprint(), _inputs_fingerprint(source),
                     _options_key(load_options, "load_corpus")):
            key.update(part.encode("utf-8", "surrogatepass"))
            key.update(b"\0")
        return _fetch(Path(self.folder) / f"load_corpus-{key.hexdigest()}{_SUFFIX}",
                      load_corpus, source, load_options)

    def contains(self, analysis: Callable, subject: Any, /, **options: Any) -> bool:
        """Whether the result is stored (a later call will not compute it)."""
        return self.folder is not None and self.path(analysis, subject, **options).exists()

    def prune(self, *, unused_since: float) -> list[Path]:
        """Delete stored results not read or written since ``unused_since``.

        Parameters
        ----------
        unused_since : float
            A time (``time.time()``); :func:`corpus_tools.report.render_report`
            passes its start, so the folder keeps what the last report used.

        Returns
        -------
        list of Path
            The files deleted.
        """
        if self.folder is None or not Path(self.folder).is_dir():
            return []
        gone = []
        for path in Path(self.folder).glob(f"*{_SUFFIX}"):
            if path.stat().st_mtime < unused_since:
                path.unlink(missing_ok=True)
                path.with_suffix(".lock").unlink(missing_ok=True)
                gone.append(path)
        return gone


def corpus_fingerprint(frame: Any) -> str:
    """A hash of what an analysis reads from ``frame``.

    For a corpus frame (one with a ``text`` column): the document ids, texts
    and titles, in order. For any other frame or series: every value, the
    index and the column names. For anything else: its ``repr`` (see
    :meth:`AnalysisCache.__call__` for which values are accepted).
    """
    if isinstance(frame, pd.DataFrame) and "text" in frame.columns:
        h = hashlib.blake2b(digest_size=16)
        titles = frame["title"] if "title" in frame.columns else [""] * len(frame)
        for doc_id, text, title in zip(frame.index, frame["text"], titles):
            for value in (doc_id, text, title):
                h.update(str(value).encode("utf-8", "surrogatepass"))
                h.update(b"\0")
            h.update(b"\1")
        h.update(str(len(frame)).encode())
        return "corpus:" + h.hexdigest()
    return _value_key(frame, "the first argument")


def _inputs_fingerprint(source: str | os.PathLike) -> str:
    """The resolved path of ``source`` and the name, size and mtime of every entry under it."""
    root = Path(source).resolve()
    h = hashlib.blake2b(digest_size=16)
    h.update(os.fsencode(root))
    if not root.is_dir():
        st = root.stat()
        h.update(f"\0{st.st_size}\0{st.st_mtime_ns}".encode())
        return h.hexdigest()
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            try:
                st = os.lstat(os.path.join(folder, name))
            except OSError:
                continue
            h.update(os.fsencode(os.path.relpath(os.path.join(folder, name), root)))
            h.update(f"\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_mode}\1".encode())
    return h.hexdigest()


@cache
def code_fingerprint() -> str:
    """A hash of the installed corpus-tools source files (changes with any edit)."""
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _version() -> str:
    from . import __version__

    return __version__


def _options_key(options: dict, name: str) -> str:
    return ";".join(f"{k}={_value_key(v, f'{name}() option {k!r}')}"
                    for k, v in sorted(options.items()))


def _value_key(value: Any, what: str) -> str:
    if isinstance(value, (pd.DataFrame, pd.Series, pd.Index)):
        hashed = pd.util.hash_pandas_object(value, index=not isinstance(value, pd.Index))
        h = hashlib.blake2b(hashed.to_numpy().tobytes(), digest_size=16)
        names = value.columns if isinstance(value, pd.DataFrame) else [value.name]
        h.update(repr([str(c) for c in names]).encode())
        dtypes = value.dtypes if isinstance(value, pd.DataFrame) else [value.dtype]
        h.update(repr([str(d) for d in dtypes]).encode())
        return f"{type(value).__name__}:{h.hexdigest()}"
    if isinstance(value, np.ndarray):
        h = hashlib.blake2b(np.ascontiguousarray(value).tobytes(), digest_size=16)
        return f"ndarray:{value.dtype}:{value.shape}:{h.hexdigest()}"
    if isinstance(value, dict):
        return "{" + ",".join(f"{_value_key(k, what)}:{_value_key(v, what)}"
                              for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return f"{type(value).__name__}(" + ",".join(_value_key(v, what) for v in items) + ")"
    text = repr(value)
    if " at 0x" in text:
        raise TypeError(f"AnalysisCache: {what} is {text}, which has no stable key; pass "
                        "values (numbers, strings, tuples, frozen dataclasses, frames) or "
                        "call the analysis without the cache")
    return f"{type(value).__module__}.{type(value).__qualname__}:{text}"


def _fetch(path: Path, analysis: Callable, subject: Any, options: dict) -> Any:
    """The result stored at ``path``, computed and stored first when missing (once across
    processes), with its warnings raised again."""
    entry = _read(path)
    if entry is None:
        with _locked(path):
            entry = _read(path)  # another process may have written it meanwhile
            if entry is None:
                entry = _compute(analysis, subject, options)
                _write(path, entry)
    for w in entry.warnings:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, module=w.module)
    return entry.result


def _compute(analysis: Callable, subject: Any, options: dict) -> _Entry:
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = analysis(subject, **options)
    seen: list[_Warning] = []
    for w in caught:  # "always" records repeats; keep each warning once
        item = _Warning(w.category, str(w.message), w.filename, w.lineno, _module(w.filename))
        if item not in seen:
            seen.append(item)
    return _Entry(result, tuple(seen), time.perf_counter() - started)


def _module(filename: str) -> str:
    """The module name the warnings machinery derives from a file name (for module filters)."""
    name = Path(filename).name
    return name[:-3] if name.endswith(".py") else name


def _read(path: Path) -> _Entry | None:
    """The stored entry, or None when missing or unreadable (then it is recomputed)."""
    try:
        with open(path, "rb") as f:
            entry = pickle.load(f)
    except FileNotFoundError:
        return None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return None  # written by another library version, or truncated: compute again
    if not isinstance(entry, _Entry):
        return None
    os.utime(path)  # "used by this report" (see AnalysisCache.prune)
    return entry


def _write(path: Path, entry: _Entry) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the old file or the whole new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no lock; at worst two processes compute the same result
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
