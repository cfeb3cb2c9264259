"""``corpus-tools terms PATH``: top terms per document, or the key terms of one document."""

from __future__ import annotations

import argparse

from ..progress import stderr_is_terminal
from ..terms import TermOptions, top_terms
from ..terms.keyness import MEASURES, keyness, top_keyness
from ._common import add_corpus_arguments, add_format_argument, emit, load, value, write_out
from .format import add_columns_argument, select_columns, wrap_note

KEYNESS_SHOWN = ["term", "direction", "keyness", "freq_target", "freq_reference",
                 "log_likelihood", "p_value", "log_ratio", "percent_diff", "size_target",
                 "size_reference"]
"""Keyness columns the command line prints by default: the term, its direction and
strength first, then the evidence (``--columns`` chooses others)."""
TOP_FIRST = ["doc_id", "rank", "term", "count", "per_1000", "tf_idf"]
"""Top-term columns a table shows first."""


def _ngram(value: str):
    """``2`` or a range ``1-2`` / ``1,2``."""
    parts = value.replace(",", "-").split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected N or LO-HI, e.g. 2 or 1-2")
    if len(numbers) == 1:
        return numbers[0]
    if len(numbers) == 2:
        return tuple(numbers)
    raise argparse.ArgumentTypeError(f"{value!r}: expected N or LO-HI, e.g. 2 or 1-2")


def add_parser(sub) -> None:
    p = sub.add_parser("terms", help="top terms and n-grams per document, or keyness",
                       description="Print the most frequent terms of each document "
                                   "(--top per document), or with --keyness DOC the terms "
                                   "over- and under-represented in DOC against the rest of "
                                   "the corpus.")
    add_corpus_arguments(p)
    add_format_argument(p)
    add_columns_argument(p)
    g = p.add_argument_group("term options")
    g.add_argument("--ngram", type=_ngram, default=1, metavar="N",
                   help="term length in words: 1 (default), 2, or a range such as 1-2")
    g.add_argument("--top", type=int, default=10, metavar="N",
                   help="terms per document (with --keyness: terms per direction); "
                        "default 10")
    g.add_argument("--by", choices=("count", "tf_idf", "per_1000"), default="count",
                   help="rank top terms by this column (default count)")
    g.add_argument("--stopwords", choices=("english", "none"), default="english",
                   help="leave out English stop words (default) or keep every word")
    g.add_argument("--min-count", type=int, default=1, metavar="N",
                   help="only terms seen at least N times in the corpus (default 1)")
    g.add_argument("--keyness", metavar="DOC",
                   help="doc_id whose key terms to list against the rest of the corpus")
    g.add_argument("--measure", choices=tuple(MEASURES), default="log_likelihood",
                   help="keyness ranking measure (default log_likelihood)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise ValueError(f"--top {args.top}: expected a positive number")
    corpus = load(args)
    options = TermOptions(ngram=args.ngram, min_count=args.min_count,
                          stopwords=None if args.stopwords == "none" else args.stopwords)
    if args.keyness is not None:
        key = keyness(corpus, args.keyness, measure=args.measure, options=options,
                      progress=stderr_is_terminal())
        if write_out(args, key, "keyness"):
            return 0
        shown = top_keyness(key, n=args.top)  # strongest first, over then under
        emit(select_columns(shown, args.columns or KEYNESS_SHOWN), args.format, index=False)
        if args.format == "table":
            size = int(key["size_target"].iloc[0]) if len(key) else 0
            print("\n" + wrap_note(f"Key terms of {args.keyness} ({size:,} words) against "
                                  f"{key.attrs['reference']}; ranked by {args.measure}; "
                                  f"log_likelihood > 3.84 is p < 0.05."))
        return 0
    top = top_terms(corpus, n=args.top, by=args.by, options=options,
                    progress=stderr_is_terminal())
    if write_out(args, top, "top_terms"):
        return 0
    top = value(top)
    first = TOP_FIRST if args.format == "table" else ()
    emit(select_columns(top, args.columns, first=first), args.format, index=False)
    return 0
