"""``corpus-tools load PATH``: a summary table of the corpus and its problems."""

from __future__ import annotations

import argparse
import sys

from ..corpus import problems
from ._common import add_corpus_arguments, add_format_argument, emit, load
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
        first = PROBLEM_FIRST if args.format == "table" else ()
        emit(select_columns(probs, args.columns, first=first), args.format, index=False,
             max_colwidth=48)
        return 0
    emit(select_columns(corpus, args.columns or SUMMARY_COLUMNS), args.format)
    if args.format == "table":
        n_words = int(corpus["n_words"].sum())
        n_sentences = int(corpus["n_sentences"].sum())
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
