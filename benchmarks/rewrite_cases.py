"""Labelled rewrite pairs for fitting and measuring find_rewrites (never committed data).

``labelled_pairs()`` runs :func:`corpus_tools.find_rewrites` on two corpora and
labels every row it returns:

* ``fluent``: the fluent-rewrite development set in ``../shared/dev/fluent_rewrites``
  (LLM rewrites of sports and public-affairs texts; see its README): an
  (original, rewrite) pair is ``rewrite`` with the rewrite known; two rewrites
  of one original are ``sibling``; documents of different stories are ``none``.
* ``spinner``: the BBC News corpus with 100 planted spinner rewrites
  (``bench_rewrites.planted_corpus``): planted pairs (and their duplicates'
  pairs) are ``rewrite``; the BBC's own near-duplicates ``copy``; every other
  pair ``none``.

Each row keeps every evidence column of find_rewrites plus ``source``,
``domain`` (fluent: Sports / GovernmentPublic; spinner: news), ``story``,
``label`` and ``true_rewritten``. Results are cached in
``benchmarks/.cache/rewrite_cases_<source>.parquet`` keyed by nothing: delete
the file after changing the pipeline.
"""

from __future__ import annotations

import json
import sys
import warnings
import zlib
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "dev" / "fluent_rewrites"
CACHE = HERE / ".cache"


def fluent_corpus():
    """(corpus, pairs, docs) of the fluent-rewrite development set, or None when absent."""
    if not (DEV / "docs.jsonl").exists():
        return None
    from corpus_tools import corpus_from_texts

    docs = [json.loads(line) for line in open(DEV / "docs.jsonl", encoding="utf-8")]
    pairs = [json.loads(line) for line in open(DEV / "pairs.jsonl", encoding="utf-8")]
    corpus = corpus_from_texts({d["doc_id"]: d["text"] for d in docs})
    return corpus, pairs, {d["doc_id"]: d for d in docs}


def held_out_story(story: str) -> bool:
    """True for the stories the fitting scripts hold out (a stable hash of the story id
    splits the development set in two halves)."""
    return zlib.crc32(story.encode()) % 2 == 1


def shared_source_stories(docs: dict, n: int = 8) -> set:
    """Story pairs of the development set whose originals share a verbatim run of ``n`` words.

    Some of its originals are versions of one source passage (two excerpts of
    one encyclopedia article, say): a rewrite of one is then, in truth, a
    rewrite of text in the other, and a verdict joining them is no false alarm.
    Benchmarks report those apart from verdicts between stories that share no
    such run.
    """
    from corpus_tools.segment import words

    runs: dict[tuple, set] = {}
    for d in docs.values():
        if d["role"] == "original":
            w = words(d["text"], lowercase=True)
            for k in range(len(w) - n + 1):
                runs.setdefault(tuple(w[k:k + n]), set()).add(d["story"])
    linked = set()
    for stories in runs.values():
        ss = sorted(stories)
        linked.update(frozenset((p, q)) for i, p in enumerate(ss) for q in ss[i + 1:])
    return linked


def _fluent_rows(options=None) -> pd.DataFrame:
    from corpus_tools import find_rewrites

    corpus, pairs, docs = fluent_corpus()
    out = find_rewrites(corpus, options=options)
    truth = {frozenset((p["original"], p["rewrite"])): p["rewrite"] for p in pairs}
    rewriter = {p["rewrite"]: p["rewriter"] for p in pairs}
    story = {d: v["story"] for d, v in docs.items()}

    def label(a, b):
        if frozenset((a, b)) in truth:
            return "rewrite"
        return "sibling" if story[a] == story[b] else "none"

    out["source"] = "fluent"
    out["domain"] = [docs[a]["domain"] for a in out["doc_a"]]
    out["story"] = [story[a] for a in out["doc_a"]]
    out["label"] = [label(a, b) for a, b in zip(out["doc_a"], out["doc_b"])]
    out["true_rewritten"] = [truth.get(frozenset((a, b)), "") for a, b in zip(out["doc_a"],
                                                                          out["doc_b"])]
    out["rewriter"] = [rewriter.get(t, "") for t in out["true_rewritten"]]
    linked = shared_source_stories(docs)
    out["shared_source"] = [frozenset((story[a], story[b])) in linked
                            for a, b in zip(out["doc_a"], out["doc_b"])]
    found = {frozenset((a, b)) for a, b in zip(out["doc_a"], out["doc_b"])}
    out.attrs["missing"] = [p for p in pairs if frozenset((p["original"], p["rewrite"]))
                            not in found]
    return out


def _spinner_rows(options=None) -> pd.DataFrame:
    sys.path.insert(0, str(HERE))
    from bench_rewrites import near_duplicates, planted_corpus
    from bbc import load_bbc

    from corpus_tools import corpus_from_texts, find_rewrites

    bbc = load_bbc()
    texts, truth = planted_corpus(bbc)
    dups = near_duplicates(bbc)
    partners: dict[str, set] = {}
    for a, b in dups:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    planted = {}
    for orig, spun, _ in truth:
        for o in {orig} | partners.get(orig, set()):
            planted[frozenset((o, spun))] = spun
    out = find_rewrites(corpus_from_texts(texts), options=options, n_jobs=None)

    def label(a, b):
        key = frozenset((a, b))
        if key in planted:
            return "rewrite"
        return "copy" if tuple(sorted((a, b))) in dups else "none"

    out["source"] = "spinner"
    out["domain"] = "news"
    out["story"] = ""
    out["label"] = [label(a, b) for a, b in zip(out["doc_a"], out["doc_b"])]
    out["true_rewritten"] = [planted.get(frozenset((a, b)), "") for a, b in zip(out["doc_a"],
                                                                            out["doc_b"])]
    out["rewriter"] = ["spinner" if t else "" for t in out["true_rewritten"]]
    out["shared_source"] = False
    return out


def labelled_pairs(sources=("fluent", "spinner"), *, refresh: bool = False,
                   options=None) -> pd.DataFrame:
    """Every row find_rewrites gives on the chosen sources, labelled (see the module doc)."""
    warnings.simplefilter("ignore")
    CACHE.mkdir(exist_ok=True)
    parts = []
    for source in sources:
        path = CACHE / f"rewrite_cases_{source}.parquet"
        if path.exists() and not refresh and options is None:
            parts.append(pd.read_parquet(path))
            continue
        if source == "fluent" and fluent_corpus() is None:
            print("fluent rewrites development set not found; skipped", file=sys.stderr)
            continue
        rows = (_fluent_rows if source == "fluent" else _spinner_rows)(options)
        if options is None:
            rows.to_parquet(path)
        parts.append(rows)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


if __name__ == "__main__":
    t = labelled_pairs(refresh="--refresh" in sys.argv)
    print(t.groupby(["source", "label", "relation"]).size().to_string())
