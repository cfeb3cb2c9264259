"""The summary tables of a corpus too large for one process: written by the cluster, read by a report.

:func:`write_summaries` runs every analysis of the report on a Dask corpus
and writes its per-document tables as Parquet partitions (the workers write
them; no process holds a whole table's texts): the corpus table without its
texts, the input problems, readability, the grammar summary, each document's
top terms and the copy and rewrite pairs, plus the texts of the few pairs a
report shows side by side. :func:`read_summaries` opens the folder again with
pandas alone (no Dask needed), as the notebook ``notebooks/at_scale/`` does;
``corpus-tools report PATH --workers N`` (or ``--scheduler ADDRESS``) does both.

A summary table has one row per document (a few numbers each), so a corpus
of millions of documents gives tables a notebook can open; the texts stay
where they are.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .output import read_table, write_table

__all__ = ["write_summaries", "read_summaries", "Summaries", "SUMMARY_TABLES", "SHOWN_PAIRS",
           "MANIFEST"]

SUMMARY_TABLES = ("corpus", "problems", "readability", "grammar_summary", "top_terms",
                  "rewrites", "texts")
"""The tables of a summaries folder, one Parquet folder each."""

SHOWN_PAIRS = 10
"""Copy and rewrite pairs whose texts are written (``texts``) for the side-by-side view."""

MANIFEST = "manifest.json"
"""What was summarised, when, with which version: the folder's first file to read."""


class Summaries(NamedTuple):
    """The tables :func:`write_summaries` wrote, as pandas frames.

    ``corpus`` is the corpus table without ``text`` (its ``attrs["problems"]``
    holds the problems, as a loaded corpus's do); ``texts`` holds the
    documents of the first :data:`SHOWN_PAIRS` copy and rewrite pairs,
    with ``text``; ``manifest`` says which corpus, when and how many rows.
    """

    corpus: pd.DataFrame
    problems: pd.DataFrame
    readability: pd.DataFrame
    grammar_summary: pd.DataFrame
    top_terms: pd.DataFrame
    rewrites: pd.DataFrame
    texts: pd.DataFrame
    manifest: dict


def write_summaries(corpus, folder: str | Path, *, source: str = "", progress: bool = False,
                    shown_pairs: int = SHOWN_PAIRS) -> Path:
    """Run the report's analyses on a Dask corpus and write their tables to ``folder``.

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        From :func:`corpus_tools.distributed.load_corpus`.
    folder : str or Path
        Created if missing; tables of an earlier run are replaced.
    source : str, optional
        The corpus path, for the report's pages (default: the corpus's own
        ``attrs["source"]``).
    progress : bool, default False
        A progress bar per table on stderr.
    shown_pairs : int, default :data:`SHOWN_PAIRS`
        Copy and rewrite pairs (most confident first) whose two texts are
        written for the side-by-side view.

    Returns
    -------
    Path
        The folder.
    """
    import pyarrow.parquet as pq

    import corpus_tools as ct

    from ..corpus import problems as corpus_problems
    from .analyses import check_dask_corpus

    check_dask_corpus(corpus, "write_summaries")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).unlink(missing_ok=True)  # a half-written folder has no manifest
    started = time.time()
    rows: dict[str, int] = {}
    seconds: dict[str, float] = {}

    def put(name: str, make):
        """Make a table (its eager steps too) and write it; its seconds and rows to the manifest."""
        t = time.perf_counter()
        table = make()
        path = write_table(table, out, name, progress=progress)
        seconds[name] = round(time.perf_counter() - t, 1)
        rows[name] = int(sum(pq.ParquetFile(p).metadata.num_rows
                             for p in sorted(path.glob("*.parquet"))))
        return table

    put("corpus", lambda: corpus[[c for c in corpus.columns if c != "text"]])
    put("problems", lambda: corpus_problems(corpus))
    put("readability", lambda: ct.readability(corpus, progress=progress))
    put("grammar_summary", lambda: ct.grammar_summary(corpus, progress=progress))
    put("top_terms", lambda: ct.top_terms(corpus, n=10, progress=progress))
    pairs = put("rewrites", lambda: ct.find_rewrites(corpus, progress=progress))
    put("texts", lambda: _shown_texts(corpus, pairs, shown_pairs))
    manifest = {
        "source": source or str(corpus._meta.attrs.get("source", "")),
        "written": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)),
        "corpus_tools": ct.__version__, "partitions": int(corpus.npartitions),
        "rows": rows, "seconds": seconds, "shown_pairs": shown_pairs,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return out


def shown_pairs_of(pairs: pd.DataFrame, n: int) -> pd.DataFrame:
    """The copy and rewrite pairs a report shows side by side: rewrites first, most confident first."""
    linked = pairs[pairs["relation"].isin(["rewrite", "copy"])]
    order = linked.assign(_rw=linked["relation"].ne("rewrite"))
    order = order.sort_values(["_rw", "confidence"], ascending=[True, False], kind="stable")
    return linked.loc[order.index[:n]]


def _shown_texts(corpus, pairs: pd.DataFrame, n: int) -> pd.DataFrame:
    """The texts (and corpus columns) of the documents of the first ``n`` shown pairs."""
    shown = shown_pairs_of(pairs, n)
    ids = sorted(set(shown["doc_a"]) | set(shown["doc_b"]))
    if not ids:
        return corpus._meta.copy()
    wanted = frozenset(ids)
    picked = corpus.map_partitions(lambda part: part[part.index.isin(wanted)],
                                   meta=corpus._meta)
    from .cluster import compute

    (frame,) = compute(picked)
    return frame


def read_summaries(folder: str | Path) -> Summaries:
    """The tables of a folder :func:`write_summaries` wrote (pandas only; Dask not needed).

    Raises
    ------
    FileNotFoundError
        ``folder`` has no :data:`MANIFEST` (it is not a summaries folder, or
        its writing did not finish), or a table is missing.
    """
    from ..corpus.problems import Problem, ProblemTable

    path = Path(folder)
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise FileNotFoundError(f"{path}: no {MANIFEST}: not a folder written by "
                                f"write_summaries (or its writing did not finish)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    tables = {}
    for name in SUMMARY_TABLES:
        if not (path / name).is_dir():
            raise FileNotFoundError(f"{path / name}: missing; write the summaries again")
        tables[name] = read_table(path, name)
    problems = tables["problems"]
    table = ProblemTable(Problem(*row) for row in problems.itertuples(index=False))
    for name in ("corpus", "texts"):
        tables[name].attrs["problems"] = table
        tables[name].attrs["source"] = manifest.get("source", "")
    return Summaries(**tables, manifest=manifest)
