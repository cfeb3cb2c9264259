"""``corpus-tools readability PATH``: textstat's readability formulas for every document."""

from __future__ import annotations

import argparse
import sys
import warnings

from ..progress import stderr_is_terminal
from ..readability import ReadabilityWarning, readability, sentence_readability
from ..report.views import READABILITY_FIRST
from ._common import add_corpus_arguments, add_format_argument, emit, load, value, write_out
from .format import add_columns_argument, select_columns


def add_parser(sub) -> None:
    p = sub.add_parser(
        "readability", help="readability formulas (textstat's values) per document",
        description="Print one row per document with every English readability formula of "
                    "textstat (same values), the counts behind them, lexical diversity and "
                    "reading time; or, with --sentences, one row per sentence.")
    add_corpus_arguments(p)
    add_format_argument(p)
    add_columns_argument(p)
    p.add_argument("--sentences", action="store_true",
                   help="one row per sentence (words, syllables, grade, offsets) instead")
    p.add_argument("--undefined", choices=("textstat", "nan"), default="textstat",
                   help="value of a formula that cannot be computed (no words): textstat's "
                        "placeholder (default) or NaN")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    corpus = load(args)
    show = stderr_is_terminal()
    if args.sentences:
        sentences = sentence_readability(corpus, progress=show)
        if write_out(args, sentences, "sentences"):
            return 0
        sentences = value(sentences)
        emit(select_columns(sentences, args.columns, first=_sentence_first(args.format)),
             args.format, index=False, max_colwidth=60)
        return 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReadabilityWarning)
        table = readability(corpus, undefined=args.undefined, progress=show)
    for w in caught:
        print(f"corpus-tools: warning: {w.message}", file=sys.stderr)
    if write_out(args, table, "readability"):
        return 0
    table = value(table)
    first = READABILITY_FIRST if args.format == "table" else ()
    emit(select_columns(table, args.columns, first=first), args.format)
    return 0


def _sentence_first(fmt: str) -> tuple[str, ...]:
    """Sentence columns first in a table: which sentence, how hard, its text, then offsets."""
    if fmt != "table":
        return ()
    return ("doc_id", "sentence", "flesch_kincaid_grade", "n_words", "text", "start", "end")
