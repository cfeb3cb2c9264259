"""What went wrong while loading? The problems table and the errors of this package.

Every input of :func:`~corpus_tools.corpus.load_corpus` ends up in the corpus
(possibly flagged) or in the problems table with the reason it was skipped.
The readers append :class:`Problem` records to a :class:`ProblemLog`; the
loaded frame carries them, frozen, in ``frame.attrs["problems"]``, and
:func:`problems` turns them into a DataFrame.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "Problem",
    "ProblemLog",
    "ProblemTable",
    "PROBLEM_COLUMNS",
    "NOTES",
    "problems",
    "skipped_summary",
    "raise_if_strict",
]

PROBLEM_COLUMNS = ["source", "doc_id", "problem", "action", "detail"]

NOTES = frozenset({"extracted from HTML", "non-English document"})
"""Problems that describe a document rather than fault it: ``strict=True``
does not turn them into errors."""


class CorpusError(ValueError):
    """A corpus cannot be loaded; the message names the path, line or column."""


class CorpusWarning(UserWarning):
    """Some inputs were skipped or flagged while loading a corpus."""


class Problem(NamedTuple):
    """One row of the problems table.

    ``source`` is the file (``file:line N`` for a CSV/TSV/JSONL row,
    ``file:row N`` for a Parquet row, ``file:record N`` for a WARC record);
    ``doc_id`` is ``""`` when no document was made; ``action`` is
    ``"loaded"`` (the document is in the corpus, usually flagged) or
    ``"skipped"``; ``detail`` says what happened and what to do.
    """

    source: str
    doc_id: str
    problem: str
    action: str
    detail: str


class ProblemLog:
    """Collects the problems of one load, in the order they were found."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, source, doc_id: str | None, problem: str, action: str, detail: str) -> None:
        """Record one problem (``action`` is ``"loaded"`` or ``"skipped"``)."""
        self.items.append(Problem(str(source), doc_id or "", problem, action, detail))

    def skipped(self, source, problem: str, detail: str, doc_id: str | None = None) -> None:
        """Record an input that is not in the corpus."""
        self.add(source, doc_id, problem, "skipped", detail)

    def loaded(self, source, doc_id: str, problem: str, detail: str) -> None:
        """Record a document that is in the corpus, changed or flagged."""
        self.add(source, doc_id, problem, "loaded", detail)


class ProblemTable(tuple):
    """The problems of a load, frozen: ``frame.attrs["problems"]``.

    A tuple of :class:`Problem`. pandas deep-copies ``attrs`` on every
    operation that returns a new frame; an immutable table can be shared,
    so copying it is free however many problems a large corpus has.
    """

    __slots__ = ()

    def __deepcopy__(self, memo) -> ProblemTable:
        return self

    def __copy__(self) -> ProblemTable:
        return self


def problems(corpus: pd.DataFrame) -> pd.DataFrame:
    """The inputs that were skipped or flagged when ``corpus`` was loaded.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A frame returned by :func:`~corpus_tools.corpus.load_corpus` (or
        any frame derived from it: pandas carries ``attrs`` along).

    Returns
    -------
    pandas.DataFrame
        Columns ``source`` (file, or ``file:line N`` / ``file:row N`` /
        ``file:record N`` for a row of a table or a WARC record),
        ``doc_id`` (``""`` when no document was made), ``problem``,
        ``action`` (``"skipped"`` or ``"loaded"``) and ``detail``. Empty
        when every input loaded cleanly.
    """
    if hasattr(type(corpus), "__dask_graph__"):  # a Dask frame keeps them in its meta
        corpus = corpus._meta
    rows = corpus.attrs.get("problems", ())
    return pd.DataFrame([tuple(r) for r in rows], columns=PROBLEM_COLUMNS, dtype="str")


def raise_if_strict(items, *, strict: bool) -> None:
    """With ``strict``, the first problem that is not a note (:data:`NOTES`) as a
    :class:`CorpusError` (``LoadOptions.strict``)."""
    if not strict:
        return
    faults = [p for p in items if p.problem not in NOTES]
    if faults:
        first = faults[0]
        raise CorpusError(f"{first.source}: {first.problem} ({first.detail}); "
                          f"strict=True turns every problem into an error")


def skipped_summary(items, source, *, hint: str) -> str | None:
    """One line naming the skipped inputs of a load, or ``None`` when there are none.

    Parameters
    ----------
    items : iterable of Problem
        The problems of the load.
    source : str or Path
        What was loaded.
    hint : str
        Where to see the whole table (``"corpus_tools.problems(corpus)"``
        in Python, ``"--problems"`` on the command line).
    """
    skipped = [p for p in items if p.action == "skipped"]
    if not skipped:
        return None
    names = ", ".join(f"{p.source} ({p.problem})" for p in skipped[:10])
    more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
    return f"skipped {len(skipped)} input(s) of {source}: {names}{more}; {hint} lists every problem"
