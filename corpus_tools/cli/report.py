"""``corpus-tools report PATH --out DIR``: every notebook rendered to static HTML.

With ``--workers N`` or ``--scheduler ADDRESS`` the corpus is analysed on a
Dask cluster: the cluster writes the summary tables (``--out-parquet DIR``,
default ``OUT/.summaries``) and the report is rendered from them, so no
process holds the corpus. ``--summaries DIR`` renders from a folder written
earlier (by another machine's cluster, say) without analysing anything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..report import render_report
from ._common import add_corpus_arguments, load, load_options, on_cluster

SUMMARIES_FOLDER = ".summaries"
"""Where the cluster writes the summary tables under ``--out`` unless ``--out-parquet`` says."""


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="execute the notebooks on a corpus and write HTML pages",
                       description="Execute every notebook against the corpus and write one "
                                   "HTML page per notebook plus index.html to --out. On a "
                                   "Dask cluster (--workers, --scheduler) the cluster writes "
                                   "summary tables and one page is rendered from them.")
    add_corpus_arguments(p)
    p.add_argument("--out", default="reports", help="output folder (default: reports)")
    p.add_argument("--show-code", action="store_true", help="keep code cells in the pages")
    p.add_argument("--notebooks", help="folder of NN_*.ipynb notebooks (default: the shipped ones)")
    p.add_argument("--timeout", type=int, default=900, help="seconds one cell may run (default: 900)")
    p.add_argument("--cache-dir", help="analysis cache shared by the notebooks (default: OUT/.cache, "
                                       "keeping what the last report used)")
    p.add_argument("--jobs", type=int, help="notebooks run at the same time (default: cores + 1)")
    p.add_argument("--summaries", metavar="DIR",
                   help="render from summary tables a cluster wrote earlier to DIR (PATH is "
                        "then only shown on the pages; nothing is analysed)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"--out {args.out}: is a file; give a folder (it is created "
                                 f"when missing)")
    if args.summaries or on_cluster(args):
        result = _at_scale(args, out)
    else:
        options = load_options(args)
        result = render_report(args.path, out=args.out, notebooks=args.notebooks,
                               show_code=args.show_code, load_options=options,
                               timeout=args.timeout, progress=True, cache_dir=args.cache_dir,
                               n_jobs=args.jobs)
    for nb in result.notebooks:
        state = "ok" if nb.ok else "FAILED"
        print(f"{state:6} {nb.html_path}  ({nb.seconds:.1f} s)")
        if not nb.ok:
            print(f"       {nb.error.splitlines()[-1] if nb.error else ''}", file=sys.stderr)
    print(f"index: {result.index_path.resolve()}")
    return 0 if result.ok else 1


def _at_scale(args: argparse.Namespace, out: Path):
    """The cluster writes the summaries (unless ``--summaries`` names them); render from them."""
    from ..progress import stderr_is_terminal
    from ..report import render_summary_report

    folder = args.summaries
    if folder is None:
        from ..distributed.summaries import write_summaries

        corpus = load(args)
        folder = Path(args.out_parquet) if args.out_parquet else out / SUMMARIES_FOLDER
        print(f"corpus-tools report: the cluster writes the summary tables to {folder}",
              file=sys.stderr)
        write_summaries(corpus, folder, source=str(args.path), progress=stderr_is_terminal())
    return render_summary_report(folder, out=out, notebooks=args.notebooks,
                                 show_code=args.show_code, timeout=args.timeout, progress=True,
                                 source=args.path)
