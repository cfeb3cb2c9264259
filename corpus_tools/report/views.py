"""Which columns does a reader need first? Short views of the analyses' tables.

A page shows a short table first (the columns a reader scans, fitting the
page width) and the full table, every column, in a collapsed section. These
functions make the short views from the analyses' own frames; they never
change a value, only choose, order and (for grammar) summarise columns.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["READABILITY_FIRST", "readability_view", "grammar_ranking", "findings_view",
           "n_documents_with_words"]

READABILITY_FIRST = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "text_standard",
                     "n_words", "words_per_sentence", "reading_time_s", "flags")
"""Readability columns shown first: the ease score, the two best-known grades,
the consensus grade, the two counts that explain them, the reading time and
the reliability flags."""


def readability_view(table: pd.DataFrame) -> pd.DataFrame:
    """The :data:`READABILITY_FIRST` columns of a :func:`corpus_tools.readability` table.

    ``reading_time_s`` becomes ``reading_time_min`` (minutes read better).
    """
    view = table[[c for c in READABILITY_FIRST if c in table.columns]]
    if "reading_time_s" in view.columns:
        view = view.assign(reading_time_s=view["reading_time_s"] / 60).rename(
            columns={"reading_time_s": "reading_time_min"})
    return view


def grammar_ranking(summary: pd.DataFrame, categories: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Documents by error rate, highest first, with their findings' categories in words.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`corpus_tools.grammar_summary` (``n_words``, ``n_findings``,
        ``findings_per_1000_words``, ``n_<category>``).
    categories : sequence of str
        The categories, in the order to list them
        (:data:`corpus_tools.grammar.CATEGORIES`).

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``; columns ``n_words``, ``n_findings``,
        ``findings_per_1000_words`` and ``categories`` ("verb_form 2,
        spelling 1"; empty without findings; "not checked: not in English"
        where ``checked`` is False). Documents without a rate (no words, or
        not checked) come last.
    """
    counts = summary[[f"n_{c}" for c in categories]].to_numpy()
    labels = [", ".join(f"{c} {int(n)}" for c, n in zip(categories, row) if n)
              for row in counts]
    if "checked" in summary.columns:
        labels = [label if checked else "not checked: not in English"
                  for label, checked in zip(labels, summary["checked"].to_numpy(dtype=bool))]
    view = summary[["n_words", "n_findings", "findings_per_1000_words"]].assign(
        categories=labels)
    return view.sort_values("findings_per_1000_words", ascending=False, na_position="last",
                            kind="stable")


def findings_view(findings: pd.DataFrame) -> pd.DataFrame:
    """The columns of :func:`corpus_tools.grammar_errors` a reader needs, in reading order."""
    columns = ["doc_id", "span", "suggestion", "category", "message", "context"]
    return findings[[c for c in columns if c in findings.columns]].fillna({"suggestion": ""})


def n_documents_with_words(corpus: pd.DataFrame) -> int:
    """How many documents have at least one word (the ones a comparison can use)."""
    return int((corpus["n_words"] > 0).sum())
