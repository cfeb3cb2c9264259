"""Which documents are the same story copied? Near-duplicate groups, found in linear time.

A wire story carried by hundreds of sites gives hundreds of documents
sharing every name, number and rare word. Candidate search drops features
found in too many documents (they would name a topic, not a story), so
without this step a heavily copied story, and its rewrites, would never be
paired. :func:`duplicate_groups` finds groups of near-duplicates first;
each group enters candidate search once, through its representative, and
:func:`expand_groups` then pairs every member with the representative and
with the representative's partners.

Near-duplicates are found with MinHash locality-sensitive hashing over the
word 4-gram shingles of the sketch (Broder 1997; bands of rows, Leskovec,
Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3): documents whose
signatures agree on a whole band fall in one bucket, and a member joins its
bucket's first document only when it really shares at least
``copy_min_shingle_overlap`` of the smaller shingle set with it (the rule
that makes a pair a ``copy``). Identical texts are grouped whatever their
length. The cost is linear in the number of shingles.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .candidates import screen_pairs, shared_immutables
from .options import RewriteOptions, RewriteWarning
from .sketch import CorpusSketch, pair_overlap

__all__ = ["duplicate_groups", "expand_groups", "MINHASH_BANDS", "MINHASH_ROWS",
           "minhash_signatures", "identical_representatives", "bucket_pairs", "join_duplicates",
           "expanded_pairs", "screen_new_pairs", "merge_screened"]

MINHASH_BANDS = 4
MINHASH_ROWS = 4
"""Signature: ``BANDS x ROWS`` min-hashes. Two documents of shingle Jaccard similarity
``s`` share a bucket with probability ``1 - (1 - s**ROWS)**BANDS``: 0.99 at 0.9, 0.88 at
0.8, 0.22 at 0.5, 0.03 at 0.3 (a missed pair is still found by candidate search when the
story is not copied very often)."""

_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                         0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                         0x94D049BB133111EB, 0xBF58476D1CE4E5B9, 0x8CB92BA72F3D8DD7,
                         0xA0761D6478BD642F, 0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3,
                         0x589965CC75374CC3, 0x1D8E4E27C47D124F, 0xF1357AEA2E62A9C5,
                         0xB492B66FBE98F273], dtype=np.uint64)
"""Odd 64-bit constants of the multiply-shift hash family (fixed: results are reproducible)."""


def minhash_signatures(shingles) -> tuple[np.ndarray, np.ndarray]:
    """(MinHash signatures of the documents with shingles, their positions).

    Each signature depends on its document's shingles only, so the
    signatures of parts of a corpus are the corpus's.
    """
    sizes = np.diff(shingles.indptr)
    rows = np.flatnonzero(sizes > 0)
    values = shingles.indices.astype(np.uint64)
    starts = shingles.indptr[:-1][rows]
    sig = np.empty((len(rows), MINHASH_BANDS * MINHASH_ROWS), dtype=np.uint64)
    if len(rows):
        for h, a in enumerate(_MULTIPLIERS[:sig.shape[1]]):
            hashed = (values * a) >> np.uint64(32)  # multiply-shift: wraps modulo 2**64
            sig[:, h] = np.minimum.reduceat(hashed, starts)
    return sig, rows


def _bucket_edges(sig: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(bucket head, member) pairs: every document with the first document of its bucket,
    band by band."""
    heads, members = [], []
    for band in range(MINHASH_BANDS):
        part = sig[:, band * MINHASH_ROWS:(band + 1) * MINHASH_ROWS]
        key = (part * _MULTIPLIERS[:MINHASH_ROWS]).sum(axis=1)  # wraps modulo 2**64
        order = np.lexsort((rows, key))
        sorted_key = key[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = sorted_key[1:] != sorted_key[:-1]
        head_of = order[np.flatnonzero(first)][np.cumsum(first) - 1]
        keep = head_of != order
        heads.append(rows[head_of[keep]])
        members.append(rows[order[keep]])
    return np.concatenate(heads), np.concatenate(members)


def identical_representatives(keys: list) -> np.ndarray:
    """Each document's first document with the same key (its text, or a digest of it);
    ``None`` keys (empty documents) are never grouped."""
    rep = np.arange(len(keys))
    first_of: dict = {}
    for k, key in enumerate(keys):
        if key is not None:
            rep[k] = first_of.setdefault(key, k)
    return rep


def bucket_pairs(sig: np.ndarray, rows: np.ndarray, rep: np.ndarray) -> np.ndarray:
    """Distinct ``(lo, hi)`` pairs of representatives sharing a MinHash bucket (to check)."""
    heads, members = _bucket_edges(sig, rows)
    heads, members = rep[heads], rep[members]  # identical texts collapse first
    lo, hi = np.minimum(heads, members), np.maximum(heads, members)
    pairs = np.unique(np.stack([lo, hi], axis=1), axis=0) if len(lo) else np.zeros((0, 2), int)
    return pairs[pairs[:, 0] != pairs[:, 1]]


def join_duplicates(rep: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """The representatives once the checked ``pairs`` (in order) have joined their groups:
    a member joins the first head it is paired with."""
    if not len(pairs):
        return rep
    joined: dict[int, int] = {}
    for head, member in pairs.tolist():
        if head not in joined and member not in joined:
            joined[member] = head
    return np.array([joined.get(r, r) for r in rep.tolist()], dtype=np.int64)


def duplicate_groups(sketch: CorpusSketch, texts: list[str], *, min_overlap: float
                     ) -> np.ndarray:
    """The representative of each document's group of near-duplicates.

    Parameters
    ----------
    sketch : CorpusSketch
        The corpus sketch.
    texts : list of str
        The documents, in sketch order (identical texts are grouped whatever
        their length).
    min_overlap : float
        Share of the smaller shingle set a member shares with its
        representative (``RewriteOptions.copy_min_shingle_overlap``).

    Returns
    -------
    numpy.ndarray of int
        For each document, the position of its group's representative (the
        first document of the group in corpus order; itself when alone).
        Empty documents are never grouped.
    """
    rep = identical_representatives([t if t.strip() else None for t in texts])
    pairs = bucket_pairs(*minhash_signatures(sketch.shingles), rep)
    if len(pairs):
        pairs = pairs[pair_overlap(sketch.shingles, pairs[:, 0], pairs[:, 1]) >= min_overlap]
    return join_duplicates(rep, pairs)


def expand_groups(screened: pd.DataFrame, rep: np.ndarray, sketch: CorpusSketch,
                  ids: list[str], opt: RewriteOptions) -> pd.DataFrame:
    """The candidate pairs of the representatives, extended to the members of their groups.

    Every member is paired with its representative, and with every partner
    its representative found worth aligning (``related``-only partners stay
    the representative's) (their ``candidate_score`` is NaN: the index did
    not rank them) (members of two groups: every member with every
    member, up to ``opt.max_expanded_pairs`` pairs a representative pair,
    beyond which only pairs with one of the two representatives). Groups of
    up to ``opt.duplicate_all_pairs_max`` documents also pair their members
    with one another.
    """
    extra = expanded_pairs(screened, rep, ids, opt)
    if extra is None:
        return screened
    return merge_screened(screened, screen_new_pairs(sketch, ids, extra[0], extra[1], opt))


def expanded_pairs(screened: pd.DataFrame, rep: np.ndarray, ids: list[str],
                   opt: RewriteOptions) -> tuple[np.ndarray, np.ndarray] | None:
    """Step of :func:`expand_groups`: the new pairs ``(i, j)`` (``None`` when every group is single).

    Warns :class:`RewriteWarning` when pairs of large groups are cut.
    """
    members: dict[int, list[int]] = {}
    for k, r in enumerate(rep.tolist()):
        members.setdefault(r, []).append(k)
    if all(len(v) == 1 for v in members.values()):
        return None
    new_i, new_j = [], []
    for r, group in members.items():
        if len(group) > 1:
            small = len(group) <= opt.duplicate_all_pairs_max
            new_i += [a for x, a in enumerate(group) for b in (group[x + 1:] if small else [])]
            new_j += [b for x, a in enumerate(group) for b in (group[x + 1:] if small else [])]
            if not small:
                new_i += [r] * (len(group) - 1)
                new_j += group[1:]
    cut = []
    worth = screened[screened["align"]]
    for i, j in zip(worth["i"].tolist(), worth["j"].tolist()):
        ga, gb = members[int(rep[i])], members[int(rep[j])]
        if len(ga) * len(gb) == 1:
            continue
        full = len(ga) * len(gb) <= opt.max_expanded_pairs
        if not full:
            cut.append((ids[i], len(ga), ids[j], len(gb)))
        for a in ga:
            for b in gb:
                if (a, b) != (i, j) and (full or a == i or b == j):
                    new_i.append(a)
                    new_j.append(b)
    if cut:
        shown = "; ".join(f"{a} ({na} copies) ~ {b} ({nb} copies)" for a, na, b, nb in cut[:3])
        warnings.warn(f"find_rewrites(): {len(cut)} pair(s) of duplicate groups have more "
                      f"than max_expanded_pairs={opt.max_expanded_pairs} member pairs; only "
                      f"pairs with a representative are listed ({shown})", RewriteWarning,
                      stacklevel=4)
    lo = np.minimum(new_i, new_j).astype(np.int64)
    hi = np.maximum(new_i, new_j).astype(np.int64)
    extra = pd.DataFrame({"i": lo, "j": hi}).drop_duplicates()
    known = set(zip(screened["i"].tolist(), screened["j"].tolist()))
    extra = extra[[p not in known for p in zip(extra["i"].tolist(), extra["j"].tolist())]]
    return extra["i"].to_numpy(), extra["j"].to_numpy()


def screen_new_pairs(sketch: CorpusSketch, ids, ci: np.ndarray, cj: np.ndarray,
                     opt: RewriteOptions) -> pd.DataFrame:
    """Step of :func:`expand_groups`: :func:`screen_pairs` of pairs the index did not find
    (shared immutables counted, no candidate score)."""
    n_shared = shared_immutables(sketch.immutables, ci, cj)
    # not found by the index: no candidate score
    return screen_pairs(sketch, ids, ci, cj, np.full(len(ci), np.nan), n_shared, opt)


def merge_screened(screened: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    """Step of :func:`expand_groups`: the screened pairs and the new ones, sorted by ``i``, ``j``."""
    return (pd.concat([screened, more], ignore_index=True)
            .sort_values(["i", "j"], kind="stable").reset_index(drop=True))
