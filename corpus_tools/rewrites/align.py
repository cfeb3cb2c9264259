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

import numpy as np
import pandas as pd

from ..corpus import CorpusError, check_corpus
from ..lexicon import lemmas, zipf
from ..similarity import sentence_similarity, sequence_ratio
from .features import DocFeatures, doc_features

__all__ = ["Alignment", "AlignOptions", "align", "align_features", "EDIT_LABELS"]

EDIT_LABELS = ("identical", "synonym swap", "lost inflection", "inflection change", "typo",
               "changed number", "inserted", "deleted", "reordered")

SENTENCE_COLUMNS = ["a_sents", "b_sents", "kind", "similarity", "identical", "a_start", "a_end",
                    "b_start", "b_end", "a_text", "b_text"]
EDIT_COLUMNS = ["pair", "label", "a_word", "b_word", "a_start", "a_end", "b_start", "b_end",
                "zipf_a", "zipf_b", "base_side"]


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
    """

    min_similarity: float = 0.35
    merge_gain: float = 0.05


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
    """Order-preserving one-to-one matching maximising the summed excess similarity."""
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


def align_groups(fa: DocFeatures, fb: DocFeatures, *, options: AlignOptions | None = None
                 ) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Aligned sentence groups ``(a_sents, b_sents, similarity)``, in order.

    Candidates come from the fast weighted-Dice matrix (threshold
    ``0.8 * min_similarity``); a pair is kept when its combined similarity
    (Dice and sequence ratio) reaches ``min_similarity``. Unmatched
    neighbours join a pair when that raises its similarity by
    ``merge_gain``.
    """
    opt = options or AlignOptions()
    if not fa.sent_words or not fb.sent_words:
        return []
    sim = sentence_matrix(fa, fb).tolist()
    matches = _monotone_matches(sim, 0.8 * opt.min_similarity)
    groups = []
    for i, j in matches:
        s = 0.5 * (sim[i][j] + sequence_ratio(fa.sent_words[i], fb.sent_words[j]))
        if s >= opt.min_similarity:
            groups.append([[i], [j], s])
    used_a = {i for g in groups for i in g[0]}
    used_b = {j for g in groups for j in g[1]}

    def words(f, idx):
        return tuple(w for k in idx for w in f.sent_words[k])

    for g in groups:
        for side, f_other, used in ((1, fb, used_b), (0, fa, used_a)):
            if len(g[0]) + len(g[1]) > 2:
                break
            idx = g[side]
            n_side = len(f_other.sent_words)
            for cand in (idx[-1] + 1, idx[0] - 1):
                if 0 <= cand < n_side and cand not in used:
                    new = sorted(idx + [cand])
                    if side == 1:
                        s = sentence_similarity(words(fa, g[0]), words(fb, new))
                    else:
                        s = sentence_similarity(words(fa, new), words(fb, g[1]))
                    if s >= g[2] + opt.merge_gain:
                        g[side] = new
                        g[2] = s
                        used.add(cand)
                        break
    return [(tuple(g[0]), tuple(g[1]), float(g[2])) for g in groups]


# --- word edits -----------------------------------------------------------------

def _levenshtein(x: str, y: str, limit: int = 2) -> int:
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
        if min(len(x), len(y)) >= 3 and _levenshtein(x, y) <= (1 if min(len(x), len(y)) < 5
                                                               else 2):
            zx, zy = zipf(x), zipf(y)
            if (zx == 0.0) != (zy == 0.0):
                return "typo", ""
            if abs(zx - zy) >= 2.5 and (not lx or not ly) and not (lx & ly):
                return "typo", ""
        if lx and ly and (lx & ly):
            if y_base and not x_base:
                return "lost inflection", "b"
            if x_base and not y_base:
                return "lost inflection", "a"
            return "inflection change", ""
    return "synonym swap", ""


def _word_edits(fa: DocFeatures, fb: DocFeatures, ga, gb, pair: int, *,
                identical_rows: bool = True) -> list[tuple]:
    ta = [t for k in ga for t in fa.sent_tokens[k]]
    tb = [t for k in gb for t in fb.sent_tokens[k]]
    wa = [w for k in ga for w in fa.sent_words[k]]
    wb = [w for k in gb for w in fb.sent_words[k]]
    rows: list[list] = []

    def row(label, i=None, j=None, i2=None, j2=None, base=""):
        a_word = " ".join(t.text for t in ta[i:i2]) if i is not None else ""
        b_word = " ".join(t.text for t in tb[j:j2]) if j is not None else ""
        a_start = ta[i].start if i is not None else -1
        a_end = ta[i2 - 1].end if i is not None else -1
        b_start = tb[j].start if j is not None else -1
        b_end = tb[j2 - 1].end if j is not None else -1
        za = zipf(" ".join(wa[i:i2])) if i is not None and i2 - i == 1 else float("nan")
        zb = zipf(" ".join(wb[j:j2])) if j is not None and j2 - j == 1 else float("nan")
        rows.append([pair, label, a_word, b_word, a_start, a_end, b_start, b_end, za, zb, base])

    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            if not identical_rows:
                continue
            for k in range(i2 - i1):
                row("identical", i1 + k, j1 + k, i1 + k + 1, j1 + k + 1)
        elif op == "delete":
            for k in range(i1, i2):
                row("deleted", i=k, i2=k + 1)
        elif op == "insert":
            for k in range(j1, j2):
                row("inserted", j=k, j2=k + 1)
        else:
            n, m = i2 - i1, j2 - j1
            if n == m:
                for k in range(n):
                    label, base = classify_pair(wa[i1 + k], wb[j1 + k])
                    row(label, i1 + k, j1 + k, i1 + k + 1, j1 + k + 1, base)
            elif n <= 3 and m <= 3:
                joined_a, joined_b = "".join(wa[i1:i2]), "".join(wb[j1:j2])
                label = "typo" if _levenshtein(joined_a, joined_b) <= 1 else "synonym swap"
                row(label, i1, j1, i2, j2)
            else:
                k = min(n, m)
                for d in range(k):
                    label, base = classify_pair(wa[i1 + d], wb[j1 + d])
                    row(label, i1 + d, j1 + d, i1 + d + 1, j1 + d + 1, base)
                for d in range(k, n):
                    row("deleted", i=i1 + d, i2=i1 + d + 1)
                for d in range(k, m):
                    row("inserted", j=j1 + d, j2=j1 + d + 1)
    # a word deleted here and inserted there is a reordering
    deleted = {}
    for r in rows:
        if r[1] == "deleted":
            deleted.setdefault(r[2].lower(), []).append(r)
    for r in rows:
        if r[1] == "inserted" and deleted.get(r[3].lower()):
            d = deleted[r[3].lower()].pop()
            d[1] = r[1] = "reordered"
    return rows


def align_features(fa: DocFeatures, fb: DocFeatures, *, options: AlignOptions | None = None,
                   with_quotes: bool = True) -> Alignment:
    """:func:`align` for documents already turned into :class:`DocFeatures`."""
    groups = align_groups(fa, fb, options=options)
    srows, erows, qrows = align_raw(fa, fb, groups, with_quotes=with_quotes)
    from .quotes import QUOTE_MATCH_COLUMNS

    return Alignment(fa.doc_id, fb.doc_id, fa.text, fb.text,
                     pd.DataFrame(srows, columns=SENTENCE_COLUMNS),
                     pd.DataFrame(erows, columns=EDIT_COLUMNS),
                     pd.DataFrame(qrows, columns=QUOTE_MATCH_COLUMNS), fa.spans, fb.spans)


def align_raw(fa: DocFeatures, fb: DocFeatures, groups, *, with_quotes: bool = True,
              with_edits: bool = True, identical_rows: bool = True):
    """Rows (lists, columns as in :class:`Alignment`) of sentences, edits and quotes.

    The fast path of :func:`corpus_tools.rewrites.find_rewrites`, which
    never builds DataFrames per pair; with ``identical_rows=False`` the
    (many) ``identical`` edit rows are left out.
    """
    srows, erows = [], []
    matched_a = {i for g in groups for i in g[0]}
    matched_b = {j for g in groups for j in g[1]}
    # reading order: walk both documents, emitting unmatched sentences before each group
    ia = ib = 0

    def only(side, k):
        f = fa if side == "a" else fb
        s = f.spans[k]
        txt = f.text[s.start:s.end]
        if side == "a":
            srows.append([(k,), (), "only a", float("nan"), False, s.start, s.end, -1, -1, txt, ""])
        else:
            srows.append([(), (k,), "only b", float("nan"), False, -1, -1, s.start, s.end, "", txt])

    for ga, gb, s in groups:
        while ia < ga[0]:
            if ia not in matched_a:
                only("a", ia)
            ia += 1
        while ib < gb[0]:
            if ib not in matched_b:
                only("b", ib)
            ib += 1
        ia, ib = ga[-1] + 1, gb[-1] + 1
        a0, a1 = fa.spans[ga[0]].start, fa.spans[ga[-1]].end
        b0, b1 = fb.spans[gb[0]].start, fb.spans[gb[-1]].end
        same = ([w for k in ga for w in fa.sent_words[k]] ==
                [w for k in gb for w in fb.sent_words[k]])
        pair = len(srows)
        srows.append([ga, gb, f"{len(ga)}-{len(gb)}", s, same, a0, a1, b0, b1,
                      fa.text[a0:a1], fb.text[b0:b1]])
        if with_edits and (identical_rows or not same):
            erows.extend(_word_edits(fa, fb, ga, gb, pair, identical_rows=identical_rows))
    for k in range(ia, len(fa.spans)):
        if k not in matched_a:
            only("a", k)
    for k in range(ib, len(fb.spans)):
        if k not in matched_b:
            only("b", k)
    qrows = []
    if with_quotes:
        from .quotes import match_quotes_raw

        qrows = match_quotes_raw(fa.text, fb.text, srows)
    return srows, erows, qrows
