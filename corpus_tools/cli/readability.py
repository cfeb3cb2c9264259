"""``corpus-tools readability PATH``: textstat's readability formulas for every document."""

from __future__ import annotations

import argparse
import sys
import warnings

from ..progress import stderr_is_terminal
from ..readability import ReadabilityWarning, readability, sentence_readability
from ._common import add_corpus_arguments, add_format_argument, load, output


def add_parser(sub) -> None:
    p = sub.add_parser(
        "readability", help="readability formulas (textstat's values) per document",
        description="Print one row per document with every English readability formula of "
                    "textstat (same values), the counts behind them, lexical diversity and "
                    "reading time; or, with --sentences, one row per sentence.")
    add_corpus_arguments(p)
    add_format_argument(p)
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
        output(args, sentence_readability(corpus, progress=show), "sentences", index=False,
               max_colwidth=60)
        return 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReadabilityWarning)
        table = readability(corpus, undefined=args.undefined, progress=show)
    for w in caught:
        print(f"corpus-tools: warning: {w.message}", file=sys.stderr)
    output(args, table, "readability")
    return 0
