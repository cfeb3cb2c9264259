"""Does the Dask path scale? Wall time, words/s, peak memory per worker and rewrite recall.

Issue 12 targets: 2 workers at least 1.7x faster than 1; peak memory per
worker flat from 50,000 to 200,000 documents; the full pipeline on 200,000
documents finishes on a 2-core machine.

Corpus: the BBC News corpus with 100 planted spinner rewrites, replicated
through word ciphers as ``bench_rewrites.py`` does (each replica keeps the
BBC's statistics and shares no story with the others), written once as
Parquet partitions of 5,000 documents to ``benchmarks/.cache/distributed-N/``,
sorted by ``doc_id`` (each partition holds its own id range, as a prepared
archive would; partitions whose ids interleave are sorted by a shuffle on
``doc_id`` each time the lazy corpus is computed, once per analysis).

Pipeline, each step's table written as Parquet partitions (as
``--out-parquet`` does), on a fresh ``LocalCluster`` of 1 or 2 worker
processes: load (:func:`corpus_tools.distributed.load_corpus`), readability,
grammar summary (with the corpus-wide spelling filter), top terms (corpus-wide
document frequencies), find_rewrites (``evidence=()``, as bench_rewrites.py).
Peak memory per worker is each worker process's resident-set high-water mark
(``VmHWM``), reset before each analysis (Linux ``clear_refs``) so that each
step's own peak is printed; the client's is printed too.

Run: ``.venv/bin/python benchmarks/bench_distributed.py [--sizes 50000,200000]
[--workers 1,2] [--runs SIZE:WORKERS,...]`` (default runs: 50000:1, 50000:2,
200000:2; add 200000:1 for the full table).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

from bbc import CACHE, load_bbc
from bench_rewrites import Cipher, planted_corpus

from corpus_tools import CorpusWarning

PART_DOCS = 5000
SORTED = "sorted by id"


def _replica(args):
    u, texts0 = args
    c = Cipher(seed=u)
    return {f"r{u}:{doc}": c.text(text) for doc, text in texts0.items()}


def build(n_docs: int) -> tuple[Path, list[tuple[str, str]]]:
    """Parquet partitions of ``n_docs`` documents (built once) and the planted pairs."""
    warnings.simplefilter("ignore", CorpusWarning)
    texts0, truth0 = planted_corpus(load_bbc())
    n_rep = -(-n_docs // len(texts0))
    truth = [(f"r{u}:{o}" if u else o, f"r{u}:{s}" if u else s) for u in range(n_rep)
             for o, s, _ in truth0]
    ids = [*texts0, *(f"r{u}:{d}" for u in range(1, n_rep) for d in texts0)][:n_docs]
    keep = set(ids)
    truth = [(o, s) for o, s in truth if o in keep and s in keep]
    folder = CACHE / f"distributed-{n_docs}"
    done = folder / "done"
    if done.exists() and done.read_text() == SORTED:
        return folder, truth
    t0 = time.perf_counter()
    if done.exists():  # built before the partitions were sorted: the same texts, re-sorted
        old = pd.concat([pd.read_parquet(f) for f in sorted(folder.glob("part-*.parquet"))])
        items = list(zip(old["id"], old["text"]))
        del old
    else:
        texts = dict(texts0)
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            for part in pool.imap(_replica, [(u, texts0) for u in range(1, n_rep)]):
                texts.update(part)
        items = [(d, texts[d]) for d in ids]
    # sorted by id: each partition holds its own id range, so the loader needs no shuffle
    items.sort()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for k in range(0, len(items), PART_DOCS):
        chunk = items[k:k + PART_DOCS]
        pd.DataFrame({"id": [d for d, _ in chunk], "text": [t for _, t in chunk]}).to_parquet(
            folder / f"part-{k // PART_DOCS:04d}.parquet", index=False)
    done.write_text(SORTED)
    print(f"built {len(items):,} documents in {time.perf_counter() - t0:.0f} s", flush=True)
    return folder, truth


def _vmhwm() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> bool:
    """Reset this process's resident-set high-water mark (Linux ``clear_refs``)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _cpu_seconds() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def _timed_computes(times: dict, peaks: dict, client):
    """Time each ``compute`` step of the Dask find_rewrites by its progress label, and record
    each step's peak memory per worker (the high-water mark reset before it)."""
    from corpus_tools.distributed import rewrites

    plain = rewrites.compute

    def timed(*collections, desc="dask", **kw):
        client.run(_reset_peak)
        t = time.perf_counter()
        try:
            return plain(*collections, desc=desc, **kw)
        finally:
            times[desc] = times.get(desc, 0.0) + time.perf_counter() - t
            now = client.run(_vmhwm)
            seen = peaks.setdefault(desc, {})
            for w, mb in now.items():
                seen[w] = max(seen.get(w, 0.0), mb)

    rewrites.compute = timed
    return plain


def run(folder: Path, truth, n_workers: int) -> dict:
    import corpus_tools as ct
    from corpus_tools.distributed import load_corpus, rewrites
    from corpus_tools.distributed.cluster import connect
    from corpus_tools.distributed.output import write_table

    out = Path(tempfile.mkdtemp(prefix="bench-distributed-"))
    times, rewrite_steps, step_mb, rewrite_mb = {}, {}, {}, {}
    load_before = os.getloadavg()
    with connect(workers=n_workers, dashboard=False) as session:
        plain = _timed_computes(rewrite_steps, rewrite_mb, session.client)
        cpu0, worker_cpu0 = _cpu_seconds(), session.client.run(_cpu_seconds)
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = load_corpus(folder, text_column="text", id_column="id")
            times["load (survey)"] = time.perf_counter() - t0
            t = time.perf_counter()
            write_table(corpus[["n_words", "n_sentences", "language", "flags"]], out, "corpus")
            times["corpus table"] = time.perf_counter() - t
            n_words = int(pd.read_parquet(out / "corpus")["n_words"].sum())
            step_mb["load"] = session.client.run(_vmhwm)
            for name, make in (("readability", lambda: ct.readability(corpus)),
                               ("grammar", lambda: ct.grammar_summary(corpus)),
                               ("terms", lambda: ct.top_terms(corpus, n=10))):
                session.client.run(_reset_peak)
                t = time.perf_counter()
                write_table(make(), out, name)
                times[name] = time.perf_counter() - t
                step_mb[name] = session.client.run(_vmhwm)
            session.client.run(_reset_peak)
            t = time.perf_counter()
            pairs = ct.find_rewrites(corpus, evidence=())
            times["rewrites"] = time.perf_counter() - t
            step_mb["rewrites"] = session.client.run(_vmhwm)
        wall = time.perf_counter() - t0
        rewrites.compute = plain
        # each worker's peak over every step: the analyses and find_rewrites's own steps (whose
        # resets hide their peaks from the analysis-level mark)
        worker_mb = {w: max(m.get(w, 0.0) for m in (*step_mb.values(), *rewrite_mb.values()))
                     for w in step_mb["load"]}
        worker_cpu = session.client.run(_cpu_seconds)
        client_cpu = _cpu_seconds() - cpu0
    load_after = os.getloadavg()
    shutil.rmtree(out, ignore_errors=True)
    got = {(a, b): r for a, b, r in zip(pairs["doc_a"], pairs["doc_b"], pairs["relation"])}
    found = sum(got.get(tuple(sorted(p))) == "rewrite" for p in truth)
    steps_done = sum(rewrite_steps.values())
    rewrite_steps["client (between steps)"] = times["rewrites"] - steps_done
    step_peaks = {name: sorted(m.values()) for name, m in step_mb.items()}
    return {"wall": wall, "words": n_words, "times": times, "worker_mb": sorted(worker_mb.values()),
            "step_mb": step_peaks,
            "rewrite_steps": rewrite_steps, "rewrite_mb": rewrite_mb, "load": (load_before, load_after),
            "worker_cpu": sorted(worker_cpu[w] - worker_cpu0.get(w, 0.0) for w in worker_cpu),
            "client_cpu": client_cpu,
            "client_mb": _vmhwm(), "recall": found / max(1, len(truth)), "found": found,
            "planted": len(truth)}


def main() -> None:
    runs = [(50_000, 1), (50_000, 2), (200_000, 2)]
    for arg in sys.argv[1:]:
        if arg.startswith("--runs="):
            runs = [tuple(int(x) for x in r.split(":")) for r in arg[7:].split(",")]
    results = {}
    for size, workers in runs:
        folder, truth = build(size)
        print(f"== {size:,} documents, {workers} worker(s)", flush=True)
        r = run(folder, truth, workers)
        results[(size, workers)] = r
        steps = ", ".join(f"{k} {v:.0f} s" for k, v in r["times"].items())
        inside = ", ".join(f"{k} {v:.0f} s" for k, v in r["rewrite_steps"].items())
        before, after = r["load"]
        print(f"  load average before {' '.join(f'{x:.2f}' for x in before)}, "
              f"after {' '.join(f'{x:.2f}' for x in after)} ({os.cpu_count()} cores)")
        print(f"  wall {r['wall']:.0f} s, {r['words'] / r['wall']:,.0f} words/s "
              f"({r['words']:,} words); steps: {steps}")
        print(f"  find_rewrites steps: {inside}")
        print("  find_rewrites peak memory of the largest worker by step: " + ", ".join(
            f"{k} {max(v.values()):.0f} MiB" for k, v in r["rewrite_mb"].items()))
        print(f"  CPU seconds: workers {', '.join(f'{c:.0f}' for c in r['worker_cpu'])}; "
              f"client {r['client_cpu']:.0f}")
        print(f"  peak memory per worker: {', '.join(f'{m:.0f} MiB' for m in r['worker_mb'])}; "
              f"client {r['client_mb']:.0f} MiB")
        print("  peak memory per worker by step: " + "; ".join(
            f"{k} {'/'.join(f'{m:.0f}' for m in v)} MiB" for k, v in r["step_mb"].items()))
        print(f"  planted rewrites found as 'rewrite': {r['found']}/{r['planted']} "
              f"({r['recall']:.1%})", flush=True)
    for size in sorted({s for s, _ in results}):
        if (size, 1) in results and (size, 2) in results:
            print(f"speed-up at {size:,} documents, 2 workers over 1: "
                  f"{results[(size, 1)]['wall'] / results[(size, 2)]['wall']:.2f}x")
    for workers in sorted({w for _, w in results}):
        sizes = sorted(s for s, w in results if w == workers)
        if len(sizes) > 1:
            peaks = [max(results[(s, workers)]["worker_mb"]) for s in sizes]
            print(f"peak memory of the largest worker, {workers} worker(s): " + ", ".join(
                f"{s:,} documents {m:.0f} MiB" for s, m in zip(sizes, peaks))
                + f" ({peaks[-1] / peaks[0]:.2f}x from the smallest to the largest corpus)")


if __name__ == "__main__":
    main()
