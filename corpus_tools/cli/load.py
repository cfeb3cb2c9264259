"""``corpus-tools load PATH``: a summary table of the corpus and its problems."""

from __future__ import annotations

import argparse
import sys

from ..corpus import problems
from ._common import add_corpus_arguments, add_format_argument, emit, load, value, write_out
from .format import add_columns_argument, select_columns, wrap_note

SUMMARY_COLUMNS = ["n_words", "n_sentences", "n_chars", "language", "encoding", "flags", "title"]
"""The document table: sizes first, the title last (cut to the width left)."""
PROBLEM_FIRST = ["source", "problem", "action", "detail"]
"""The problems table in a terminal: which input, what is wrong, what was done, then the rest."""


def add_parser(sub) -> None:
    p = sub.add_parser("load", help="summarise a corpus and list the problems found",
                       description="Load a corpus and print one row per document; inputs "
                                   "that were skipped or flagged are listed on stderr "
                                   "(table format) or with --problems.")
    add_corpus_arguments(p)
    add_format_argument(p)
    add_columns_argument(p)
    p.add_argument("--problems", action="store_true",
                   help="print the problems table instead of the documents")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    corpus = load(args)
    probs = problems(corpus)
    if args.problems:
        if write_out(args, probs, "problems"):
            return 0
        first = PROBLEM_FIRST if args.format == "table" else ()
        emit(select_columns(probs, args.columns, first=first), args.format, index=False,
             max_colwidth=48)
        return 0
    shown = corpus if args.columns else corpus[SUMMARY_COLUMNS]  # a Dask corpus: fewer columns
    if write_out(args, shown, "corpus"):
        write_out(args, probs, "problems")
        return 0
    emit(select_columns(value(shown), args.columns or SUMMARY_COLUMNS), args.format)
    if args.format == "table":
        totals = value(corpus[["n_words", "n_sentences"]].sum())
        n_words, n_sentences = int(totals["n_words"]), int(totals["n_sentences"])
        print("\n" + wrap_note(f"{_count(len(corpus), 'document')}, {_count(n_words, 'word')}, "
                              f"{_count(n_sentences, 'sentence')} from {args.path}"))
        if len(probs):
            print(f"\nProblems ({len(probs)}):")
            emit(select_columns(probs, first=PROBLEM_FIRST), "table", index=False,
                 max_colwidth=48)
    elif len(probs):
        print(f"corpus-tools: {len(probs)} problem(s); see --problems", file=sys.stderr)
    return 0


def _count(n: int, noun: str) -> str:
    """``"1 document"``, ``"2,225 documents"``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
