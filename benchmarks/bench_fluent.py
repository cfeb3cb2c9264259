"""How well does find_rewrites find fluent rewrites and name their side? Prints the numbers.

On the fluent-rewrite development set (``../shared/dev/fluent_rewrites``: 1,528 LLM
rewrites of 400 human texts, sports and public affairs; its text is never committed):

* per rewriter and for the two halves of the stories (the half the direction model
  was fitted on, and the held-out half; the split of ``fit_direction.py``): pairs
  found as ``rewrite``, the side right / undetermined / wrong;
* rewrite verdicts between different stories, and how many of those join stories
  whose originals are themselves near-duplicates in the data set (versions of one
  source passage: a rewrite of one is, in fact, a rewrite of the other);
* a calibration table of the rewrite verdicts: confidence bins against side right;

and on the BBC News corpus (2,225 articles, no machine rewrites): rewrite verdicts
(should be none), copies.

Run: ``.venv/bin/python benchmarks/bench_fluent.py`` (``--no-bbc`` skips BBC).
"""

from __future__ import annotations

import sys
import time
import warnings
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def fluent() -> None:
    from rewrite_cases import fluent_corpus, shared_source_stories

    from corpus_tools import find_rewrites

    found = fluent_corpus()
    if found is None:
        print("fluent rewrites development set not found (../shared/dev/fluent_rewrites); skipped")
        return
    corpus, pairs, docs = found
    t0 = time.perf_counter()
    out = find_rewrites(corpus)
    elapsed = time.perf_counter() - t0
    verdict = {frozenset((a, b)): r for a, b, r in zip(out["doc_a"], out["doc_b"],
                                                       out.itertuples(index=False))}
    rows = []
    for p in pairs:
        r = verdict.get(frozenset((p["original"], p["rewrite"])))
        story = docs[p["original"]]["story"]
        rows.append({"rewriter": p["rewriter"], "domain": docs[p["original"]]["domain"],
                     "half": "held-out" if zlib.crc32(story.encode()) % 2 else "fitted",
                     "found": r is not None and r.relation == "rewrite",
                     "right": r is not None and r.relation == "rewrite"
                     and r.rewritten == p["rewrite"],
                     "undetermined": r is not None and r.relation == "rewrite"
                     and r.rewritten == "",
                     "confidence": r.confidence if r is not None else np.nan})
    t = pd.DataFrame(rows)
    print(f"fluent rewrites: {len(corpus):,} documents, {len(t):,} true pairs, "
          f"find_rewrites {elapsed:.1f} s")
    print(f"  {'rewriter':16s} {'half':9s} {'pairs':>5s} {'found':>7s} {'right':>7s} "
          f"{'undet.':>7s} {'wrong':>7s}   (right, undetermined, wrong: share of found)")
    for (rw, half), g in [*t.groupby(["rewriter", "half"]), *(
            (("all", h), g) for h, g in t.groupby("half")), (("all", "both"), t)]:
        f = g["found"].sum()
        right, und = g["right"].sum(), g["undetermined"].sum()
        print(f"  {rw:16s} {half:9s} {len(g):5d} {f / len(g):7.1%} {right / max(1, f):7.1%} "
              f"{und / max(1, f):7.1%} {(f - right - und) / max(1, f):7.1%}")
    story = {d: v["story"] for d, v in docs.items()}
    originals = out[out["doc_a"].str.endswith("-original") & out["doc_b"].str.endswith("-original")]
    near = {frozenset((story[a], story[b])) for a, b, sh, co in
            zip(originals["doc_a"], originals["doc_b"], originals["shingle_overlap"],
                originals["content_overlap"]) if sh >= 0.25 or co >= 0.7}
    other = np.array([story[a] != story[b] for a, b in zip(out["doc_a"], out["doc_b"])],
                     dtype=bool)
    cross = out[(out["relation"] == "rewrite").to_numpy() & other]
    dup = sum(frozenset((story[a], story[b])) in near for a, b in zip(cross["doc_a"],
                                                                     cross["doc_b"]))
    linked = shared_source_stories(docs)
    shared = sum(frozenset((story[a], story[b])) in linked for a, b in zip(cross["doc_a"],
                                                                          cross["doc_b"]))
    print(f"  rewrite verdicts between different stories: {len(cross)} ({dup} of them join "
          f"stories whose originals are near-duplicates: {len(near)} such story pairs; "
          f"{shared} join stories whose originals share a verbatim run of 8 words, "
          f"{len(linked)} such story pairs; {len(cross) - shared} join stories that share none)")
    rw = t[t["found"] & ~t["undetermined"]]
    print("  calibration of the named sides (confidence bin: verdicts, side right):")
    for lo, hi in ((0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.97), (0.97, 1.01)):
        g = rw[(rw["confidence"] >= lo) & (rw["confidence"] < hi)]
        if len(g):
            print(f"    [{lo:.2f}, {min(hi, 1.0):.2f}): {len(g):5d}  {g['right'].mean():.1%}")
    g = rw[rw["confidence"] >= 0.8]
    print(f"    confidence >= 0.8: {len(g)} verdicts, side right {g['right'].mean():.1%}")


def bbc() -> None:
    from bbc import load_bbc

    from corpus_tools import find_rewrites

    corpus = load_bbc()
    t0 = time.perf_counter()
    out = find_rewrites(corpus)
    elapsed = time.perf_counter() - t0
    counts = out["relation"].value_counts().to_dict()
    print(f"BBC News: {len(corpus):,} articles, find_rewrites {elapsed:.1f} s: {counts}")
    for r in out[out["relation"] == "rewrite"].itertuples():
        print(f"  rewrite: {r.doc_a} ~ {r.doc_b} ({r.method}): {r.explanation[:160]}")
    for a, b in (("sports/295", "sports/410"),):
        row = out[(out["doc_a"] == a) & (out["doc_b"] == b)]
        print(f"  {a} ~ {b}: {row['relation'].iloc[0] if len(row) else 'not listed'}")


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    fluent()
    if "--no-bbc" not in sys.argv:
        bbc()
