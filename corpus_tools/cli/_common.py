"""Options and output shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import TextIO

import pandas as pd

from ..corpus import CorpusWarning, load_corpus

FORMATS = ("table", "csv", "json")


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """PATH and the options of :func:`corpus_tools.load_corpus`."""
    parser.add_argument("path", metavar="PATH",
                        help="folder of .txt files, a text file, or a CSV/TSV/JSONL/Parquet table")
    g = parser.add_argument_group("corpus options")
    g.add_argument("--pattern", default="*.txt", help="glob for files in a folder (default: *.txt)")
    g.add_argument("--recursive", action="store_true", help="also read sub-folders")
    g.add_argument("--text-column", help="table column holding the text (default: guessed)")
    g.add_argument("--id-column", help="table column holding document ids (default: guessed)")
    g.add_argument("--encoding", default="utf-8", help="text file encoding (default: utf-8)")
    g.add_argument("--strict", action="store_true", help="fail on any input problem")


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    """``--format table|csv|json``."""
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table for people (default), csv or json for pipes")


def load(args: argparse.Namespace) -> pd.DataFrame:
    """Load the corpus named on the command line; problems go to stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        corpus = load_corpus(args.path, pattern=args.pattern, recursive=args.recursive,
                             text_column=args.text_column, id_column=args.id_column,
                             encoding=args.encoding, strict=args.strict)
    for w in caught:
        if issubclass(w.category, CorpusWarning):
            print(f"corpus-tools: warning: {w.message}", file=sys.stderr)
        else:  # pragma: no cover - pass other warnings on
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return corpus


def emit(frame: pd.DataFrame, fmt: str, *, out: TextIO | None = None,
         index: bool = True, max_colwidth: int = 60) -> None:
    """Print ``frame`` as a readable table, CSV or JSON records."""
    out = sys.stdout if out is None else out
    if fmt == "csv":
        frame.to_csv(out, index=index)
    elif fmt == "json":
        data = frame.reset_index() if index and _named_index(frame) else frame
        records = json.loads(data.to_json(orient="records", force_ascii=False,
                                          double_precision=15, date_format="iso"))
        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        if frame.empty:
            out.write("(no rows)\n")
            return
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", max_colwidth):
            out.write(frame.to_string(index=index, max_colwidth=max_colwidth))
            out.write("\n")


def _named_index(frame: pd.DataFrame) -> bool:
    return any(name is not None for name in frame.index.names)
