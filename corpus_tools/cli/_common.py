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


def add_corpus_arguments(parser: argparse.ArgumentParser, *, cluster: bool = True) -> None:
    """PATH and the options of :func:`corpus_tools.load_corpus` (and, with ``cluster``, the
    scale-out options of :func:`add_cluster_arguments`)."""
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
    if cluster:
        add_cluster_arguments(parser)


def add_cluster_arguments(parser: argparse.ArgumentParser) -> None:
    """``--scheduler``/``--workers`` (run on Dask), ``--partition-docs``, ``--out-parquet``."""
    g = parser.add_argument_group(
        "scale-out (Dask; needs pip install 'corpus-tools[dask]')",
        "With --scheduler or --workers the corpus is loaded as Dask partitions and every "
        "analysis runs on the cluster; the results equal the default (pandas) ones.")
    where = g.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786)")
    where.add_argument("--workers", type=int, metavar="N",
                       help="run on a local Dask cluster of N worker processes started for "
                            "this command")
    g.add_argument("--partition-docs", type=int, default=2000, metavar="N",
                   help="documents per partition (default: %(default)s)")
    g.add_argument("--out-parquet", metavar="DIR",
                   help="write the result table as Parquet partitions to DIR/<table>/ "
                        "instead of printing it (for notebooks; pandas.read_parquet opens it)")


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


def on_cluster(args: argparse.Namespace) -> bool:
    """Whether the command runs on Dask (``--scheduler`` or ``--workers``)."""
    return bool(getattr(args, "scheduler", None) or getattr(args, "workers", None))


def start_cluster(args: argparse.Namespace):
    """Connect to ``--scheduler`` or start ``--workers``; the dashboard address goes to stderr.

    The session is kept on ``args`` and closed by :func:`corpus_tools.cli.main`.
    """
    from ..distributed.cluster import connect, dashboard_address

    if args.workers is not None and args.workers < 1:
        raise ValueError(f"--workers {args.workers}: expected at least 1")
    session = connect(scheduler=args.scheduler, workers=args.workers)
    args.dask_session = session
    where = args.scheduler or f"a local cluster of {args.workers} worker process(es)"
    print(f"corpus-tools: running on {where}; Dask dashboard: "
          f"{dashboard_address(session.client) or 'none'}", file=sys.stderr)
    return session


def load(args: argparse.Namespace) -> pd.DataFrame:
    """Load the corpus named on the command line; a summary of problems goes to stderr.

    On a cluster (:func:`on_cluster`) the corpus is a lazy Dask DataFrame.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        if on_cluster(args):
            from ..distributed import load_corpus as load_partitions
            from ..progress import stderr_is_terminal

            start_cluster(args)
            corpus = load_partitions(args.path, partition_docs=args.partition_docs,
                                     progress=stderr_is_terminal(), **load_options(args))
        else:
            corpus = load_corpus(args.path, **load_options(args))
    if on_cluster(args):
        from ..corpus import problems

        table = problems(corpus)
        message = skipped_summary(list(table.itertuples(index=False)), args.path,
                                  hint=f"corpus-tools load {shlex.quote(str(args.path))} "
                                       f"--problems")
        if message:
            print(f"corpus-tools: warning: {message}", file=sys.stderr)
        return corpus
    message = skipped_summary(corpus.attrs.get("problems", ()), corpus.attrs.get("source", args.path),
                              hint=f"corpus-tools load {shlex.quote(str(args.path))} --problems")
    if message:
        print(f"corpus-tools: warning: {message}", file=sys.stderr)
    return corpus


def is_lazy(frame) -> bool:
    """Whether ``frame`` is a Dask collection (computed when shown)."""
    return hasattr(type(frame), "__dask_graph__")


def value(x):
    """``x`` computed, if it is a Dask collection or scalar."""
    if is_lazy(x):
        from ..distributed.cluster import compute
        from ..progress import stderr_is_terminal

        (x,) = compute(x, progress=stderr_is_terminal(), desc="computing")
    return x


def write_out(args: argparse.Namespace, frame, name: str) -> bool:
    """With ``--out-parquet DIR``: write ``frame`` to ``DIR/name/`` and return True.

    A Dask frame's partitions are written by the workers.
    """
    if not getattr(args, "out_parquet", None):
        return False
    from ..distributed.output import write_table
    from ..progress import stderr_is_terminal

    path = write_table(frame, args.out_parquet, name, progress=stderr_is_terminal())
    print(f"corpus-tools: wrote the {name} table to {path}", file=sys.stderr)
    return True


def output(args: argparse.Namespace, frame, name: str, fmt: str | None = None, **kw) -> bool:
    """Write ``frame`` to ``--out-parquet`` (True), or print it with :func:`emit` (False).

    A Dask frame is computed to be printed.
    """
    if write_out(args, frame, name):
        return True
    emit(value(frame), args.format if fmt is None else fmt, **kw)
    return False


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
