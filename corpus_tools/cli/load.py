"""``corpus-tools load PATH``: a summary table of the corpus and its problems."""

from __future__ import annotations

import argparse
import sys

from ..corpus import problems
from ._common import add_corpus_arguments, add_format_argument, emit, load, output, value

SUMMARY_COLUMNS = ["title", "n_chars", "n_words", "n_sentences", "encoding", "language", "flags"]


def add_parser(sub) -> None:
    p = sub.add_parser("load", help="summarise a corpus and list the problems found",
                       description="Load a corpus and print one row per document; inputs "
                                   "that were skipped or flagged are listed on stderr "
                                   "(table format) or with --problems.")
    add_corpus_arguments(p)
    add_format_argument(p)
    p.add_argument("--problems", action="store_true",
                   help="print the problems table instead of the documents")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    corpus = load(args)
    probs = problems(corpus)
    if args.problems:
        output(args, probs, "problems", index=False, max_colwidth=100)
        return 0
    summary = corpus[SUMMARY_COLUMNS]
    if output(args, summary, "corpus"):
        output(args, probs, "problems")
        return 0
    if args.format == "table":
        totals = value(corpus[["n_words", "n_sentences"]].sum())
        print(f"\n{len(corpus)} documents, {int(totals['n_words']):,} words, "
              f"{int(totals['n_sentences']):,} sentences from {args.path}")
        if len(probs):
            print(f"\nProblems ({len(probs)}):")
            emit(probs, "table", index=False, max_colwidth=80)
    elif len(probs):
        print(f"corpus-tools: {len(probs)} problem(s); see --problems", file=sys.stderr)
    return 0
