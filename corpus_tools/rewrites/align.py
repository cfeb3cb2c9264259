"""Which sentences and words of two documents correspond? Sentence alignment and labelled edits.

:func:`align` lines up the sentences of two documents in order (one-to-one,
one-to-two, or unmatched), then compares the words of every aligned pair and
labels each difference:

``identical``
    the same word (case and apostrophe style ignored).
``synonym swap``
    a different word (or short phrase) in the same place: "fierce" ->
    "bloody", "who" -> "United Nations agency".
``lost inflection``
    the same lemma, one side in its base form: "compared" -> "compare"
    (lemmas from :mod:`lemminflect`, offline). ``inflection change`` is the
    same lemma with two inflected forms ("visits" -> "visited").
``typo``
    a word one or two letter edits away from the other side's word, where
    one side is not a known English word ("departed" -> "departd").
``changed number``
    a different number in the same place.
``inserted`` / ``deleted``
    a word only in ``b`` / only in ``a``.
``reordered``
    a word deleted in one place and inserted in another of the same
    sentence pair.

Quotes (:mod:`corpus_tools.rewrites.quotes`) are matched across the pair too. The
result is an :class:`Alignment`, whose ``_repr_html_`` is the side-by-side
view (:mod:`corpus_tools.rewrites.sidebyside`), so it displays inline in Jupyter.

Sentence similarity is a weighted Dice coefficient of the two word sets
(rare words weigh more than common ones, stop words little) averaged with
the order-aware :class:`difflib.SequenceMatcher` ratio of the word
sequences; 0 = nothing shared, 1 = the same words in the same order.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..corpus import CorpusError, check_corpus
from ..lexicon import lemmas, zipf
from ..similarity import sentence_similarity, sequence_ratio
from .features import DocFeatures, doc_features
from .quotes import match_quote_records
from .records import (EDIT_COLUMNS, QUOTE_MATCH_COLUMNS, SENTENCE_COLUMNS, AlignedGroup,
                      QuoteMatch, SentencePair, WordEdit)

__all__ = ["Alignment", "AlignOptions", "AlignmentRecords", "align", "align_features",
           "align_groups", "align_records", "classify_pair", "sentence_matrix", "word_edits",
           "EDIT_LABELS", "SWAP_LABELS"]

EDIT_LABELS = ("identical", "synonym swap", "lost inflection", "inflection change", "typo",
               "changed number", "inserted", "deleted", "reordered")
"""Every ``label`` of :attr:`Alignment.edits`, in the order tables list them."""

SWAP_LABELS = ("synonym swap", "lost inflection", "typo")
"""Labels of a one-for-one replacement made by a rewriter (the swaps a spinner makes)."""



@dataclass(frozen=True)
class AlignOptions:
    """How sentences are matched.

    Attributes
    ----------
    min_similarity : float, default 0.35
        Two sentences align when their similarity (0-1) is at least this.
        Spinner output with a third of its content words swapped scores
        about 0.5-0.8 against its source; unrelated sentences on the same
        topic mostly stay below 0.3 (measured on planted BBC rewrites, see
        ``benchmarks/bench_rewrites.py``).
    merge_gain : float, default 0.05
        A neighbouring unmatched sentence joins an aligned pair (one-to-two)
        when that raises the pair's similarity by at least this much.
    prefilter_share : float, default 0.8
        Candidate sentence pairs are chosen on the cheap weighted-Dice
        similarity alone, at ``prefilter_share * min_similarity``; the full
        similarity (Dice and sequence ratio) then decides. The sequence
        ratio can lift a pair by at most the gap between the two, and 0.8
        keeps every pair whose full similarity reaches the threshold on the
        planted BBC rewrites while skipping most hopeless ones.
    max_dense_cells : int, default 1,000,000
        Up to this many sentence pairs (1,000 x 1,000 sentences, far beyond
        news articles) the similarity matrix is dense and matched by
        dynamic programming over every cell (time and memory grow with the
        product of the two documents' sentence counts). Beyond, only the
        pairs above the pre-filter are kept, computed a block of rows at a
        time with sparse products, and chained in order by a weighted
        longest-increasing-subsequence search: memory grows with the number
        of such pairs, time with it times its logarithm (plus the sparse
        products, linear in the shared words). Both find a chain of the
        same total excess similarity; with equal totals they may pick
        different chains.
    semantic_weight : float, default 0.0
        Share of meaning in the sentence similarity: the similarity is
        ``(1 - w) * lexical + w * cosine``, the cosine of the sentences'
        vectors (:class:`corpus_tools.embed.SentenceEncoder`) and the lexical
        similarity :func:`corpus_tools.similarity.sentence_similarity`
        (pre-filter: ``(1 - w) * dice + w * cosine``). 0 compares words only.
        Documents beyond ``max_dense_cells`` are compared by words only.
    """

    min_similarity: float = 0.35
    merge_gain: float = 0.05
    prefilter_share: float = 0.8
    max_dense_cells: int = 1_000_000
    semantic_weight: float = 0.0


@dataclass(frozen=True)
class Alignment:
    """Two documents aligned sentence by sentence, with word edits and quotes.

    Attributes
    ----------
    doc_a, doc_b : str
    text_a, text_b : str
    sentences : pandas.DataFrame
        One row per aligned group or unmatched sentence, in reading order:
        ``a_sents``/``b_sents`` (tuples of sentence numbers, empty when
        unmatched), ``kind`` (``"1-1"``, ``"1-2"``, ``"2-1"``, ``"only a"``,
        ``"only b"``), ``similarity`` (0-1, NaN when unmatched),
        ``identical`` (same words), character offsets and texts.
    edits : pandas.DataFrame
        One row per word (or short phrase) of each aligned pair: ``pair``
        (row of ``sentences``), ``label`` (see :data:`EDIT_LABELS`),
        ``a_word``, ``b_word``, offsets into each text (-1 when absent),
        ``zipf_a``/``zipf_b`` (wordfreq Zipf frequency; NaN when absent)
        and ``base_side`` (``"a"``/``"b"`` for lost inflections).
    quotes : pandas.DataFrame
        Quoted passages matched across the pair (see
        :func:`corpus_tools.rewrites.quotes.match_quotes`).
    spans_a, spans_b : tuple of Span
        Sentence offsets of each document.
    """

    doc_a: str
    doc_b: str
    text_a: str
    text_b: str
    sentences: pd.DataFrame
    edits: pd.DataFrame
    quotes: pd.DataFrame
    spans_a: tuple = field(default=(), repr=False)
    spans_b: tuple = field(default=(), repr=False)

    def __repr__(self) -> str:
        aligned = self.sentences[self.sentences["a_sents"].map(len).gt(0)
                                 & self.sentences["b_sents"].map(len).gt(0)]
        changed = int((self.edits["label"] != "identical").sum()) if len(self.edits) else 0
        return (f"<Alignment {self.doc_a!r} ~ {self.doc_b!r}: {len(aligned)} aligned groups of "
                f"{len(self.spans_a)} + {len(self.spans_b)} sentences, {changed} changed words, "
                f"{len(self.quotes)} quotes; display it (or call _repr_html_()) for the "
                "side-by-side view>")

    def _repr_html_(self) -> str:
        from .sidebyside import render_alignment

        return render_alignment(self)

    def edit_counts(self) -> pd.Series:
        """Number of edits per label (every label present, 0 when none)."""
        counts = self.edits["label"].value_counts() if len(self.edits) else pd.Series(dtype=int)
        return counts.reindex(list(EDIT_LABELS), fill_value=0).astype(int)


def align(corpus: pd.DataFrame, a: str, b: str, *, options: AlignOptions | None = None
          ) -> Alignment:
    """Align the sentences and words of documents ``a`` and ``b`` of ``corpus``.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus frame (:func:`corpus_tools.load_corpus`).
    a, b : str
        Two ``doc_id`` values of ``corpus``.
    options : AlignOptions, optional
        Matching thresholds; the defaults are documented on
        :class:`AlignOptions`.

    Returns
    -------
    Alignment
        Aligned sentences, labelled word edits and quote matches. Empty
        documents give empty tables (every sentence of the other side is
        ``"only a"``/``"only b"``).

    Raises
    ------
    CorpusError
        ``a`` or ``b`` is not a ``doc_id`` of ``corpus``.

    Examples
    --------
    >>> from corpus_tools import corpus_from_texts
    >>> c = corpus_from_texts({"x": "The fierce battle went on.",
    ...                        "y": "The bloody battle went on."})
    >>> align(c, "x", "y").edits.query("label != 'identical'")[["a_word", "b_word", "label"]]
    ... # doctest: +NORMALIZE_WHITESPACE
      a_word b_word         label
    1 fierce bloody  synonym swap
    """
    check_corpus(corpus, caller="align()")
    for d in (a, b):
        if d not in corpus.index:
            raise CorpusError(f"align(): doc_id {d!r} is not in the corpus "
                              f"(index 'doc_id' has {len(corpus)} documents)")
    fa = doc_features(str(a), corpus.at[a, "text"])
    fb = doc_features(str(b), corpus.at[b, "text"])
    return align_features(fa, fb, options=options)


# --- sentence similarity ------------------------------------------------------

def sentence_matrix(fa: DocFeatures, fb: DocFeatures) -> np.ndarray:
    """Weighted Dice similarity (0-1) of every sentence of ``fa`` with every one of ``fb``.

    Words are weighted by :func:`corpus_tools.similarity.word_weight`
    (stop words 0.3, rare words up to 4); each word counts once per sentence.
    Equal to :func:`corpus_tools.similarity.weighted_dice` of the sentences'
    word sets, for all pairs at once.
    """
    wa, wb = fa.sent_weights, fb.sent_weights
    if wa is None or wb is None or wa.shape[0] == 0 or wb.shape[0] == 0:
        return np.zeros((len(fa.sent_words), len(fb.sent_words)))
    # compact the hashed columns to the pair's own vocabulary, then dense products
    cols, inv = np.unique(np.concatenate([wa.indices, wb.indices]), return_inverse=True)
    n, m, u = wa.shape[0], wb.shape[0], len(cols)
    dense_a = np.zeros((n, u))
    dense_a[np.repeat(np.arange(n), np.diff(wa.indptr)), inv[:len(wa.indices)]] = wa.data
    binary_b = np.zeros((m, u))
    binary_b[np.repeat(np.arange(m), np.diff(wb.indptr)), inv[len(wa.indices):]] = 1.0
    inter = dense_a @ binary_b.T
    size_a = dense_a.sum(axis=1)
    size_b = np.bincount(np.repeat(np.arange(m), np.diff(wb.indptr)), weights=wb.data,
                         minlength=m)
    denom = size_a[:, None] + size_b[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denom > 0, 2.0 * inter / denom, 0.0)


def _monotone_matches(sim: list[list[float]], tau: float) -> list[tuple[int, int]]:
    """Order-preserving one-to-one matching maximising the summed excess similarity.

    ``sim[i][j]`` is the similarity of sentence ``i`` of one document and
    ``j`` of the other; pairs below ``tau`` never match. Returns the matched
    ``(i, j)`` in order (dynamic programming, as for a longest common
    subsequence).
    """
    n = len(sim)
    m = len(sim[0]) if n else 0
    if not n or not m:
        return []
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev, s_row = score[i], score[i - 1], sim[i - 1]
        for j in range(1, m + 1):
            best = prev[j] if prev[j] > row[j - 1] else row[j - 1]
            s = s_row[j - 1]
            if s >= tau:
                cand = prev[j - 1] + (s - tau) + 1e-6
                if cand > best:
                    best = cand
            row[j] = best
    out = []
    i, j = n, m
    while i > 0 and j > 0:
        s = sim[i - 1][j - 1]
        if s >= tau and abs(score[i][j] - (score[i - 1][j - 1] + (s - tau) + 1e-6)) < 1e-9:
            out.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i - 1][j] >= score[i][j - 1]:
            i -= 1
        else:
            j -= 1
    out.reverse()
    return out


def _sparse_dice(fa: DocFeatures, fb: DocFeatures, tau: float, block: int = 512):
    """(i, j, weighted Dice) of the sentence pairs at or above ``tau``, without a dense matrix.

    The same values as :func:`sentence_matrix`, a block of ``fa``'s sentences at a time
    (sparse products over the hashed word columns), so memory stays at one block.
    """
    wa, wb = fa.sent_weights, fb.sent_weights
    binary_b = wb.copy()
    binary_b.data[:] = 1.0
    right = binary_b.T.tocsc()
    size_a = np.asarray(wa.sum(axis=1)).ravel()
    size_b = np.asarray(wb.sum(axis=1)).ravel()
    out_i, out_j, out_s = [], [], []
    for lo in range(0, wa.shape[0], block):
        inter = (wa[lo:lo + block] @ right).tocoo()
        rows = inter.row + lo
        denom = size_a[rows] + size_b[inter.col]
        dice = np.where(denom > 0, 2.0 * inter.data / np.where(denom > 0, denom, 1.0), 0.0)
        keep = dice >= tau
        out_i.append(rows[keep])
        out_j.append(inter.col[keep])
        out_s.append(dice[keep])
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def _sparse_chain(fa: DocFeatures, fb: DocFeatures, tau: float) -> dict[tuple[int, int], float]:
    """The order-preserving one-to-one matching of :func:`_monotone_matches` (the same total
    excess similarity), for long documents: a weighted longest increasing subsequence over the
    pairs at or above ``tau`` (Fenwick tree of best chain values over ``b``'s sentences)."""
    ci, cj, cs = _sparse_dice(fa, fb, tau)
    order = np.lexsort((-cj, ci))  # by a's sentence, and b's descending within it
    m = len(fb.sent_words)
    tree_val = [0.0] * (m + 1)
    tree_arg = [-1] * (m + 1)
    best, back = [], []
    for k in order.tolist():
        j, w = int(cj[k]), float(cs[k]) - tau + 1e-6
        value, arg, x = 0.0, -1, j  # best chain ending at a b-sentence before j
        while x > 0:
            if tree_val[x] > value:
                value, arg = tree_val[x], tree_arg[x]
            x -= x & -x
        best.append(value + w)
        back.append(arg)
        node, x = len(best) - 1, j + 1
        while x <= m:
            if best[node] > tree_val[x]:
                tree_val[x], tree_arg[x] = best[node], node
            x += x & -x
    chain = []
    node = max(range(len(best)), key=best.__getitem__) if best else -1
    sorted_k = order.tolist()
    while node >= 0:
        k = sorted_k[node]
        chain.append(((int(ci[k]), int(cj[k])), float(cs[k])))
        node = back[node]
    return dict(reversed(chain))


def _group_words(f: DocFeatures, sents) -> tuple[str, ...]:
    return tuple(w for k in sents for w in f.sent_words[k])


def sentence_vectors(f: DocFeatures) -> np.ndarray:
    """Unit meaning vectors of the sentences of ``f`` (:class:`corpus_tools.embed.SentenceEncoder`;
    cached per process, so a document met in many pairs is embedded once)."""
    from ..embed import SentenceEncoder

    return SentenceEncoder().encode([f.text[sp.start:sp.end] for sp in f.spans])


def sentence_cosines(fa: DocFeatures, fb: DocFeatures) -> np.ndarray:
    """Cosine (meaning) similarity of every sentence of ``fa`` with every one of ``fb``."""
    return _cosines(sentence_vectors(fa), sentence_vectors(fb))


def _cosines(va: np.ndarray, vb: np.ndarray) -> np.ndarray:
    # float32 products: rounded to 6 decimals, so the same sentence gives exactly 1
    return np.clip(np.round((va @ vb.T).astype(np.float64), 6), -1.0, 1.0)


class _Meaning(NamedTuple):
    """The sentence vectors of a pair and the share of meaning in the similarity."""

    va: np.ndarray
    vb: np.ndarray
    weight: float


def _group_vector(f: DocFeatures, vectors: np.ndarray, sents) -> np.ndarray:
    """The meaning vector of several sentences: their vectors weighted by their words, summed
    (a sentence vector is a normalised sum of token vectors, so this approximates the vector
    of the sentences' joined text without embedding it again)."""
    return sum(len(f.sent_words[k]) * vectors[k] for k in sents)


def _group_similarity(fa: DocFeatures, fb: DocFeatures, a_s, b_s,
                      meaning: _Meaning | None) -> float:
    """The similarity of two groups of sentences (their words, and their meaning vectors)."""
    s = sentence_similarity(_group_words(fa, a_s), _group_words(fb, b_s))
    if meaning is None:
        return s
    va = _group_vector(fa, meaning.va, a_s)
    vb = _group_vector(fb, meaning.vb, b_s)
    norm = float(np.linalg.norm(va) * np.linalg.norm(vb))
    cos = min(1.0, round(float(va @ vb) / norm, 6)) if norm else 0.0
    return (1 - meaning.weight) * s + meaning.weight * cos


def _grow(group: AlignedGroup, side: str, fa: DocFeatures, fb: DocFeatures, used: set,
          gain: float, meaning: _Meaning | None = None) -> AlignedGroup:
    """``group`` with a neighbouring unused sentence of ``side`` joined, when that raises
    its similarity by ``gain`` (the next sentence is tried first, then the previous)."""
    idx = list(group.b_sents if side == "b" else group.a_sents)
    n_side = len((fb if side == "b" else fa).sent_words)
    for cand in (idx[-1] + 1, idx[0] - 1):
        if 0 <= cand < n_side and cand not in used:
            new = tuple(sorted(idx + [cand]))
            a_s, b_s = (group.a_sents, new) if side == "b" else (new, group.b_sents)
            s = _group_similarity(fa, fb, a_s, b_s, meaning)
            if s >= group.similarity + gain:
                used.add(cand)
                return AlignedGroup(a_s, b_s, s)
    return group


def align_groups(fa: DocFeatures, fb: DocFeatures, *, options: AlignOptions | None = None
                 ) -> list[AlignedGroup]:
    """The aligned sentence groups of two documents, in order.

    Candidates come from the fast weighted-Dice matrix (threshold
    ``prefilter_share * min_similarity``) matched in order; a pair is kept
    when its combined similarity (Dice and sequence ratio) reaches
    ``min_similarity``. Then an unmatched neighbour joins a pair (on the
    ``b`` side first, else on the ``a`` side) when that raises its
    similarity by ``merge_gain``.
    """
    opt = options or AlignOptions()
    if not fa.sent_words or not fb.sent_words:
        return []
    tau = opt.prefilter_share * opt.min_similarity
    w = opt.semantic_weight
    if len(fa.sent_words) * len(fb.sent_words) > opt.max_dense_cells:
        w = 0.0
        chain = _sparse_chain(fa, fb, tau)
        dice = cos = meaning = None
    else:
        dice = sentence_matrix(fa, fb)
        meaning = _Meaning(sentence_vectors(fa), sentence_vectors(fb), w) if w else None
        cos = _cosines(meaning.va, meaning.vb) if w else None
        pre = dice if not w else (1 - w) * dice + w * cos
        chain = dict.fromkeys(_monotone_matches(pre.tolist(), tau))
    groups = []
    for i, j in chain:
        d = chain[(i, j)] if dice is None else float(dice[i, j])
        s = 0.5 * (d + sequence_ratio(fa.sent_words[i], fb.sent_words[j]))
        if w:
            s = (1 - w) * s + w * float(cos[i, j])
        if s >= opt.min_similarity:
            groups.append(AlignedGroup((i,), (j,), s))
    used_a = {i for g in groups for i in g.a_sents}
    used_b = {j for g in groups for j in g.b_sents}
    out = []
    for g in groups:
        g = _grow(g, "b", fa, fb, used_b, opt.merge_gain, meaning)
        if len(g.a_sents) + len(g.b_sents) <= 2:
            g = _grow(g, "a", fa, fb, used_a, opt.merge_gain, meaning)
        out.append(AlignedGroup(g.a_sents, g.b_sents, float(g.similarity)))
    return out


# --- word edits -----------------------------------------------------------------

#: Edit distance of a typo: one letter in words of 3-4 letters, two in longer ones.
TYPO_MAX_EDITS = {3: 1, 4: 1}
TYPO_MAX_EDITS_LONG = 2
#: Two spellings this far apart on the Zipf scale, one of them without a lemma,
#: are a typo and its correction rather than two words ("departd" 0 vs "departed" 4).
TYPO_MIN_ZIPF_GAP = 2.5


def _levenshtein(x: str, y: str, limit: int = 2) -> int:
    """Edit distance of ``x`` and ``y``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(x) - len(y)) > limit:
        return limit + 1
    prev = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        cur = [i] + [0] * len(y)
        for j, cy in enumerate(y, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cx != cy))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def classify_pair(x: str, y: str) -> tuple[str, str]:
    """Label the replacement of normalised word ``x`` (side a) by ``y`` (side b).

    Returns ``(label, base_side)``; ``base_side`` is ``"a"`` or ``"b"`` for a
    lost inflection (the side holding the base form), else ``""``.

    >>> classify_pair("compared", "compare")
    ('lost inflection', 'b')
    >>> classify_pair("departed", "departd")
    ('typo', '')
    """
    if x == y:
        return "identical", ""
    if x[:1].isdigit() or y[:1].isdigit():
        return "changed number", ""
    if x.isalpha() and y.isalpha():
        (lx, x_base), (ly, y_base) = lemmas(x), lemmas(y)
        shorter = min(len(x), len(y))
        if shorter >= 3 and _levenshtein(x, y) <= TYPO_MAX_EDITS.get(shorter,
                                                                    TYPO_MAX_EDITS_LONG):
            zx, zy = zipf(x), zipf(y)
            if (zx == 0.0) != (zy == 0.0):
                return "typo", ""
            if abs(zx - zy) >= TYPO_MIN_ZIPF_GAP and (not lx or not ly) and not (lx & ly):
                return "typo", ""
        if lx and ly and (lx & ly):
            if y_base and not x_base:
                return "lost inflection", "b"
            if x_base and not y_base:
                return "lost inflection", "a"
            return "inflection change", ""
    return "synonym swap", ""


def _mark_reordered(rows: list[WordEdit]) -> list[WordEdit]:
    """Relabel a word deleted in one place and inserted in another as ``reordered`` (both rows)."""
    deleted: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        if r.label == "deleted":
            deleted.setdefault(r.a_word.lower(), []).append(k)
    if not deleted:
        return rows
    for k, r in enumerate(rows):
        if r.label == "inserted":
            waiting = deleted.get(r.b_word.lower())
            if waiting:
                d = waiting.pop()
                rows[d] = rows[d]._replace(label="reordered")
                rows[k] = r._replace(label="reordered")
    return rows


def word_edits(fa: DocFeatures, fb: DocFeatures, group: AlignedGroup, pair: int, *,
               identical_rows: bool = True) -> list[WordEdit]:
    """The labelled word edits of one aligned group (row ``pair`` of the sentence table).

    Words are compared in order (:class:`difflib.SequenceMatcher` opcodes):
    equal runs are ``identical`` (left out with ``identical_rows=False``),
    replaced runs of equal length are labelled word by word
    (:func:`classify_pair`), short uneven runs (up to three words a side) as
    one phrase swap (or a typo when one letter apart once joined: "who
    reportedly" vs "whoreportedly"), longer ones word by word with the rest
    deleted or inserted.
    """
    ta = [t for k in group.a_sents for t in fa.sent_tokens[k]]
    tb = [t for k in group.b_sents for t in fb.sent_tokens[k]]
    wa = _group_words(fa, group.a_sents)
    wb = _group_words(fb, group.b_sents)
    rows: list[WordEdit] = []
    nan = float("nan")

    def add(label, i=None, i2=None, j=None, j2=None, base=""):
        on_a, on_b = i is not None, j is not None
        rows.append(WordEdit(
            pair, label,
            " ".join(t.text for t in ta[i:i2]) if on_a else "",
            " ".join(t.text for t in tb[j:j2]) if on_b else "",
            ta[i].start if on_a else -1, ta[i2 - 1].end if on_a else -1,
            tb[j].start if on_b else -1, tb[j2 - 1].end if on_b else -1,
            zipf(wa[i]) if on_a and i2 - i == 1 else nan,
            zipf(wb[j]) if on_b and j2 - j == 1 else nan, base))

    def word_by_word(i1, j1, n):
        for d in range(n):
            label, base = classify_pair(wa[i1 + d], wb[j1 + d])
            add(label, i1 + d, i1 + d + 1, j1 + d, j1 + d + 1, base)

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        n, m = i2 - i1, j2 - j1
        if op == "equal":
            if identical_rows:
                for d in range(n):
                    add("identical", i1 + d, i1 + d + 1, j1 + d, j1 + d + 1)
        elif op == "delete" or op == "insert" or n != m and (n > 3 or m > 3):
            k = min(n, m)
            word_by_word(i1, j1, k)
            for d in range(k, n):
                add("deleted", i1 + d, i1 + d + 1)
            for d in range(k, m):
                add("inserted", j=j1 + d, j2=j1 + d + 1)
        elif n == m:
            word_by_word(i1, j1, n)
        else:
            joined_a, joined_b = "".join(wa[i1:i2]), "".join(wb[j1:j2])
            add("typo" if _levenshtein(joined_a, joined_b) <= 1 else "synonym swap",
                i1, i2, j1, j2)
    return _mark_reordered(rows)


# --- the alignment of a pair -----------------------------------------------------

class AlignmentRecords(NamedTuple):
    """An alignment as lists of records (what :class:`Alignment` holds as DataFrames)."""

    sentences: list[SentencePair]
    edits: list[WordEdit]
    quotes: list[QuoteMatch]


def align_features(fa: DocFeatures, fb: DocFeatures, *, options: AlignOptions | None = None,
                   with_quotes: bool = True) -> Alignment:
    """:func:`align` for documents already turned into :class:`DocFeatures`."""
    groups = align_groups(fa, fb, options=options)
    rec = align_records(fa, fb, groups, with_quotes=with_quotes)
    return Alignment(fa.doc_id, fb.doc_id, fa.text, fb.text,
                     pd.DataFrame(rec.sentences, columns=SENTENCE_COLUMNS),
                     pd.DataFrame(rec.edits, columns=EDIT_COLUMNS),
                     pd.DataFrame(rec.quotes, columns=QUOTE_MATCH_COLUMNS), fa.spans, fb.spans)


def _unmatched(f: DocFeatures, side: str, k: int) -> SentencePair:
    s = f.spans[k]
    txt = f.text[s.start:s.end]
    nan = float("nan")
    if side == "a":
        return SentencePair((k,), (), "only a", nan, False, s.start, s.end, -1, -1, txt, "")
    return SentencePair((), (k,), "only b", nan, False, -1, -1, s.start, s.end, "", txt)


def sentence_pairs(fa: DocFeatures, fb: DocFeatures, groups: list[AlignedGroup]
                   ) -> list[SentencePair]:
    """The sentence table in reading order: each group preceded by the unmatched sentences
    of either side that come before it, the remaining unmatched sentences last."""
    rows: list[SentencePair] = []
    matched_a = {i for g in groups for i in g.a_sents}
    matched_b = {j for g in groups for j in g.b_sents}
    ia = ib = 0
    for g in groups:
        rows.extend(_unmatched(fa, "a", k) for k in range(ia, g.a_sents[0]) if k not in matched_a)
        rows.extend(_unmatched(fb, "b", k) for k in range(ib, g.b_sents[0]) if k not in matched_b)
        ia, ib = g.a_sents[-1] + 1, g.b_sents[-1] + 1
        a0, a1 = fa.spans[g.a_sents[0]].start, fa.spans[g.a_sents[-1]].end
        b0, b1 = fb.spans[g.b_sents[0]].start, fb.spans[g.b_sents[-1]].end
        same = _group_words(fa, g.a_sents) == _group_words(fb, g.b_sents)
        rows.append(SentencePair(g.a_sents, g.b_sents, f"{len(g.a_sents)}-{len(g.b_sents)}",
                                 g.similarity, same, a0, a1, b0, b1, fa.text[a0:a1],
                                 fb.text[b0:b1]))
    rows.extend(_unmatched(fa, "a", k) for k in range(ia, len(fa.spans)) if k not in matched_a)
    rows.extend(_unmatched(fb, "b", k) for k in range(ib, len(fb.spans)) if k not in matched_b)
    return rows


def align_records(fa: DocFeatures, fb: DocFeatures, groups: list[AlignedGroup], *,
                  with_quotes: bool = True, with_edits: bool = True,
                  identical_rows: bool = True) -> AlignmentRecords:
    """Sentences, word edits and quote matches of an aligned pair, as records.

    The fast path of :func:`corpus_tools.rewrites.find_rewrites`, which never
    builds DataFrames per pair; with ``identical_rows=False`` the (many)
    ``identical`` edit rows, and groups whose words are all identical, are
    left out.
    """
    sentences = sentence_pairs(fa, fb, groups)
    edits: list[WordEdit] = []
    if with_edits:
        for pair, row in enumerate(sentences):
            if row.aligned and (identical_rows or not row.identical):
                edits.extend(word_edits(fa, fb, AlignedGroup(row.a_sents, row.b_sents,
                                                             row.similarity), pair,
                                        identical_rows=identical_rows))
    quotes = match_quote_records(fa.text, fb.text, sentences) if with_quotes else []
    return AlignmentRecords(sentences, edits, quotes)
