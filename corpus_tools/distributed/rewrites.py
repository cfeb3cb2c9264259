"""Rewrite search on a Dask cluster: the pandas path's steps, sharded and distributed by pair.

The pandas :func:`~corpus_tools.rewrites.find_rewrites` runs sketch ->
duplicate groups -> candidate index and screen -> group expansion -> pair
judging -> evidence -> verdicts. Here:

1. **Sketch** (one task per corpus partition): each partition's documents are
   sketched by :func:`~corpus_tools.rewrites.sketch.sketch_documents`; the
   sketches and texts go to a scratch folder as memory-mapped per-document
   arrays (:mod:`.store`), the immutables of each document also to the index
   shard of their hash (the *shuffle on feature hashes*). The client keeps
   each document's id, a digest of its text and its MinHash signature.
2. **Duplicate groups** on the client from digests and signatures
   (:func:`~corpus_tools.rewrites.duplicates.bucket_pairs`); the bucket pairs'
   shingle overlaps are computed by pair tasks.
3. **Candidate index**, sharded: each shard task reads only its features,
   counts their document frequencies (:func:`~corpus_tools.rewrites.candidates.index_weights`)
   and each document's share of the norm; for each block of documents and
   each shard a task multiplies the block's rows by the shard; the block's
   partial products are summed over the shards and each document's
   ``top_k`` partners selected exactly
   (:func:`~corpus_tools.rewrites.candidates.select_partners`,
   :func:`~corpus_tools.rewrites.candidates.candidate_frame`).
4. **Screening, expansion and judging** by chunks of pairs: a task reads
   from the scratch folder only the documents its pairs need and runs
   :func:`~corpus_tools.rewrites.candidates.screen_pairs`,
   :func:`~corpus_tools.rewrites.duplicates.screen_new_pairs` or
   :func:`~corpus_tools.rewrites.detect.judge_aligned` on them.
5. **Evidence** (grammar and readability of the copy and rewrite documents)
   by the distributed analyses over those documents, then
   :func:`~corpus_tools.rewrites.verdict.finish_verdicts` and
   :func:`~corpus_tools.rewrites.detect.rewrite_table` on the client.

The output equals the pandas path's row for row (scores to floating-point
rounding: sums over shards are added in another order). Immutables are
indexed by 64-bit hashes of their text instead of the text; two distinct
immutables of one corpus share a hash with probability about ``m**2 / 2**65``
for ``m`` distinct immutables (1e-7 at two million).
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .analyses import check_dask_corpus, tree_reduce
from .cluster import compute, pandas_dtypes, share
from .store import (ScratchFolder, digest64, part_folder, read_array, read_ragged, write_array,
                    write_ragged)

__all__ = ["find_rewrites", "block_rows", "pair_chunks", "PAIRS_PER_TASK",
           "JUDGE_PAIRS_PER_TASK", "DOCS_PER_TASK", "PARTITIONS_PER_SHARD", "PRODUCT_BUDGET"]

PAIRS_PER_TASK = 20_000
"""Pairs screened by one task (set overlaps: cheap per pair)."""
JUDGE_PAIRS_PER_TASK = 300
"""Pairs aligned by one task (about a second of work each on news articles)."""
PRODUCT_BUDGET = 1_250_000
"""Rows of a block of the index product times the document-frequency cap (5,000 rows at the
cap of 250 that 50,000 documents have); see :func:`block_rows`."""
DOCS_PER_TASK = 5_000
"""Most distinct documents one pair task reads (:func:`pair_chunks`): a partition's worth."""
PARTITIONS_PER_SHARD = 4
"""Corpus partitions per index shard (at least two shards): the number of shards grows with
the corpus, so a shard (and the memory of a task that reads one) stays the same size."""


class PartInfo(NamedTuple):
    """What the client keeps of a partition after the sketch."""

    ids: list[str]
    digests: list[bytes | None]
    signatures: np.ndarray
    signature_rows: np.ndarray
    n_immutables: np.ndarray


def _sketch_part(part: pd.DataFrame, k: int, root: str, n_shards: int) -> PartInfo:
    """Task of step 1: sketch partition ``k``, write it to the scratch folder."""
    from ..rewrites.duplicates import minhash_signatures
    from ..rewrites.sketch import join_sketches, sketch_documents

    ids = [str(i) for i in part.index]
    texts = ["" if not isinstance(t, str) else t for t in part["text"]]
    sp = sketch_documents(list(zip(ids, texts)))
    folder = part_folder(root, k)
    imm = [np.array(sorted(digest64(w) for w in f), dtype=np.uint64) for f in sp.immutables]
    write_ragged(folder, "immutables", imm, np.uint64)
    for name in ("content", "shingles"):
        lengths = getattr(sp, f"{name[:-1] if name == 'shingles' else name}_lengths")
        ends = np.cumsum(lengths)
        values = getattr(sp, name)
        write_ragged(folder, name, np.split(values, ends[:-1]) if len(ends) else [], np.uint32)
    write_ragged(folder, "text", [np.frombuffer(t.encode("utf-8", "surrogatepass"), np.uint8)
                                  for t in texts], np.uint8)
    write_array(folder, "n_words", np.asarray(sp.n_words, dtype=np.int64))
    write_array(folder, "nonwords", np.asarray(sp.nonwords, dtype=np.int64))
    corpus_words = (part["n_words"].to_numpy(dtype=np.int64) if "n_words" in part.columns
                    else np.full(len(ids), -1, dtype=np.int64))
    write_array(folder, "corpus_n_words", corpus_words)
    # the shuffle on feature hashes: each shard gets the (document, feature) pairs of its hashes
    _to_shards(root, "immutables", k, n_shards,
               np.fromiter(map(len, imm), dtype=np.int64, count=len(imm)),
               np.concatenate(imm) if imm else np.zeros(0, np.uint64))
    _to_shards(root, "content", k, n_shards, np.asarray(sp.content_lengths, dtype=np.int64),
               np.asarray(sp.content, dtype=np.uint64))
    sig, rows = minhash_signatures(join_sketches([sp]).shingles) if ids else \
        (np.zeros((0, 16), np.uint64), np.zeros(0, np.int64))
    digests = [hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=16).digest()
               if t.strip() else None for t in texts]
    return PartInfo(ids, digests, sig, rows,
                    np.fromiter(map(len, imm), dtype=np.int64, count=len(imm)))


def _shard_folder(root: str, kind: str, s: int) -> Path:
    return Path(root) / f"shard-{kind}-{s:05d}"


def _to_shards(root: str, kind: str, k: int, n_shards: int, lengths: np.ndarray,
               values: np.ndarray) -> None:
    """Partition ``k``'s (document, feature hash) pairs, each to the shard of its hash."""
    local = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    shard = (values % np.uint64(n_shards)).astype(np.int64)
    for s in range(n_shards):
        sel = shard == s
        out = _shard_folder(root, kind, s)
        out.mkdir(parents=True, exist_ok=True)
        np.savez(out / f"part-{k:05d}.npz", local=local[sel], hash=values[sel])


class Layout(NamedTuple):
    """Where each document is: partition offsets (``offsets[k]`` is partition ``k``'s first)."""

    root: str
    offsets: np.ndarray

    def locate(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        k = np.searchsorted(self.offsets, positions, side="right") - 1
        return k, positions - self.offsets[k]


def _load_sketch(layout: Layout, docs: np.ndarray):
    """The :class:`CorpusSketch` of the documents ``docs`` (sorted positions), read from disk."""
    from ..rewrites.sketch import SketchPart, join_sketches

    parts, ks = [], layout.locate(docs)
    for k in np.unique(ks[0]).tolist():
        local = ks[1][ks[0] == k]
        folder = part_folder(layout.root, k)
        imm = [frozenset(a.tolist()) for a in read_ragged(folder, "immutables", local)]
        content = read_ragged(folder, "content", local)
        shingles = read_ragged(folder, "shingles", local)

        def cat(xs):
            return np.concatenate(xs) if xs else np.zeros(0, np.uint32)

        def lengths(xs):
            return np.fromiter(map(len, xs), dtype=np.int64, count=len(xs))

        parts.append(SketchPart(imm, lengths(content), lengths(shingles), cat(content),
                                cat(shingles), np.asarray(read_array(folder, "n_words"))[local],
                                np.asarray(read_array(folder, "nonwords"))[local]))
    return join_sketches(parts)


def _load_texts(layout: Layout, docs: np.ndarray) -> list[str]:
    out, ks = [], layout.locate(docs)
    for k in np.unique(ks[0]).tolist():
        local = ks[1][ks[0] == k]
        out += [bytes(a).decode("utf-8", "surrogatepass")
                for a in read_ragged(part_folder(layout.root, k), "text", local)]
    return out


def _load_column(layout: Layout, docs: np.ndarray, name: str) -> np.ndarray:
    ks = layout.locate(docs)
    out = np.zeros(len(docs), dtype=np.int64)
    for k in np.unique(ks[0]).tolist():
        sel = ks[0] == k
        out[sel] = np.asarray(read_array(part_folder(layout.root, k), name))[ks[1][sel]]
    return out


# --- pair tasks ------------------------------------------------------------------

def _localised(ci: np.ndarray, cj: np.ndarray):
    docs = np.unique(np.concatenate([ci, cj]))
    return docs, np.searchsorted(docs, ci), np.searchsorted(docs, cj)


def _overlap_task(layout: Layout, ci: np.ndarray, cj: np.ndarray) -> np.ndarray:
    """Shingle overlap of pairs (duplicate groups)."""
    from ..rewrites.sketch import pair_overlap

    docs, li, lj = _localised(ci, cj)
    return pair_overlap(_load_sketch(layout, docs).shingles, li, lj)


def _globalised(frame: pd.DataFrame, docs: np.ndarray) -> pd.DataFrame:
    return frame.assign(i=docs[frame["i"].to_numpy()], j=docs[frame["j"].to_numpy()])


def _screen_task(layout: Layout, ids: list[str], ci, cj, score, n_shared, opt,
                 recount: np.ndarray) -> pd.DataFrame:
    """:func:`screen_pairs` of candidate pairs, on the documents they need (with the
    shared immutables counted of the pairs ``recount``: those only the content-word index
    found)."""
    from ..rewrites.candidates import screen_pairs, shared_immutables

    docs, li, lj = _localised(ci, cj)
    sketch = _load_sketch(layout, docs)
    if recount.any():
        n_shared = np.array(n_shared, dtype=np.int64)
        n_shared[recount] = shared_immutables(sketch.immutables, li[recount], lj[recount])
    frame = screen_pairs(sketch, ids, li, lj, score, n_shared, opt)
    return _globalised(frame, docs)


def _screen_new_task(layout: Layout, ids: list[str], ci, cj, opt) -> pd.DataFrame:
    """:func:`screen_new_pairs` of the pairs of duplicate groups."""
    from ..rewrites.duplicates import screen_new_pairs

    docs, li, lj = _localised(ci, cj)
    return _globalised(screen_new_pairs(_load_sketch(layout, docs), ids, li, lj, opt), docs)


def _judge_task(layout: Layout, ids: list[str], aligned: pd.DataFrame, opt) -> list[dict]:
    """:func:`judge_aligned` of pairs to align, with the texts they need."""
    import warnings

    from ..rewrites.detect import forget_documents, judge_aligned

    ci, cj = aligned["i"].to_numpy(), aligned["j"].to_numpy()
    docs = np.unique(np.concatenate([ci, cj]))
    texts = _load_texts(layout, docs)
    nonwords = _load_column(layout, docs, "nonwords")
    by = docs.tolist()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return judge_aligned(aligned, dict(zip(by, ids)), dict(zip(by, texts)),
                                 dict(zip(by, nonwords.tolist())), opt, n_jobs=1,
                                 progress=False)
    finally:
        # the chunk's documents (styles, sentence vectors) are not kept: another chunk rarely
        # needs them, and a worker that kept them would fill its memos (hundreds of MB) as
        # the corpus grows
        forget_documents()


def _chunks(n: int, size: int) -> list[slice]:
    return [slice(k, min(n, k + size)) for k in range(0, n, size)]


def pair_chunks(ci: np.ndarray, cj: np.ndarray, max_pairs: int,
                max_docs: int = DOCS_PER_TASK) -> list[slice]:
    """Consecutive slices of the pairs ``(ci[k], cj[k])`` for the tasks of one step: each at
    most ``max_pairs`` pairs and ``max_docs`` distinct documents (whose sketches or texts the
    task reads), so that a task's memory does not grow with the corpus when its pairs reach
    many documents (the pairs of large duplicate groups)."""
    if max_docs < 2:
        raise ValueError(f"pair_chunks: max_docs must be at least 2, not {max_docs}")
    out: list[slice] = []
    start, seen = 0, set()
    for k, (a, b) in enumerate(zip(np.asarray(ci).tolist(), np.asarray(cj).tolist())):
        grows = (a not in seen) + (b not in seen and b != a)
        if k > start and (k - start >= max_pairs or len(seen) + grows > max_docs):
            out.append(slice(start, k))
            start, seen = k, set()
        seen.add(a)
        seen.add(b)
    if start < len(ci):
        out.append(slice(start, len(ci)))
    return out


def _ids_of(ids: np.ndarray, ci, cj) -> list[str]:
    return ids[np.unique(np.concatenate([ci, cj]))].tolist()


# --- the sharded index -----------------------------------------------------------

def _shard_stats(root: str, kind: str, s: int, n_parts: int, offsets: np.ndarray,
                 indexed: np.ndarray, opt) -> np.ndarray:
    """Task: a shard's document frequencies and weights (written), its share of each norm."""
    from ..rewrites.candidates import index_weights

    folder = _shard_folder(root, kind, s)
    pos, hashes = [], []
    for k in range(n_parts):
        with np.load(folder / f"part-{k:05d}.npz") as z:
            pos.append(z["local"] + offsets[k])
            hashes.append(z["hash"])
    pos = np.concatenate(pos) if pos else np.zeros(0, np.int64)
    hashes = np.concatenate(hashes) if hashes else np.zeros(0, np.uint64)
    keep = indexed[pos]
    pos, hashes = pos[keep], hashes[keep]
    n = len(indexed)
    uniq, codes, df = np.unique(hashes, return_inverse=True, return_counts=True)
    kept, idf = index_weights(df, n, max_df=opt.candidate_max_df,
                              min_df_cap=opt.candidate_min_df_cap)
    sel = kept[codes]
    pos, codes = pos[sel], codes[sel]
    np.savez(folder / "index.npz", pos=pos, code=codes, idf=idf, n_codes=np.int64(len(uniq)))
    return np.bincount(pos, weights=idf[codes] ** 2, minlength=n)


def _add_arrays(*arrays: np.ndarray) -> np.ndarray:
    return np.sum(np.stack(arrays), axis=0)


def _shard_product(root: str, kind: str, s: int, norms: np.ndarray, lo: int, hi: int):
    """Task: rows ``lo:hi`` of the shard's ``[xn | 2 xb] @ [xn | 2 xb]^T``."""
    from scipy import sparse

    with np.load(_shard_folder(root, kind, s) / "index.npz") as z:
        pos, code, idf, n_codes = z["pos"], z["code"], z["idf"], int(z["n_codes"])
    n = len(norms)
    if not len(pos):
        return sparse.csr_matrix((hi - lo, n))
    # as row_normalize scales: by the inverse norm
    x = sparse.csr_matrix((idf[code] * (1.0 / norms[pos]), (pos, code)), shape=(n, n_codes))
    xb = sparse.csr_matrix((np.ones(len(pos)), (pos, code)), shape=(n, n_codes))
    left = sparse.hstack([x, 2.0 * xb], format="csr")
    return (left[lo:hi] @ left.T.tocsr()).tocsr()


def _block_partners(lo: int, opt, *partials):
    """Task: a block's partial products summed over the shards; each row's top partners."""
    from ..rewrites.candidates import select_partners

    both = partials[0]
    for p in partials[1:]:
        both = both + p
    both = both.tocsr()
    both.sort_indices()
    return select_partners(lo, both, min_score=opt.min_candidate_score, top_k=opt.top_k)


def block_rows(n: int, n_parts: int, opt) -> int:
    """Documents per block of the index product: a partition's worth, fewer as the cap grows.

    A row of the product holds every document sharing a feature with it,
    up to about the document-frequency cap per feature, and the cap grows
    with the corpus (``candidate_max_df`` is a share of it): rows times cap
    is kept under :data:`PRODUCT_BUDGET`, so a block task's memory stays the
    same from 50,000 documents to millions.
    """
    from ..rewrites.candidates import df_cap

    cap = df_cap(n, max_df=opt.candidate_max_df, min_df_cap=opt.candidate_min_df_cap)
    return max(1, min(-(-n // max(1, n_parts)), PRODUCT_BUDGET // max(1, cap)))


def _candidates(layout: Layout, kind: str, indexed: np.ndarray, n_parts: int, n_shards: int,
                opt, progress: bool) -> pd.DataFrame:
    """:func:`candidate_pairs` over the ``kind`` features of the ``indexed`` documents, sharded."""
    import dask

    from ..rewrites.candidates import candidate_frame

    n = len(indexed)
    stats = [dask.delayed(_shard_stats)(layout.root, kind, s, n_parts, layout.offsets,
                                        indexed, opt)
             for s in range(n_shards)]
    (sumsq,) = compute(tree_reduce(_add_arrays, stats), progress=progress, desc="index")
    if not np.any(sumsq > 0) or n < 2:
        return candidate_frame([])
    norms = np.sqrt(sumsq)
    norms[norms == 0] = 1.0  # rows without features stay zero
    blocks = []
    step = block_rows(n, n_parts, opt)
    shared = share(norms)
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        partials = [dask.delayed(_shard_product)(layout.root, kind, s, shared, lo, hi)
                    for s in range(n_shards)]
        blocks.append(dask.delayed(_block_partners)(lo, opt, *partials))
    found = compute(*blocks, progress=progress, desc="candidates")
    return candidate_frame(list(found))


@pandas_dtypes
def find_rewrites(corpus, *, options=None, evidence=("grammar", "readability"),
                  relations=("copy", "rewrite", "related"), progress: bool = False,
                  scratch: str | None = None):
    """:func:`corpus_tools.find_rewrites` on a Dask corpus (the same table, as pandas).

    Parameters
    ----------
    corpus : dask.dataframe.DataFrame
        Indexed by ``doc_id`` with a ``text`` column.
    options, evidence, relations, progress
        As for :func:`corpus_tools.find_rewrites`.
    scratch : str, optional
        Folder under which the sketches and texts are written while
        searching (about twice the corpus's text), visible to every worker;
        default ``$CORPUS_TOOLS_SCRATCH``, else the temporary folder of this
        machine (:func:`~corpus_tools.distributed.store.scratch_root`).
        Removed at the end.
    """
    import dask

    from ..rewrites.candidates import content_indexed, merge_candidates, new_candidates
    from ..rewrites.detect import (add_evidence, check_choices, evidence_documents,
                                   evidence_values, rewrite_table, verdict_rows)
    from ..rewrites.duplicates import (bucket_pairs, expanded_pairs, identical_representatives,
                                       join_duplicates, merge_screened)
    from ..rewrites.options import RewriteOptions
    from ..rewrites.verdict import CandidatePair, finish_verdicts

    check_dask_corpus(corpus, "find_rewrites()")
    opt = options or RewriteOptions()
    check_choices(relations, evidence)
    folder = ScratchFolder("corpus-tools-rewrites-", scratch)
    root = folder.path
    try:
        parts = corpus[[c for c in ("text", "n_words") if c in corpus.columns]].to_delayed()
        n_parts = len(parts)
        n_shards = max(2, math.ceil(n_parts / PARTITIONS_PER_SHARD))
        infos = compute(*[dask.delayed(_sketch_part)(p, k, root, n_shards)
                          for k, p in enumerate(parts)], progress=progress, desc="sketch")
        sizes = np.array([len(i.ids) for i in infos], dtype=np.int64)
        offsets = np.zeros(len(infos) + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        layout = Layout(root, offsets)
        ids = np.array([d for i in infos for d in i.ids], dtype=object)
        n = len(ids)
        # 2. duplicate groups: identical texts, then MinHash buckets checked by overlap
        rep = identical_representatives([d for i in infos for d in i.digests])
        sig = np.concatenate([i.signatures for i in infos]) if infos else np.zeros((0, 16))
        rows = np.concatenate([i.signature_rows + offsets[k] for k, i in enumerate(infos)]) \
            if infos else np.zeros(0, np.int64)
        pairs = bucket_pairs(sig.astype(np.uint64), rows.astype(np.int64), rep)
        if len(pairs):
            tasks = [dask.delayed(_overlap_task)(layout, pairs[c, 0], pairs[c, 1])
                     for c in pair_chunks(pairs[:, 0], pairs[:, 1], PAIRS_PER_TASK)]
            overlap = np.concatenate(compute(*tasks, progress=progress, desc="duplicates"))
            pairs = pairs[overlap >= opt.copy_min_shingle_overlap]
        rep = join_duplicates(rep, pairs)
        # 3. the sharded candidate index
        indexed = rep == np.arange(n)
        cands = _candidates(layout, "immutables", indexed, n_parts, n_shards, opt, progress)
        few = content_indexed(indexed, np.concatenate([i.n_immutables for i in infos])
                              if infos else np.zeros(0, np.int64), opt)
        cands = cands.assign(recount=False)
        if few.sum() >= 2:  # documents with few immutables are also indexed by content words
            more = new_candidates(cands, _candidates(layout, "content", few, n_parts,
                                                     n_shards, opt, progress))
            # the pairs only content words found: their shared immutables counted in the screen
            cands = merge_candidates(cands, more.assign(recount=True))
        ci, cj = cands["i"].to_numpy(), cands["j"].to_numpy()
        score, shared = cands["score"].to_numpy(dtype=float), cands["n_shared"].to_numpy()
        recount = cands["recount"].to_numpy(dtype=bool)
        tasks = [dask.delayed(_screen_task)(layout, _ids_of(ids, ci[c], cj[c]), ci[c], cj[c],
                                            score[c], shared[c], opt, recount[c])
                 for c in pair_chunks(ci, cj, PAIRS_PER_TASK)]
        screened = (pd.concat(compute(*tasks, progress=progress, desc="screen"),
                              ignore_index=True) if tasks else
                    _screen_task(layout, [], ci, cj, score, shared, opt, recount))
        extra = expanded_pairs(screened, rep, ids, opt)
        if extra is not None:
            ei, ej = extra
            tasks = [dask.delayed(_screen_new_task)(layout, _ids_of(ids, ei[c], ej[c]), ei[c],
                                                    ej[c], opt)
                     for c in pair_chunks(ei, ej, PAIRS_PER_TASK)]
            more = (pd.concat(compute(*tasks, progress=progress, desc="groups"),
                              ignore_index=True) if tasks else
                    _screen_new_task(layout, [], ei, ej, opt))
            screened = merge_screened(screened, more)
        # 4. pairs judged where their texts are read
        aligned = screened[screened["align"]]
        fields = ["i", "j", *CandidatePair._fields]
        aligned = aligned[fields].reset_index(drop=True)
        tasks = []
        for c in pair_chunks(aligned["i"].to_numpy(), aligned["j"].to_numpy(),
                             JUDGE_PAIRS_PER_TASK):
            chunk = aligned.iloc[c]
            tasks.append(dask.delayed(_judge_task)(
                layout, _ids_of(ids, chunk["i"].to_numpy(), chunk["j"].to_numpy()), chunk, opt))
        judged = compute(*tasks, progress=progress, desc="aligning") if tasks else ()
        out = verdict_rows([r for part in judged for r in part], screened)
        if out is None:
            return rewrite_table(None, relations)
        # 5. evidence for the documents of copies and rewrites, by the distributed analyses
        docs = evidence_documents(out)
        if docs:
            sub = _evidence_corpus(layout, ids, docs, corpus.npartitions)
            lazy = evidence_values(sub, evidence)
            done = iter(compute(*(x for x in lazy if x is not None), progress=progress,
                                desc="evidence"))
            out = add_evidence(out, *(None if x is None else next(done) for x in lazy))
        return rewrite_table(finish_verdicts(out, opt), relations)
    finally:
        folder.remove()


def _read_evidence(layout: Layout, positions: np.ndarray, ids: list[str]) -> pd.DataFrame:
    """Task: the evidence documents at ``positions`` as a corpus frame (text, n_words)."""
    texts = _load_texts(layout, positions)
    words = _load_column(layout, positions, "corpus_n_words")
    frame = pd.DataFrame({"text": pd.array(texts, dtype="str")},
                         index=pd.Index(ids, name="doc_id", dtype="str"))
    if len(words) and words.min() >= 0:
        frame["n_words"] = words
    return frame


def _evidence_corpus(layout: Layout, ids: np.ndarray, docs: list[str], n_parts: int):
    """The copy and rewrite documents (sorted by ``doc_id``) as a Dask corpus read from the scratch folder."""
    import dask.dataframe as dd

    where = pd.Series(np.arange(len(ids)), index=pd.Index(ids, dtype="str"))
    positions = where.loc[docs].to_numpy()
    size = max(1, -(-len(docs) // max(1, n_parts)))
    pieces = [(positions[c], docs[c]) for c in _chunks(len(docs), size)]
    meta = _read_evidence(layout, positions[:0], [])
    has_words = bool(len(positions)) and _load_column(layout, positions[:1],
                                                      "corpus_n_words")[0] >= 0
    if has_words:
        meta["n_words"] = np.zeros(0, dtype=np.int64)
    return dd.from_map(lambda piece: _read_evidence(layout, piece[0], piece[1]), pieces,
                       meta=meta, divisions=(*[p[1][0] for p in pieces], pieces[-1][1][-1]),
                       enforce_metadata=False)
