"""Were the direct quotes kept? Quote extraction and matching across two documents.

A journalist who copies or reports a statement keeps the words inside the
quotation marks; an article spinner rewrites them like any other words (or
drops the marks). :func:`find_quotes` lists the quoted passages of a text
(double quotes, straight or curly, including a closing mark misused as an
opening one) and :func:`match_quotes` pairs the quotes of two texts and says
for each whether its words changed.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from ..segment import words
from ..similarity import containment, sentence_similarity, sequence_ratio, weighted_dice, word_weight

__all__ = ["find_quotes", "match_quotes", "count_quotes", "QUOTE_COLUMNS", "QUOTE_MATCH_COLUMNS",
           "QUOTE_STATUSES"]

QUOTE_COLUMNS = ["start", "end", "quote", "n_words"]
QUOTE_MATCH_COLUMNS = ["status", "quoted_in", "similarity", "a_quote", "b_quote", "a_start",
                       "a_end", "b_start", "b_end", "changed"]
QUOTE_STATUSES = ("kept", "changed", "unquoted", "only a", "only b")

_QUOTE_RE = re.compile(r"""[“"”]([^“”"\n]*?[^\W_][^“”"\n]*?)[”"“]""")


def find_quotes(text: str) -> pd.DataFrame:
    """The passages of ``text`` inside double quotation marks.

    Parameters
    ----------
    text : str

    Returns
    -------
    pandas.DataFrame
        Columns ``start``/``end`` (offsets of the passage without its marks),
        ``quote`` and ``n_words``. Marks are paired left to right within a
        line; an unpaired mark is ignored. Empty text gives an empty frame.

    Examples
    --------
    >>> find_quotes('He said: “We will win,” and left.')["quote"].tolist()
    ['We will win,']
    """
    rows = []
    for m in _QUOTE_RE.finditer(text or ""):
        q = m.group(1)
        rows.append([m.start(1), m.end(1), q, len(words(q))])
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def count_quotes(text: str) -> int:
    """Number of quoted passages in ``text`` (the rows :func:`find_quotes` would give)."""
    return sum(1 for _ in _QUOTE_RE.finditer(text or ""))


def match_quotes(text_a: str, text_b: str, *, sentences: pd.DataFrame | None = None,
                 min_similarity: float = 0.3) -> pd.DataFrame:
    """Pair the quotes of two texts and say whether their words changed.

    Parameters
    ----------
    text_a, text_b : str
    sentences : pandas.DataFrame, optional
        The ``sentences`` table of an :class:`corpus_tools.rewrites.align.Alignment`
        of the two texts; when given, a quote without a counterpart is looked
        for in the aligned sentence of the other text (status ``unquoted``).
    min_similarity : float, default 0.3
        Two quotes match when their similarity (0-1, as for sentences in
        :mod:`corpus_tools.rewrites.align`) reaches this.

    Returns
    -------
    pandas.DataFrame
        One row per quote of either text, in the order of ``text_a`` (then
        quotes only in ``text_b``): ``status`` is ``kept`` (same words),
        ``changed`` (matched, words differ), ``unquoted`` (its words are in
        the aligned sentence of the other text, without quotation marks or
        reworded), ``only a`` / ``only b`` (no counterpart); ``quoted_in``
        (``"both"``, or the side, ``"a"``/``"b"``, whose text has the
        quotation marks); ``similarity`` (NaN without counterpart); both
        passages and their offsets (-1 when absent); ``changed`` (status is
        changed or unquoted).
    """
    srows = None
    if sentences is not None:
        srows = sentences.reindex(columns=["a_sents", "b_sents", "kind", "similarity",
                                           "identical", "a_start", "a_end", "b_start", "b_end",
                                           "a_text", "b_text"]).values.tolist()
    rows = match_quotes_raw(text_a, text_b, srows, min_similarity=min_similarity)
    return pd.DataFrame(rows, columns=QUOTE_MATCH_COLUMNS)


def _quote_list(text: str) -> list[tuple[int, int, str, tuple]]:
    return [(m.start(1), m.end(1), m.group(1), tuple(words(m.group(1), lowercase=True)))
            for m in _QUOTE_RE.finditer(text or "")]


def _prepared(words_: tuple) -> tuple[frozenset, float, Counter]:
    """A quote's word set, its summed weight and its bag of words (for :func:`match_quotes_raw`)."""
    distinct = frozenset(words_)
    return distinct, sum(map(word_weight, distinct)), Counter(words_)


def match_quotes_raw(text_a: str, text_b: str, srows: list | None, *,
                     min_similarity: float = 0.3) -> list[list]:
    """:func:`match_quotes` as a list of rows; ``srows`` are alignment sentence rows."""
    qa, qb = _quote_list(text_a), _quote_list(text_b)
    if not qa and not qb:
        return []
    cand = []
    # The similarity is the mean of a weighted Dice (cheap) and a sequence
    # ratio (difflib, costly), and the ratio is at most the bag-of-words
    # overlap 2|A & B| / (|A| + |B|): a pair whose bound misses the threshold
    # is not compared word by word. The value is that of sentence_similarity.
    prep_b = [_prepared(y[3]) for y in qb]
    for i, x in enumerate(qa):
        sa, wa, bag_a = _prepared(x[3])
        for j, y in enumerate(qb):
            if x[3] == y[3]:
                cand.append((1.0, i, j))
                continue
            sb, wb, bag_b = prep_b[j]
            dice = weighted_dice(sa, sb, wa, wb)
            n = len(x[3]) + len(y[3])
            if not n or 0.5 * (dice + 2.0 * (bag_a & bag_b).total() / n) < min_similarity:
                continue
            s = 0.5 * (dice + sequence_ratio(x[3], y[3]))
            if s >= min_similarity:
                cand.append((s, i, j))
    cand.sort(reverse=True)
    used_a, used_b, rows = set(), set(), []
    for s, i, j in cand:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        status = "kept" if qa[i][3] == qb[j][3] else "changed"
        rows.append([status, "both", s, qa[i][2], qb[j][2], qa[i][0], qa[i][1], qb[j][0],
                     qb[j][1], status == "changed"])
    groups = [r for r in (srows or []) if r[5] >= 0 and r[7] >= 0]

    def other_sentence(side: str, start: int):
        for r in groups:
            lo, hi = (r[5], r[6]) if side == "a" else (r[7], r[8])
            if lo <= start < hi:
                return (r[10], r[7], r[8]) if side == "a" else (r[9], r[5], r[6])
        return None

    for side, q, used in (("a", qa, used_a), ("b", qb, used_b)):
        for i, (start, end, quote, ws) in enumerate(q):
            if i in used:
                continue
            hit = other_sentence(side, start)
            s = float("nan")
            status = f"only {side}"
            o_text, o_start, o_end = "", -1, -1
            if hit is not None and side == "a":
                # an unmatched quote of b inside the aligned sentence: the same quote reworded
                k = next((j for j, y in enumerate(qb) if j not in used_b
                          and hit[1] <= y[0] < hit[2]), None)
                if k is not None:
                    used_b.add(k)
                    y = qb[k]
                    rows.append(["changed", "both", sentence_similarity(ws, y[3]), quote, y[2], start,
                                 end, y[0], y[1], True])
                    continue
            if hit is not None:
                c = containment(ws, tuple(words(hit[0], lowercase=True)))
                if c >= min_similarity:
                    status, s = "unquoted", c
                    o_text, o_start, o_end = hit
            if side == "a":
                rows.append([status, side, s, quote, o_text, start, end, o_start, o_end,
                             status == "unquoted"])
            else:
                rows.append([status, side, s, o_text, quote, o_start, o_end, start, end,
                             status == "unquoted"])
    la = len(text_a or "")
    rows.sort(key=lambda r: r[5] if r[5] >= 0 else la + r[7])
    return rows
