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
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

from ..segment import words
from ..similarity import (containment, sentence_similarity, sequence_ratio, weighted_dice,
                          word_weight)
from .records import QUOTE_MATCH_COLUMNS, SENTENCE_COLUMNS, Quote, QuoteMatch, SentencePair

__all__ = ["find_quotes", "match_quotes", "match_quote_records", "quotes_of", "count_quotes",
           "QUOTE_COLUMNS", "QUOTE_MATCH_COLUMNS", "QUOTE_STATUSES"]

QUOTE_COLUMNS = ["start", "end", "quote", "n_words"]
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
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS).astype(
        {"start": "int64", "end": "int64", "quote": "str", "n_words": "int64"})


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
        Two quotes match when their similarity (0-1,
        :func:`corpus_tools.similarity.sentence_similarity`) reaches this.

    Returns
    -------
    pandas.DataFrame
        One row per quote of either text (columns of
        :class:`~corpus_tools.rewrites.records.QuoteMatch`), in the order of
        ``text_a`` (then quotes only in ``text_b``): ``status`` is ``kept``
        (same words), ``changed`` (matched, words differ), ``unquoted`` (its
        words are in the aligned sentence of the other text, without
        quotation marks or reworded), ``only a`` / ``only b`` (no
        counterpart); ``quoted_in`` (``"both"``, or the side, ``"a"``/``"b"``,
        whose text has the quotation marks); ``similarity`` (NaN without
        counterpart); both passages and their offsets (-1 when absent);
        ``changed`` (status is changed or unquoted).
    """
    pairs = None
    if sentences is not None:
        table = sentences.reindex(columns=SENTENCE_COLUMNS)
        pairs = [SentencePair(*row) for row in table.itertuples(index=False, name=None)]
    rows = match_quote_records(text_a, text_b, pairs, min_similarity=min_similarity)
    return pd.DataFrame(rows, columns=QUOTE_MATCH_COLUMNS)


def quotes_of(text: str) -> list[Quote]:
    """The quoted passages of ``text`` with their normalised words (see :func:`find_quotes`)."""
    return [Quote(m.start(1), m.end(1), m.group(1), tuple(words(m.group(1), lowercase=True)))
            for m in _QUOTE_RE.finditer(text or "")]


class _Prepared(NamedTuple):
    """A quote's word set, its summed weight and its bag of words."""

    distinct: frozenset
    weight: float
    bag: Counter


def _prepared(words_: tuple) -> _Prepared:
    distinct = frozenset(words_)
    return _Prepared(distinct, sum(map(word_weight, distinct)), Counter(words_))


MAX_QUOTE_PAIRS = 250_000
"""Up to this many quote pairs every quote of one text is compared with every quote of the
other; beyond (texts with hundreds of quotes each), only quotes inside one aligned group of
sentences are compared, so the cost grows with the quotes, not their product."""


def _scored_pairs(qa: list[Quote], qb: list[Quote], min_similarity: float,
                  allowed: set[tuple[int, int]] | None = None) -> list[tuple[float, int, int]]:
    """``(similarity, i, j)`` of every quote pair reaching ``min_similarity``, best first.

    The similarity is the mean of a weighted Dice (cheap) and a sequence
    ratio (difflib, costly), and the ratio is at most the bag-of-words
    overlap ``2|A & B| / (|A| + |B|)``: a pair whose bound misses the
    threshold is not compared word by word. The value is that of
    :func:`corpus_tools.similarity.sentence_similarity`.
    """
    found = []
    prep_b = [_prepared(y.words) for y in qb]
    for i, x in enumerate(qa):
        pa = _prepared(x.words)
        for j, y in enumerate(qb):
            if allowed is not None and (i, j) not in allowed:
                continue
            if x.words == y.words:
                found.append((1.0, i, j))
                continue
            pb = prep_b[j]
            dice = weighted_dice(pa.distinct, pb.distinct, pa.weight, pb.weight)
            n = len(x.words) + len(y.words)
            if not n or 0.5 * (dice + 2.0 * (pa.bag & pb.bag).total() / n) < min_similarity:
                continue
            s = 0.5 * (dice + sequence_ratio(x.words, y.words))
            if s >= min_similarity:
                found.append((s, i, j))
    found.sort(reverse=True)
    return found


class _Counterpart(NamedTuple):
    """The aligned sentence of the other text: its text and offsets."""

    text: str
    start: int
    end: int


class _Groups:
    """The aligned groups of an alignment, found by offset (groups are in order on both sides)."""

    def __init__(self, sentences: Sequence[SentencePair] | None) -> None:
        self.rows = [r for r in (sentences or []) if r.a_start >= 0 and r.b_start >= 0]
        self.starts = {"a": [r.a_start for r in self.rows], "b": [r.b_start for r in self.rows]}

    def index(self, side: str, start: int) -> int:
        """The group whose ``side`` sentences hold offset ``start``, or -1."""
        k = bisect_right(self.starts[side], start) - 1
        if k < 0:
            return -1
        r = self.rows[k]
        return k if start < (r.a_end if side == "a" else r.b_end) else -1

    def counterpart(self, side: str, start: int) -> _Counterpart | None:
        """The other side of the aligned group whose ``side`` sentences hold ``start``."""
        k = self.index(side, start)
        if k < 0:
            return None
        r = self.rows[k]
        return (_Counterpart(r.b_text, r.b_start, r.b_end) if side == "a"
                else _Counterpart(r.a_text, r.a_start, r.a_end))

    def same_group_pairs(self, qa: list[Quote], qb: list[Quote]) -> set[tuple[int, int]]:
        """Quote pairs ``(i, j)`` that lie in one aligned group."""
        by_group: dict[int, list[int]] = {}
        for j, y in enumerate(qb):
            by_group.setdefault(self.index("b", y.start), []).append(j)
        return {(i, j) for i, x in enumerate(qa) if (k := self.index("a", x.start)) >= 0
                for j in by_group.get(k, ())}


def _as_match(status: str, side: str, s: float, quote: Quote, other: _Counterpart) -> QuoteMatch:
    """A quote of ``side`` with its (possibly empty) counterpart, as a row."""
    changed = status == "unquoted"
    if side == "a":
        return QuoteMatch(status, side, s, quote.text, other.text, quote.start, quote.end,
                          other.start, other.end, changed)
    return QuoteMatch(status, side, s, other.text, quote.text, other.start, other.end,
                      quote.start, quote.end, changed)


def match_quote_records(text_a: str, text_b: str, sentences: Sequence[SentencePair] | None, *,
                        min_similarity: float = 0.3) -> list[QuoteMatch]:
    """:func:`match_quotes` as records; ``sentences`` is an alignment's sentence table."""
    qa, qb = quotes_of(text_a), quotes_of(text_b)
    if not qa and not qb:
        return []
    groups = _Groups(sentences)
    allowed = (groups.same_group_pairs(qa, qb) if len(qa) * len(qb) > MAX_QUOTE_PAIRS
               else None)
    used_a, used_b, rows = set(), set(), []
    for s, i, j in _scored_pairs(qa, qb, min_similarity, allowed):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        status = "kept" if qa[i].words == qb[j].words else "changed"
        rows.append(QuoteMatch(status, "both", s, qa[i].text, qb[j].text, qa[i].start,
                               qa[i].end, qb[j].start, qb[j].end, status == "changed"))
    b_starts = [y.start for y in qb]
    none = _Counterpart("", -1, -1)
    for side, quotes, used in (("a", qa, used_a), ("b", qb, used_b)):
        for i, quote in enumerate(quotes):
            if i in used:
                continue
            hit = groups.counterpart(side, quote.start)
            if hit is not None and side == "a":
                # an unmatched quote of b inside the aligned sentence: the same quote reworded
                k = next((j for j in range(bisect_left(b_starts, hit.start),
                                           bisect_left(b_starts, hit.end))
                          if j not in used_b), None)
                if k is not None:
                    used_b.add(k)
                    y = qb[k]
                    rows.append(QuoteMatch("changed", "both",
                                           sentence_similarity(quote.words, y.words), quote.text,
                                           y.text, quote.start, quote.end, y.start, y.end, True))
                    continue
            c = containment(quote.words, words(hit.text, lowercase=True)) if hit else 0.0
            if hit is not None and c >= min_similarity:
                rows.append(_as_match("unquoted", side, c, quote, hit))
            else:
                rows.append(_as_match(f"only {side}", side, float("nan"), quote, none))
    la = len(text_a or "")
    rows.sort(key=lambda r: r.a_start if r.a_start >= 0 else la + r.b_start)
    return rows
