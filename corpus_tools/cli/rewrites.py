"""``corpus-tools rewrites PATH``: pairs of copies, machine rewrites and related documents."""

from __future__ import annotations

import argparse
import sys
import warnings

import numpy as np
import pandas as pd

from ..progress import stderr_is_terminal
from ..rewrites import RELATIONS, RewriteWarning, find_rewrites
from ._common import add_corpus_arguments, add_format_argument, emit, load, write_out
from .format import add_columns_argument, select_columns, wrap_note

TABLE_COLUMNS = ["doc_a", "doc_b", "relation", "method", "orig", "family", "confidence",
                 "coverage", "swaps_per_100", "direction_score"]
"""The columns of a table of pairs (``--columns`` chooses others). ``orig`` is a table-only
column: which side is the original (``a``: ``doc_a``, ``b``: ``doc_b``), so that the two
document ids are not printed twice; csv and json have ``original`` and ``rewritten``."""


def add_parser(sub) -> None:
    p = sub.add_parser("rewrites", help="find copies and machine-rewritten variants",
                       description="List pairs of related documents: copy, rewrite (with the "
                                   "machine-rewritten side) or related (same story, written "
                                   "independently). csv/json include every evidence column "
                                   "and the explanation.")
    add_corpus_arguments(p)
    add_format_argument(p)
    add_columns_argument(p)
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
        # every relation is judged whatever --relation says: the footer counts those not shown
        found = find_rewrites(corpus, evidence=evidence, progress=stderr_is_terminal(),
                              n_jobs=None)
    for w in caught:
        if issubclass(w.category, RewriteWarning):
            print(f"corpus-tools: warning: {w.message}", file=sys.stderr)
    wanted = tuple(args.relation or RELATIONS)
    pairs = found[found["relation"].isin(wanted)].reset_index(drop=True)
    if write_out(args, pairs, "rewrites"):
        return 0
    if args.format == "table":
        emit(select_columns(table_view(pairs), args.columns or TABLE_COLUMNS), "table",
             index=False)
        if args.explain:
            for r in pairs.itertuples():
                print("\n" + wrap_note(f"{r.doc_a} / {r.doc_b}: {r.explanation}"))
        print("\n" + wrap_note(pair_footer(found["relation"], wanted, n_documents=len(corpus))))
    else:
        emit(select_columns(pairs, args.columns), args.format, index=False)
    return 0


def table_view(pairs: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with the table-only column ``orig``: ``"a"``, ``"b"`` or ``""`` (no original).

    Examples
    --------
    >>> p = pd.DataFrame({"doc_a": ["x", "x"], "doc_b": ["y", "z"], "original": ["y", ""]})
    >>> table_view(p)["orig"].tolist()
    ['b', '']
    """
    side = np.where(pairs["original"] == pairs["doc_a"], "a",
                    np.where(pairs["original"] == pairs["doc_b"], "b", ""))
    return pairs.assign(orig=pd.array(side, dtype="str"))


_PLURAL = {"copy": "copies", "rewrite": "rewrites", "related": "related"}


def _count(n: int, relation: str) -> str:
    return f"{n} {relation if n == 1 else _PLURAL[relation]}"


def pair_footer(relations: pd.Series, shown: tuple[str, ...], *, n_documents: int) -> str:
    """The line under a table of pairs: how many of each relation, shown or not.

    Parameters
    ----------
    relations : pandas.Series
        The ``relation`` of every pair found (all relations, before ``--relation``).
    shown : tuple of str
        The relations the table shows.
    n_documents : int
        Documents in the corpus.

    Examples
    --------
    >>> r = pd.Series(["rewrite"] + ["copy"] * 187 + ["related"] * 40)
    >>> pair_footer(r, ("rewrite",), n_documents=300)
    '300 documents: 1 rewrite shown; 187 copies and 40 related not shown (--relation chooses)'
    >>> pair_footer(r.head(2), RELATIONS, n_documents=3)
    '3 documents: 1 rewrite, 1 copy, 0 related'
    """
    counts = relations.value_counts()
    order = [r for r in ("rewrite", "copy", "related") if r in RELATIONS]
    on = ", ".join(_count(int(counts.get(r, 0)), r) for r in order if r in shown)
    off = [_count(int(counts.get(r, 0)), r) for r in order if r not in shown]
    line = f"{n_documents} documents: {on}"
    if off:
        hidden = ", ".join(off[:-1]) + (" and " if len(off) > 1 else "") + off[-1]
        line += f" shown; {hidden} not shown (--relation chooses)"
    return line
