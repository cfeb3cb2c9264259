"""``corpus-tools rewrites PATH``: pairs of copies, machine rewrites and related documents."""

from __future__ import annotations

import argparse
import sys
import warnings

from ..progress import stderr_is_terminal
from ..rewrites import RELATIONS, RewriteWarning, find_rewrites
from ._common import add_corpus_arguments, add_format_argument, emit, load, output, write_out

TABLE_COLUMNS = ["doc_a", "doc_b", "relation", "rewritten", "confidence", "coverage",
                 "swaps_per_100", "direction_score"]


def add_parser(sub) -> None:
    p = sub.add_parser("rewrites", help="find copies and machine-rewritten variants",
                       description="List pairs of related documents: copy, rewrite (with the "
                                   "machine-rewritten side) or related (same story, written "
                                   "independently). csv/json include every evidence column "
                                   "and the explanation.")
    add_corpus_arguments(p)
    add_format_argument(p)
    p.add_argument("--relation", action="append", choices=RELATIONS,
                   help="only these relations (repeatable; default: all)")
    p.add_argument("--no-grammar", action="store_true",
                   help="skip grammar findings as evidence (faster)")
    p.add_argument("--no-readability", action="store_true",
                   help="skip readability as evidence")
    p.add_argument("--explain", action="store_true",
                   help="table format: print each pair's explanation below the table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    corpus = load(args)
    evidence = tuple(e for e, off in (("grammar", args.no_grammar),
                                      ("readability", args.no_readability)) if not off)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RewriteWarning)
        pairs = find_rewrites(corpus, evidence=evidence,
                              relations=tuple(args.relation or RELATIONS),
                              progress=stderr_is_terminal(), n_jobs=None)
    for w in caught:
        if issubclass(w.category, RewriteWarning):
            print(f"corpus-tools: warning: {w.message}", file=sys.stderr)
    if write_out(args, pairs, "rewrites"):
        return 0
    if args.format == "table":
        emit(pairs[TABLE_COLUMNS].round(3), "table", index=False)
        if args.explain:
            for r in pairs.itertuples():
                print(f"\n{r.doc_a} / {r.doc_b}: {r.explanation}")
        counts = pairs["relation"].value_counts()
        print(f"\n{len(corpus)} documents: " + ", ".join(
            f"{int(counts.get(r, 0))} {r}" for r in RELATIONS) + " pairs")
    else:
        emit(pairs, args.format, index=False)
    return 0
