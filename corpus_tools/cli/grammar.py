"""``corpus-tools grammar PATH``: grammar and spelling findings, or per-document rates."""

from __future__ import annotations

import argparse
import sys
import warnings

from ..grammar import CATEGORIES, GrammarOptions, grammar_errors, grammar_summary
from ..progress import stderr_is_terminal
from ._common import add_corpus_arguments, add_format_argument, emit, load, value, write_out
from .format import add_columns_argument, select_columns, wrap_note

TABLE_COLUMNS = ["doc_id", "start", "span", "suggestion", "message", "category", "rule_id", "end"]
"""The columns a table of findings shows first (then the others, as the terminal allows)."""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "grammar", help="grammar and spelling errors (offline checker)",
        description="Print one row per finding (document, character offsets, flagged span, "
                    "rule, category, suggestion, message); with --summary, one row per "
                    "document with findings per category and per 1,000 words.")
    add_corpus_arguments(p)
    add_format_argument(p)
    add_columns_argument(p)
    p.add_argument("--summary", action="store_true",
                   help="per-document counts and rates per 1,000 words instead of findings")
    p.add_argument("--disable", action="append", default=[], metavar="NAME",
                   help="switch off a category (" + ", ".join(CATEGORIES) + ") or a rule id; "
                        "repeat for several")
    p.add_argument("--user-words", metavar="FILE",
                   help="a text file of extra correct words, one per line")
    p.add_argument("--term-min-docs", type=int, default=GrammarOptions.term_min_docs,
                   help="a word found in at least this many documents is not a spelling "
                        "error (default: %(default)s; 0 keeps all)")
    p.set_defaults(run=run)


def _read_words(path: str | None) -> list[str]:
    if not path:
        return []
    with open(path, encoding="utf-8") as fh:
        return [w.strip() for w in fh if w.strip() and not w.lstrip().startswith("#")]


def run(args: argparse.Namespace) -> int:
    corpus = load(args)
    options = GrammarOptions(term_min_docs=args.term_min_docs)
    findings = grammar_errors(corpus, disable=args.disable, user_words=_read_words(args.user_words),
                              options=options, progress=stderr_is_terminal())
    if args.summary:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            summary = grammar_summary(corpus, findings=findings)
        for w in caught:
            print(f"corpus-tools: warning: {w.message}", file=sys.stderr)
        if not write_out(args, summary, "grammar_summary"):
            emit(select_columns(value(summary), args.columns), args.format)
        return 0
    if write_out(args, findings, "findings"):
        return 0
    findings = value(findings)
    if args.format == "table":
        emit(select_columns(findings, args.columns, first=TABLE_COLUMNS), "table", index=False,
             max_colwidth=70)
        if len(findings):
            words = int(value(corpus["n_words"].sum()))
            rate = 1000 * len(findings) / words if words else float("nan")
            print("\n" + wrap_note(f"{len(findings)} findings in {findings['doc_id'].nunique()} "
                                  f"of {len(corpus)} documents ({rate:.2f} per 1,000 words)"))
    else:
        emit(select_columns(findings, args.columns), args.format, index=False)
    return 0
