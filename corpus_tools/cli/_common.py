"""Options and output shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import warnings
from typing import TextIO

import pandas as pd

from ..corpus import CorpusWarning, load_corpus
from ..corpus.problems import skipped_summary

FORMATS = ("table", "csv", "json")


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """PATH and the options of :func:`corpus_tools.load_corpus`."""
    parser.add_argument("path", metavar="PATH",
                        help="folder of documents (.txt, .html, .warc...), one document, or a "
                             "CSV/TSV/JSONL/Parquet table")
    g = parser.add_argument_group("corpus options")
    g.add_argument("--pattern", default=None,
                   help="glob for files in a folder, case-insensitive (default: every document "
                        "type: .txt .text .html .htm .xhtml .warc .warc.gz)")
    g.add_argument("--recursive", action="store_true", help="also read sub-folders")
    g.add_argument("--text-column", help="table column holding the text (default: guessed)")
    g.add_argument("--id-column", help="table column holding document ids (default: guessed)")
    g.add_argument("--title-column", help="table column holding titles (default: title/headline)")
    g.add_argument("--encoding", default="utf-8", help="text file encoding (default: utf-8)")
    g.add_argument("--max-bytes", type=parse_size, default=None, metavar="SIZE",
                   help="largest file read, e.g. 2G or 800M (default: 512M); larger files are "
                        "listed as skipped")
    g.add_argument("--strict", action="store_true", help="fail on any input problem")


def parse_size(value: str) -> int:
    """``"800M"`` -> 838860800: a byte count with an optional K, M or G (powers of 1024)."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    scale = {"K": 2**10, "M": 2**20, "G": 2**30}.get(text[-1:], 1)
    number = text[:-1] if scale > 1 else text
    try:
        size = int(float(number) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (e.g. 1000000, 800M, 2G)") from None
    if size < 1:
        raise argparse.ArgumentTypeError(f"the size must be positive: {value!r}")
    return size


def load_options(args: argparse.Namespace) -> dict:
    """The :func:`corpus_tools.load_corpus` keyword arguments the command line sets."""
    options = {"pattern": args.pattern, "recursive": args.recursive,
               "text_column": args.text_column, "id_column": args.id_column,
               "title_column": args.title_column, "encoding": args.encoding,
               "max_bytes": args.max_bytes, "strict": args.strict}
    defaults = {"pattern": None, "recursive": False, "text_column": None, "id_column": None,
                "title_column": None, "encoding": "utf-8", "max_bytes": None, "strict": False}
    return {k: v for k, v in options.items() if v != defaults[k]}


def add_format_argument(parser: argparse.ArgumentParser) -> None:
    """``--format table|csv|json``."""
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table for people (default), csv or json for pipes")


def load(args: argparse.Namespace) -> pd.DataFrame:
    """Load the corpus named on the command line; a summary of problems goes to stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = load_corpus(args.path, **load_options(args))
    message = skipped_summary(corpus.attrs.get("problems", ()), corpus.attrs.get("source", args.path),
                              hint=f"corpus-tools load {shlex.quote(str(args.path))} --problems")
    if message:
        print(f"corpus-tools: warning: {message}", file=sys.stderr)
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
    else:  # fitted to the terminal, numbers rounded: see cli/format.py
        from .format import render_table

        out.write(render_table(frame, index=index, max_colwidth=max_colwidth))


def _named_index(frame: pd.DataFrame) -> bool:
    return any(name is not None for name in frame.index.names)
