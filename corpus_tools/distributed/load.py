"""Loading a corpus too large for one process: a lazy Dask DataFrame, as :func:`~corpus_tools.load_corpus` makes it.

The inputs (the files of a folder or a glob, or the tables of a folder of
Parquet / JSON Lines / CSV partitions) are read by the pandas loader's own
per-file and per-table code (:func:`~corpus_tools.corpus.load.read_entry`,
:func:`~corpus_tools.corpus.tables.read_table`), in two passes:

1. *Survey* (eager, one task per group of inputs): every input is read and
   each task returns only what the corpus-wide steps need: each document's
   id, path, emptiness and word and sentence counts, the problems found, the
   names and value types of metadata columns. The client then renames repeated ids exactly as the
   pandas loader does (:func:`~corpus_tools.corpus.load.dedupe_ids`, in
   global file order: ``id#2``, ``id#3``...), gathers the problems of every
   partition in the pandas order, and fixes the frame's columns and dtypes.
2. *Partitions* (lazy): each partition re-reads its inputs when computed,
   applies the renames, detects languages and builds the frame with
   :func:`~corpus_tools.corpus.load.corpus_frame` from the survey's counts
   (counting is four fifths of reading a partition, and each analysis reads
   the corpus again). Partitions are planned
   from the final ids so that they are sorted and hold disjoint id ranges
   (known divisions); when the inputs' ids interleave (a table with random
   ids), the frame is sorted by a shuffle on ``doc_id`` instead.

No task holds more than its own inputs' texts; the client holds one short
record per document (id, path, partition).
"""

from __future__ import annotations

import dataclasses
import glob as globlib
import os
import warnings
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..corpus import CorpusError, CorpusWarning, LoadOptions
from ..corpus.document import Doc
from ..corpus.files import Entry, find_inputs, shown
from ..corpus.load import (corpus_frame, count_texts, dedupe_ids, read_entry,
                            with_languages)
from ..corpus.options import TABLE_SUFFIXES
from ..corpus.problems import (Problem, ProblemLog, ProblemTable, raise_if_strict,
                               skipped_summary)
from ..corpus.tables import read_table

__all__ = ["load_corpus", "problems", "Unit", "survey_groups", "DEFAULT_PARTITION_DOCS"]

DEFAULT_PARTITION_DOCS = 2000
"""Documents per partition (and files per survey task): about 5 MB of news text,
small enough for any worker, large enough that task overhead is a few percent."""


class Unit(NamedTuple):
    """One input: a document file (``table=False``) or a table file."""

    entry: Entry
    table: bool
    single: bool


class DocInfo(NamedTuple):
    """What the survey keeps of a document (the text stays on the worker).

    The word and sentence counts are the costliest part of reading a
    partition: counted once here, they are handed to every later read.
    """

    doc_id: str
    path: str
    empty: bool
    n_words: int
    n_sentences: int


class Survey(NamedTuple):
    """The survey of a group of units: per unit its documents, and the problems found."""

    docs: list[list[DocInfo]]
    problems: list[Problem]
    languages: list[Problem]
    meta: dict[str, dict[type, object]]
    meta_counts: dict[str, int]


def _read_unit(unit: Unit, options: LoadOptions, log: ProblemLog) -> list[Doc]:
    """The documents of one input, read by the pandas loader's code."""
    if unit.table:
        return read_table(unit.entry.path, unit.entry.where, options, log)
    return read_entry(unit.entry, options, log, single=unit.single)


def _survey(units: list[Unit], options: LoadOptions) -> Survey:
    """Task of pass 1: read ``units``; keep ids, paths, problems and metadata types."""
    log, lang_log = ProblemLog(), ProblemLog()
    docs, meta, counts = [], {}, {}
    for unit in units:
        read = _read_unit(unit, options, log)
        # language notes name the document's id before renaming; the client fixes them
        with_languages(read, options, lang_log)
        counted = count_texts([d.text for d in read])
        docs.append([DocInfo(d.doc_id, d.path, not d.text.strip(), w, n)
                     for d, (w, n) in zip(read, counted)])
        for d in read:
            for name, value in d.meta:
                meta.setdefault(name, {}).setdefault(type(value), value)
                counts[name] = counts.get(name, 0) + 1
    return Survey(docs, log.items, lang_log.items, meta, counts)


class Plan(NamedTuple):
    """How the lazy frame is made: per partition its units and, per unit, the final ids and counts."""

    units: list[list[Unit]]
    ids: list[list[list[str]]]
    counts: list[list[list[tuple[int, int]]]]
    divisions: tuple | None


def _partition(units: list[Unit], ids: list[list[str]], counts: list[list[tuple[int, int]]],
               size: int) -> Plan:
    """Partitions of about ``size`` documents holding disjoint, sorted id ranges.

    Units are ordered by their smallest id and merged while their id ranges
    overlap (a WARC file's records, tables with interleaved ids); the merged
    groups are packed into partitions. When one group would exceed four
    partitions, the ranges interleave too much: the plan keeps the input
    order and the frame is sorted by a shuffle (``divisions`` is ``None``).
    ``counts`` are each unit's documents' ``(words, sentences)``, handed on
    with their ids.
    """
    def plan(parts: list[list[int]], divisions) -> Plan:
        return Plan([[units[k] for k in p] for p in parts], [[ids[k] for k in p] for p in parts],
                    [[counts[k] for k in p] for p in parts], divisions)

    spans = sorted(((min(i), max(i), k) for k, i in enumerate(ids) if i), key=lambda s: s[:2])
    groups: list[list[int]] = []
    top = None
    for lo, hi, k in spans:
        if groups and lo <= top:
            groups[-1].append(k)
            top = max(top, hi)
        else:
            groups.append([k])
            top = hi
    if any(sum(len(ids[k]) for k in g) > 4 * size for g in groups):
        order = [k for k, i in enumerate(ids) if i]
        parts, count = [[]], 0
        for k in order:
            if count >= size:
                parts.append([])
                count = 0
            parts[-1].append(k)
            count += len(ids[k])
        return plan(parts, None)
    parts, count = [], size
    for g in groups:
        if count >= size:
            parts.append([])
            count = 0
        parts[-1].extend(g)
        count += sum(len(ids[k]) for k in g)
    if not parts:
        return Plan([[]], [[]], [[]], (None, None))
    firsts = [min(x for k in p for x in ids[k]) for p in parts]
    last = max(x for k in parts[-1] for x in ids[k])
    return plan(parts, (*firsts, last))


class _ReadPartition:
    """Task of pass 2: the corpus frame of one partition (picklable, for ``from_map``)."""

    def __init__(self, options: LoadOptions, meta: pd.DataFrame):
        self.options = options
        self.meta = meta

    def __call__(self, part: tuple[list[Unit], list[list[str]], list[list[tuple[int, int]]]]
                 ) -> pd.DataFrame:
        units, final_ids, unit_counts = part
        log = ProblemLog()
        docs, counts = [], []
        for unit, ids, counted in zip(units, final_ids, unit_counts):
            read = _read_unit(unit, self.options, log)
            if len(read) != len(ids):
                raise CorpusError(f"{unit.entry.where}: changed while the corpus was loading "
                                  f"({len(ids)} document(s) when surveyed, {len(read)} now); "
                                  f"load it again")
            docs.extend(d if d.doc_id == new else
                        dataclasses.replace(d, doc_id=new, flags=d.flags + ("duplicate_id",))
                        for d, new in zip(read, ids))
            counts.extend(counted)
        docs = with_languages(docs, self.options, ProblemLog())
        frame = corpus_frame(docs, n_jobs=1, counts=counts)
        return _conform(frame, self.meta)


def _conform(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the columns and dtypes of ``meta`` (the whole corpus's).

    A metadata column no document of this partition has is ``None``
    throughout, as the pandas loader fills it before inferring dtypes.
    """
    missing = [c for c in meta.columns if c not in frame.columns]
    if missing:
        frame = frame.assign(**{c: pd.Series([None] * len(frame), index=frame.index,
                                             dtype=object) for c in missing})
    frame = frame[list(meta.columns)]
    wrong = {c: t for c, t in meta.dtypes.items() if frame[c].dtype != t}
    if wrong:
        frame = frame.astype(wrong)
    if frame.index.dtype != meta.index.dtype:
        frame.index = frame.index.astype(meta.index.dtype)
    return frame


def _meta_frame(surveys: list[Survey]) -> pd.DataFrame:
    """An empty frame with the corpus's columns and dtypes.

    The dtypes are those :func:`corpus_frame` infers from one value of each
    type seen in each metadata column (and a missing value where some
    document lacks the column), which are the dtypes it infers from all the
    values.
    """
    names: dict[str, dict[type, object]] = {}
    having: dict[str, int] = {}
    for s in surveys:
        for name, types in s.meta.items():
            for t, v in types.items():
                names.setdefault(name, {}).setdefault(t, v)
            having[name] = having.get(name, 0) + s.meta_counts[name]
    n_docs = sum(len(u) for s in surveys for u in s.docs)
    values = {name: list(types.values()) + ([None] if having[name] < n_docs else [])
              for name, types in names.items()}
    width = max([len(v) for v in values.values()] + [1])
    samples = [Doc(f"d{k}", "", "", "", (), None,
                   tuple((name, v[k] if k < len(v) else v[0]) for name, v in values.items()))
               for k in range(width)]
    return corpus_frame(samples).iloc[:0]


def _units(source, options: LoadOptions, log: ProblemLog) -> list[Unit]:
    """The inputs of ``source``: a folder, a glob, a document or a table file, or a list of files."""
    if isinstance(source, (list, tuple)):
        paths = [os.fspath(p) for p in source]
        if not paths:
            raise CorpusError("no files given")
        return _file_units(paths, os.path.commonpath([os.path.dirname(os.path.abspath(p))
                                                      for p in paths]), log)
    text = os.fspath(source)
    if globlib.has_magic(text) and not os.path.lexists(text):
        paths = sorted(p for p in globlib.glob(text, recursive=True) if os.path.isfile(p))
        if not paths:
            raise CorpusError(f"{shown(text)}: no file matches this pattern")
        return _file_units(paths, _magic_base(text), log)
    src = Path(text)
    if not os.path.lexists(src) or not src.exists():
        raise CorpusError(f"{shown(str(src))}: no such file or folder (looked for a folder of "
                          f"documents, a document, a table file or a glob)")
    if src.is_dir():
        try:
            found = find_inputs(src, pattern=options.pattern, recursive=options.recursive,
                                log=log)
        except CorpusError:
            tables = _tables_in(src, options)
            if not tables:
                raise
            log.items.clear()
            return tables
        return [Unit(e, _is_table(e.rel), False) for e in found]
    name = shown(src.name)
    entry = Entry(os.fspath(src), name, shown(os.fspath(src)), name == src.name)
    return [Unit(entry, _is_table(name), True)]


def _is_table(name: str) -> bool:
    return name.lower().endswith(tuple(TABLE_SUFFIXES))


def _tables_in(folder: Path, options: LoadOptions) -> list[Unit]:
    """A folder of table partitions (no document files in it): every table, by name."""
    if options.pattern is not None:
        return []
    found = find_inputs(folder, pattern="*", recursive=options.recursive, log=ProblemLog())
    tables = [Unit(e, True, False) for e in found if _is_table(e.rel)]
    if len({Path(u.entry.rel).suffix.lower() for u in tables}) > 1:
        raise CorpusError(f"{shown(os.fspath(folder))}: holds tables of several types; "
                          f"pass a glob such as '{shown(os.fspath(folder))}/*.parquet'")
    return tables


def _magic_base(pattern: str) -> str:
    """The folder before the first wildcard of ``pattern`` (ids are relative to it)."""
    parts = Path(pattern).parts
    base = []
    for p in parts:
        if globlib.has_magic(p):
            break
        base.append(p)
    return os.path.join(*base) if base else "."


def _file_units(paths: list[str], base: str, log: ProblemLog) -> list[Unit]:
    """The units of listed files; tables among documents are listed as the pandas loader does."""
    units = []
    for p in paths:
        rel = os.path.relpath(os.path.abspath(p), os.path.abspath(base)).replace(os.sep, "/")
        name = shown(rel)
        units.append(Unit(Entry(p, name, shown(p), name == rel), _is_table(name), False))
    units.sort(key=lambda u: u.entry.rel)
    tables = sum(u.table for u in units)
    if 0 < tables < len(units):
        for u in units:
            if u.table:
                log.skipped(u.entry.where, "table in a folder",
                            "a table is loaded on its own: pass this file as the source")
        return [u for u in units if not u.table]
    return units


def load_corpus(source, *, pattern: str | None = None, recursive: bool = False,
                text_column: str | None = None, id_column: str | None = None,
                title_column: str | None = None, encoding: str = "utf-8",
                fallback_encoding: str | None = "cp1252", max_bytes: int | None = None,
                fix_text: bool = True, detect_language: bool = True, strict: bool = False,
                partition_docs: int = DEFAULT_PARTITION_DOCS, progress: bool = False):
    """Load a corpus as a lazy Dask DataFrame, equal to :func:`corpus_tools.load_corpus`'s frame.

    Parameters
    ----------
    source : str, Path or list of paths
        A folder of documents (as for :func:`corpus_tools.load_corpus`), a
        folder of table partitions (``part-0.parquet``, ``part-1.parquet``...:
        a folder that holds tables and no documents), a glob
        (``"crawl/**/*.warc.gz"``, ``"export/*.jsonl"``; ids are relative to
        the folder before the first wildcard), one file, or a list of files.
    pattern, recursive, text_column, id_column, title_column, encoding, fallback_encoding, max_bytes, fix_text, detect_language, strict
        As for :func:`corpus_tools.load_corpus`. With several tables, the
        text, id and title columns are guessed per table; name them to be
        sure every table uses the same ones.
    partition_docs : int, default :data:`DEFAULT_PARTITION_DOCS`
        Documents per partition (and document files per survey task; each
        table is surveyed by a task of its own).
    progress : bool, default False
        A progress bar on stderr for the survey.

    Returns
    -------
    dask.dataframe.DataFrame
        The columns, index (``doc_id``, sorted, with known divisions when
        the inputs allow), dtypes and values of the pandas loader's frame,
        computed partition by partition. ``frame.attrs["problems"]`` and
        :func:`problems` give the problems of every input; skipped inputs
        are named in one :class:`~corpus_tools.CorpusWarning`, as by the
        pandas loader. A table of several partitions keeps, in ``path``,
        the file of each row (``part-1.jsonl:line 7``).

    Raises
    ------
    CorpusError
        As :func:`corpus_tools.load_corpus` (also for a glob matching nothing).
    """

    from .cluster import compute

    options = LoadOptions(
        pattern=pattern, recursive=recursive, text_column=text_column, id_column=id_column,
        title_column=title_column, encoding=encoding, fallback_encoding=fallback_encoding,
        fix_text=fix_text, detect_language=detect_language, strict=strict, n_jobs=1,
        **({} if max_bytes is None else {"max_bytes": max_bytes}))
    if partition_docs < 1:
        raise ValueError(f"partition_docs={partition_docs!r}: expected a positive number")
    log = ProblemLog()
    units = _units(source, options, log)
    groups = survey_groups(units, partition_docs)
    import dask

    tasks = [dask.delayed(_survey, pure=True)(g, options) for g in groups]
    surveys = list(compute(*tasks, progress=progress, desc="reading")) if tasks else []
    # every unit's documents, in global file order, with their ids renamed as pandas does
    infos = [d for s in surveys for u in s.docs for d in u]
    for s in surveys:
        log.items.extend(s.problems)
    stand_ins = [Doc(d.doc_id, "", d.path, "") for d in infos]
    renamed = dedupe_ids(stand_ins, log)
    final = [d.doc_id for d in renamed]
    by_old: dict[tuple[str, str], list[str]] = {}
    for d, new in zip(infos, final):
        by_old.setdefault((d.path, d.doc_id), []).append(new)
    for s in surveys:  # language notes, with the final ids
        for p in s.languages:
            key = (p.source, p.doc_id)
            new = by_old[key].pop(0) if key in by_old else p.doc_id
            log.items.append(p._replace(doc_id=new))
    for d, new in zip(infos, final):
        if d.empty:
            log.loaded(d.path, new, "empty document",
                       "flagged 'empty'; analyses give NaN or no rows for it")
    raise_if_strict(log.items, strict=options.strict)
    label = shown(os.fspath(source)) if not isinstance(source, (list, tuple)) else \
        f"{len(source)} files"
    unit_ids, unit_counts, k = [], [], 0
    for s in surveys:
        for u in s.docs:
            unit_ids.append(final[k:k + len(u)])
            unit_counts.append([(d.n_words, d.n_sentences) for d in u])
            k += len(u)
    with dask.config.set({"dataframe.convert-string": False}):  # keep pandas' own dtypes
        return _lazy_frame(units, unit_ids, unit_counts, final, surveys, options, label, log,
                           partition_docs)


def survey_groups(units: list[Unit], size: int) -> list[list[Unit]]:
    """The units of each survey task, in input order: ``size`` document files, or one table.

    A table holds many documents (a Parquet partition, a JSON Lines export),
    so each is surveyed by a task of its own and a folder of partitions is
    surveyed in parallel; document files hold one each and go ``size`` to
    a task.
    """
    groups: list[list[Unit]] = []
    batch: list[Unit] = []
    for unit in units:
        if unit.table:
            if batch:
                groups.append(batch)
                batch = []
            groups.append([unit])
            continue
        batch.append(unit)
        if len(batch) >= size:
            groups.append(batch)
            batch = []
    if batch:
        groups.append(batch)
    return groups


def _lazy_frame(units, unit_ids, unit_counts, final, surveys, options, label, log,
                partition_docs):
    """Pass 2: the lazy frame (see the module docstring)."""
    import dask.dataframe as dd

    plan = _partition(units, unit_ids, unit_counts, partition_docs)
    meta = _meta_frame(surveys)
    # the problems travel in the attrs of the frame's meta, which every derived frame keeps
    meta.attrs["source"] = label
    meta.attrs["problems"] = ProblemTable(log.items)
    reader = _ReadPartition(options, meta)
    parts = list(zip(plan.units, plan.ids, plan.counts))
    if plan.divisions is not None:
        frame = dd.from_map(reader, parts, meta=meta, divisions=plan.divisions,
                            enforce_metadata=False, label="load-corpus")
    else:
        frame = dd.from_map(reader, parts, meta=meta, enforce_metadata=False,
                            label="load-corpus")
        n_out = max(1, -(-len(final) // partition_docs))
        frame = frame.reset_index().set_index("doc_id", divisions=_divisions(final, n_out))
    message = skipped_summary(log.items, label, hint="corpus_tools.problems(corpus)")
    if message:
        warnings.warn(message, CorpusWarning, stacklevel=4)
    return frame


def _divisions(ids: list[str], n: int) -> tuple:
    """``n`` id ranges of about equal size (for sorting by a shuffle)."""
    ids = sorted(ids)
    step = max(1, -(-len(ids) // max(1, n)))
    cuts = ids[::step]
    return (*cuts, ids[-1]) if ids else (None, None)


def problems(corpus) -> pd.DataFrame:
    """The problems table of a corpus loaded by :func:`load_corpus` (a pandas frame)."""
    from ..corpus.problems import problems as pandas_problems

    return pandas_problems(corpus._meta)
