"""`corpus-tools report` on the sample corpus and on BBC News: time per notebook, cold and warm.

Run: ``.venv/bin/python benchmarks/bench_report.py [--corpus sample|bbc|both] [--jobs N]``

For each corpus the report is rendered twice into a fresh folder: **cold**
(empty analysis cache: every analysis computed) and **warm** (the cache the
cold run left: every analysis read back). The script prints the wall time of
each notebook and of the whole report, the CPU seconds of the kernels, and
where the time goes: per notebook, the seconds its cells ran versus kernel
start-up and HTML conversion, its slowest cells, and, from the cache, what
each analysis cost to compute once. The targets (issue: the BBC report in at
most 30 s cold on 2 cores; the sample in a few seconds plus kernel start-up)
are judged from these numbers, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cell_seconds(nb) -> list[tuple[float, str]]:
    """(seconds, first line) of each executed code cell, from nbclient's timing metadata."""
    out = []
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if cell.cell_type == "code" and start and end:
            seconds = (dt.datetime.fromisoformat(end.replace("Z", "+00:00"))
                       - dt.datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
            out.append((seconds, cell.source.strip().splitlines()[0][:60] if cell.source else ""))
    return out


def _run(source: Path, out: Path, cache: Path, load_options: dict, jobs: int | None):
    from corpus_tools.report import render_report

    cpu = _children_cpu()
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = render_report(source, out=out, load_options=load_options, n_jobs=jobs,
                               cache_dir=cache)
    wall = time.perf_counter() - started
    if not result.ok:
        failed = [nb.name for nb in result.notebooks if not nb.ok]
        raise SystemExit(f"report failed: {failed}")
    return result, wall, _children_cpu() - cpu


def _analyses(cache: Path) -> list[tuple[str, float, float]]:
    rows = []
    for path in sorted(cache.glob("*.pkl")):
        with open(path, "rb") as f:
            entry = pickle.load(f)
        rows.append((path.name.rsplit("-", 1)[0], entry.seconds, path.stat().st_size / 1e6))
    return sorted(rows, key=lambda r: -r[1])


def bench(name: str, source: Path, load_options: dict, jobs: int | None) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"bench-report-{name}-"))
    try:
        runs = {}
        for label in ("cold", "warm"):  # warm reuses the cache the cold run wrote
            runs[label] = _run(source, work / label, work / "cache", load_options, jobs)
        names = [nb.name for nb in runs["cold"][0].notebooks]
        print(f"\n== {name}: {source}")
        print(f"{'run':5} {'total s':>8} {'kernel cpu s':>13}  " +
              "  ".join(f"{n[:2]:>6}" for n in names))
        for label, (result, wall, cpu) in runs.items():
            print(f"{label:5} {wall:8.1f} {cpu:13.1f}  " +
                  "  ".join(f"{nb.seconds:6.1f}" for nb in result.notebooks))
        print(f"\nwhere the time goes ({name}, cold): per notebook, cells vs start-up + conversion")
        for nb in runs["cold"][0].notebooks:
            cells = _cell_seconds(nbformat.read(nb.ipynb_path, as_version=4))
            in_cells = sum(s for s, _ in cells)
            slow = ", ".join(f"{s:.1f} s `{src}`" for s, src in sorted(cells, reverse=True)[:3])
            print(f"  {nb.name:24} {nb.seconds:5.1f} s = cells {in_cells:5.1f} s + "
                  f"other {nb.seconds - in_cells:4.1f} s; slowest: {slow}")
        print(f"\nanalyses in the cache ({name}): seconds to compute once, stored MB")
        for analysis, seconds, mb in _analyses(work / "cache"):
            print(f"  {analysis:28} {seconds:6.2f} s {mb:7.2f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["sample", "bbc", "both"], default="both")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks at a time (default: cores + 1)")
    args = parser.parse_args()
    print(f"{len(os.sched_getaffinity(0))} cores; load average now {os.getloadavg()[0]:.1f} "
          "(other work on the machine slows every figure below)")
    if args.corpus in ("sample", "both"):
        bench("sample", ROOT / "data", {}, args.jobs)
    if args.corpus in ("bbc", "both"):
        from bbc import bbc_folder

        bench("bbc", bbc_folder(), {"recursive": True}, args.jobs)


if __name__ == "__main__":
    main()
