"""How varied is the vocabulary? Type-token ratio, MATTR and MTLD for many documents at once."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .options import ReadabilityOptions

__all__ = ["diversity_batch", "diversity", "DIVERSITY_COLUMNS"]

DIVERSITY_COLUMNS = ["type_token_ratio", "mattr", "mtld"]


# --- lexical diversity -----------------------------------------------------------
#
# Many documents at once: ``ids`` holds their words one document after the
# other, document ``d`` being ``ids[starts[d]:stops[d]]``; positions are
# positions in ``ids``.

def _neighbours(ids: np.ndarray, doc: np.ndarray, stops: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """For each position, the previous and next position of the same word in its document.

    -1 when there is no previous one, the document's stop when no next one.
    ``doc`` gives each position's document (non-decreasing).
    """
    key = doc * (int(ids.max(initial=0)) + 1) + ids
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order[1:]] == key[order[:-1]])
    earlier, later = order[same], order[same + 1]
    prev = np.full(len(ids), -1, dtype=np.int64)
    prev[later] = earlier
    nxt = stops[doc]
    nxt[earlier] = later
    return prev, nxt


def _mattr(prev: np.ndarray, doc: np.ndarray, starts: np.ndarray, stops: np.ndarray,
           window: int) -> np.ndarray:
    """Mean type-token ratio over every window of ``window`` words, per document.

    A word at position i is new in the windows starting after its previous
    occurrence and at most i; summing those counts gives the number of
    distinct words over all windows without sliding a window.
    """
    i = np.arange(len(prev))
    lo = np.maximum(np.maximum(prev + 1, i - window + 1), starts[doc])
    hi = np.minimum(i, stops[doc] - window)
    total = np.bincount(doc, weights=np.clip(hi - lo + 1, 0, None), minlength=len(starts))
    n = stops - starts
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n >= window, total / ((n - window + 1) * window), math.nan)


@lru_cache(maxsize=8)
def _ttr_limits(threshold: float, size: int) -> np.ndarray:
    """``limit[k - 1]``: the most distinct words k words can have with TTR <= threshold.

    ``distinct / k <= threshold`` exactly when ``distinct <= limit[k - 1]``
    (the division is monotone in ``distinct``), so MTLD can compare integers.
    """
    k = np.arange(1, size + 1, dtype=np.float64)
    c = np.floor(threshold * k)
    c = np.where((c + 1) / k <= threshold, c + 1, c)
    c = np.where(c / k > threshold, c - 1, c)
    limits = c.astype(np.int64)
    limits.setflags(write=False)
    return limits


_MTLD_SPAN = 128
"""Words looked at, at first, for the end of an MTLD factor (doubled while none is found)."""


def _mtld_pass(prev: np.ndarray, starts: np.ndarray, stops: np.ndarray,
               threshold: float) -> np.ndarray:
    """One MTLD pass per document: words per factor, a factor ending where TTR <= ``threshold``.

    ``prev`` gives the previous position of the same word (below the
    document's start if none). Factors follow one another, so the documents
    go in step: each round finds the end of the current factor of every
    document still going, looking at up to ``span`` words from its start.
    """
    lengths = stops - starts
    limits = _ttr_limits(threshold, 1 << max(10, int(lengths.max(initial=1) - 1).bit_length()))
    factors = np.zeros(len(starts))
    start = starts.copy()
    span = np.full(len(starts), _MTLD_SPAN)
    going = np.flatnonzero(lengths > 0)
    while going.size:
        begin, stop = start[going], stops[going]
        width = np.minimum(span[going], stop - begin)
        # the words of every window side by side: window r is flat[first[r]:first[r] + width[r]]
        first = np.cumsum(width) - width
        row = np.repeat(np.arange(going.size), width)
        k = np.arange(row.size) - first[row]  # words into the factor, minus one
        is_new = prev[begin[row] + k] < begin[row]
        distinct = np.cumsum(is_new)
        distinct -= (distinct[first] - is_new[first])[row]
        closes = np.flatnonzero(distinct <= limits[k])
        closing_row = row[closes]
        earliest = np.ones(closes.size, dtype=bool)
        earliest[1:] = closing_row[1:] != closing_row[:-1]
        closed = np.zeros(going.size, dtype=bool)
        closed[closing_row[earliest]] = True
        factors[going[closed]] += 1
        start[going[closed]] += k[closes[earliest]] + 1
        # no close within the window: at the document's end the rest is a
        # partial factor; otherwise look further next round
        ended = ~closed & (begin + width == stop)
        last = first[ended] + width[ended] - 1
        factors[going[ended]] += (1 - distinct[last] / width[ended]) / (1 - threshold)
        span[going[~closed & ~ended]] *= 2
        going = going[~ended & (start[going] < stop)]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(factors != 0, lengths / factors, math.nan)


def diversity_batch(ids: np.ndarray, bounds: np.ndarray,
                     options: ReadabilityOptions) -> dict[str, np.ndarray]:
    """Lexical diversity of documents as word ids, document d ``ids[bounds[d]:bounds[d + 1]]``."""
    starts, stops = bounds[:-1], bounds[1:]
    n = stops - starts
    doc = np.repeat(np.arange(len(n)), n)
    prev, nxt = _neighbours(ids, doc, stops)
    del ids
    # the documents read backwards: position starts + stops - 1 - i takes position i
    mirror = (starts + stops - 1)[doc]
    backward = mirror - nxt[mirror - np.arange(len(doc))]
    del nxt
    firsts = np.bincount(doc, weights=prev < 0, minlength=len(n))
    mattr = _mattr(prev, doc, starts, stops, int(options.mattr_window))
    # both MTLD passes in one go: the backward texts as more documents after the forward ones
    both = _mtld_pass(np.concatenate([prev, backward + len(prev)]),
                      np.concatenate([starts, starts + len(prev)]),
                      np.concatenate([stops, stops + len(prev)]), options.mtld_threshold)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {"type_token_ratio": np.where(n > 0, firsts / n, math.nan), "mattr": mattr,
                "mtld": (both[:len(n)] + both[len(n):]) / 2}


def diversity(ids: np.ndarray, options: ReadabilityOptions) -> dict[str, float]:
    """Lexical diversity of a document given as a sequence of word ids."""
    ids = np.asarray(ids, dtype=np.int64)
    values = diversity_batch(ids, np.array([0, len(ids)]), options)
    return {name: float(value[0]) for name, value in values.items()}
