"""Per-document analyses on a Dask corpus: readability, sentences, grammar findings and summaries.

Each function takes a Dask DataFrame indexed by ``doc_id`` with a ``text``
column (:func:`corpus_tools.distributed.load_corpus`) and the keyword
options of the pandas function of the same name, and returns a lazy Dask
DataFrame whose partitions are the pandas function's output on the corpus
partitions. Readability and sentences need nothing corpus-wide. The grammar
checker's spelling filter does (a word found in ``term_min_docs`` documents
is a name, not a typo): the findings are computed and kept on the workers,
the candidate words gathered, their document counts summed over the
partitions, and the findings filtered, with the pandas path's own steps
(:mod:`corpus_tools.grammar.check`).

Warnings the pandas functions give (documents without words) are raised on
the workers, where Dask logs them; the ``flags`` columns carry the same
information.
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..corpus import corpus_from_texts
from .cluster import compute, pandas_dtypes, persist, share
from .store import ScratchFolder

__all__ = ["readability", "sentence_readability", "grammar_errors", "grammar_summary",
           "conform", "sample_meta", "check_dask_corpus"]

SAMPLE_TEXT = ("The council said on Monday it was reveal to the the press that the plan, "
               "which cost £2m, would go ahead.\n\nCritics disagreed.")
"""A document every analysis has output for: the schema (meta) of each result is the pandas
function's output on it (a finding, terms, sentences), so that no partition's dtypes depend on
whether it happens to be empty."""


def check_dask_corpus(corpus, caller: str) -> None:
    """Raise :class:`~corpus_tools.CorpusError` unless ``corpus`` is a Dask corpus frame."""
    from ..corpus import CorpusError

    columns = getattr(corpus, "columns", None)
    if columns is None or "text" not in columns:
        raise CorpusError(f"{caller}: the Dask corpus has no 'text' column (columns: "
                          f"{', '.join(map(str, columns if columns is not None else []))}); "
                          f"load it with corpus_tools.distributed.load_corpus()")


@functools.cache
def _sample_corpus() -> pd.DataFrame:
    return corpus_from_texts({"sample": SAMPLE_TEXT}, detect_language=False)


def sample_meta(func, *args, **kwargs) -> pd.DataFrame:
    """The empty frame (meta) of ``func``'s output: its output on :data:`SAMPLE_TEXT`, no rows."""
    return func(_sample_corpus(), *args, **kwargs).iloc[:0]


def conform(frame: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the dtypes of ``meta`` (an empty partition's object columns typed)."""
    wrong = {c: t for c, t in meta.dtypes.items() if c in frame.columns and frame[c].dtype != t}
    return frame.astype(wrong) if wrong else frame


def _apply(part: pd.DataFrame, func, meta: pd.DataFrame, kwargs: dict) -> pd.DataFrame:
    """Task: the pandas function on one corpus partition, typed as the meta."""
    import warnings

    with warnings.catch_warnings():  # shown by the client, not once per partition
        warnings.simplefilter("ignore")
        return conform(func(part, **kwargs), meta)


def _per_partition(corpus, func, caller: str, **kwargs):
    check_dask_corpus(corpus, caller)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        meta = sample_meta(func, **kwargs)
    return corpus.map_partitions(_apply, func, meta, kwargs, meta=meta, align_dataframes=False)


@pandas_dtypes
def readability(corpus, *, undefined="textstat", options=None, progress=False):
    """:func:`corpus_tools.readability` per partition (index ``doc_id``, same columns)."""
    from ..readability.table import readability as pandas_readability

    if undefined not in ("textstat", "nan"):
        raise ValueError(f"readability: undefined must be 'textstat' or 'nan', got "
                         f"{undefined!r}")
    return _per_partition(corpus, pandas_readability, "readability", undefined=undefined,
                          options=options)


@pandas_dtypes
def sentence_readability(corpus, *, progress=False):
    """:func:`corpus_tools.sentence_readability` per partition (each partition's index from 0)."""
    from ..readability.sentences import sentence_readability as pandas_sentences

    return _per_partition(corpus, pandas_sentences, "sentence_readability")


# --- grammar ----------------------------------------------------------------------

@functools.cache
def _checker(user: frozenset[str], disable: frozenset[str]):
    """The built-in checker, built once per worker process."""
    from ..grammar.rules import RuleChecker
    from ..lexicon import default_lexicon

    return RuleChecker(lexicon=default_lexicon(user), disable=disable)


def _raw_findings(part: pd.DataFrame, checker, disable: frozenset[str], user: frozenset[str],
                  options, meta: pd.DataFrame, checked=None) -> pd.DataFrame:
    """Task: a partition's findings before the corpus-wide spelling filter (``checked``: which
    documents to check, when already known)."""
    from ..grammar.check import check_texts, checked_documents, findings_frame

    checker = _checker(user, disable) if checker is None else checker
    texts = [t if isinstance(t, str) else "" for t in part["text"]]
    ids = [str(i) for i in part.index]
    if checked is None:
        checked = checked_documents(part, options)
    rows, spans = check_texts(texts, checker, disable=disable, user=user, options=options,
                              checked=checked)
    return conform(findings_frame(rows, texts, ids, spans, options.context_chars), meta)


class _Checked(NamedTuple):
    """What checking one partition gives besides its findings (which go to the scratch folder):
    the words of its term candidates and the ids of the documents it did not check."""

    words: set[str]
    not_checked: list[str]


def _findings_path(folder, k: int) -> Path:
    return Path(os.fspath(folder)) / f"findings-{k:05d}.pkl"


def _check_part(part: pd.DataFrame, k: int, folder, checker, disable: frozenset[str],
                user: frozenset[str], options, meta: pd.DataFrame) -> _Checked:
    """Task: partition ``k``'s findings before the spelling filter, written to ``folder``; its
    term candidates and the documents not checked (one read of the partition for all three)."""
    from ..grammar.check import checked_documents

    checked = checked_documents(part, options)
    skipped = [str(i) for i in part.index[~checked]]
    findings = _raw_findings(part, checker, disable, user, options, meta, checked)
    path = _findings_path(folder, k)
    tmp = path.with_suffix(".tmp")
    findings.to_pickle(tmp)
    os.replace(tmp, path)  # a reader never sees half a file
    return _Checked(_candidate_words(findings), skipped)


def _read_findings(k: int, folder, meta: pd.DataFrame) -> pd.DataFrame:
    """Task: partition ``k``'s findings as :func:`_check_part` wrote them."""
    path = _findings_path(folder, k)
    try:
        return pd.read_pickle(path)
    except FileNotFoundError:
        raise FileNotFoundError(f"grammar_errors: {path} is gone: the scratch folder of these "
                                "findings was removed (keep the result of grammar_errors while "
                                "it is used, and the folder visible to every worker)") from None


def _words_of(checked: _Checked) -> set[str]:
    return checked.words


def _not_checked_of(checked: _Checked) -> list[str]:
    return checked.not_checked


def _concat(*lists: list[str]) -> list[str]:
    return [x for part in lists for x in part]


def _candidate_words(findings: pd.DataFrame) -> set[str]:
    from ..grammar.check import is_term_candidate

    return {span.lower() for span, cat, rule in zip(findings["span"], findings["category"],
                                                    findings["rule_id"])
            if is_term_candidate(cat, rule)}


def _union(*sets: set[str]) -> set[str]:
    return set().union(*sets)


def _count_with(part: pd.DataFrame, words: list[str]) -> dict[str, int]:
    from ..grammar.check import count_documents_with

    return count_documents_with(words, [t if isinstance(t, str) else "" for t in part["text"]])


def _add_counts(*counts: dict[str, int]) -> dict[str, int]:
    total = dict.fromkeys(counts[0], 0) if counts else {}
    for c in counts:
        for w, n in c.items():
            total[w] += n
    return total


def _frequent(counts: dict[str, int], min_docs: int) -> frozenset[str]:
    """Task: the candidate words found in at least ``min_docs`` documents (names and terms)."""
    return frozenset(w for w, n in counts.items() if n >= min_docs)


def _drop_terms(findings: pd.DataFrame, terms: frozenset[str]) -> pd.DataFrame:
    """Task: a partition's findings without the words the corpus shows to be names or terms."""
    from ..grammar.check import is_term_candidate

    keep = [not (is_term_candidate(cat, rule) and span.lower() in terms)
            for span, cat, rule in zip(findings["span"], findings["category"],
                                       findings["rule_id"])]
    return findings[keep].reset_index(drop=True)


def tree_reduce(func, items: list, *, width: int = 8):
    """``func(*items)`` as a tree of delayed calls of at most ``width`` inputs each."""
    import dask

    step = dask.delayed(func, pure=True)
    items = [step(*items[k:k + width]) for k in range(0, len(items), width)] or [step()]
    while len(items) > 1:
        items = [step(*items[k:k + width]) for k in range(0, len(items), width)]
    return items[0]


@pandas_dtypes
def grammar_errors(corpus, *, disable: Iterable[str] = (), user_words: Iterable[str] = (),
                   options=None, checker=None, progress: bool = False, config=None,
                   scratch: str | None = None):
    """:func:`corpus_tools.grammar_errors` on a Dask corpus (same rows, partition by partition).

    The findings before the corpus-wide spelling filter are computed now and
    written to a scratch folder (a few rows per document: no worker keeps
    them in memory); the returned frame reads and filters them lazily, and
    the folder is removed when no collection built on it remains. Rows are
    sorted by ``doc_id`` and offsets within each partition (globally when
    the corpus has known divisions); each partition's index starts at 0.

    Parameters
    ----------
    scratch : str, optional
        Where the scratch folder is made, visible to every worker (default
        ``$CORPUS_TOOLS_SCRATCH``, else this machine's temporary folder:
        :func:`~corpus_tools.distributed.store.scratch_root`).
    Others
        As for :func:`corpus_tools.grammar_errors`.
    """
    import dask

    from ..grammar.check import check_disable, resolve_options, warn_not_checked
    from ..grammar.check import grammar_errors as pandas_grammar

    check_dask_corpus(corpus, "grammar_errors")
    options = resolve_options(options, config, "grammar_errors")
    disable = check_disable(disable, checker)
    user = frozenset(w.lower() for w in user_words)
    meta = sample_meta(pandas_grammar, options=options)
    if options.term_min_docs <= 1:  # lazy: no warning about documents not checked
        return corpus.map_partitions(_raw_findings, checker, disable, user, options, meta,
                                     meta=meta, align_dataframes=False)
    import dask.dataframe as dd

    # one task per partition reads it once: its findings go to the scratch folder (a worker
    # keeps none: they are as large as a good part of the corpus), its candidate words and
    # the documents it did not check come back
    folder = ScratchFolder("corpus-tools-grammar-", scratch)
    checked = [dask.delayed(_check_part)(p, k, folder, checker, disable, user, options, meta)
               for k, p in enumerate(corpus.to_delayed())]
    words = tree_reduce(_union, [dask.delayed(_words_of)(c) for c in checked])
    skipped = tree_reduce(_concat, [dask.delayed(_not_checked_of)(c) for c in checked])
    words, skipped = compute(words, skipped, progress=progress, desc="grammar")
    warn_not_checked(skipped, stacklevel=3)
    # the graph holds the folder: it is removed when no collection reads the findings
    raw = dd.from_map(_read_findings, range(len(checked)), args=(folder, meta), meta=meta,
                      label="grammar-findings", enforce_metadata=False)
    if not words:
        return raw
    words = share(sorted(words))  # sent to each worker once, not embedded in every task
    texts = corpus[["text"]].to_delayed()
    counts = tree_reduce(_add_counts, [dask.delayed(_count_with)(p, words) for p in texts])
    terms = dask.delayed(_frequent)(counts, options.term_min_docs)
    (terms,) = persist(terms, progress=progress, desc="spelling terms")  # stays on a worker
    return raw.map_partitions(_drop_terms, terms, meta=meta)


def _summary(part: pd.DataFrame, findings: pd.DataFrame, options) -> pd.DataFrame:
    from ..grammar.check import grammar_summary as pandas_summary

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return pandas_summary(part, findings=findings, options=options)


@pandas_dtypes
def grammar_summary(corpus, *, findings=None, disable: Iterable[str] = (),
                    user_words: Iterable[str] = (), options=None, checker=None,
                    progress: bool = False, config=None, scratch: str | None = None):
    """:func:`corpus_tools.grammar_summary` on a Dask corpus (index ``doc_id``, per partition).

    ``findings`` is :func:`grammar_errors`'s output for this corpus (Dask,
    partitioned like it) or a pandas findings table; when omitted, the
    findings are computed (in the ``scratch`` folder, see :func:`grammar_errors`).
    """
    from ..grammar.check import resolve_options, grammar_summary as pandas_summary

    check_dask_corpus(corpus, "grammar_summary")
    options = resolve_options(options, config, "grammar_summary")
    if findings is None:
        findings = grammar_errors(corpus, disable=disable, user_words=user_words,
                                  options=options, checker=checker, progress=progress,
                                  scratch=scratch)
    meta = sample_meta(pandas_summary)
    if hasattr(type(findings), "__dask_graph__"):
        if findings.npartitions != corpus.npartitions:
            raise ValueError(f"grammar_summary(findings=...): the findings have "
                             f"{findings.npartitions} partitions, the corpus "
                             f"{corpus.npartitions}; pass grammar_errors(corpus)'s output")
        import dask.dataframe as dd

        return dd.map_partitions(_summary, corpus, findings, options, meta=meta,
                                 align_dataframes=False)
    if not {"doc_id", "category"} <= set(findings.columns):
        raise ValueError("grammar_summary(findings=...): the frame needs columns 'doc_id' and "
                         "'category' (pass the output of grammar_errors)")
    return corpus.map_partitions(_summary, findings, options, meta=meta, align_dataframes=False)
